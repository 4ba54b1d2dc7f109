"""The vector engine's month, compiled with numba: partner events, the villages' step
and the quarterly assessment for every replicate and village of a ``VectorEngine``.

A month touches every project a few times (partner event, takings, failure draw,
payment to its owners, assessment); written as whole-array numpy steps that is some
forty passes over the (replicate, village) arrays and many gathers per month. Here it
is one loop per replicate over its villages, in the order the Mesa agents act
(``model.model.CollectiveEconomyModel.step``): partners, then villages in roster order,
then the quarterly assessment. The takings come from the business-model functions
themselves (``model.business_models``, compiled as they are) and the random numbers
from ``model.random_streams`` (the same ufuncs), so the engines agree number for
number; ``tests/test_parity.py`` holds them to it.

The county's decisions (rollout, selection) and the year's accounts stay in numpy in
``model.vector``: they run once a year, or on the few villages the monthly inspection
sends back to the county; only the pool's first-come allocation, a sequential loop, is
compiled here too (``reserve_in_order``).
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
from numba import njit

from model import business_models as bm
from model.business_models import MODEL_INDEX, QUIET_MONTHS
from model.random_streams import counter, unit

START_YEAR = 2019
SOLAR, CLUSTER, IDLE, SHOP, INVESTOR, EQUITY, COOP, WORKSHOP = (
    MODEL_INDEX[c] for c in ("solar", "cluster", "idle_assets", "town_shop", "attract_investor",
                             "enterprise_equity", "cooperative", "workshop"))
END_REASONS = ("", "failed", "partner default", "no investor came", "closed: no income",
               "closed: loss over the year")
FAILED, DEFAULT, NO_INVESTOR, CLOSED_NO_INCOME, CLOSED_LOSS = range(1, 6)

# Projects, stored at their lead village: arrays (replicates, villages).
Leads = namedtuple("Leads", [
    "code", "active", "operating", "capital", "quality", "hazard", "pscenic", "operating_t",
    "last_income_t", "income_year", "income_total", "pid",
    "occupied", "arrived", "present", "pays",  # partners' state: shop tenant, investor, factory, dividend
    "investor_rate", "workshop_rate"])         # monthly arrival chances (first secretary's contacts)
# Villages as owners of a share in a project: arrays (replicates, villages), and the
# villages' fixed attributes: arrays (villages,).
Owners = namedtuple("Owners", ["owner", "share", "fund", "pincome", "preceipts", "poor_jobs",
                               "models_bits", "scenic", "workshop_jobs"])
# This month's partner hazards (a default wave changes them by year), as monthly chances.
Rates = namedtuple("Rates", ["equity_default", "workshop_leave", "shop_vacate", "shop_refill",
                             "pv_late_share"])
# Ended projects' columns of the project table, indexed by project id.
Ledger = namedtuple("Ledger", ["failed_t", "end_reason", "income_yuan"])
# Late payments (PV subsidy arrears): (months of delay + 1, replicates, villages), a ring by
# month due; "active" ones are a running project's, "old" ones an ended project's.
Pending = namedtuple("Pending", ["active", "old"])


@njit(cache=True)
def _uniform(stream_key, key, village):
    return unit(counter(key, 0, village, 0), stream_key)


@njit(cache=True)
def run_month(t, n_months, p, rates, L, W, ledger, pending, price_factor, keys,
              income_by_model, failed_this_year):
    """Advance every replicate by month ``t`` (0 = January 2019).

    ``keys``: stream keys (replicates, 3) for partner, failure and dividend draws.
    ``income_by_model`` (replicates, 8) and ``failed_this_year`` (replicates,) add up the
    year's takings by model and the projects ended.
    """
    R, V = L.code.shape
    year, month = START_YEAR + t // 12, t % 12 + 1
    ending = np.zeros(V, np.bool_)
    recovered = np.zeros(V)
    amount = np.zeros(V)
    receipts = np.zeros(V)
    for r in range(R):
        _partner_events(r, t, year, month, n_months, p, rates, L, W, ledger, pending, keys,
                        failed_this_year, ending, recovered)
        _villages_step(r, t, year, month, n_months, p, rates, L, W, ledger, pending,
                       price_factor, keys, income_by_model, failed_this_year, ending, recovered,
                       amount, receipts)
        if month % 3 == 0:
            _assess(r, t, month, n_months, p, L, W, ledger, pending, failed_this_year, ending,
                    recovered)
    if month == 12:
        L.income_year[:] = 0.0


@njit(cache=True)
def _partner_events(r, t, year, month, n_months, p, rates, L, W, ledger, pending, keys,
                    failed_this_year, ending, recovered):
    """Enterprises pay or default, investors come or are given up, factories come and go:
    projects operating before this month's village step, one ``partner`` draw each."""
    any_ended = False
    for v in range(L.code.shape[1]):
        if not (L.active[r, v] and L.operating[r, v]):
            continue
        code = L.code[r, v]
        if code != EQUITY and code != INVESTOR and code != WORKSHOP:
            continue
        u = _uniform(keys[r, 0], t, v)
        if code == EQUITY:
            if month == 12:
                L.pays[r, v] = _uniform(keys[r, 2], year, v) >= p.models.enterprise_equity.skip_per_year
            if u < rates.equity_default:
                recovered[v] = L.capital[r, v] * p.models.enterprise_equity.recovery_share
                _end(r, v, t, t, DEFAULT, n_months, L, ledger, pending, failed_this_year, ending)
                any_ended = True
        elif code == INVESTOR:
            if L.arrived[r, v]:
                continue
            if u < L.investor_rate[r, v]:
                L.arrived[r, v] = True
            elif t - L.operating_t[r, v] + 1 >= p.models.attract_investor.give_up_months:
                _end(r, v, t, t, NO_INVESTOR, n_months, L, ledger, pending, failed_this_year, ending)
                any_ended = True
        elif L.present[r, v]:
            L.present[r, v] = not (u < rates.workshop_leave)
        else:
            L.present[r, v] = u < L.workshop_rate[r, v]
    if any_ended:
        _release_owners(r, W, ending, recovered)


@njit(cache=True)
def _villages_step(r, t, year, month, n_months, p, rates, L, W, ledger, pending, price_factor,
                   keys, income_by_model, failed_this_year, ending, recovered, amount, receipts):
    """Late payments fall due, building projects open, operating ones take in the month's
    money and may fail; owners are paid by share and note the models they run."""
    V = L.code.shape[1]
    D = pending.active.shape[0]
    slot = t % D
    late_old = 0.0  # ended projects' late payments go straight to their villages
    for v in range(V):
        due = pending.old[slot, r, v]
        W.pincome[r, v] += due
        W.preceipts[r, v] += due
        late_old += due
        pending.old[slot, r, v] = 0.0
    income_by_model[r, SOLAR] += late_old  # only PV pays late
    any_failed = False
    for v in range(V):  # projects, at their leads
        amount[v] = pending.active[slot, r, v]  # late payments count as takings
        receipts[v] = amount[v]
        pending.active[slot, r, v] = 0.0
        ending[v] = False
        if not L.active[r, v]:
            continue
        if not L.operating[r, v] and t >= L.operating_t[r, v]:
            L.operating[r, v] = True
        if L.operating[r, v]:
            code = L.code[r, v]
            if code == SHOP:  # a tenant leaves or a new one comes
                u = _uniform(keys[r, 0], t, v)
                L.occupied[r, v] = (not u < rates.shop_vacate) if L.occupied[r, v] else u < rates.shop_refill
            elif code == WORKSHOP and L.present[r, v]:
                W.poor_jobs[r, v] += W.workshop_jobs[v]
            net, takings, late = _operate(
                code, L.capital[r, v], L.quality[r, v], W.scenic[v], L.pscenic[r, v],
                (t - L.operating_t[r, v]) / 12.0, year, month, p, rates.pv_late_share,
                price_factor[r], L.occupied[r, v], L.arrived[r, v], L.present[r, v], L.pays[r, v])
            if late != 0.0:  # PV subsidy arrears: paid D - 1 months on
                pending.active[(t + D - 1) % D, r, v] += late
            amount[v] += net
            receipts[v] += takings
            if _uniform(keys[r, 1], t, v) < L.hazard[r, v]:
                ending[v] = True
                any_failed = True
        if amount[v] != 0.0:
            income_by_model[r, L.code[r, v]] += amount[v]
        L.income_year[r, v] += amount[v]
        L.income_total[r, v] += amount[v]
        if receipts[v] > 0.0:
            L.last_income_t[r, v] = t
    for w in range(V):  # owners, in roster order
        lead = W.owner[r, w]
        if lead < 0:
            continue
        W.pincome[r, w] += amount[lead] * W.share[r, w]
        W.preceipts[r, w] += receipts[lead] * W.share[r, w]
        # a cluster member steps after its lead: if the lead's project failed this month,
        # the member no longer sees it
        if not (ending[lead] and lead < w):
            W.models_bits[r, w] |= np.uint16(1 << L.code[r, lead])
    if any_failed:
        for v in range(V):
            if ending[v]:
                _end(r, v, t, t + 1, FAILED, n_months, L, ledger, pending, failed_this_year, ending)
        _release_owners(r, W, ending, recovered)


@njit(cache=True, inline="always")
def _operate(code, capital, quality, scenic, cluster_scenic, age_years, year, month, p,
             pv_late_share, price_factor, occupied, arrived, present, pays):
    """A month of one operating project: (net income, operating receipts before its own
    running costs, PV subsidy to be paid late).

    Scalars only: a call that passed the state arrays would pay for reference counting
    every array, for every project, every month."""
    if code == SOLAR:
        gross, om = bm.solar_month(p, capital, quality, age_years)
        late = gross * pv_late_share
        return gross - late - om, gross - late, late
    if code == CLUSTER:
        net = bm.cluster_month(p, capital, cluster_scenic, quality, year, month)
    elif code == IDLE:
        return (bm.idle_assets_month(p, capital, scenic, quality, year, month),
                bm.idle_assets_revenue_month(p, capital, scenic, quality, year, month), 0.0)
    elif code == SHOP:
        net = bm.town_shop_month(p, capital, quality, occupied)
    elif code == INVESTOR:
        net = bm.attract_investor_month(p, capital, scenic, quality, year, month, arrived)
    elif code == EQUITY:
        net = bm.enterprise_equity_month(p, capital, quality, month, pays)
    elif code == COOP:
        net = bm.cooperative_month(p, capital, quality, month, price_factor)
    else:
        net = bm.workshop_month(p, capital, quality, present)
    return net, net, 0.0


@njit(cache=True)
def _assess(r, t, month, n_months, p, L, W, ledger, pending, failed_this_year, ending, recovered):
    """Quarterly comparison: close projects that have taken in nothing for their quiet
    months; at the year-end assessment, also those that lost money over the year."""
    org = p.organisation
    any_closed = False
    for v in range(L.code.shape[1]):
        if not (L.active[r, v] and L.operating[r, v]):
            continue
        quiet = QUIET_MONTHS[L.code[r, v]]
        last = L.last_income_t[r, v]
        reason = 0
        if (org.quarterly_comparison and L.operating_t[r, v] <= t - quiet + 1
                and (last < 0 or last <= t - quiet)):
            reason = CLOSED_NO_INCOME
        elif (month == 12 and org.year_end_assessment and L.operating_t[r, v] <= t - 11
              and L.income_year[r, v] < 0):
            reason = CLOSED_LOSS
        if reason:
            _end(r, v, t, t + 1, reason, n_months, L, ledger, pending, failed_this_year, ending)
            any_closed = True
    if any_closed:
        _release_owners(r, W, ending, recovered)


@njit(cache=True)
def _end(r, v, t, first_due, reason, n_months, L, ledger, pending, failed_this_year, ending):
    """End the project led at (r, v) in month t; mark it in ``ending`` for its owners.

    Late payments still due count as the project's income if they fall within the run;
    ``first_due`` is this month if it ends before the villages step, else the next."""
    pid = L.pid[r, v]
    ledger.failed_t[pid] = t
    ledger.end_reason[pid] = reason
    D = pending.active.shape[0]
    late = 0.0
    for slot in range(D):
        due = first_due + (slot - first_due) % D
        if due < n_months:
            late += pending.active[slot, r, v]
        pending.old[slot, r, v] += pending.active[slot, r, v]
        pending.active[slot, r, v] = 0.0
    ledger.income_yuan[pid] = L.income_total[r, v] + late
    L.active[r, v] = False
    L.operating[r, v] = False
    failed_this_year[r] += 1
    ending[v] = True


@njit(cache=True)
def _release_owners(r, W, ending, recovered):
    """The owners of the projects marked in ``ending`` lose their share, and get back
    ``recovered`` (what a defaulting partner repays) by share."""
    for w in range(W.owner.shape[1]):
        lead = W.owner[r, w]
        if lead >= 0 and ending[lead]:
            W.fund[r, w] += recovered[lead] * W.share[r, w]
            W.owner[r, w] = -1
    for v in range(W.owner.shape[1]):
        ending[v] = False
        recovered[v] = 0.0


@njit(cache=True)
def reserve_in_order(r, county, grant, extra, pool):
    """Each entrant k (replicate r[k], in roster order) asks its county's ``pool`` (not
    changed here) for ``grant[k]`` and then ``extra[k]``, first come first served: what
    each gets, as the agents' county reserves it."""
    left = pool.copy()
    got_grant, got_extra = np.empty_like(grant), np.empty_like(extra)
    for k in range(len(r)):
        got_grant[k] = min(grant[k], left[r[k], county[k]])
        left[r[k], county[k]] -= got_grant[k]
        got_extra[k] = min(extra[k], left[r[k], county[k]])
        left[r[k], county[k]] -= got_extra[k]
    return got_grant, got_extra
