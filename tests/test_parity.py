"""The vector engine gives the Mesa agents' numbers: the same tables (``model.outputs``),
with ``DataFrame.equals`` for every column but the floats, which agree to a few units in
the last place, and the same project numbers; on every shipped scenario, on random
parameters (years and lists too) and rosters, and on a region of several counties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vcsim.experiments.default_county import synthetic_region
from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.scenario import load_scenario, shipped_scenarios
from vcsim.model import CollectiveEconomyModel, make_params
from vcsim.model.outputs import TABLES
from vcsim.model.parameters import DEFAULT_COUNTY, PARAMETERS
from vcsim.model import vector
from vcsim.model.vector import VectorEngine

ROSTER = load_default_roster()
ULPS = 4  # floats may differ by this many units in the last place


def agent_frames(roster, params, seed, replicates):
    models = [CollectiveEconomyModel(roster, params, replicate=rep, seed=seed).run() for rep in replicates]
    return tuple(pd.concat([getattr(m, f"{t}_frame")() for m in models], ignore_index=True)
                 for t in ("annual", "village", "project"))


def assert_same(expected: pd.DataFrame, actual: pd.DataFrame, what: str):
    """Same columns and types; equal values, floats within ``ULPS`` units in the last place."""
    assert list(expected.columns) == list(actual.columns), what
    assert dict(expected.dtypes) == dict(actual.dtypes), what
    assert len(expected) == len(actual), what
    for col in expected.columns:
        a, b = expected[col], actual[col]
        if a.dtype == "float64":
            x, y = a.to_numpy(), b.to_numpy()
            ok = (x == y) | (np.abs(x - y) <= ULPS * np.spacing(np.maximum(np.abs(x), np.abs(y))))
            ok |= np.isnan(x) & np.isnan(y)
        else:
            ok = (a == b).fillna(False).to_numpy() | (a.isna() & b.isna()).to_numpy()
            assert a.equals(b) == bool(ok.all()), (what, col)
        if not ok.all():
            i = np.nonzero(~ok)[0][:3]
            raise AssertionError(f"{what}: column {col!r} differs at rows {i.tolist()}: "
                                 f"agents {a.iloc[i].tolist()} vector {b.iloc[i].tolist()}")


def check_parity(roster, params, seed, replicates):
    annual, villages, projects = agent_frames(roster, params, seed, replicates)
    engine = VectorEngine(roster, params, seed, replicates).run()
    assert_same(annual, engine.annual_frame(), "annual")
    assert_same(villages, engine.village_frame(), "villages")
    assert_same(projects, engine.project_frame(), "projects")


@pytest.mark.parametrize("name", shipped_scenarios())
def test_every_shipped_scenario(name):
    check_parity(ROSTER, load_scenario(name).params(), seed=3, replicates=[0, 1])


def test_the_county_capacity_and_the_money_binding():
    """Every village at once against a small capacity and tranches that come late: villages
    wait, for capacity and for money, and are taken in later rounds, in both engines."""
    params = make_params({**load_scenario("all_in_2019").overrides, "capacity.projects_per_year": 30,
                          "funding.tranche_shares": [0.2, 0.3, 0.5]})
    check_parity(ROSTER, params, seed=5, replicates=[0, 1])


@pytest.mark.slow
def test_a_region_of_several_counties():
    """The multi-county path (``vcsim run --synthetic-villages``): each county has its
    own pool, rollout, demonstrations, instructors and Part A, in both engines."""
    region = synthetic_region(700, seed=4)  # four counties, the last one small
    assert region["county"].nunique() == 4
    params = make_params({"funding.grant_pool_yuan": 30_000_000.0, "party.instructors": 20})
    check_parity(region, params, seed=4, replicates=[0, 1])


def test_both_engines_write_the_declared_tables():
    """Every table has the columns and types of ``model.outputs``; a village without a
    project has a null model, a running project a null end reason."""
    for frames in (agent_frames(ROSTER, make_params(), 2, [0]),
                   (lambda e: (e.annual_frame(), e.village_frame(), e.project_frame()))(
                       VectorEngine(ROSTER, make_params(), 2, [0]).run())):
        for frame, table in zip(frames, ("annual", "villages", "projects")):
            assert [(c, str(t)) for c, t in frame.dtypes.items()] == \
                [(c.name, c.dtype) for c in TABLES[table]], table
        villages, projects = frames[1], frames[2]
        assert villages["model"].isna().any() and not (villages["model"] == "").any()
        assert projects["end_reason"].isna().any() and not (projects["end_reason"] == "").any()
        assert (projects["failed_year"].isna() == projects["end_reason"].isna()).all()
        assert (projects["project_id"] == np.arange(1, len(projects) + 1)).all()


def test_batched_replicates_equal_one_at_a_time():
    params = make_params()
    together = VectorEngine(ROSTER, params, 5, [2, 3, 4]).run().village_frame()
    alone = VectorEngine(ROSTER, params, 5, [3]).run().village_frame()
    assert together[together.replicate == 3].reset_index(drop=True).equals(alone)


@pytest.mark.parametrize("where", ["county", "region"])
def test_the_run_in_one_call_equals_the_run_month_by_month(where):
    """``run()`` (one compiled call, the project table grown between calls when it
    fills) and ``run(by_part=True)`` (a month at a time, each kernel called from Python,
    as ``vcsim bench`` profiles it) give the same tables, bit for bit, on the default
    county and on a region of several counties."""
    roster = ROSTER if where == "county" else synthetic_region(700, seed=4)
    params = load_scenario("all_in_2019").params()
    whole = VectorEngine(roster, params, 7, [0, 1, 2])
    whole.ledger = vector._ledger(40)  # full long before the end: advance stops and resumes
    whole.run()
    by_part = VectorEngine(roster, params, 7, [0, 1, 2]).run(by_part=True)
    assert len(whole.ledger.ints) > 40 and (where == "county" or whole.C > 2)
    for table in ("annual", "village", "project"):
        a, b = getattr(whole, f"{table}_frame")(), getattr(by_part, f"{table}_frame")()
        assert a.equals(b), table
    assert sum(by_part.seconds.values()) > 0 and sum(whole.seconds.values()) == 0


def test_replicates_with_their_own_parameters_equal_separate_runs():
    """The vector engine takes a parameter set per replicate (sweep points in one batch):
    each replicate's tables are those of its parameters run alone, bit for bit."""
    points = [make_params({"models.cooperative.failure_per_year": f, "tourism.room_rate_yuan": rate,
                           "selection.review": review, "party.instructors": n})
              for f, rate, review, n in ((0.01, 250.0, True, 30), (0.12, 580.0, False, 10),
                                         (0.05, 400.0, True, 0))]
    params, replicates = [points[k % 3] for k in range(6)], [0, 0, 1, 1, 2, 0]
    batch = VectorEngine(ROSTER, params, 8, replicates).run()
    frames = {"annual": "annual_frame", "villages": "village_frame", "projects": "project_frame"}
    for row, (p, rep) in enumerate(zip(params, replicates)):
        alone = VectorEngine(ROSTER, p, 8, [rep]).run()
        for table, method in frames.items():
            mine = getattr(batch, method)()[batch.rows_of(table) == row].reset_index(drop=True)
            assert mine.equals(getattr(alone, method)()), (row, table)


# --- random parameters and rosters ---------------------------------------------------

NUMBERS = [p for p in PARAMETERS.values()
           if p.kind in ("float", "int", "bool") and p.unit != "year"]
LISTS = [p for p in PARAMETERS.values() if p.kind == "float_list"]


@st.composite
def scenarios(draw):
    chosen = draw(st.lists(st.sampled_from(NUMBERS), min_size=1, max_size=12, unique_by=lambda p: p.key))
    overrides = {}
    for p in chosen:
        low, high = p.range_for(DEFAULT_COUNTY)  # a scaled setting's range for a county's total
        if p.kind == "bool":
            overrides[p.key] = draw(st.booleans())
        elif p.kind == "int":
            overrides[p.key] = draw(st.integers(int(low), int(high)))
        else:
            overrides[p.key] = draw(st.floats(low, high, allow_nan=False))
    for p in draw(st.lists(st.sampled_from(LISTS), max_size=2, unique_by=lambda p: p.key)):
        values = draw(st.lists(st.floats(p.low, p.high, allow_nan=False),
                               min_size=p.length, max_size=p.length))
        if p.sums_to is not None:  # shares of a whole (the pool's tranches)
            if sum(values) == 0:
                continue
            values = [v / sum(values) * p.sums_to for v in values]
        overrides[p.key] = values
    # the county's capacity and the money's timing, often binding on a small roster
    if draw(st.booleans()):
        overrides["capacity.projects_per_year"] = draw(st.integers(0, 12))
    if draw(st.booleans()):
        shares = draw(st.lists(st.sampled_from([0.0, 0.1, 0.2, 0.3, 0.5]), min_size=3, max_size=3))
        if sum(shares) > 0:
            overrides["funding.tranche_shares"] = [v / sum(shares) for v in shares]
    # years: the rollout's steps in order, event years within the run
    years = sorted(draw(st.lists(st.integers(2019, 2022), min_size=3, max_size=3)))
    end = draw(st.integers(max(years[2], 2020), 2024))
    overrides.update({"rollout.poor_year": years[0], "rollout.priority_year": years[1],
                      "rollout.remaining_year": years[2], "simulation.end_year": end})
    arrears = sorted(draw(st.lists(st.integers(2019, end), min_size=2, max_size=2)))
    overrides.update({"shocks.pv_arrears.first_year": arrears[0], "shocks.pv_arrears.last_year": arrears[1],
                      "shocks.partner_default_wave.year": draw(st.integers(2019, end))})
    return overrides


@st.composite
def rosters(draw):
    n = draw(st.integers(3, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    rows = ROSTER.iloc[rng.choice(len(ROSTER), n, replace=True)].reset_index(drop=True).copy()
    rows["village_id"] = [f"R{i}" for i in range(n)]
    towns = rng.integers(1, 4)
    rows["township"] = [f"T{k}" for k in rng.integers(0, towns, n)]
    rows["valley"] = [f"{t}-{k}" for t, k in zip(rows["township"], rng.integers(0, 2, n))]
    for col in ("poor", "solar_site", "near_enterprise", "near_cooperative", "deep_mountain"):
        rows[col] = rng.random(n) < rng.random()
    rows["initial_income_yuan"] = np.where(rng.random(n) < 0.6, 0.0, rng.lognormal(10, 1, n).round())
    rows["scenic_value"] = rng.random(n)
    rows["leadership"] = rng.random(n)
    if draw(st.booleans()):  # a region: villages in counties, in roster order
        rows["county"] = np.sort(rng.integers(0, 3, n))
    return rows


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overrides=scenarios(), roster=rosters(), seed=st.integers(0, 10_000))
def test_random_parameters_and_rosters(overrides, roster, seed):
    check_parity(roster, make_params(overrides), seed, replicates=[0, 1])


# --- the pieces the vector engine shares with the agents ------------------------------

@pytest.mark.slow
def test_compiled_rules_are_the_python_functions_bit_for_bit():
    """The kernels compile the business models' cash and the rules as they are;
    compiled (on a parameter record) and interpreted (on the namespace), they must give
    the very same numbers."""
    from vcsim.compiled import numba
    from vcsim.model import business_models as bm
    from vcsim.model import rules
    from vcsim.model.parameters import params_record

    def interpreted(p, cap, scenic, q, year, month, flag, price, u, z):
        return (bm.solar_month(p, cap, q, bm.solar_degradation(p, (month - 1) / 12.0)), bm.cluster_month(p, cap, scenic, q, year, month),
                bm.idle_assets_month(p, cap, scenic, q, year, month),
                bm.idle_assets_revenue_month(p, cap, scenic, q, year, month),
                bm.town_shop_month(p, cap, q, flag), bm.attract_investor_month(p, cap, scenic, q, year, month, flag),
                bm.enterprise_equity_month(p, cap, q, month, flag), bm.cooperative_month(p, cap, q, month, price),
                bm.workshop_month(p, cap, q, flag), bm.monthly_failure_hazard(p, month % 8, q, scenic),
                bm.model_return(p, month % 8, cap, scenic), rules.first_secretary_money(p, z),
                rules.build_months(p, month % 8, u), rules.price_factor(p, z), rules.part_a_cost_yuan(p, year, 210),
                rules.chance_to_earn_by_december(p, month % 8, month), rules.leadership_capacity(p, scenic, flag),
                rules.misuse_share(p), rules.equity_default_chance(p, year), rules.pv_late_share(p, year))

    inner = numba().njit(interpreted)  # the same source, compiled

    @numba().njit
    def compiled(P, cap, scenic, q, year, month, flag, price, u, z):
        return inner(P[0], cap, scenic, q, year, month, flag, price, u, z)

    rng = np.random.default_rng(4)
    for shock in (True, False):
        p = make_params({"shocks.tourism_2020.enabled": shock, "tourism.room_rate_yuan": 187.3})
        record = params_record([p])
        for year in (2019, 2020, 2021, 2022, 2023):
            for month in range(1, 13):
                args = (rng.uniform(5e4, 2e6), rng.random(), rng.lognormal(0, 0.3), year, month,
                        bool(rng.random() < 0.7), rng.lognormal(0, 0.2), rng.random(), rng.normal())
                assert compiled(record, *args) == interpreted(p, *args), (shock, year, month)


def test_normal_quantile_is_accurate():
    """AS 241 against scipy's ndtri: equal to within a few units in the last place over
    the whole (0, 1), tails included."""
    from scipy.special import ndtri

    from vcsim.model.random_streams import normal_quantile
    u = np.concatenate([np.random.default_rng(1).random(20_000), 2.0 ** -np.arange(1, 60),
                        1 - 2.0 ** -np.arange(1, 53), [0.075, 0.5, 0.925]])
    ours = np.array([normal_quantile(x) for x in u])
    np.testing.assert_allclose(ours, ndtri(u), rtol=2e-15, atol=0)
    assert normal_quantile(0.5) == 0.0 and normal_quantile(0.975) == pytest.approx(1.959963984540054, rel=1e-15)


def test_engines_module_batches_give_single_runs():
    """compare and sweep hand the vector engine a chunk of runs at once; each must come
    back as the agents give it alone."""
    from vcsim.experiments.engines import simulate, simulate_detail

    roster = ROSTER.head(60).reset_index(drop=True)
    params = make_params({"simulation.end_year": 2021})
    batch = simulate(params, roster, 9, [4, 1, 7], "vector")
    for rep, table in zip([4, 1, 7], batch):
        assert_same(simulate(params, roster, 9, [rep], "agents")[0], table, f"annual, replicate {rep}")
    vector = simulate_detail(params, roster, 9, [4, 1], "vector")
    agents = simulate_detail(params, roster, 9, [4, 1], "agents")
    for table in ("annual", "villages", "projects"):
        assert_same(getattr(agents, table), getattr(vector, table), table)
    assert (vector.initial_zero_income_share == agents.initial_zero_income_share).all()


def test_simulate_runs_equals_the_runs_one_by_one():
    """Runs with their own parameters, of two lengths, in one call: each run's tables are
    those it gives alone, in the order given."""
    from vcsim.experiments.engines import simulate_runs

    roster = ROSTER.head(80).reset_index(drop=True)
    runs = [(make_params({"simulation.end_year": end, "tourism.room_rate_yuan": rate}), rep)
            for end, rate, rep in ((2022, 300.0, 0), (2021, 420.0, 1), (2022, 510.0, 1), (2021, 300.0, 0))]
    together = simulate_runs(runs, roster, 6, "vector", detail=True)
    for k, (params, rep) in enumerate(runs):
        alone = simulate_runs([(params, rep)], roster, 6, "agents", detail=True)
        assert_same(alone[0], together[k], f"run {k}")
        for table in ("villages", "projects"):
            assert_same(alone.rows(table, 0), together.rows(table, k), f"run {k} {table}")
