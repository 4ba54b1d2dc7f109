"""The vector engine's month, compiled with numba: partner events, the villages' step
and the quarterly assessment for every replicate and village of a ``VectorEngine``.

A month touches every project a few times (partner event, takings, failure draw,
payment to its owners, assessment); written as whole-array numpy steps that is some
forty passes over the (replicate, village) arrays and many gathers per month. Here it
is two loops per replicate, over its projects and then over its villages as owners,
with the results of the order the Mesa agents act in
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

from vcsim.model import business_models as bm
from vcsim.model.business_models import MODEL_INDEX, QUIET_MONTHS
from vcsim.model.model import START_YEAR
from vcsim.model.random_streams import counter, unit

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
# The year's partner hazards (a default wave raises them), as monthly chances, and the
# share of PV output paid late (arrears years).
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


# How a project's month ended, for its owners.
RUNNING, ENDED_BY_PARTNER, FAILED_IN_STEP, CLOSED_AT_ASSESSMENT = range(4)


@njit(cache=True)
def run_month(t, n_months, p, rates, L, W, ledger, pending, price_factor, keys,
              income_by_model, failed_this_year):
    """Advance every replicate by month ``t`` (0 = January 2019).

    ``keys``: stream keys (replicates, 3) for partner, failure and dividend draws.
    ``income_by_model`` (replicates, 8) and ``failed_this_year`` (replicates,) add up the
    year's takings by model and the projects ended.

    Two passes per replicate: projects (at their leads), then villages as owners. The
    agents act partners first, then villages, then the assessment; the passes give the
    same results because a project's month touches only its own state until its owners
    are paid.
    """
    R, V = L.code.shape
    status = np.zeros(V, np.int8)
    recovered = np.zeros(V)  # what a defaulting partner repays, by lead
    amount = np.zeros(V)     # net income of the project at each lead this month
    receipts = np.zeros(V)   # its operating receipts
    for r in range(R):
        _projects_pass(r, t, n_months, p, rates, L, W, ledger, pending, price_factor, keys,
                       income_by_model, failed_this_year, status, recovered, amount, receipts)
        _owners_pass(r, t % pending.active.shape[0], L, W, pending, income_by_model, status,
                     recovered, amount, receipts)


@njit(cache=True)
def _projects_pass(r, t, n_months, p, rates, L, W, ledger, pending, price_factor, keys,
                   income_by_model, failed_this_year, status, recovered, amount, receipts):
    """Each project of replicate r: the partner event, the month's takings and failure
    draw, the quarterly assessment; its ``status``, ``amount`` and ``receipts`` for the
    owners. (One loop, scalar helpers: a call per project that passed the state arrays
    would pay for reference counting every array.)"""
    year, month = START_YEAR + t // 12, t % 12 + 1
    D = pending.active.shape[0]
    slot = t % D  # late payments falling due this month
    ent = p.models.enterprise_equity
    for v in range(L.code.shape[1]):
        status[v] = RUNNING
        recovered[v] = 0.0
        code = L.code[r, v]
        # partners (projects operating before this month): enterprises pay or default,
        # an investor comes or is given up, factories come and go; one draw each
        waiting = code == INVESTOR and not L.arrived[r, v]
        if L.active[r, v] and L.operating[r, v] and (code == EQUITY or code == WORKSHOP or waiting):
            u = _uniform(keys[r, 0], t, v)
            if code == EQUITY:
                if month == 12:
                    L.pays[r, v] = _uniform(keys[r, 2], year, v) >= ent.skip_per_year
                if u < rates.equity_default:
                    recovered[v] = L.capital[r, v] * ent.recovery_share
                    status[v] = ENDED_BY_PARTNER
                    _end(r, v, t, t, DEFAULT, n_months, L, ledger, pending, failed_this_year)
            elif waiting:
                if u < L.investor_rate[r, v]:
                    L.arrived[r, v] = True
                elif t - L.operating_t[r, v] + 1 >= p.models.attract_investor.give_up_months:
                    status[v] = ENDED_BY_PARTNER
                    _end(r, v, t, t, NO_INVESTOR, n_months, L, ledger, pending, failed_this_year)
            elif L.present[r, v]:
                L.present[r, v] = not (u < rates.workshop_leave)
            else:
                L.present[r, v] = u < L.workshop_rate[r, v]
        # the project's month: late payments count as its takings
        amount[v] = pending.active[slot, r, v]
        receipts[v] = amount[v]
        pending.active[slot, r, v] = 0.0
        if L.active[r, v]:
            if not L.operating[r, v] and t >= L.operating_t[r, v]:
                L.operating[r, v] = True
            if L.operating[r, v]:
                if code == SHOP:  # a tenant leaves or a new one comes
                    u = _uniform(keys[r, 0], t, v)
                    L.occupied[r, v] = ((not u < rates.shop_vacate) if L.occupied[r, v]
                                        else u < rates.shop_refill)
                elif code == WORKSHOP and L.present[r, v]:
                    W.poor_jobs[r, v] += W.workshop_jobs[v]
                net, takings, late = _operate(
                    code, L.capital[r, v], L.quality[r, v], W.scenic[v], L.pscenic[r, v],
                    (t - L.operating_t[r, v]) / 12.0, year, month, p, rates.pv_late_share,
                    price_factor[r], L.occupied[r, v], L.arrived[r, v], L.present[r, v],
                    L.pays[r, v])
                if late != 0.0:  # PV subsidy arrears: paid D - 1 months on
                    pending.active[(t + D - 1) % D, r, v] += late
                amount[v] += net
                receipts[v] += takings
                if _uniform(keys[r, 1], t, v) < L.hazard[r, v]:
                    status[v] = FAILED_IN_STEP
            if amount[v] != 0.0:
                income_by_model[r, code] += amount[v]
            L.income_year[r, v] += amount[v]
            L.income_total[r, v] += amount[v]
            if receipts[v] > 0.0:
                L.last_income_t[r, v] = t
            if status[v] == FAILED_IN_STEP:
                _end(r, v, t, t + 1, FAILED, n_months, L, ledger, pending, failed_this_year)
            elif month % 3 == 0 and L.operating[r, v]:
                reason = _assessment(p.organisation, QUIET_MONTHS[code], L.operating_t[r, v],
                                     L.last_income_t[r, v], L.income_year[r, v], t, month)
                if reason:
                    status[v] = CLOSED_AT_ASSESSMENT
                    _end(r, v, t, t + 1, reason, n_months, L, ledger, pending, failed_this_year)
        if month == 12:
            L.income_year[r, v] = 0.0


@njit(cache=True, inline="always")  # no copy of p per project
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
def _assessment(org, quiet, operating_t, last_income_t, income_year, t, month):
    """Quarterly comparison: close a project that has taken in nothing for its ``quiet``
    months; at the year-end assessment, also one that lost money over the year. The
    reason to close it, or 0."""
    if (org.quarterly_comparison and operating_t <= t - quiet + 1
            and (last_income_t < 0 or last_income_t <= t - quiet)):
        return CLOSED_NO_INCOME
    if month == 12 and org.year_end_assessment and operating_t <= t - 11 and income_year < 0:
        return CLOSED_LOSS
    return 0


@njit(cache=True)
def _owners_pass(r, slot, L, W, pending, income_by_model, status, recovered, amount, receipts):
    """Villages, in roster order: ended projects' late payments, then their share of the
    month of the project they own; owners of ended projects are released (with their
    share of what a defaulting partner repays)."""
    late_old = 0.0
    for w in range(W.owner.shape[1]):
        due = pending.old[slot, r, w]  # only PV pays late, and PV has one owner
        if due != 0.0:
            W.pincome[r, w] += due
            W.preceipts[r, w] += due
            late_old += due
            pending.old[slot, r, w] = 0.0
        lead = W.owner[r, w]
        if lead < 0:
            continue
        if status[lead] != ENDED_BY_PARTNER:  # those ended before the villages stepped
            W.pincome[r, w] += amount[lead] * W.share[r, w]
            W.preceipts[r, w] += receipts[lead] * W.share[r, w]
            # a cluster member steps after its lead: if the lead's project failed this
            # month, the member no longer sees it
            if not (status[lead] == FAILED_IN_STEP and lead < w):
                W.models_bits[r, w] |= np.uint16(1 << L.code[r, lead])
        if status[lead] != RUNNING:
            W.fund[r, w] += recovered[lead] * W.share[r, w]
            W.owner[r, w] = -1
    income_by_model[r, SOLAR] += late_old


@njit(cache=True)
def _end(r, v, t, first_due, reason, n_months, L, ledger, pending, failed_this_year):
    """End the project led at (r, v) in month t.

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
