"""The programme's rules, written once for both engines.

Every policy formula and decision rule of the model is a function here (the business
models' economics are in ``model.business_models``): who enters the programme when
(三步走), how a village proposes and the county reviews and ranks projects (议, 评),
how grants are reserved and split between budgets (扶), first secretaries' money (联),
demonstration villages (领), what a project's construction and misuse cost, what its
partner does in a month, what it earns, when the quarterly comparison or the year-end
assessment closes it, and what the programme costs the budgets.

The Mesa agents (``model.agents``) call these functions as plain Python, one village or
project at a time; the vector engine's kernels (``model.vector_kernels``) compile the
very same functions (``jitable``) and call them in loops over replicates and villages.
So a rule is changed in one place and both engines follow; ``tests/test_parity.py``
checks that they still agree. Keep them plain scalar code that numba compiles: numbers,
named-tuple parameters (``p``) and small numpy arrays, no Python objects.

Model indices, end reasons and money sources are small integers so that compiled code
can use them.
"""

from __future__ import annotations

import math

import numpy as np

from vcsim.compiled import jitable
from vcsim.model import business_models as bm
from vcsim.model.business_models import (CLUSTER, COOP, EQUITY, IDLE, INVESTOR, N_MODELS,
                                         QUIET_MONTHS, SHOP, SOLAR, WORKSHOP)

START_YEAR = 2019  # the programme's first year (report: 2019 pilot county)

# Why a project ended (projects.parquet ``end_reason``); 0: it has not
END_REASONS = ("", "failed", "partner default", "no investor came", "closed: no income",
               "closed: loss over the year")
FAILED, DEFAULT, NO_INVESTOR, CLOSED_NO_INCOME, CLOSED_LOSS = range(1, 6)

# The county's accounts of a year (annual.parquet ``<key>_yuan``), in this order; the
# last is the 5025 money the upper levels released to it (its tranche)
ACCOUNT_KEYS = ("grant_central", "grant_province", "grant_city_county", "integrated",
                "first_secretary", "demonstration", "part_a", "misused", "tranche_released")
(GRANT_CENTRAL, GRANT_PROVINCE, GRANT_CITY_COUNTY, INTEGRATED, FIRST_SECRETARY,
 DEMONSTRATION, PART_A, MISUSED, TRANCHE_RELEASED) = range(len(ACCOUNT_KEYS))
# Why a village selected for support waits for a later round (villages.parquet
# ``waiting_for``); 0: it does not
WAITING_FOR = ("", "capacity", "money")
NOT_WAITING, WAITING_CAPACITY, WAITING_MONEY = range(3)
# Where a project's money came from (projects.parquet ``<source>_yuan``), in the order
# it is added up
MONEY_SOURCES = ("grant", "integrated", "first_secretary", "demonstration", "own")


# --- the village's people and capacity -------------------------------------------------

@jitable
def leadership_capacity(p, leadership, instructor):
    """Village capacity: leadership raised by Part A's training, instructors and
    performance pay (assumed, tunable effects), within 0-1."""
    cap = leadership
    if p.party.training:
        cap = cap + p.party.training_effect
    if p.organisation.year_end_assessment and p.party.performance_pay_share > 0:
        cap = cap + p.party.performance_effect
    if instructor:
        cap = cap + p.party.instructor_effect
    return min(max(cap, 0.0), 1.0)


@jitable
def has_first_secretary(p, poor, u):
    """Every poor village has a resident first secretary, other villages by chance
    (``u``: the village's uniform draw)."""
    return poor or u < p.first_secretary.nonpoor_share


@jitable
def first_secretary_money(p, z):
    """Outside money a first secretary brings (联): log-normal with the set mean
    (``z``: the village's normal draw)."""
    fs = p.first_secretary
    if fs.money_mean_yuan <= 0:
        return 0.0
    mu = math.log(fs.money_mean_yuan) - fs.money_sd * fs.money_sd / 2
    return math.exp(mu + fs.money_sd * z)


@jitable
def instructed(poor, leadership, n):
    """Which villages of a county get one of its ``n`` instructors: the weakest
    villages, poor ones first, then by roster order (report section 1)."""
    order = np.argsort(leadership, kind="mergesort")  # weakest first, ties in roster order
    out = np.zeros(len(poor), np.bool_)
    given = 0
    for poor_first in (True, False):
        for i in order:
            if given < n and poor[i] == poor_first:
                out[i] = True
                given += 1
    return out


# --- 三步走: the rollout ----------------------------------------------------------------

@jitable
def supports_zero_income_villages(p, year):
    """Step 3 (every remaining zero-income village) runs this year: the clearance year,
    and with mop-up every year after it."""
    r = p.rollout
    return year == r.remaining_year or (r.mop_up and year > r.remaining_year)


@jitable
def without_income_source(p, has_project, own_income_yuan):
    """No running project and no income of its own: the ledger (台账) shows the
    village will have zero income this year unless something is started."""
    return not has_project and own_income_yuan <= p.village.zero_income_threshold_yuan


@jitable
def rollout(p, year, cohort, poor, poor_households, deep_mountain, has_project, own_income_yuan):
    """A village's cohort after this year's rollout and whether it is selected now:
    (cohort, selected). A village enters by the first step it qualifies for (1 poor,
    2 priority, 3 remaining; 0: not yet); a village that had entered before is
    selected again when step 3 runs and it is without an income source."""
    r = p.rollout
    wis = without_income_source(p, has_project, own_income_yuan)
    if cohort != 0:
        return cohort, wis and supports_zero_income_villages(p, year)
    if poor and year == r.poor_year:
        cohort = 1
    elif (not poor and year == r.priority_year
          and (poor_households > r.priority_poor_households or deep_mountain)):
        cohort = 2
    elif supports_zero_income_villages(p, year) and wis:
        cohort = 3
    return cohort, cohort != 0 and not has_project


@jitable
def inspection_resupports(p, year, month):
    """每月督查 + 台账: from the clearance year on, a village left without any income
    source in the middle of a year is supported again at once (not in January, when
    the year's rollout runs)."""
    return (month != 1 and p.programme.enabled and p.organisation.monthly_inspection
            and year >= p.rollout.remaining_year)


@jitable
def self_start_chance(p, cohort, wis):
    """The chance that a village outside the programme without an income source starts
    something this year with its own or other money (0 for other villages)."""
    return p.village.self_start_per_year if cohort == 0 and wis else 0.0


@jitable
def choose_demonstrations(n, capacity, township, order, chosen):
    """领: of the candidates (first-cohort entrants of one county, in roster order), the
    most capable of each township, then the next most capable, up to ``n``: sets
    ``chosen`` (bool, one per candidate) and returns it. ``order`` (integers, one per
    candidate) is work space: compiled callers allocate nothing."""
    # best first, ties in roster order (a stable insertion sort)
    for i in range(len(capacity)):
        j = i
        while j > 0 and capacity[order[j - 1]] < capacity[i]:
            order[j] = order[j - 1]
            j -= 1
        order[j] = i
        chosen[i] = False
    count = 0
    for k in range(len(order)):
        best_of_township = True
        for j in range(k):
            if township[order[j]] == township[order[k]]:
                best_of_township = False
                break
        if count < n and best_of_township:
            chosen[order[k]] = True
            count += 1
    for i in order:
        if count < n and not chosen[i]:
            chosen[i] = True
            count += 1
    return chosen


# --- the county's capacity and the money's timing --------------------------------------
#
# A round of selection (January's, and from the clearance year on the monthly
# inspection's re-support) takes the villages it selects, and those still waiting from
# earlier rounds, in priority order; it takes up each in turn while the year's capacity
# (villages whose project it funds and starts) lasts and the money released so far covers
# its grant; the others wait, keep their cohort and come first in the next round. A
# village the review finds nothing for uses no capacity (it is not funded; it is selected
# again in a later round, as before). Capacity is yearly because the review fixes the
# year's projects (评: 确定年度实施项目) and the money comes in yearly tranches, so a village
# that waits is in effect taken the next January; the monthly rounds of the clearance
# year use the same year's capacity.

@jitable
def priority_order(cohorts, order):
    """The order a round takes its villages in: rollout step first (1 poor, 2 priority, 3
    the rest), then the order given (the roster's, which the county already used).
    Writes the positions into ``order`` (integers, one per village) and returns it, so
    that compiled callers allocate nothing."""
    k = 0
    for cohort in range(4):  # cohorts are 0 (none yet) to 3
        for i in range(len(cohorts)):
            if cohorts[i] == cohort:
                order[k] = i
                k += 1
    return order


@jitable
def money_to_come(p, year):
    """Some of the pool is still to be released after this year's tranche."""
    shares = p.funding.tranche_shares
    for i in range(max(year - START_YEAR + 1, 0), len(shares)):
        if shares[i] > 0:
            return True
    return False


@jitable
def released_after_tranche(p, year, released_yuan, pool_left_yuan):
    """The released money not yet committed after January's tranche of ``year``: the
    year's share of the pool (``funding.tranche_shares``) on top of what is carried over,
    and with the last tranche all the pool left. ``pool_left_yuan``: the pool not yet
    committed, released or not."""
    if not money_to_come(p, year):
        return pool_left_yuan
    i = year - START_YEAR
    if i < 0:
        return released_yuan
    return min(released_yuan + p.funding.tranche_shares[i] * p.funding.grant_pool_yuan, pool_left_yuan)


@jitable
def waits_for(p, year, funded_this_year, asked_yuan, released_yuan):
    """Why the county cannot take up a village in this round (``WAITING_CAPACITY``,
    ``WAITING_MONEY``), or ``NOT_WAITING``: the year's capacity is used up
    (``funded_this_year``: villages whose project it funded this year, this round's so
    far included); or the money released and not yet committed cannot cover the grant
    and extra it asks for while more is still to come (once the whole pool has been
    released, it pays while it lasts, as before)."""
    if funded_this_year >= p.capacity.projects_per_year:
        return WAITING_CAPACITY
    if released_yuan < asked_yuan and money_to_come(p, year):
        return WAITING_MONEY
    return NOT_WAITING


# --- 议 and 评: proposing and reviewing projects ------------------------------------------

@jitable
def extra_delay_mean(p, build_months):
    """Mean extra construction time beyond the planned ``build_months``: a share of it,
    a third of that with monthly inspection."""
    org = p.organisation
    return build_months * org.extra_delay_share * (1 / 3 if org.monthly_inspection else 1.0)


@jitable
def chance_to_earn_by_december(p, m, month):
    """The review's estimate that a project of model ``m`` started in ``month`` earns
    something before the year is out: construction (with its random extra delay) must
    end by December, then an investor or a factory must come in the months left; a firm
    may skip the year's dividend."""
    build = bm.model_common(p, m)[1]
    slack = (12 - month) - build  # months construction may overrun and still earn by December
    if slack < 0:
        return 0.0
    chance = 1 - math.exp(-slack / max(extra_delay_mean(p, build), 1e-9))
    left = min(max(slack + 1, 0.0), 12.0)  # months of operation left, on average
    if m == INVESTOR:
        chance *= 1 - (1 - p.models.attract_investor.arrival_per_month) ** left
    elif m == WORKSHOP:
        chance *= 1 - (1 - p.models.workshop.arrival_per_month) ** left
    elif m == EQUITY:
        chance *= 1 - p.models.enterprise_equity.skip_per_year
    return chance


@jitable
def _before(a, b, keys, key1, key2):
    """Model ``a`` ranks before ``b``: by keys[key1], then keys[key2] (ascending), then index."""
    if keys[key1, a] != keys[key1, b]:
        return keys[key1, a] < keys[key1, b]
    if keys[key2, a] != keys[key2, b]:
        return keys[key2, a] < keys[key2, b]
    return a < b


@jitable
def _sort(lists, which, count, keys, key1, key2):
    """Sort ``lists[which, :count]`` in place by (keys[key1], keys[key2], index);
    insertion sort (8 at most)."""
    for i in range(1, count):
        m = lists[which, i]
        j = i - 1
        while j >= 0 and _before(m, lists[which, j], keys, key1, key2):
            lists[which, j + 1] = lists[which, j]
            j -= 1
        lists[which, j + 1] = m


# rows of ``options``' work arrays (indexed, not sliced: a slice is a reference to count)
_OK, _RETURN, _PERCEIVED, _JUDGED, _CHANCE = range(5)  # work: per model (judgements negated)
_CANDIDATES, _PASSING, _SURE = range(3)  # lists: model indices


@jitable
def affordable(p, m, money, feasible):
    """Model m is open to a village with ``money`` yuan: it meets its preconditions
    (``feasible``, see ``business_models.is_feasible``) and the money is enough."""
    return feasible and money >= bm.model_common(p, m)[3]


@jitable
def options(p, money, feasible, capacity, scenic, seen_bits, z, review, year, month,
            quality, ranked, work, lists):
    """议 and 评 for one village with ``money`` yuan: the models it would run, best first.

    议: the village judges the return of each model open to it (``affordable``) with an
    error that shrinks with capacity and with a demonstration of the model in the
    township (``seen_bits``: bit m set when model m runs at one), and proposes its best
    few. 评: the review judges them with a smaller error, drops those below the minimum
    return and ranks the rest; when none passes it considers town shop fronts, the
    route the report gives villages that find no project. From the clearance year on,
    with ``deadline_aware``, it keeps those that will almost surely earn by December
    (划定项目完成时限).

    ``feasible``: the village's preconditions per model; ``z`` (3, 8): its normal draws
    per model for the projects' quality, its own error and the review's (read for the
    models open to it only). Writes the true quality of a project of each
    open model to ``quality`` (NaN for the others) and the ranked model indices to
    ``ranked`` (8, padded with -1); returns how many there are. ``work`` (5, 8) and
    ``lists`` (3, 8, integers) are scratch space, so that compiled callers allocate
    nothing.
    """
    s = p.selection
    w, lists = work, lists
    n = 0
    for m in range(N_MODELS):
        ranked[m] = -1
        w[_OK, m] = affordable(p, m, money, feasible[m])
        if w[_OK, m]:
            quality[m] = math.exp(s.quality_sd * z[0, m]) ** bm.model_common(p, m)[4]
            lists[_CANDIDATES, n] = m
            n += 1
        else:
            quality[m] = np.nan
    if n == 0:
        return 0
    knowledge = math.exp(-p.village.capacity_knowledge_effect * (capacity - 0.5))
    for k in range(n):
        m = lists[_CANDIDATES, k]
        w[_RETURN, m] = bm.model_return(p, m, bm.useful_capital(p, m, money), scenic)
        seen = (seen_bits >> m) & 1
        noise_sd = s.proposal_noise_sd * knowledge * ((1 - p.demonstration.learning) if seen else 1.0)
        w[_PERCEIVED, m] = -(w[_RETURN, m] * quality[m] * math.exp(noise_sd * z[1, m])
                             * ((1 + p.demonstration.pull) if seen else 1.0))
    # 议: the best few as the village sees them
    _sort(lists, _CANDIDATES, n, w, _PERCEIVED, _PERCEIVED)
    n = min(n, s.candidates)
    if not review:
        for k in range(n):
            ranked[k] = lists[_CANDIDATES, k]
        return n
    # 评: the review's judgement of the candidates (and of town shop fronts)
    for m in range(N_MODELS):
        if w[_OK, m]:
            w[_JUDGED, m] = -(w[_RETURN, m] * quality[m] * math.exp(s.review_noise_sd * z[2, m]))
    n_pass = 0
    for k in range(n):
        m = lists[_CANDIDATES, k]
        if -w[_JUDGED, m] >= s.review_min_return:
            lists[_PASSING, n_pass] = m
            n_pass += 1
    if s.deadline_aware and year >= p.rollout.remaining_year:
        n_sure = 0
        for k in range(n_pass):
            m = lists[_PASSING, k]
            w[_CHANCE, m] = -chance_to_earn_by_december(p, m, month)
            if -w[_CHANCE, m] >= s.deadline_min_chance:
                lists[_SURE, n_sure] = m
                n_sure += 1
        if n_sure > 0:
            _sort(lists, _SURE, n_sure, w, _JUDGED, _JUDGED)
            for k in range(n_sure):
                ranked[k] = lists[_SURE, k]
            return n_sure
        if w[_OK, SHOP] and chance_to_earn_by_december(p, SHOP, month) >= s.deadline_min_chance:
            ranked[0] = SHOP
            return 1
        _sort(lists, _PASSING, n_pass, w, _CHANCE, _JUDGED)
        for k in range(n_pass):
            ranked[k] = lists[_PASSING, k]
        return n_pass
    if n_pass == 0:
        if w[_OK, SHOP] and -w[_JUDGED, SHOP] >= s.review_min_return:
            ranked[0] = SHOP
            return 1
        return 0
    _sort(lists, _PASSING, n_pass, w, _JUDGED, _JUDGED)
    for k in range(n_pass):
        ranked[k] = lists[_PASSING, k]
    return n_pass


@jitable
def drop_model(ranked, m):
    """Take model ``m`` out of a ranked list (-1 padded), the rest moving up; returns
    how many are left."""
    n = 0
    for k in range(len(ranked)):
        if ranked[k] >= 0 and ranked[k] != m:
            ranked[n] = ranked[k]
            n += 1
    for k in range(n, len(ranked)):
        ranked[k] = -1
    return n


@jitable
def cluster_forms(p, villages_choosing):
    """A cluster venture needs enough villages of one valley choosing it in one round."""
    return villages_choosing >= p.models.cluster.min_villages


# --- 扶: money -------------------------------------------------------------------------

@jitable
def grant_asked(p, poor):
    """The 5025 grant a village is due: 500,000 yuan for a poor village, 250,000 for
    another (by default); the released money pays it in the round's order (``waits_for``),
    and once the whole pool is released, while it lasts."""
    return p.funding.poor_village_yuan if poor else p.funding.nonpoor_village_yuan


@jitable
def demonstration_asked(p, is_demo, has_had_project):
    """领: a demonstration village's extra money, with its first project only."""
    return p.demonstration.extra_yuan if is_demo and not has_had_project else 0.0


@jitable
def integrated_top_up(p, spent_this_year, n_funded):
    """The year's integrated funds left, shared equally by the projects funded in one
    round, at most ``integrated_cap_yuan`` each."""
    left = max(0.0, p.funding.integrated_yuan_per_year - spent_this_year)
    return min(p.funding.integrated_cap_yuan, left / n_funded)


@jitable
def grant_split(p, grant):
    """A 5025 grant by budget: (central, province, city and county)."""
    f = p.funding
    return grant * f.central_share, grant * f.province_share, grant * (1 - f.central_share - f.province_share)


@jitable
def part_a_cost_yuan(p, year, n_villages):
    """Part A (三保障) yearly cost: party-work budget, village office and service funds,
    cadre pay (raised every few years from the 2018 level), retired-cadre subsidies,
    training and instructors. Village funds are counted on top of the 10 M budget
    (assumption: the report lists them separately)."""
    a = p.party
    raises = max(0, (year - 2018) // a.pay_raise_every_years)
    pay = ((a.secretary_pay_yuan + a.director_pay_yuan + a.members_per_village * a.member_pay_yuan)
           * (1 + a.pay_raise_share) ** float(raises))
    cost = (a.work_budget_yuan_per_year + n_villages * (a.office_funds_yuan + a.service_funds_yuan + pay)
            + a.retired_subsidy_yuan_per_year + a.instructors * a.instructor_yuan_per_year)
    if a.training:
        cost += n_villages * a.training_yuan_per_village
    return cost


@jitable
def grants_5025(central, province, city_county):
    """The year's 5025 grants from all budgets."""
    return central + province + city_county


@jitable
def fiscal_cost(grants, integrated, demonstration, part_a):
    """The year's fiscal cost of the programme: 5025 grants, integrated funds,
    demonstration extras and Part A (not first-secretary or villages' own money)."""
    return grants + integrated + demonstration + part_a


@jitable
def county_fiscal_cost(grant_city_county, demonstration, part_a):
    """The part the city and county budgets pay: their share of the grants, the
    demonstration extras and Part A."""
    return grant_city_county + demonstration + part_a


# --- building a project ------------------------------------------------------------------

@jitable
def misuse_share(p):
    """Share of a project's money lost to misuse: cut by 两个一律 and by the monthly
    inspection."""
    org = p.organisation
    misuse = org.misuse_share
    if org.two_alwayses:
        misuse *= 1 - org.two_alwayses_effect
    if org.monthly_inspection:
        misuse *= 1 - org.inspection_effect
    return misuse


@jitable
def build_months(p, m, u):
    """Months until a project of model ``m`` started this month operates: its planned
    build time plus an exponential extra delay (``u``: the lead village's uniform
    draw), counted in whole months."""
    build = bm.model_common(p, m)[1]
    return int(math.ceil(build - extra_delay_mean(p, build) * math.log(1.0 - u)))


@jitable
def mean_of(values, count):
    """Mean of ``values[:count]``, added up in order."""
    total = 0.0
    for k in range(count):
        total += values[k]
    return total / count


# --- partners and the project's month ------------------------------------------------------

@jitable
def arrival_chance(p, rate_per_month, has_first_secretary):
    """Monthly chance an investor or a factory comes, raised by a first secretary's
    contacts."""
    return min(rate_per_month * (1 + p.first_secretary.contacts_effect * has_first_secretary), 1.0)


@jitable
def equity_default_chance(p, year):
    """Monthly chance a leading enterprise defaults (D1, D2; a default wave raises it)."""
    return bm.monthly_from_yearly(p.models.enterprise_equity.default_per_year * bm.partner_wave(p, year))


@jitable
def dividend_paid(p, u):
    """A leading enterprise pays this year's dividend (``u``: December's draw)."""
    return u >= p.models.enterprise_equity.skip_per_year


@jitable
def factory_leave_chance(p, year):
    """Monthly chance the factory leaves a workshop (W1; a default wave raises it)."""
    return bm.monthly_from_yearly(p.models.workshop.relocation_per_year * bm.partner_wave(p, year))


@jitable
def factory_present(present, u, leave_chance, come_chance):
    """Whether a factory is in the workshop after this month's draw ``u``."""
    return not (u < leave_chance) if present else u < come_chance


@jitable
def investor_gives_up(p, months_waited):
    """The project counts as failed when no investor has come for this long."""
    return months_waited >= p.models.attract_investor.give_up_months


@jitable
def shop_chances(p):
    """Monthly chances that town shop fronts lose their tenant (the yearly vacancy rate)
    and that empty ones find a new one (after ``vacancy_months`` on average)."""
    shop = p.models.town_shop
    return bm.monthly_from_yearly(shop.vacancy_per_year), 1.0 / max(shop.vacancy_months, 1.0)


@jitable
def shop_occupied(occupied, u, vacate_chance, refill_chance):
    """Whether town shop fronts have a tenant after this month's draw ``u``."""
    return not (u < vacate_chance) if occupied else u < refill_chance


@jitable
def pv_late_share(p, year):
    """Share of PV output paid late this year (the subsidy, in arrears years: PV6)."""
    a = p.shocks.pv_arrears
    return p.models.solar.subsidy_share if a.enabled and a.first_year <= year <= a.last_year else 0.0


@jitable
def pv_delay_months(p):
    """Months after which the late PV subsidy is paid (at the earliest the next month)."""
    return max(int(math.ceil(p.shocks.pv_arrears.delay_months)), 1)


@jitable
def price_factor(p, z):
    """The year's shiitake price relative to normal, mean one (``z``: the year's normal
    draw)."""
    c = p.models.cooperative
    if not p.shocks.commodity_prices.enabled or c.price_sd == 0:
        return 1.0
    return math.exp(c.price_sd * z - c.price_sd * c.price_sd / 2)


@jitable
def operating_age_years(t, operating_t):
    """A project's age in month ``t``: years since it began to operate."""
    return (t - operating_t) / 12.0


@jitable(inline=True)
def operate(p, code, capital, quality, scenic, cluster_scenic, degradation, year, month,
            late_share, price, occupied, arrived, present, pays):
    """A month of one operating project: (net income, operating receipts before its own
    running costs, PV subsidy paid late). ``scenic``: the lead village's,
    ``cluster_scenic``: the mean of a cluster's villages; ``degradation``: for PV,
    ``business_models.solar_degradation`` at its age (``operating_age_years``), unused
    for other models; ``late_share``: see ``pv_late_share``; ``price``: see
    ``price_factor``; the partners' state: shop tenant, investor arrived, factory
    present, dividend paid this year."""
    if code == SOLAR:
        gross, om = bm.solar_month(p, capital, quality, degradation)
        late = gross * late_share
        return gross - late - om, gross - late, late
    if code == CLUSTER:
        net = bm.cluster_month(p, capital, cluster_scenic, quality, year, month)
    elif code == IDLE:
        revenue = bm.idle_assets_revenue_month(p, capital, scenic, quality, year, month)
        return bm.idle_assets_net(p, revenue), revenue, 0.0
    elif code == SHOP:
        net = bm.town_shop_month(p, capital, quality, occupied)
    elif code == INVESTOR:
        net = bm.attract_investor_month(p, capital, scenic, quality, year, month, arrived)
    elif code == EQUITY:
        net = bm.enterprise_equity_month(p, capital, quality, month, pays)
    elif code == COOP:
        net = bm.cooperative_month(p, capital, quality, month, price)
    else:
        net = bm.workshop_month(p, capital, quality, present)
    return net, net, 0.0


@jitable
def assessment(p, code, operating_t, last_income_t, income_this_year, t, month):
    """Quarterly comparison: close a project that has taken in nothing for longer than
    its payment rhythm allows (``QUIET_MONTHS``: empty workshops, investors who never
    came); at the year-end assessment, also one that lost money over a whole year.
    Returns the reason to close it, or 0. ``last_income_t``: the last month with
    positive receipts (-1: none yet)."""
    org = p.organisation
    quiet = QUIET_MONTHS[code]
    if (org.quarterly_comparison and operating_t <= t - quiet + 1
            and (last_income_t < 0 or last_income_t <= t - quiet)):
        return CLOSED_NO_INCOME
    if month == 12 and org.year_end_assessment and operating_t <= t - 11 and income_this_year < 0:
        return CLOSED_LOSS
    return 0


# --- the year's end ------------------------------------------------------------------------

@jitable
def zero_income(p, receipts_yuan):
    """A zero-income village (空白村): no operating receipts (经营收入) in the year."""
    return receipts_yuan <= p.village.zero_income_threshold_yuan


@jitable
def reinvested(p, project_income_yuan):
    """Part of a year's positive project income kept in the collective fund."""
    return p.village.reinvest_share * project_income_yuan if project_income_yuan > 0 else 0.0
