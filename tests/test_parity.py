"""The vector engine gives the Mesa agents' numbers: per village and year (income to
1e-9 relative, zero-income flag, cohort, models, grants) and every county measure."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.scenario import load_scenario, shipped_scenarios
from vcsim.model import CollectiveEconomyModel, make_params
from vcsim.model.parameters import DEFAULT_COUNTY, PARAMETERS
from vcsim.model.vector import VectorEngine

ROSTER = load_default_roster()


def agent_frames(roster, params, seed, replicates):
    annual, villages, projects = [], [], []
    for rep in replicates:
        m = CollectiveEconomyModel(roster, params, replicate=rep, seed=seed).run()
        for frames, f in ((annual, m.annual_frame()), (villages, m.village_frame()),
                          (projects, m.project_frame())):
            f.insert(0, "replicate", rep)
            frames.append(f)
    projects = [p for p in projects if len(p)] or projects[:1]
    return (pd.concat(annual, ignore_index=True), pd.concat(villages, ignore_index=True),
            pd.concat(projects, ignore_index=True))


def assert_same(expected: pd.DataFrame, actual: pd.DataFrame, what: str):
    assert list(expected.columns) == list(actual.columns), what
    assert len(expected) == len(actual), what
    for col in expected.columns:
        a, b = expected[col].to_numpy(), actual[col].to_numpy()
        if a.dtype.kind in "fiub" and b.dtype.kind in "fiub":
            ok = np.isclose(a.astype(float), b.astype(float), rtol=1e-9, atol=1e-6, equal_nan=True)
        else:
            ok = a == b
        if not ok.all():
            i = np.nonzero(~ok)[0][:3]
            raise AssertionError(f"{what}: column {col!r} differs at rows {i.tolist()}: "
                                 f"agents {a[i].tolist()} vector {b[i].tolist()}")


def check_parity(roster, params, seed, replicates):
    annual, villages, projects = agent_frames(roster, params, seed, replicates)
    engine = VectorEngine(roster, params, seed, replicates).run()
    assert_same(annual, engine.annual_frame(), "annual")
    assert_same(villages, engine.village_frame(), "villages")
    # projects: same set, compared independent of the order they were created in
    key = ["replicate", "village_ids", "start_year", "operating_from", "model"]
    vec = engine.project_frame().drop(columns="project_id").sort_values(key, ignore_index=True)
    ag = projects.drop(columns="project_id").sort_values(key, ignore_index=True)
    assert_same(ag.astype({"failed_year": float}), vec, "projects")


@pytest.mark.parametrize("name", shipped_scenarios())
def test_every_shipped_scenario(name):
    check_parity(ROSTER, load_scenario(name).params(), seed=3, replicates=[0, 1])


def test_batched_replicates_equal_one_at_a_time():
    params = make_params()
    together = VectorEngine(ROSTER, params, 5, [2, 3, 4]).run().village_frame()
    alone = VectorEngine(ROSTER, params, 5, [3]).run().village_frame()
    assert_same(together[together.replicate == 3].reset_index(drop=True), alone, "replicate 3")


# --- random parameters and rosters ---------------------------------------------------

SWEEPABLE = [p for p in PARAMETERS.values()
             if p.kind in ("float", "int", "bool") and p.unit != "year" and p.key != "simulation.end_year"]


@st.composite
def scenarios(draw):
    chosen = draw(st.lists(st.sampled_from(SWEEPABLE), min_size=1, max_size=12, unique_by=lambda p: p.key))
    overrides = {}
    for p in chosen:
        low, high = p.range_for(DEFAULT_COUNTY)  # a scaled setting's range for a county's total
        if p.kind == "bool":
            overrides[p.key] = draw(st.booleans())
        elif p.kind == "int":
            overrides[p.key] = draw(st.integers(int(low), int(high)))
        else:
            overrides[p.key] = draw(st.floats(low, high, allow_nan=False))
    years = sorted(draw(st.lists(st.integers(2019, 2022), min_size=3, max_size=3)))
    overrides.update({"rollout.poor_year": years[0], "rollout.priority_year": years[1],
                      "rollout.remaining_year": years[2],
                      "simulation.end_year": draw(st.integers(max(years[2], 2020), 2024))})
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
    return rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overrides=scenarios(), roster=rosters(), seed=st.integers(0, 10_000))
def test_random_parameters_and_rosters(overrides, roster, seed):
    check_parity(roster, make_params(overrides), seed, replicates=[0, 1])


# --- the pieces the vector engine shares with the agents ------------------------------

def test_compiled_monthly_cash_is_the_python_function_bit_for_bit():
    """The vector engine's kernel compiles the business models' monthly functions as they
    are; compiled and interpreted, they must give the very same numbers."""
    import numba

    from vcsim.model import business_models as bm
    from vcsim.model.parameters import params_tuple

    def interpreted(p, cap, scenic, q, year, month, flag, price):
        return (bm.solar_month(p, cap, q, (month - 1) / 12.0), bm.cluster_month(p, cap, scenic, q, year, month),
                bm.idle_assets_month(p, cap, scenic, q, year, month),
                bm.idle_assets_revenue_month(p, cap, scenic, q, year, month),
                bm.town_shop_month(p, cap, q, flag), bm.attract_investor_month(p, cap, scenic, q, year, month, flag),
                bm.enterprise_equity_month(p, cap, q, month, flag), bm.cooperative_month(p, cap, q, month, price),
                bm.workshop_month(p, cap, q, flag))

    compiled = numba.njit(interpreted)  # the same source, compiled
    rng = np.random.default_rng(4)
    for shock in (True, False):
        p = make_params({"shocks.tourism_2020.enabled": shock, "tourism.room_rate_yuan": 187.3})
        pt = params_tuple(p)
        for year in (2019, 2020, 2021, 2022, 2023):
            for month in range(1, 13):
                cap, scenic, q, price = rng.uniform(5e4, 2e6), rng.random(), rng.lognormal(0, 0.3), rng.lognormal(0, 0.2)
                flag = bool(rng.random() < 0.7)
                assert compiled(pt, cap, scenic, q, year, month, flag, price) == \
                    interpreted(p, cap, scenic, q, year, month, flag, price), (shock, year, month)


def test_engines_module_batches_give_single_runs():
    """compare and sweep hand the vector engine a chunk of replicates at once; each must
    come back as the agents give it alone."""
    from vcsim.experiments.engines import simulate, simulate_detail

    roster = ROSTER.head(60).reset_index(drop=True)
    params = make_params({"simulation.end_year": 2021})
    batch = simulate(params, roster, 9, [4, 1, 7], "vector")
    for rep, table in zip([4, 1, 7], batch):
        assert_same(simulate(params, roster, 9, [rep], "agents")[0], table, f"annual, replicate {rep}")
    vector = simulate_detail(params, roster, 9, [4, 1], "vector")
    agents = simulate_detail(params, roster, 9, [4, 1], "agents")
    for (rep, annual, villages, projects, share), (rep_a, *agent) in zip(vector, agents):
        assert rep == rep_a
        assert_same(agent[0], annual, f"annual, replicate {rep}")
        assert_same(agent[1], villages, f"villages, replicate {rep}")
        assert len(projects) == len(agent[2]) and share == agent[3]
