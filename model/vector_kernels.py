"""The vector engine's compiled kernels (numba): the county's decisions, the month and
the year's accounts for every replicate and village of a ``VectorEngine``.

Each kernel loops over replicates, and within a replicate over its counties and
villages in roster order, doing what the Mesa agents do in the order they do it
(``model.model.CollectiveEconomyModel.step``): the counties' decisions, the partners,
the villages' month, the quarterly assessment, the year's accounts. What happens is
decided by the functions of ``model.rules`` and ``model.business_models``, compiled
here as they are, and the random numbers are ``model.random_streams``' (the same
functions), so the engines agree number for number; ``tests/test_parity.py`` holds
them to it.

Every replicate has its own parameters: ``P`` is a structured array (parameter sets,
counties) of parameter records (``model.parameters.params_record``), each with the
settings that scale with a county scaled to that county's villages, and ``pidx[r]`` the
set of replicate r, so many sweep points run as one batch. The county's decisions read
their county's record; the month and the year's end use no such setting and read the
first county's.

Layout: state arrays have shape (R, V) for R replicates and V villages; a project is
stored at the index of its lead village (the first of its owners) and ``owner`` maps
every village to the lead of the project it owns a share of (-1: none). Counties are
contiguous runs of villages (``county_start``); townships and valleys are numbered over
the whole roster.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np

from vcsim.compiled import numba
from vcsim.model import business_models as bm
from vcsim.model import random_streams as rs
from vcsim.model import rules
from vcsim.model.business_models import CLUSTER, EQUITY, INVESTOR, N_MODELS, SHOP, WORKSHOP
from vcsim.model.random_streams import PURPOSES
from vcsim.model.rules import (DEFAULT, FAILED, GRANT_CENTRAL, GRANT_CITY_COUNTY,
                               GRANT_PROVINCE, INTEGRATED, MISUSED, NO_INVESTOR, PART_A, START_YEAR,
                               TRANCHE_RELEASED)

njit = numba().njit
# The kernels of the run (advance, and county_month, run_month and close_year that it
# calls every month) allocate nothing (their work arrays come in Scratch and Month) and are compiled without numba's
# reference counting (``_nrt=False``): with it, numba counts references to every array
# taken from the state's named tuples, and perf found a third of the kernels' time in
# those atomic increments and decrements (NRT_incref, NRT_decref). An allocation in them
# does not compile.
njit_no_refcount = njit(cache=True, _nrt=False)

# stream keys: column of each purpose in the (replicates, purposes) key array
KEY = {name: code - 1 for name, code in PURPOSES.items()}
FS_KEY, QUALITY_KEY, PROPOSAL_KEY, REVIEW_KEY, BUILD_KEY, SELF_START_KEY, FAILURE_KEY, PARTNER_KEY, \
    DIVIDEND_KEY, PRICE_KEY = (KEY[k] for k in ("first_secretary", "quality", "proposal", "review", "build",
                                                "self_start", "failure", "partner", "dividend", "price"))

# The roster: arrays (villages,) (county: the village's county, 0, 1, ...), and
# county_start (counties + 1,)
Roster = namedtuple("Roster", [
    "poor", "poor_households", "deep_mountain", "scenic", "leadership", "own_income", "solar_site",
    "idle_buildings", "near_enterprise", "near_cooperative", "population", "township", "valley",
    "county", "county_start"])
# Villages' state: arrays (replicates, villages)
Villages = namedtuple("Villages", [
    "cohort", "fund", "pincome", "preceipts", "grants", "poor_jobs", "models_bits", "has_projects",
    "is_demo", "owner", "share", "first_secretary", "fs_money", "instructor", "capacity",
    "investor_rate", "workshop_rate", "waiting",  # waiting: rules.WAITING_FOR code
    "feasible"])  # bit m: the village meets model m's preconditions (business_models.is_feasible)
# Projects, stored at their lead village: arrays (replicates, villages)
Leads = namedtuple("Leads", [
    "code", "active", "operating", "capital", "quality", "hazard", "pscenic", "operating_t",
    "last_income_t", "income_year", "income_total", "pid",
    "occupied", "arrived", "present", "pays",  # partners' state: shop tenant, investor, factory, dividend
    "shared",  # the project has other owners (a cluster)
    "late_until"])  # the last month a late payment of the village's projects may fall due (-1: none)
# The counties and the year: pool not yet committed, of which released, villages
# whose project was funded this year, and whether its last monthly round changed
# nothing and no project of its villages ended since (replicates, counties), accounts (replicates, counties,
# ACCOUNT_KEYS), demonstrations' models by township (replicates, townships), the year's
# partner chances and PV share paid late (replicates, 5: see RATE_*), price factor
# (replicates,), projects started (replicates, 2: all, the programme's), failed
# (replicates,) and income by model (replicates, 8)
County = namedtuple("County", ["pool", "released", "funded", "settled", "accounts", "demo_bits", "rates",
                               "price", "started", "failed", "income_by_model", "next_id"])
RATE_DEFAULT, RATE_LEAVE, RATE_VACATE, RATE_REFILL, RATE_LATE = range(5)
# Every project ever started (projects.parquet), by project number: whole-number
# columns (``ints``, see LEDGER_INTS), money and other real columns (``floats``,
# LEDGER_FLOATS); cluster members as (project number, village) rows (``members``);
# ``size``: rows used in each. (Few arrays: a compiled call pays for every array it is
# handed.)
Ledger = namedtuple("Ledger", ["ints", "floats", "members", "size"])
LEDGER_INTS = ("row", "project_id", "lead", "code", "cohort", "self_started", "start_t",
               "operating_t", "villages", "failed_t", "end_reason")
LEDGER_FLOATS = ("capital", "quality", "grant", "integrated", "first_secretary", "demonstration",
                 "own", "income")
(ROW, PROJECT_ID, LEAD, CODE, COHORT, SELF_STARTED, START_T, OPERATING_T, N_VILLAGES, FAILED_T,
 END_REASON) = range(len(LEDGER_INTS))
CAPITAL, QUALITY, GRANT_YUAN, INTEGRATED_YUAN, FS_YUAN, DEMO_YUAN, OWN_YUAN, INCOME = range(len(LEDGER_FLOATS))
# Late payments (PV subsidy arrears): (months of delay + 1, replicates, villages), a ring by
# month due; "active" ones are a running project's, "old" ones an ended project's.
Pending = namedtuple("Pending", ["active", "old"])

# Work arrays of one county's round of decisions, sized for the largest county
# (``scratch``), reused: the entrants (villages) and, per entrant, the money reserved and
# brought, its ranked models and their quality; villages choosing a cluster by valley;
# a project's members; draws and feasibility of one village's options; villages, their
# capacity and township, an order and a choice, when sorting and choosing among entrants.
Scratch = namedtuple("Scratch", ["entrants", "money_in", "ranked", "quality",
                                 "valley_count", "members", "capitals", "scenic", "money", "draws",
                                 "feasible", "work", "lists", "villages", "values", "codes", "order",
                                 "chosen"])


def scratch(county_size: int, n_valleys: int) -> Scratch:
    n = max(county_size, 1)
    return Scratch(np.zeros(n, np.int64), np.zeros((n, 5)),
                   np.zeros((n, N_MODELS), np.int64), np.zeros((n, N_MODELS)),
                   np.zeros(max(n_valleys, 1), np.int64), np.zeros(n, np.int64), np.zeros(n),
                   np.zeros(n), np.zeros(5), np.zeros((3, N_MODELS)), np.zeros(N_MODELS, np.bool_),
                   np.zeros((5, N_MODELS)), np.zeros((3, N_MODELS), np.int64), np.zeros(n, np.int64),
                   np.zeros(n), np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(n, np.bool_))


# How a project's month ended, for its owners.
RUNNING, ENDED_BY_PARTNER, FAILED_IN_STEP, CLOSED_AT_ASSESSMENT = range(4)


# ------------------------------------------------------------------------------ set-up

@njit(cache=True)
def setup(P, pidx, keys, ro, W, C):
    """First secretaries and their money, instructors and capacity, partners' arrival
    chances, the models each village may run, the counties' pools."""
    R, V = W.cohort.shape
    n_counties = len(ro.county_start) - 1
    for r in range(R):
        # instructors, capacity and the models open to a village follow from the
        # settings and the roster alone: a replicate with its predecessor's settings
        # takes them from it
        same = r > 0 and pidx[r] == pidx[r - 1]
        for c in range(n_counties):
            p = P[pidx[r], c]
            lo, hi = ro.county_start[c], ro.county_start[c + 1]
            C.pool[r, c] = p.funding.grant_pool_yuan if p.programme.enabled else 0.0
            if same:
                for v in range(lo, hi):
                    W.instructor[r, v] = W.instructor[r - 1, v]
                    W.capacity[r, v] = W.capacity[r - 1, v]
                    W.feasible[r, v] = W.feasible[r - 1, v]
            else:
                instructor = rules.instructed(ro.poor[lo:hi], ro.leadership[lo:hi], p.party.instructors)
                for v in range(lo, hi):
                    W.instructor[r, v] = instructor[v - lo]
                    W.capacity[r, v] = rules.leadership_capacity(p, ro.leadership[v], instructor[v - lo])
                    bits = 0
                    for m in range(N_MODELS):  # fixed for the run, as the agents' Village.feasible
                        if bm.is_feasible(p, m, ro.solar_site[v], ro.scenic[v], ro.idle_buildings[v],
                                          ro.near_enterprise[v], ro.near_cooperative[v], ro.population[v]):
                            bits |= 1 << m
                    W.feasible[r, v] = bits
            for v in range(lo, hi):
                fs = rules.has_first_secretary(p, ro.poor[v], rs.uniform(keys[r, FS_KEY], 0, v, 0))
                W.first_secretary[r, v] = fs
                if fs:
                    W.fs_money[r, v] = rules.first_secretary_money(p, rs.normal(keys[r, FS_KEY], 0, v, 0))
                W.investor_rate[r, v] = rules.arrival_chance(p, p.models.attract_investor.arrival_per_month, fs)
                W.workshop_rate[r, v] = rules.arrival_chance(p, p.models.workshop.arrival_per_month, fs)


# ------------------------------------------------------------------------------ the county

@njit_no_refcount
def county_month(t, P, pidx, keys, ro, W, L, C, ledger, scratch):
    """The counties' decisions in month ``t`` (0 = January 2019) for every replicate: in
    January the year's rollout, selection, funding and self-started projects (and the
    year's price and partner chances), in other months the monthly inspection's
    re-support. ``ledger`` must have room for a project per village and replicate."""
    year, month = START_YEAR + t // 12, t % 12 + 1
    R, V = W.cohort.shape
    n_counties = len(ro.county_start) - 1
    january = month == 1
    for r in range(R):
        p = P[pidx[r], 0]
        if january:
            C.price[r] = rules.price_factor(p, rs.normal(keys[r, PRICE_KEY], year, 0, 0))
            C.rates[r, RATE_DEFAULT] = rules.equity_default_chance(p, year)
            C.rates[r, RATE_LEAVE] = rules.factory_leave_chance(p, year)
            C.rates[r, RATE_VACATE], C.rates[r, RATE_REFILL] = rules.shop_chances(p)
            C.rates[r, RATE_LATE] = rules.pv_late_share(p, year)
        for c in range(n_counties):
            p = P[pidx[r], c]
            lo, hi = ro.county_start[c], ro.county_start[c + 1]
            # (each step below is written out once: numba compiles an inlined function
            # again at every place it is called, and county_month was most of the compile)
            if january:
                _open_year(r, c, lo, hi, year, p, C)
                rounds = p.programme.enabled
            else:
                # (a county whose last round took nobody up and none of whose projects has
                # ended since would make the same round again: every village of it waits)
                rounds = rules.inspection_resupports(p, year, month) and not C.settled[r, c]
            n = _entrants(r, lo, hi, year, p, ro, W, scratch, january) if rounds else 0
            if january and n and year == p.rollout.poor_year:
                _choose_demonstrations(r, n, p, ro, W, scratch)
            taken = _select_and_fund(r, c, n, t, year, month, p, keys, ro, W, L, C, ledger, scratch) if n else 0
            if january:
                _self_starts(r, c, lo, hi, t, year, month, p, keys, ro, W, L, C, ledger, scratch)
            elif rounds:
                C.settled[r, c] = taken == 0


@njit(cache=True, inline="always")  # no reference counting of the state per call
def _open_year(r, c, lo, hi, year, p, C):
    """A county's January: the year's accounts opened, the tranche released."""
    for k in range(C.accounts.shape[2]):
        C.accounts[r, c, k] = 0.0
    C.accounts[r, c, PART_A] = rules.part_a_cost_yuan(p, year, hi - lo)
    C.funded[r, c] = 0
    C.settled[r, c] = False
    released = rules.released_after_tranche(p, year, C.released[r, c], C.pool[r, c])
    C.accounts[r, c, TRANCHE_RELEASED] = released - C.released[r, c]
    C.released[r, c] = released


@njit(cache=True, inline="always")  # no reference counting of the state per call
def _choose_demonstrations(r, n, p, ro, W, scratch):
    """领 in the first cohort's year: of the round's n entrants, the first cohort's
    demonstration villages (``rules.choose_demonstrations``)."""
    entrants = scratch.entrants
    first, capacity, township = scratch.villages, scratch.values, scratch.codes
    n_first = 0
    for k in range(n):
        if W.cohort[r, entrants[k]] == 1:
            first[n_first] = entrants[k]
            capacity[n_first] = W.capacity[r, entrants[k]]
            township[n_first] = ro.township[entrants[k]]
            n_first += 1
    if n_first:
        chosen = rules.choose_demonstrations(p.demonstration.villages, capacity[:n_first],
                                             township[:n_first], scratch.order[:n_first],
                                             scratch.chosen[:n_first])
        for k in range(n_first):
            if chosen[k]:
                W.is_demo[r, first[k]] = True


@njit(cache=True, inline="always")  # no reference counting of the state per call
def _self_starts(r, c, lo, hi, t, year, month, p, keys, ro, W, L, C, ledger, scratch):
    """In January, villages outside the programme that start something themselves."""
    for v in range(lo, hi):
        chance = rules.self_start_chance(p, W.cohort[r, v],
                                         rules.without_income_source(p, W.owner[r, v] >= 0, ro.own_income[v]))
        if chance > 0 and rs.uniform(keys[r, SELF_START_KEY], year, v, 0) < chance:
            _self_start(r, c, v, t, year, month, p, keys, ro, W, L, C, ledger, scratch)


@njit(cache=True, inline="always")  # no reference counting of the state per call
def _entrants(r, lo, hi, year, p, ro, W, scratch, january):
    """The round's villages in one county: the rollout (``rules.rollout``, cohorts
    updated) selects some, others still wait from an earlier round; written to
    ``scratch.entrants`` in priority order (``rules.priority_order``); returns how many.

    In a round after January a village with a project is passed over: the rollout
    neither selects it (it has an income source) nor gives it a cohort (January's
    rollout of the same year, with the same settings, gave it any cohort its year brings;
    ``tests/test_capacity.py`` checks this), and it does not wait (a waiting village has
    no project)."""
    out = scratch.entrants
    n = 0
    ordered = True
    for v in range(lo, hi):
        if not january and W.owner[r, v] >= 0:
            continue
        cohort, selected = rules.rollout(p, year, W.cohort[r, v], ro.poor[v], ro.poor_households[v],
                                         ro.deep_mountain[v], W.owner[r, v] >= 0, ro.own_income[v])
        W.cohort[r, v] = cohort
        if selected or W.waiting[r, v]:
            ordered = ordered and (n == 0 or W.cohort[r, out[n - 1]] <= cohort)
            out[n] = v
            n += 1
    if not ordered:  # (in order already, the stable sort would leave it as it is)
        cohorts, villages = scratch.codes, scratch.villages
        for k in range(n):
            cohorts[k] = W.cohort[r, out[k]]
            villages[k] = out[k]
        order = rules.priority_order(cohorts[:n], scratch.order[:n])
        for k in range(n):
            out[k] = villages[order[k]]
    return n


@njit(cache=True, inline="always")
def _options(r, v, money, review, t, year, month, p, keys, ro, capacity, feasible_bits, demo_bits, z,
             feasible, work, lists, quality, ranked):
    """``rules.options`` for village v of replicate r, with its draws (those the rule
    reads: for the models open to it). (Called for every entrant: it is handed only the
    arrays it uses, a compiled call pays for each.)"""
    for m in range(N_MODELS):
        feasible[m] = (feasible_bits[r, v] >> m) & 1
        if rules.affordable(p, m, money, feasible[m]):
            z[0, m] = rs.normal(keys[r, QUALITY_KEY], t, v, m)
            z[1, m] = rs.normal(keys[r, PROPOSAL_KEY], t, v, m)
            if review:
                z[2, m] = rs.normal(keys[r, REVIEW_KEY], t, v, m)
    return rules.options(p, money, feasible, capacity[r, v], ro.scenic[v],
                         demo_bits[r, ro.township[v]], z, review, year, month, quality, ranked,
                         work, lists)


@njit(cache=True, inline="always")
def _select_and_fund(r, c, n, t, year, month, p, keys, ro, W, L, C, ledger, scratch):
    """扶, 联, 领 for the n villages of the round in ``scratch.entrants`` (one county,
    priority order): each taken up in turn while the year's capacity lasts and the
    released money covers its grant (``rules.waits_for``; the others wait), its grant
    and demonstration extra reserved, 议 and 评; clusters formed, integrated funds
    shared, money booked, projects started. Returns how many were taken up (did not wait)."""
    entrants, money_in = scratch.entrants, scratch.money_in  # money_in: by MONEY_SOURCES
    ranked, quality, valley_count = scratch.ranked, scratch.quality, scratch.valley_count
    pool, released = C.pool[r, c], C.released[r, c]
    taken = 0
    funded_now = 0  # of the villages taken up, those with a project to fund
    for j in range(n):
        v = entrants[j]
        grant = rules.grant_asked(p, ro.poor[v])
        demo = rules.demonstration_asked(p, W.is_demo[r, v], W.has_projects[r, v])
        W.waiting[r, v] = rules.waits_for(p, year, C.funded[r, c] + funded_now, grant + demo, released)
        if W.waiting[r, v]:
            continue
        k = taken  # the villages taken up, moved to the front
        entrants[k] = v
        taken += 1
        grant = min(grant, released)
        pool -= grant
        released -= grant
        demo = min(demo, released)
        pool -= demo
        released -= demo
        money_in[k, 0], money_in[k, 1], money_in[k, 2] = grant, 0.0, W.fs_money[r, v]
        money_in[k, 3], money_in[k, 4] = demo, W.fund[r, v]
        money = grant + demo + money_in[k, 2] + money_in[k, 4]
        _options(r, v, money, p.selection.review, t, year, month, p, keys, ro, W.capacity, W.feasible, C.demo_bits,
                 scratch.draws, scratch.feasible, scratch.work, scratch.lists, quality[k], ranked[k])
        funded_now += ranked[k, 0] >= 0  # (a cluster that does not form may yet leave it without)
    n = taken
    # a cluster needs enough villages of one valley choosing it in this round
    for k in range(n):
        if ranked[k, 0] == CLUSTER:
            valley_count[ro.valley[entrants[k]]] += 1
    for k in range(n):
        if ranked[k, 0] == CLUSTER and not rules.cluster_forms(p, valley_count[ro.valley[entrants[k]]]):
            rules.drop_model(ranked[k], CLUSTER)
    for k in range(n):
        valley_count[ro.valley[entrants[k]]] = 0
    n_funded = 0
    for k in range(n):
        n_funded += ranked[k, 0] >= 0
    C.funded[r, c] += n_funded
    top_up = rules.integrated_top_up(p, C.accounts[r, c, INTEGRATED], n_funded) if n_funded else 0.0
    acc = C.accounts[r, c]
    for k in range(n):
        v = entrants[k]
        if ranked[k, 0] < 0:  # nothing fundable: the reserved money goes back to the pool
            back = money_in[k, 0] + money_in[k, 3]
            pool += back
            released += back
            continue
        money_in[k, 1] = top_up
        W.fs_money[r, v] = 0.0
        W.fund[r, v] = 0.0
        central, province, city_county = rules.grant_split(p, money_in[k, 0])
        acc[GRANT_CENTRAL] += central
        acc[GRANT_PROVINCE] += province
        acc[GRANT_CITY_COUNTY] += city_county
        acc[INTEGRATED] += top_up
        acc[rules.FIRST_SECRETARY] += money_in[k, 2]
        acc[rules.DEMONSTRATION] += money_in[k, 3]
        W.grants[r, v] += money_in[k, 0] + top_up + money_in[k, 3]
    C.pool[r, c] = pool
    C.released[r, c] = released
    # projects in roster order; a valley's cluster starts with the first of its villages
    members = scratch.members
    for k in range(n):
        m = ranked[k, 0]
        if m < 0:
            continue
        n_members = 0
        if m == CLUSTER:
            first = True
            for j in range(k):
                if ranked[j, 0] == CLUSTER and ro.valley[entrants[j]] == ro.valley[entrants[k]]:
                    first = False
                    break
            if not first:
                continue
            for j in range(k, n):
                if ranked[j, 0] == CLUSTER and ro.valley[entrants[j]] == ro.valley[entrants[k]]:
                    members[n_members] = j
                    n_members += 1
        else:
            members[0] = k
            n_members = 1
        _start_project(r, c, m, members[:n_members], entrants, money_in, quality[k, m],
                       W.cohort[r, entrants[k]], False, t, p, keys, ro.scenic, W.fund, W.owner, W.share,
                       W.has_projects, W.capacity, L, C.accounts, C.next_id, C.started, ledger,
                       scratch.capitals, scratch.scenic, scratch.money)
    for k in range(n):
        v = entrants[k]
        if ranked[k, 0] >= 0 and W.is_demo[r, v]:
            C.demo_bits[r, ro.township[v]] |= np.uint16(1 << L.code[r, W.owner[r, v]])
    return n


@njit(cache=True, inline="always")
def _self_start(r, c, v, t, year, month, p, keys, ro, W, L, C, ledger, scratch):
    """A village outside the programme starts something with its own or other money:
    its own best guess, no review, no grant, no cluster."""
    quality, ranked = scratch.quality[0], scratch.ranked[0]
    money = p.village.self_start_yuan + W.fund[r, v]
    _options(r, v, money, False, t, year, month, p, keys, ro, W.capacity, W.feasible, C.demo_bits, scratch.draws,
             scratch.feasible, scratch.work, scratch.lists, quality, ranked)
    if rules.drop_model(ranked, CLUSTER) == 0:
        return
    W.fund[r, v] = 0.0
    entrants, members, money_in = scratch.entrants[:1], scratch.members[:1], scratch.money_in[:1]
    entrants[0], members[0] = v, 0
    money_in[0, :] = 0.0
    money_in[0, 4] = money
    _start_project(r, c, ranked[0], members, entrants, money_in, quality[ranked[0]], 0, True, t, p,
                   keys, ro.scenic, W.fund, W.owner, W.share, W.has_projects, W.capacity, L, C.accounts,
                   C.next_id, C.started, ledger, scratch.capitals, scratch.scenic, scratch.money)


@njit(cache=True, inline="always")
def _start_project(r, c, m, members, entrants, money_in, quality, cohort, self_started, t, p, keys,
                   village_scenic, fund, owner, share, has_projects, capacity, L, accounts, next_id,
                   started, ledger, capitals, scenic, money):
    """Build a project of model m owned by the entrants ``members`` (indices into the
    round's arrays, ``money_in``: their money by source): money less misuse, the rest of
    an oversized budget back into each village's fund, construction time with or
    without inspection. (Called for every project: it is handed only the arrays it
    uses, a compiled call pays for each.)"""
    misuse = rules.misuse_share(p)
    capital = 0.0
    n = len(members)
    for j in range(n):
        k = members[j]
        v = entrants[k]
        total = 0.0
        for source in range(5):
            total += money_in[k, source]
        useful = bm.useful_capital(p, m, total)
        fund[r, v] += total - useful
        capitals[j] = useful * (1 - misuse)
        accounts[r, c, MISUSED] += useful * misuse
        capital += capitals[j]
    lead = entrants[members[0]]
    start = ledger.size[0]
    ledger.size[0] += 1
    months = rules.build_months(p, m, rs.uniform(keys[r, BUILD_KEY], t, lead, 0))
    money[:] = 0.0
    for j in range(n):
        k = members[j]
        v = entrants[k]
        scenic[j] = village_scenic[v]
        for source in range(5):
            money[source] += money_in[k, source]
        owner[r, v] = lead
        share[r, v] = capitals[j] / capital if capital > 0 else 1.0 / n
        has_projects[r, v] = True
        if n > 1:
            ledger.members[ledger.size[1], 0] = start
            ledger.members[ledger.size[1], 1] = v
            ledger.size[1] += 1
    L.code[r, lead] = m
    L.active[r, lead] = True
    L.operating[r, lead] = False
    L.capital[r, lead] = capital
    L.quality[r, lead] = quality
    L.hazard[r, lead] = bm.monthly_failure_hazard(p, m, quality, capacity[r, lead])
    L.pscenic[r, lead] = rules.mean_of(scenic, n)
    L.operating_t[r, lead] = t + months
    L.last_income_t[r, lead] = -1
    L.income_year[r, lead] = 0.0
    L.income_total[r, lead] = 0.0
    L.pid[r, lead] = start
    L.occupied[r, lead] = True
    L.arrived[r, lead] = False
    L.present[r, lead] = False
    L.pays[r, lead] = True
    L.shared[r, lead] = n > 1
    next_id[r] += 1
    started[r, 0] += 1
    if not self_started:
        started[r, 1] += 1
    ints, floats = ledger.ints[start], ledger.floats[start]
    ints[ROW], ints[PROJECT_ID], ints[LEAD], ints[CODE], ints[COHORT] = r, next_id[r], lead, m, cohort
    ints[SELF_STARTED], ints[START_T], ints[OPERATING_T], ints[N_VILLAGES] = self_started, t, t + months, n
    ints[FAILED_T], ints[END_REASON] = -1, 0
    floats[CAPITAL], floats[QUALITY] = capital, quality
    for source in range(5):
        floats[GRANT_YUAN + source] = money[source]
    floats[INCOME] = 0.0


# ------------------------------------------------------------------------------ the month

# Work arrays of the month: for the lead of a project with several owners (a cluster),
# arrays (replicates, villages): how its month ended (RUNNING ...), what a defaulting
# partner repays, its late payment, net income and operating receipts, read when its
# other owners are paid; ``deferred`` (villages,): owners whose lead comes after them in
# the roster, paid once the leads' month is done.
Month = namedtuple("Month", ["status", "recovered", "due", "amount", "receipts", "deferred"])


@njit_no_refcount
def run_month(t, n_months, P, pidx, keys, ro, W, L, C, ledger, pending, m, degradation_by_age):
    """Advance every replicate by month ``t``: partner events, the villages' step and the
    quarterly assessment.

    One pass over the villages of each replicate, in roster order: the project a village
    leads has its month (partner event, late payments, takings, failure draw, assessment,
    all at its lead), then the village is paid its share of the project it owns. The
    agents act partners first, then villages, then the assessment; one pass gives the
    same results because a project's month touches only its own state until its owners
    are paid, and each owner is paid in the agents' order: late payments of its ended
    projects, then the running project's late payment, then its month. An owner whose
    lead comes later in the roster (a cluster member) is paid after the pass. A village
    with no project, no share of one and no late payment to come is skipped (most
    villages in the first years). ``degradation_by_age`` (parameter sets, months):
    ``business_models.solar_degradation`` at each age in whole months (see
    ``degradation_table``)."""
    year, month = START_YEAR + t // 12, t % 12 + 1
    D = pending.active.shape[0]
    slot = t % D  # late payments falling due this month
    for r in range(L.code.shape[0]):
        p = P[pidx[r], 0]
        late_slot = (t + rules.pv_delay_months(p)) % D
        rates = C.rates[r]
        n_deferred = 0
        for v in range(L.code.shape[1]):
            owner = W.owner[r, v]
            has_late = t <= L.late_until[r, v]
            if owner < 0 and not has_late and not L.active[r, v]:
                continue
            status, recovered, due, amount, receipts = RUNNING, 0.0, 0.0, 0.0, 0.0
            code = L.code[r, v]
            # partners (projects operating before this month): enterprises pay or default,
            # an investor comes or is given up, factories come and go; one draw each
            waiting = code == INVESTOR and not L.arrived[r, v]
            if L.active[r, v] and L.operating[r, v] and (code == EQUITY or code == WORKSHOP or waiting):
                u = rs.uniform(keys[r, PARTNER_KEY], t, v, 0)
                if code == EQUITY:
                    if month == 12:
                        L.pays[r, v] = rules.dividend_paid(p, rs.uniform(keys[r, DIVIDEND_KEY], year, v, 0))
                    if u < rates[RATE_DEFAULT]:
                        recovered = L.capital[r, v] * p.models.enterprise_equity.recovery_share
                        status = ENDED_BY_PARTNER
                        _end(r, v, t, t, DEFAULT, n_months, L, C, ledger, pending)
                elif waiting:
                    if u < W.investor_rate[r, v]:
                        L.arrived[r, v] = True
                    elif rules.investor_gives_up(p, t - L.operating_t[r, v] + 1):
                        status = ENDED_BY_PARTNER
                        _end(r, v, t, t, NO_INVESTOR, n_months, L, C, ledger, pending)
                else:
                    L.present[r, v] = rules.factory_present(L.present[r, v], u, rates[RATE_LEAVE],
                                                            W.workshop_rate[r, v])
            # late payments due this month: ended projects' (only PV pays late, and PV has
            # one owner, its lead), then the running project's
            if has_late:
                old_due = pending.old[slot, r, v]
                if old_due != 0.0:
                    pending.old[slot, r, v] = 0.0
                    C.income_by_model[r, bm.SOLAR] += old_due
                    W.pincome[r, v] += old_due
                    W.preceipts[r, v] += old_due
                due = pending.active[slot, r, v]
                pending.active[slot, r, v] = 0.0
            if L.active[r, v]:
                if due != 0.0:
                    C.income_by_model[r, code] += due
                    L.income_year[r, v] += due
                    L.income_total[r, v] += due
                    if due > 0.0:
                        L.last_income_t[r, v] = t
                if not L.operating[r, v] and t >= L.operating_t[r, v]:
                    L.operating[r, v] = True
                if L.operating[r, v]:
                    if code == SHOP:  # a tenant leaves or a new one comes
                        L.occupied[r, v] = rules.shop_occupied(L.occupied[r, v],
                                                               rs.uniform(keys[r, PARTNER_KEY], t, v, 0),
                                                               rates[RATE_VACATE], rates[RATE_REFILL])
                    elif code == WORKSHOP and L.present[r, v]:
                        W.poor_jobs[r, v] += min(p.models.workshop.workers, ro.poor_households[v])
                    # (what only some models use is read only for them: less memory to go through)
                    degradation = degradation_by_age[pidx[r], t - L.operating_t[r, v]] if code == bm.SOLAR else 1.0
                    scenic = ro.scenic[v] if code == bm.IDLE or code == INVESTOR else 0.0
                    cluster_scenic = L.pscenic[r, v] if code == CLUSTER else 0.0
                    net, takings, late = rules.operate(
                        p, code, L.capital[r, v], L.quality[r, v], scenic, cluster_scenic,
                        degradation, year, month, rates[RATE_LATE], C.price[r],
                        code == SHOP and L.occupied[r, v], code == INVESTOR and L.arrived[r, v],
                        code == WORKSHOP and L.present[r, v], code == EQUITY and L.pays[r, v])
                    if late != 0.0:  # PV subsidy arrears
                        pending.active[late_slot, r, v] += late
                        L.late_until[r, v] = max(L.late_until[r, v], t + rules.pv_delay_months(p))
                    amount, receipts = net, takings
                    if net != 0.0:
                        C.income_by_model[r, code] += net
                    L.income_year[r, v] += net
                    L.income_total[r, v] += net
                    if takings > 0.0:
                        L.last_income_t[r, v] = t
                    # (a uniform draw is above 0: no need to draw against a hazard of 0)
                    if L.hazard[r, v] > 0.0 and rs.uniform(keys[r, FAILURE_KEY], t, v, 0) < L.hazard[r, v]:
                        status = FAILED_IN_STEP
                        _end(r, v, t, t + 1, FAILED, n_months, L, C, ledger, pending)
                    elif month % 3 == 0:
                        reason = rules.assessment(p, code, L.operating_t[r, v], L.last_income_t[r, v],
                                                  L.income_year[r, v], t, month)
                        if reason:
                            status = CLOSED_AT_ASSESSMENT
                            _end(r, v, t, t + 1, reason, n_months, L, C, ledger, pending)
                if month == 12:
                    L.income_year[r, v] = 0.0
            if status != RUNNING:  # its villages are without it: the county's next round looks again
                C.settled[r, ro.county[v]] = False
            if L.shared[r, v]:  # for its other owners
                m.status[r, v], m.recovered[r, v], m.due[r, v] = status, recovered, due
                m.amount[r, v], m.receipts[r, v] = amount, receipts
            # the village as an owner: its share of the project it owns
            if owner == v:
                _paid(r, v, v, status, recovered, due, amount, receipts, code, W)
            elif 0 <= owner < v:
                _paid(r, v, owner, m.status[r, owner], m.recovered[r, owner], m.due[r, owner],
                      m.amount[r, owner], m.receipts[r, owner], L.code[r, owner], W)
            elif owner > v:
                m.deferred[n_deferred] = v
                n_deferred += 1
        for k in range(n_deferred):
            w = m.deferred[k]
            lead = W.owner[r, w]
            _paid(r, w, lead, m.status[r, lead], m.recovered[r, lead], m.due[r, lead],
                  m.amount[r, lead], m.receipts[r, lead], L.code[r, lead], W)


@njit(cache=True)
def degradation_table(P, n_months):
    """``business_models.solar_degradation`` of each parameter set at every age in whole
    months up to ``n_months`` (the same numbers as computing it each month)."""
    out = np.empty((P.shape[0], n_months + 1))
    for k in range(P.shape[0]):
        for age in range(n_months + 1):
            out[k, age] = bm.solar_degradation(P[k, 0], rules.operating_age_years(age, 0))
    return out


@njit(cache=True, inline="always")
def _paid(r, w, lead, status, recovered, due, amount, receipts, code, W):
    """Village w's share of the month of the project led at ``lead``: its late payment,
    net income and receipts, unless a partner ended it before the villages stepped; an
    owner of an ended project is released (with its share of what a defaulting partner
    repays)."""
    share = W.share[r, w]
    if status != ENDED_BY_PARTNER:  # those ended before the villages stepped
        if due != 0.0:
            W.pincome[r, w] += due * share
            W.preceipts[r, w] += due * share
        W.pincome[r, w] += amount * share
        W.preceipts[r, w] += receipts * share
        # a cluster member steps after its lead: if the lead's project failed this month,
        # the member no longer sees it
        if not (status == FAILED_IN_STEP and lead < w):
            W.models_bits[r, w] |= np.uint16(1 << code)
    if status != RUNNING:
        W.fund[r, w] += recovered * share
        W.owner[r, w] = -1


@njit(cache=True, inline="always")  # no reference counting of the state per call
def _end(r, v, t, first_due, reason, n_months, L, C, ledger, pending):
    """End the project led at (r, v) in month t.

    Late payments still due count as the project's income if they fall within the run;
    ``first_due`` is this month if it ends before the villages step, else the next."""
    pid = L.pid[r, v]
    ledger.ints[pid, FAILED_T] = t
    ledger.ints[pid, END_REASON] = reason
    D = pending.active.shape[0]
    income = L.income_total[r, v]
    for k in range(D):  # in the order they fall due, as the agents book them
        due, slot = first_due + k, (first_due + k) % D
        if due < n_months:
            income += pending.active[slot, r, v]
        pending.old[slot, r, v] += pending.active[slot, r, v]
        pending.active[slot, r, v] = 0.0
    ledger.floats[pid, INCOME] = income
    L.active[r, v] = False
    L.operating[r, v] = False
    C.failed[r] += 1


# ------------------------------------------------------------------------------ the year's end

# What each year leaves (annual.parquet, villages.parquet), by year: arrays (years,
# replicates, villages) of each village's income, zero-income flag and cohort; the
# counties' accounts added up (``totals``: ACCOUNT_KEYS, then pool left, project income,
# poor-household job-months, released money left), projects operating, started (all,
# the programme's), failed, income by model and villages waiting (for capacity, for
# money), by replicate. The rest (receipts ... waiting) only for the villages table:
# (years, replicates, 0) when it is not kept.
Years = namedtuple("Years", [
    "income", "zero", "cohort", "totals", "operating", "started", "failed", "income_by_model", "waiting",
    "receipts", "current", "pincome", "bits", "grants", "fund", "demo", "jobs", "waiting_for"])


def years(n_years: int, R: int, V: int, n_totals: int, keep_villages: bool) -> Years:
    """``Years`` for a run of ``n_years``, not yet written (``close_year`` writes every
    element of a year)."""
    W = V if keep_villages else 0

    def empty(*shape, dtype=np.float64):
        return np.empty((n_years, R) + shape, dtype)

    return Years(empty(V), empty(V, dtype=np.bool_), empty(V, dtype=np.int8), empty(n_totals),
                 empty(N_MODELS, dtype=np.int64), empty(2, dtype=np.int64), empty(dtype=np.int64),
                 empty(N_MODELS), empty(2, dtype=np.int64), empty(W), empty(W, dtype=np.int8), empty(W),
                 empty(W, dtype=np.uint16), empty(W), empty(W), empty(W, dtype=np.bool_), empty(W),
                 empty(W, dtype=np.int8))


@njit_no_refcount
def close_year(y, P, pidx, ro, W, L, C, out):
    """The accounts of year ``y`` (0 = 2019) of every replicate, written to ``out``
    (``Years``): each village's income, receipts and zero-income flag, its project's
    model (-1: none), part of positive income reinvested; the counties' accounts added
    up and projects operating by model. Sums run in roster and county order, as the
    agents add them up. Then the year's counts and the villages' income of the year
    start again from zero."""
    R, V = W.cohort.shape
    n_accounts = C.accounts.shape[2]
    keep = out.receipts.shape[2] > 0
    for r in range(R):
        p = P[pidx[r], 0]
        project_income = 0.0
        jobs = 0.0
        waiting_capacity = 0
        waiting_money = 0
        for m in range(N_MODELS):
            out.operating[y, r, m] = 0
        for v in range(V):
            pincome = W.pincome[r, v]
            receipts = ro.own_income[v] + W.preceipts[r, v]
            W.fund[r, v] += rules.reinvested(p, pincome)
            current = L.code[r, W.owner[r, v]] if W.owner[r, v] >= 0 else -1
            out.income[y, r, v] = ro.own_income[v] + pincome
            out.zero[y, r, v] = rules.zero_income(p, receipts)
            out.cohort[y, r, v] = W.cohort[r, v]
            waiting_capacity += W.waiting[r, v] == rules.WAITING_CAPACITY
            waiting_money += W.waiting[r, v] == rules.WAITING_MONEY
            if keep:
                out.receipts[y, r, v] = receipts
                out.current[y, r, v] = current
                out.pincome[y, r, v] = pincome
                out.bits[y, r, v] = W.models_bits[r, v]
                out.grants[y, r, v] = W.grants[r, v]
                out.fund[y, r, v] = W.fund[r, v]
                out.demo[y, r, v] = W.is_demo[r, v]
                out.jobs[y, r, v] = W.poor_jobs[r, v] / 12.0
                out.waiting_for[y, r, v] = W.waiting[r, v]
            project_income += pincome
            jobs += W.poor_jobs[r, v]
            if L.active[r, v] and L.operating[r, v]:
                out.operating[y, r, L.code[r, v]] += 1
            W.pincome[r, v] = 0.0
            W.preceipts[r, v] = 0.0
            W.grants[r, v] = 0.0
            W.poor_jobs[r, v] = 0.0
            W.models_bits[r, v] = np.uint16(1 << current) if current >= 0 else np.uint16(0)
        for k in range(n_accounts):
            total = 0.0
            for c in range(C.accounts.shape[1]):
                total += C.accounts[r, c, k]
            out.totals[y, r, k] = total
        pool = 0.0
        released = 0.0
        for c in range(C.pool.shape[1]):
            pool += C.pool[r, c]
            released += C.released[r, c]
        out.totals[y, r, n_accounts] = pool
        out.totals[y, r, n_accounts + 1] = project_income
        out.totals[y, r, n_accounts + 2] = jobs
        out.totals[y, r, n_accounts + 3] = released
        out.waiting[y, r, 0] = waiting_capacity
        out.waiting[y, r, 1] = waiting_money
        for k in range(2):
            out.started[y, r, k] = C.started[r, k]
            C.started[r, k] = 0
        out.failed[y, r] = C.failed[r]
        C.failed[r] = 0
        for m in range(N_MODELS):
            out.income_by_model[y, r, m] = C.income_by_model[r, m]
            C.income_by_model[r, m] = 0.0


# ------------------------------------------------------------------------------ the run

@njit_no_refcount
def advance(t, n_months, P, pidx, keys, ro, W, L, C, ledger, pending, m, degradation_by_age,
            scratch, out):
    """Months ``t`` to ``n_months`` - 1 of every replicate, in one call: the counties'
    decisions, the month, and in December the year's accounts (``close_year``), as a
    caller stepping month by month would call them. Returns the month it stopped
    before: ``n_months``, or earlier when ``ledger`` has no room left for a project per
    village and replicate (the caller makes room and calls again)."""
    R, V = W.cohort.shape
    while t < n_months:
        if max(ledger.size[0], ledger.size[1]) + R * V > ledger.ints.shape[0]:
            return t
        county_month(t, P, pidx, keys, ro, W, L, C, ledger, scratch)
        run_month(t, n_months, P, pidx, keys, ro, W, L, C, ledger, pending, m, degradation_by_age)
        if t % 12 == 11:
            close_year(t // 12, P, pidx, ro, W, L, C, out)
        t += 1
    return t
