"""The county's capacity and the money's timing (issue 11): the county funds and starts at
most ``capacity.projects_per_year`` programme projects a year, and commits no more 5025
money than the upper levels have released in their yearly tranches; villages beyond
either limit wait, keep their cohort and are taken first in a later round."""

import numpy as np
import pandas as pd
import pytest

from vcsim.experiments.engines import simulate_detail
from vcsim.experiments.errors import InputError
from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.scenario import load_scenario, shipped_scenarios
from vcsim.model import CollectiveEconomyModel, make_params, rules
from vcsim.model.parameters import PARAMETERS

ROSTER = load_default_roster()
ALL_AT_ONCE = {"rollout.priority_year": 2019, "rollout.remaining_year": 2019}


def run(overrides: dict, engine: str, replicates=(0, 1, 2), seed: int = 7):
    return simulate_detail(make_params(overrides), ROSTER, seed, list(replicates), engine)


def programme_villages_per_year(projects: pd.DataFrame) -> pd.DataFrame:
    """Per replicate and year: programme projects started and the villages they fund."""
    prog = projects[~projects["self_started"]]
    return prog.groupby(["replicate", "start_year"]).agg(projects=("project_id", "size"),
                                                         villages=("villages", "sum"))


# --- the limits hold in every scenario, on both engines ---------------------------------

@pytest.mark.parametrize("capacity", [None, 40])
# the agent engine (ten times slower) in the whole suite; tests/test_parity.py holds it
# equal to the vector engine on every shipped scenario in the quick subset too
@pytest.mark.parametrize("engine", [pytest.param("agents", marks=pytest.mark.slow), "vector"])
@pytest.mark.parametrize("name", shipped_scenarios())
def test_programme_projects_per_year_never_exceed_the_capacity(name, engine, capacity):
    """As shipped, and with a capacity of 40 (which every scenario with a programme
    reaches in some year, so the bound is tested where it binds)."""
    overrides = dict(load_scenario(name).overrides)
    if capacity is not None:
        overrides["capacity.projects_per_year"] = capacity
    params = make_params(overrides)
    limit = params.capacity.projects_per_year
    res = run(overrides, engine, replicates=(0, 1))
    annual = res.annual.set_index(["replicate", "year"])
    counted = programme_villages_per_year(res.projects).reindex(annual.index, fill_value=0)
    # the column counts the programme's projects of the year, as projects.parquet lists them
    assert (annual["programme_projects_started"] == counted["projects"]).all()
    assert (annual["projects_started"] >= annual["programme_projects_started"]).all()
    # the villages they fund (a cluster counts once per village) are what capacity limits
    assert (counted["villages"] <= limit).all(), counted[counted["villages"] > limit]
    if capacity is not None and params.programme.enabled:
        assert (counted["villages"] == limit).any()
        assert annual["villages_waiting_capacity"].sum() > 0


@pytest.mark.parametrize("overrides", [{}, ALL_AT_ONCE, {"funding.tranche_shares": [0.2, 0.2, 0.6]},
                                       {**ALL_AT_ONCE, "funding.grant_pool_yuan": 20_000_000.0}],
                         ids=["baseline", "all_at_once", "late_money", "all_at_once_small_pool"])
def test_money_committed_never_exceeds_what_was_released(overrides):
    res = run(overrides, "vector", replicates=range(6))
    p = make_params(overrides)
    pool = p.funding.grant_pool_yuan
    for _, a in res.annual.groupby("replicate"):
        a = a.sort_values("year")
        released = a["tranche_released_yuan"].cumsum().to_numpy()
        committed = (a["grants_5025_yuan"] + a["demonstration_yuan"]).cumsum().to_numpy()
        assert (committed <= released + 1e-6).all()
        # the tranches: the year's share of the pool, all of it by the last
        shares = p.funding.tranche_shares
        expected = np.minimum(np.cumsum(shares + [0.0] * (len(a) - len(shares))) * pool, pool)
        np.testing.assert_allclose(released, expected, rtol=1e-12)
        # what is released and not committed is carried over; the pool is never overspent
        np.testing.assert_allclose(a["tranche_unspent_yuan"], released - committed, atol=1e-6)
        np.testing.assert_allclose(a["pool_left_yuan"], pool - committed, atol=1e-6)
        assert (a["tranche_unspent_yuan"] >= -1e-6).all()


# --- every village at once meets the limits ---------------------------------------------

def test_every_village_at_once_waits_for_money_then_for_capacity():
    """``all_in_2019`` selects about 164 villages in January 2019. With the default
    tranches (half the 70 M pool in 2019) the money binds first: the grants of the 60 poor
    villages, the demonstration extras and 8 others use the 35 M yuan released, and every
    other village waits for money at the end of 2019, none for capacity (84). With all the
    money at once, capacity binds: 84 start in 2019 and the rest wait for capacity. With
    neither limit, they all start in 2019 (the limits are what holds them back)."""
    money = run(ALL_AT_ONCE, "vector")
    a = money.annual.set_index("year")
    y2019 = a.loc[2019]
    assert (y2019["programme_projects_started"] == 68).all()
    assert (y2019["grants_5025_yuan"] + y2019["demonstration_yuan"] <= 35_000_000.0).all()
    assert (y2019["villages_waiting_money"] > 80).all() and (y2019["villages_waiting_capacity"] == 0).all()
    assert (a.loc[2021, "villages_waiting_money"] == 0).all()  # the last tranche came in 2021
    villages = money.villages
    waiting = villages[(villages["year"] == 2019) & villages["waiting_for"].notna()]
    assert set(waiting["waiting_for"]) == {"money"}
    assert waiting["model"].isna().all()  # waiting villages have no project
    assert (waiting["cohort"] > 0).all()  # and keep the cohort they were selected in

    capacity = run({**ALL_AT_ONCE, "funding.tranche_shares": [1.0, 0.0, 0.0]}, "vector")
    c = capacity.annual.set_index("year").loc[2019]
    assert (c["programme_projects_started"] == 84).all()
    assert (c["villages_waiting_capacity"] > 70).all() and (c["villages_waiting_money"] == 0).all()

    free = run({**ALL_AT_ONCE, "funding.tranche_shares": [1.0, 0.0, 0.0], "capacity.projects_per_year": 1000},
               "vector")
    assert (free.annual.set_index("year").loc[2019, "programme_projects_started"] > 150).all()


def test_a_round_takes_villages_in_priority_order_and_the_waiting_keep_their_place():
    """Every village at once, all the money at once, a capacity of 70: in January 2019 the
    county takes the 60 poor villages (step 1) first, then villages of step 2, then of
    step 3, each in roster order, until its capacity is used; the rest wait. In January
    2020 it takes the queue again in the same order: those that waited come before any
    village behind them."""
    params = make_params({**ALL_AT_ONCE, "funding.tranche_shares": [1.0, 0.0, 0.0],
                          "capacity.projects_per_year": 70})
    m = CollectiveEconomyModel(ROSTER, params, replicate=1, seed=3)

    def priority(i):
        return m.villages[i].cohort, i

    def round_of(t):
        started = {v.index for pr in m.projects if pr.start_t == t and not pr.self_started for v in pr.villages}
        waiting = {v.index for v in m.villages if v.waiting}
        return started, waiting

    m.step()  # January 2019
    started, waiting = round_of(0)
    assert len(started) == 70 and len(waiting) > 80
    assert all(m.villages[i].waiting == rules.WAITING_CAPACITY for i in waiting)
    assert max(map(priority, started)) < min(map(priority, waiting))
    assert sum(m.villages[i].poor for i in started) == 60
    cohorts = {i: m.villages[i].cohort for i in waiting}
    for _ in range(12):  # to January 2020
        m.step()
    waited = waiting
    started, waiting = round_of(12)
    assert started and waiting and started & waited
    assert max(map(priority, started)) < min(map(priority, waiting))
    assert {i: m.villages[i].cohort for i in waited} == cohorts  # they kept their cohort


# --- the rules themselves ------------------------------------------------------------------

def test_the_rules_of_waiting_and_releasing():
    p = make_params({"funding.grant_pool_yuan": 10_000_000.0, "funding.tranche_shares": [0.5, 0.0, 0.5],
                     "capacity.projects_per_year": 3})
    # tranches: half in 2019, none in 2020, the rest (all the pool left) in 2021, none later
    assert rules.released_after_tranche(p, 2019, 0.0, 10e6) == 5e6
    assert rules.released_after_tranche(p, 2020, 1e6, 6e6) == 1e6
    assert rules.released_after_tranche(p, 2021, 1e6, 6e6) == 6e6
    assert rules.released_after_tranche(p, 2022, 2e6, 2e6) == 2e6
    assert [rules.money_to_come(p, y) for y in (2019, 2020, 2021, 2022)] == [True, True, False, False]
    # capacity first, then money (only while more is to come)
    assert rules.waits_for(p, 2019, 3, 500_000, 9e6) == rules.WAITING_CAPACITY
    assert rules.waits_for(p, 2019, 2, 500_000, 400_000) == rules.WAITING_MONEY
    assert rules.waits_for(p, 2019, 2, 500_000, 500_000) == rules.NOT_WAITING
    assert rules.waits_for(p, 2021, 2, 500_000, 400_000) == rules.NOT_WAITING  # the pool pays while it lasts
    assert list(rules.priority_order(np.array([3, 1, 2, 1, 3]), np.empty(5, np.int64))) == [1, 3, 2, 0, 4]


def test_tranche_shares_must_add_up_to_one(tmp_path):
    assert "add up to 1" in PARAMETERS["funding.tranche_shares"].check([0.5, 0.3, 0.3])
    with pytest.raises(ValueError, match="tranche_shares"):
        make_params({"funding.tranche_shares": [0.5, 0.3, 0.3]})
    from vcsim.experiments.scenario import SCENARIO_DIR
    bad = tmp_path / "bad.toml"
    bad.write_text(f'extends = "{(SCENARIO_DIR / "baseline.toml").as_posix()}"\n[funding]\n'
                   'tranche_shares = [0.6, 0.6, 0.0]\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_scenario(bad)
    message = str(err.value)
    assert "bad.toml" in message and "[funding] tranche_shares" in message and "add up to 1" in message


def test_after_january_the_rollout_leaves_villages_with_a_project_alone():
    """The vector engine skips villages with a project in the rounds after January
    (``vector_kernels._entrants``); the agents ask the rule. It is the same because the
    rule, asked again later in the year with the same settings, changes nothing for them:
    checked here for every village and cohort over the rollout years and settings that
    put steps together."""
    for years in ((2019, 2020, 2021), (2019, 2019, 2019), (2020, 2020, 2022), (2019, 2021, 2021)):
        p = make_params({"rollout.poor_year": years[0], "rollout.priority_year": years[1],
                         "rollout.remaining_year": years[2]})
        for row in ROSTER.itertuples():
            for year in range(2019, 2025):
                for start in (0, 1, 2, 3):
                    for own in (0.0, float(row.initial_income_yuan)):
                        january, _ = rules.rollout(p, year, start, row.poor, row.poor_households,
                                                   row.deep_mountain, True, own)
                        later = rules.rollout(p, year, january, row.poor, row.poor_households,
                                              row.deep_mountain, True, own)
                        assert later == (january, False)
