"""Tests for the simulation: business-model economics, rollout, grants, selection,
shocks, determinism, Part A costs, measures and the parameter registry. The report's
headline patterns and the metamorphic relations (clearance by 2021, the counterfactual,
the review, the tourism shock) are checked on 40 replicates in tests/validation/, on the
vector engine that tests/test_parity.py holds equal to these agents.

Expected values are derived from the parameter registry and the report's figures, never
copied from a model run. Stochastic comparisons average over replicates with common
random numbers (same seed) and state their tolerance.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from vcsim.experiments.roster import load_default_roster
from vcsim.model import business_models as bm
from vcsim.model.rules import chance_to_earn_by_december, part_a_cost_yuan
from vcsim.model.business_models import MODEL_CODES, MODEL_INDEX
from vcsim.model.measures import gini, income_measures
from vcsim.model.model import START_YEAR, CollectiveEconomyModel
from vcsim.model.parameters import DEFAULT_COUNTY, PARAMETERS, make_params
from vcsim.model.random_streams import RandomStreams

SEED = 1


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return load_default_roster()


def run(roster, overrides=None, replicate=0, seed=SEED) -> CollectiveEconomyModel:
    return CollectiveEconomyModel(roster, make_params(overrides or {}), replicate=replicate,
                                  seed=seed).run()


@pytest.fixture(scope="module")
def baseline(roster) -> CollectiveEconomyModel:
    return run(roster)


def programme_projects(pf: pd.DataFrame) -> pd.DataFrame:
    return pf[~pf["self_started"]]


def first_programme_project(pf: pd.DataFrame) -> pd.DataFrame:
    """The first programme project of every village that had one, indexed by village_id."""
    prog = programme_projects(pf).assign(village_id=lambda d: d["village_ids"].str.split(";"))
    return prog.explode("village_id").sort_values("project_id").groupby("village_id").first()


def yearly_project_income(roster, overrides, replicate, seed=SEED) -> dict[int, dict[int, tuple]]:
    """Run month by month; {year: {project_id: (model, income in that year)}}."""
    m = CollectiveEconomyModel(roster, make_params(overrides), replicate=replicate, seed=seed)
    cumulative: dict[int, dict[int, tuple]] = {}
    while m.running:
        m.step()
        if m.t % 12 == 0:  # December has just been closed
            cumulative[m.year - 1] = {pr.project_id: (pr.code, pr.income_yuan) for pr in m.projects}
    out = {}
    for year, cur in cumulative.items():
        prev = cumulative.get(year - 1, {})
        out[year] = {k: (code, inc - prev.get(k, (code, 0.0))[1]) for k, (code, inc) in cur.items()}
    return out


def income_of(yearly, year, codes) -> float:
    return sum(inc for code, inc in yearly[year].values() if code in codes)


# ------------------------------------------------------------------ 1. PV arithmetic


def test_pv_annual_yield_matches_calibration_pv4():
    # PV4: 100 kW x 1,100 h x 0.85 yuan/kWh = 93,500 yuan a year
    assert bm.pv_annual_yield_yuan(100, 1100, 0.85) == pytest.approx(93_500.0, rel=1e-12)
    # broadcasts over arrays
    out = bm.pv_annual_yield_yuan(np.array([100.0, 200.0]), 1100, 0.85)
    np.testing.assert_allclose(out, [93_500.0, 187_000.0])


def test_solar_month_sums_to_annual_yield_minus_om():
    p = make_params()
    s = p.models.solar
    capital = 800_000.0
    kw = capital / (1000.0 * s.capex_yuan_per_w)
    expected = (bm.pv_annual_yield_yuan(kw, s.full_load_hours, s.tariff_yuan_per_kwh)
                - capital * s.om_share_per_year)
    net = 0.0
    for _month in range(1, 13):
        gross, om = bm.solar_month(p, capital, 1.0, bm.solar_degradation(p, 0.0))
        net += float(gross) - float(om)
    assert net == pytest.approx(expected, rel=1e-6)
    # degradation lowers output with age, quality scales gross
    g0, _ = bm.solar_month(p, capital, 1.0, bm.solar_degradation(p, 0.0))
    g5, _ = bm.solar_month(p, capital, 1.0, bm.solar_degradation(p, 5.0))
    gq, _ = bm.solar_month(p, capital, 1.2, bm.solar_degradation(p, 0.0))
    assert g5 == pytest.approx(g0 * (1 - s.degradation_per_year) ** 5)
    assert gq == pytest.approx(1.2 * g0)


# ------------------------------------------------------------ 2. the eight models


def test_cluster_scales_with_village_share_and_tourism_index():
    p1 = make_params()
    p2 = make_params({"models.cluster.village_share": 0.5})
    base = bm.cluster_month(p1, 600_000, 0.6, 1.0, 2019, 8)
    assert base > 0
    assert bm.cluster_month(p2, 600_000, 0.6, 1.0, 2019, 8) == pytest.approx(base * 0.5 / 0.25)
    # the 2020 shock: February revenue is index_2020[1] of a normal February
    feb_2019 = bm.cluster_month(p1, 600_000, 0.6, 1.0, 2019, 2)
    feb_2020 = bm.cluster_month(p1, 600_000, 0.6, 1.0, 2020, 2)
    assert feb_2020 == pytest.approx(feb_2019 * p1.shocks.tourism_2020.index_2020[1])
    assert feb_2020 < feb_2019
    # more scenery draws more visitors
    assert bm.cluster_month(p1, 600_000, 0.9, 1.0, 2019, 8) > base


def test_idle_assets_loses_money_in_a_month_without_tourism():
    p = make_params({"shocks.tourism_2020.index_2020": [0.0] * 12})
    fixed = p.models.idle_assets.fixed_cost_yuan_per_month
    loss = bm.idle_assets_month(p, 300_000, 0.6, 1.0, 2020, 4)
    assert loss < 0
    assert loss == pytest.approx(-fixed)
    # a normal August is profitable
    assert bm.idle_assets_month(p, 300_000, 0.6, 1.0, 2019, 8) > 0


def test_town_shop_pays_only_when_occupied():
    p = make_params()
    assert bm.town_shop_month(p, 500_000, 1.0, False) == 0
    rent = bm.town_shop_month(p, 500_000, 1.0, True)
    assert rent == pytest.approx(500_000 * p.models.town_shop.rent_yield / 12)


def test_attract_investor_pays_nothing_before_investor_arrives():
    p = make_params()
    for month in range(1, 13):
        assert bm.attract_investor_month(p, 500_000, 0.7, 1.0, 2019, month, False) == 0
        assert bm.attract_investor_month(p, 500_000, 0.7, 1.0, 2019, month, True) > 0


def test_enterprise_equity_pays_only_in_december_and_only_if_paid():
    p = make_params()
    for month in range(1, 12):
        assert float(bm.enterprise_equity_month(p, 500_000, 1.0, month, True)) == 0
    dec = bm.enterprise_equity_month(p, 500_000, 1.0, 12, True)
    assert dec == pytest.approx(500_000 * p.models.enterprise_equity.dividend_rate)
    assert float(bm.enterprise_equity_month(p, 500_000, 1.0, 12, False)) == 0


def test_cooperative_pays_at_harvests_and_scales_with_price():
    p = make_params()
    c = p.models.cooperative
    pays = {m: float(bm.cooperative_month(p, 300_000, 1.0, m, 1.0)) for m in range(1, 13)}
    assert {m for m, v in pays.items() if v > 0} == {4, 5, 10, 11}
    assert sum(pays.values()) == pytest.approx(
        300_000 / c.capital_per_bag_yuan * c.profit_per_bag_yuan * c.village_share)
    for m in (4, 5, 10, 11):
        assert bm.cooperative_month(p, 300_000, 1.0, m, 1.5) == pytest.approx(1.5 * pays[m])


def test_workshop_empty_shell_earns_nothing():
    p = make_params()
    w = p.models.workshop
    assert bm.workshop_month(p, 400_000, 1.0, False) == 0
    assert bm.workshop_month(p, 400_000, 1.0, True) == pytest.approx(
        400_000 * w.rent_yield / 12 + w.fee_yuan_per_worker_month * w.workers)


def test_solar_model_income_depends_only_on_capital_quality_age():
    # the eighth model: solar_month has no tourism, season or partner dependence
    p = make_params()
    g1, om1 = bm.solar_month(p, 600_000, 1.0, bm.solar_degradation(p, 1.0))
    g2, om2 = bm.solar_month(p, 1_200_000, 1.0, bm.solar_degradation(p, 1.0))
    assert g2 == pytest.approx(2 * g1) and om2 == pytest.approx(2 * om1)
    assert g1 > om1 > 0


def _everything(n=1):
    """Village attributes meeting every model's preconditions."""
    return dict(solar_site=np.ones(n, bool), scenic_value=np.full(n, 0.9),
                idle_buildings=np.full(n, 2), near_enterprise=np.ones(n, bool),
                near_cooperative=np.ones(n, bool), population=np.full(n, 2000))


def _nothing(n=1):
    return dict(solar_site=np.zeros(n, bool), scenic_value=np.zeros(n),
                idle_buildings=np.zeros(n, int), near_enterprise=np.zeros(n, bool),
                near_cooperative=np.zeros(n, bool), population=np.full(n, 10))


def _feasible(p, attrs):
    return bm.feasible(p, attrs["solar_site"], attrs["scenic_value"], attrs["idle_buildings"],
                       attrs["near_enterprise"], attrs["near_cooperative"], attrs["population"])


def test_feasible_preconditions():
    p = make_params()
    allf = _feasible(p, _everything(3))
    assert allf.shape == (3, 8) and allf.all()
    none = _feasible(p, _nothing(2))
    # town shop fronts are the route for villages with nothing
    assert none[:, MODEL_INDEX["town_shop"]].all()
    assert none.sum() == 2
    # solar needs a site
    a = _everything()
    a["solar_site"] = np.zeros(1, bool)
    assert not _feasible(p, a)[0, MODEL_INDEX["solar"]]
    # workshop needs labour >= min_labour (labour = population x labour_share)
    need = p.models.workshop.min_labour / p.village.labour_share
    a = _everything(2)
    a["population"] = np.array([math.floor(need) - 1, math.ceil(need)])
    f = _feasible(p, a)
    assert not f[0, MODEL_INDEX["workshop"]] and f[1, MODEL_INDEX["workshop"]]


@pytest.mark.parametrize("code", MODEL_CODES)
def test_disabled_model_is_never_feasible(code):
    p = make_params({f"models.{code}.enabled": False})
    f = _feasible(p, _everything(4))
    assert not f[:, MODEL_INDEX[code]].any()
    others = [i for i in range(8) if i != MODEL_INDEX[code]]
    assert f[:, others].all()


# ---------------------------------------------------------------- 3. expected_return


def test_expected_return_shape_finite_and_solar_formula():
    p = make_params()
    s = p.models.solar
    for shape in [(), (5,), (2, 3)]:
        money = np.full(shape, 400_000.0) if shape else 400_000.0
        scenic = np.linspace(0, 1, int(np.prod(shape))).reshape(shape) if shape else 0.5
        useful = bm.useful_capital_yuan(p, money)
        r = bm.expected_return(p, useful, scenic)
        assert r.shape == (*shape, 8)
        assert np.isfinite(r).all()
        solar = s.full_load_hours * s.tariff_yuan_per_kwh / (1000.0 * s.capex_yuan_per_w) - s.om_share_per_year
        np.testing.assert_allclose(r[..., MODEL_INDEX["solar"]], solar, rtol=1e-12)
    # for the defaults: 1,100 h x 0.85 / 4,000 - 0.02
    assert solar == pytest.approx(1100 * 0.85 / 4000 - 0.02)
    # even a tiny capital gives finite returns (no division by zero)
    assert np.isfinite(bm.expected_return(p, bm.useful_capital_yuan(p, 0.0), 0.3)).all()


def test_useful_capital_caps_solar_at_max_kw():
    p = make_params()
    cap = bm.useful_capital_yuan(p, 5_000_000.0)
    s = p.models.solar
    assert cap[MODEL_INDEX["solar"]] == pytest.approx(s.max_kw * 1000 * s.capex_yuan_per_w)
    assert cap[MODEL_INDEX["town_shop"]] == 5_000_000.0


# --------------------------------------------------------------------- 4. rollout


def test_cohort_labels_follow_rollout_rules(baseline, roster):
    p = baseline.p
    thr = p.rollout.priority_poor_households
    by_id = roster.set_index("village_id")
    cohorts = {v.village_id: v.cohort for v in baseline.villages}
    for vid, c in cohorts.items():
        row = by_id.loc[vid]
        if row["poor"]:
            assert c == 1, vid
        if c == 2:
            assert not row["poor"], vid
            assert row["poor_households"] > thr or row["deep_mountain"], vid
        if c == 3:
            assert not row["poor"], vid
            assert row["initial_income_yuan"] <= p.village.zero_income_threshold_yuan, vid
    counts = pd.Series(cohorts).value_counts()
    assert counts.get(1, 0) == int(roster["poor"].sum())
    assert counts.get(2, 0) > 0 and counts.get(3, 0) > 0
    # every initially zero-income village has entered by the clearance year
    zero = roster.loc[roster["initial_income_yuan"] <= 0, "village_id"]
    entered_by_2021 = {v.village_id for v in baseline.villages if v.cohort > 0}
    # a village that self-started a still-running project may stay outside the programme
    outside = set(zero) - entered_by_2021
    for v in baseline.villages:
        if v.village_id in outside:
            assert any(pr.self_started for pr in v.projects), v.village_id


def test_cohorts_enter_in_their_step_year(baseline):
    p = baseline.p
    entry = {1: p.rollout.poor_year, 2: p.rollout.priority_year, 3: p.rollout.remaining_year}
    first = first_programme_project(baseline.project_frame())
    cohort = {v.village_id: v.cohort for v in baseline.villages}
    for vid, row in first.iterrows():
        assert row["start_year"] >= entry[cohort[vid]], vid
    # poor villages are all funded in 2019 in the baseline
    poor_first = first[[cohort[v] == 1 for v in first.index]]
    assert (poor_first["start_year"] == p.rollout.poor_year).all()


def test_all_in_2019_enters_every_cohort_in_2019_and_starts_them_as_the_money_comes(roster):
    """Every cohort enters in 2019; the 2019 tranche (half the pool) pays the poor villages
    and a few others, the rest wait for the 2020 and 2021 tranches (issue 11)."""
    m = run(roster, {"rollout.priority_year": 2019, "rollout.remaining_year": 2019})
    first = first_programme_project(m.project_frame())
    assert set(first["cohort"]) == {1, 2, 3}
    villages = m.village_frame()
    at_2019 = villages[villages["year"] == 2019]
    entered = {v.village_id for v in m.villages if v.cohort > 0}
    assert set(at_2019.loc[at_2019["cohort"] > 0, "village_id"]) == entered  # all in 2019
    assert entered == set(first.index)  # every one of them funded in the end
    started = first["start_year"].value_counts()
    assert started[2019] < len(first) and set(started.index) <= {2019, 2020, 2021}
    assert (first.loc[first["cohort"] == 1, "start_year"] == 2019).all()  # the poor come first
    waiting = at_2019[at_2019["waiting_for"].notna()]
    # those not yet started wait (and any whose 2019 project failed, to be supported again)
    assert set(first.index[first["start_year"] > 2019]) <= set(waiting["village_id"])
    assert set(waiting["waiting_for"]) == {"money"}


def test_no_programme_no_cohorts_no_grants(roster):
    m = run(roster, {"programme.enabled": False})
    assert all(v.cohort == 0 for v in m.villages)
    pf = m.project_frame()
    assert (pf["grant_yuan"] == 0).all()
    assert pf["self_started"].all()
    a = m.annual_frame()
    assert (a["grants_5025_yuan"] == 0).all()
    assert (a["demonstration_yuan"] == 0).all()
    assert (a["integrated_yuan"] == 0).all()


# ------------------------------------------------------------- 5. grants and pool


def test_tiny_pool_is_never_overspent(roster):
    pool = 1_000_000.0
    for rep in range(2):
        m = run(roster, {"funding.grant_pool_yuan": pool}, replicate=rep)
        a = m.annual_frame()
        spent = a["grants_5025_yuan"].sum() + a["demonstration_yuan"].sum()
        assert a["grants_5025_yuan"].sum() <= pool + 1e-6
        assert spent <= pool + 1e-6
        assert (a["pool_left_yuan"] >= 0).all()
        monthly = m.datacollector.get_model_vars_dataframe()
        assert (monthly["pool_left_yuan"] >= 0).all()
        pf = m.project_frame()
        assert pf["grant_yuan"].sum() <= pool + 1e-6
        # once the pool is empty, later programme projects get no grant
        assert (programme_projects(pf)["grant_yuan"] == 0).any()


def test_pool_is_conserved(baseline):
    a = baseline.annual_frame()
    p = baseline.p
    spent = a["grants_5025_yuan"].sum() + a["demonstration_yuan"].sum()
    assert spent + a["pool_left_yuan"].iloc[-1] == pytest.approx(p.funding.grant_pool_yuan)
    pf = baseline.project_frame()
    assert pf["grant_yuan"].sum() == pytest.approx(a["grants_5025_yuan"].sum())
    # central / province / city-county shares add up to the grant
    parts = a["grant_central_yuan"] + a["grant_province_yuan"] + a["grant_city_county_yuan"]
    np.testing.assert_allclose(parts, a["grants_5025_yuan"])
    np.testing.assert_allclose(a["grant_central_yuan"], a["grants_5025_yuan"] * p.funding.central_share)


def _entitlement(roster, p):
    poor = roster.set_index("village_id")["poor"]
    return {vid: (p.funding.poor_village_yuan if is_poor else p.funding.nonpoor_village_yuan)
            for vid, is_poor in poor.items()}


def test_grant_is_5025(baseline, roster):
    p = baseline.p
    monthly = baseline.datacollector.get_model_vars_dataframe()
    # precondition: the default pool never ran low, so no grant was cut short
    assert monthly["pool_left_yuan"].min() > p.funding.poor_village_yuan + p.demonstration.extra_yuan
    ent = _entitlement(roster, p)
    prog = programme_projects(baseline.project_frame())
    for _, pr in prog.iterrows():
        members = pr["village_ids"].split(";")
        assert pr["grant_yuan"] == pytest.approx(sum(ent[v] for v in members)), pr["project_id"]
    single = prog[prog["villages"] == 1]
    assert (single.loc[single["cohort"] == 1, "grant_yuan"] == 500_000).all()
    assert (single.loc[single["cohort"].isin([2, 3]), "grant_yuan"] == 250_000).all()
    assert (single["cohort"] == 1).any() and (single["cohort"].isin([2, 3])).any()


def test_poor_village_grant_follows_parameter(roster):
    m = run(roster, {"funding.poor_village_yuan": 400_000})
    first = first_programme_project(m.project_frame())
    first = first[first["villages"] == 1]
    assert (first.loc[first["cohort"] == 1, "grant_yuan"] == 400_000).all()
    assert (first.loc[first["cohort"] != 1, "grant_yuan"] == 250_000).all()
    assert (first["cohort"] == 1).sum() > 0


def test_integrated_funds_per_project_capped(baseline):
    pf = baseline.project_frame()
    single = programme_projects(pf)
    single = single[single["villages"] == 1]
    assert (single["integrated_yuan"] <= baseline.p.funding.integrated_cap_yuan + 1e-6).all()


def test_integrated_funds_within_yearly_budget(baseline):
    """funding.integrated_yuan_per_year is a yearly budget (yuan/yr): a year's top-ups
    must not exceed it, however many times in the year the county selects projects
    (from the clearance year on it selects every month for re-supported villages)."""
    a = baseline.annual_frame()
    budget = baseline.p.funding.integrated_yuan_per_year
    over = a.loc[a["integrated_yuan"] > budget + 1e-6, ["year", "integrated_yuan"]]
    assert over.empty, f"integrated funds above the yearly budget of {budget:,.0f}:\n{over}"


# ------------------------------------------------------------------- 6. selection


def _reviewed(roster, overrides, year, money=400_000.0):
    """{village_id: (candidates proposed, candidates approved)} on a fresh model."""
    m = CollectiveEconomyModel(roster, make_params(overrides), replicate=0, seed=SEED)
    return {v.village_id: (m.counties[0]._options(v, money, year, review=False)[0],
                           m.counties[0]._options(v, money, year, review=True)[0])
            for v in m.villages}


def test_options_review_keeps_only_approved_ranked(roster):
    """议 then 评, judged by what they do rather than by their formula: villages propose
    feasible candidates; the review approves some of them (or town shop fronts), ranked
    independently of the minimum it asks for; a higher minimum approves a subset of what
    a lower one approves, none at an unreachable one; an error-free review ranks by
    the true return."""
    p = make_params()
    shop = MODEL_INDEX["town_shop"]
    money = 400_000.0
    strict = {"selection.review_min_return": 0.08}
    runs = {name: _reviewed(roster, overrides, 2019) for name, overrides in (
        ("default", {}), ("lenient", {"selection.review_min_return": 0.0}), ("strict", strict),
        ("unreachable", {"selection.review_min_return": 100.0}))}
    m = CollectiveEconomyModel(roster, p, replicate=0, seed=SEED)
    feasible = {v.village_id: v.feasible & (money >= bm.model_settings(p, "min_yuan")) for v in m.villages}
    for vid, (candidates, approved) in runs["default"].items():
        assert 1 <= len(candidates) <= p.selection.candidates
        assert all(feasible[vid][c] for c in candidates)
        assert set(approved) <= set(candidates) | {shop}
        assert len(set(approved)) == len(approved)
        assert runs["unreachable"][vid] == (candidates, [])  # proposals do not depend on the review
        lenient, stricter = runs["lenient"][vid][1], runs["strict"][vid][1]
        assert set(stricter) <= set(lenient) and set(approved) <= set(lenient) | {shop}
        assert stricter == [c for c in lenient if c in stricter]  # one ranking, whatever the minimum
    sizes = [len(runs[n][vid][1]) for n in ("lenient", "default", "strict") for vid in runs[n]]
    assert max(sizes) >= 2 and sum(len(a) for _, a in runs["strict"].values()) \
        < sum(len(a) for _, a in runs["lenient"].values())  # the minimum bites
    # an error-free review ranks the approved candidates by their true return
    exact = CollectiveEconomyModel(roster, make_params({"selection.review_noise_sd": 0.0,
                                                        "selection.review_min_return": 0.0}),
                                   replicate=0, seed=SEED)
    useful = bm.useful_capital_yuan(p, money)
    for v in exact.villages:
        approved, quality = exact.counties[0]._options(v, money, 2019, review=True)
        true_return = bm.expected_return(p, useful, v.scenic_value) * quality
        assert [true_return[c] for c in approved] == sorted((true_return[c] for c in approved),
                                                            reverse=True), v.village_id


def test_deadline_aware_review_approves_sure_projects(roster):
    """From the clearance year on, the review approves only projects that will almost
    surely earn by December whenever there is one (the likeliest ones otherwise), and
    without the rule villages would have run riskier ones."""
    p = make_params()
    chance = np.array([chance_to_earn_by_december(p, code, 1) for code in range(len(MODEL_CODES))])
    assert chance.shape == (8,) and ((chance >= 0) & (chance <= 1)).all()
    sure = lambda c: chance[c] >= p.selection.deadline_min_chance
    year = p.rollout.remaining_year
    aware = _reviewed(roster, {}, year)
    unaware = _reviewed(roster, {"selection.deadline_aware": False}, year)
    for vid, (_, approved) in aware.items():
        flags = [sure(c) for c in approved]
        assert all(flags) or not any(flags), (vid, approved)
        if not all(flags):  # nothing sure: the likeliest first
            assert [chance[c] for c in approved] == sorted((chance[c] for c in approved), reverse=True)
    first_sure = lambda run: sum(bool(a) and sure(a[0]) for _, a in run.values())
    assert first_sure(aware) > first_sure(unaware)


def test_only_town_shop_enabled(roster):
    ov = {f"models.{c}.enabled": False for c in MODEL_CODES if c != "town_shop"}
    pf = run(roster, ov).project_frame()
    assert len(programme_projects(pf)) > 0
    assert (pf["model"] == "town_shop").all()


def test_disabled_models_never_chosen(roster):
    ov = {"models.solar.enabled": False, "models.idle_assets.enabled": False}
    for rep in range(2):
        pf = run(roster, ov, replicate=rep).project_frame()
        assert len(pf) > 0
        assert not pf["model"].isin(["solar", "idle_assets"]).any()


def test_unreachable_minimum_return_blocks_review_until_clearance_year(roster):
    """With a minimum return no project can reach, the ordinary review approves nothing
    (and the reserved grants return to the pool); from the clearance year on the
    deadline-aware review falls back on town shop fronts."""
    m = run(roster, {"selection.review_min_return": 100.0})
    p = m.p
    prog = programme_projects(m.project_frame())
    assert (prog["start_year"] >= p.rollout.remaining_year).all()
    assert (prog["model"] == "town_shop").all()
    a = m.annual_frame().set_index("year")
    for y in range(START_YEAR, p.rollout.remaining_year):
        assert a.loc[y, "pool_left_yuan"] == pytest.approx(p.funding.grant_pool_yuan)
        assert a.loc[y, "grants_5025_yuan"] == 0


# ---------------------------------------------------------------------- 7. shocks


def test_tourism_index_switch():
    on = make_params()
    off = make_params({"shocks.tourism_2020.enabled": False})
    for month in range(1, 13):
        assert bm.tourism_index(off, 2020, month) == 1.0
        assert bm.tourism_index(on, 2020, month) == pytest.approx(on.shocks.tourism_2020.index_2020[month - 1])
        assert bm.tourism_index(on, 2019, month) == 1.0
        assert bm.tourism_index(on, 2023, month) == 1.0
    assert bm.tourism_index(on, 2021, 5) == on.shocks.tourism_2020.index_2021
    assert bm.tourism_index(off, 2021, 5) == 1.0


def test_common_random_numbers_before_shock(roster):
    on = run(roster).village_frame()
    off = run(roster, {"shocks.tourism_2020.enabled": False,
                       "shocks.pv_arrears.enabled": False}).village_frame()
    assert_frame_equal(on[on["year"] == 2019].reset_index(drop=True),
                       off[off["year"] == 2019].reset_index(drop=True))
    assert not on[on["year"] == 2020]["income_yuan"].equals(off[off["year"] == 2020]["income_yuan"])


def test_pv_arrears_delay_solar_income(roster):
    """Late subsidy lowers 2020 solar income but is not lost: over the whole run solar
    income with arrears is close to income without (it differs only by subsidies still
    due after the end)."""
    for rep in range(2):
        on = yearly_project_income(roster, {}, rep)
        off = yearly_project_income(roster, {"shocks.pv_arrears.enabled": False}, rep)
        assert income_of(off, 2020, ("solar",)) >= income_of(on, 2020, ("solar",))
        assert income_of(off, 2020, ("solar",)) > 0
        years = sorted(on)
        tot_on = sum(income_of(on, y, ("solar",)) for y in years)
        tot_off = sum(income_of(off, y, ("solar",)) for y in years)
        assert tot_on == pytest.approx(tot_off, rel=0.02)
        # 18 months late: subsidies of Jul 2021 - Jun 2022 arrive in 2023, after the
        # last arrears year, on top of 2023's own, so 2023 is richer than without arrears
        assert income_of(on, 2023, ("solar",)) > income_of(off, 2023, ("solar",))


def test_partner_wave_multiplier():
    p_on = make_params({"shocks.partner_default_wave.enabled": True,
                        "shocks.partner_default_wave.multiplier": 10.0})
    p_off = make_params()
    assert bm.partner_wave(p_on, 2022) == 10.0
    assert bm.partner_wave(p_on, 2021) == 1.0
    assert bm.partner_wave(p_off, 2022) == 1.0


@pytest.mark.slow
def test_partner_default_wave_raises_defaults_and_relocations(roster):
    def events(enabled):
        n = []
        for rep in range(6):
            pf = run(roster, {"shocks.partner_default_wave.enabled": enabled,
                              "shocks.partner_default_wave.year": 2022,
                              "shocks.partner_default_wave.multiplier": 10.0},
                     replicate=rep).project_frame()
            defaults = (pf["end_reason"] == "partner default").sum()
            workshops_lost = ((pf["model"] == "workshop") & (pf["status"] == "failed")).sum()
            n.append(defaults + workshops_lost)
        return np.mean(n)

    off, on = events(False), events(True)
    assert on >= off
    assert on > off  # ten times the hazard for a year must show up over 6 replicates


# ---------------------------------------------------------------- 8. determinism


def test_same_seed_same_results(roster, baseline):
    again = run(roster)
    assert_frame_equal(baseline.annual_frame(), again.annual_frame())
    assert_frame_equal(baseline.village_frame(), again.village_frame())
    assert_frame_equal(baseline.project_frame(), again.project_frame())


def test_other_replicate_differs(roster, baseline):
    other = run(roster, replicate=1)
    a, b = baseline.village_frame(), other.village_frame()
    assert not np.array_equal(a["income_yuan"].to_numpy(), b["income_yuan"].to_numpy())
    assert not baseline.project_frame()["quality"].equals(other.project_frame()["quality"])


def test_random_streams_common_random_numbers():
    n = 7
    fresh = RandomStreams(seed=1, replicate=0, n_villages=n).uniform("failure", 5)
    busy = RandomStreams(seed=1, replicate=0, n_villages=n)
    busy.normal("quality", 3, 8)
    busy.uniform("partner", 5)
    busy.uniform("failure", 4)
    for k in range(80):  # enough to clear the cache
        busy.normal("proposal", k, 8)
    np.testing.assert_array_equal(busy.uniform("failure", 5), fresh)
    assert fresh.shape == (n,) and ((fresh >= 0) & (fresh < 1)).all()
    # another replicate, purpose or key gives other numbers
    assert not np.array_equal(RandomStreams(1, 1, n).uniform("failure", 5), fresh)
    assert not np.array_equal(RandomStreams(1, 0, n).uniform("partner", 5), fresh)
    assert not np.array_equal(RandomStreams(1, 0, n).uniform("failure", 6), fresh)
    assert not np.array_equal(RandomStreams(2, 0, n).uniform("failure", 5), fresh)
    # village i's draw does not depend on the number of villages after it
    np.testing.assert_array_equal(RandomStreams(1, 0, n + 5).uniform("failure", 5)[:n], fresh)


# ---------------------------------------------------------------------- 9. Part A


def test_part_a_cost_by_hand():
    p = make_params()
    n = 210
    budget = 10_000_000
    village_funds = 15_000 + 10_000
    pay_2018 = 21_600 + 17_400 + 3 * 13_200  # 78,600
    retired = 5_000_000
    training = 3_000
    instructors = 30 * 20_000

    def by_hand(raises):
        pay = pay_2018 * 1.1 ** raises
        return budget + n * (village_funds + pay + training) + retired + instructors

    # (2019-2018)//3 = 0 raises in 2019 and 2020; the first raise comes in 2021
    assert part_a_cost_yuan(p, 2019, n) == pytest.approx(by_hand(0))
    assert by_hand(0) == pytest.approx(37_986_000)
    assert part_a_cost_yuan(p, 2020, n) == pytest.approx(by_hand(0))
    assert part_a_cost_yuan(p, 2021, n) == pytest.approx(by_hand(1))
    assert part_a_cost_yuan(p, 2024, n) == pytest.approx(by_hand(2))
    no_training = make_params({"party.training": False})
    assert part_a_cost_yuan(no_training, 2019, n) == pytest.approx(by_hand(0) - n * training)


def test_part_a_in_annual_accounts(baseline):
    a = baseline.annual_frame()
    n = len(baseline.villages)
    for _, row in a.iterrows():
        assert row["part_a_yuan"] == pytest.approx(part_a_cost_yuan(baseline.p, int(row["year"]), n))
    assert (a["fiscal_cost_yuan"] >= a["part_a_yuan"] + a["grants_5025_yuan"] - 1e-6).all()


# --------------------------------------------------------------------- 10. measures


def test_gini():
    assert gini([5.0, 5.0, 5.0, 5.0]) == pytest.approx(0.0, abs=1e-12)
    assert gini([0, 0, 0, 123.0]) == pytest.approx(0.75)
    assert gini([0, 0, 0, 0]) == 0.0
    assert gini([-50, 0, 0, 10]) == pytest.approx(0.75)  # losses count as zero
    assert 0 < gini([1, 2, 3, 4]) < 0.75


def test_income_measures_counts_zeros_by_cohort():
    income = np.array([0.0, 100.0, 0.0, 60_000.0, 200_000.0, 0.0, -10.0])
    zero = income <= 0
    cohort = np.array([1, 1, 2, 3, 0, 0, 3])
    out = income_measures(income, zero, cohort)
    assert out["villages"] == 7
    assert out["zero_income_villages"] == 4
    assert out["zero_income_share"] == pytest.approx(4 / 7)
    assert out["zero_income_villages_cohort_1"] == 1
    assert out["zero_income_villages_cohort_2"] == 1
    assert out["zero_income_villages_cohort_3"] == 1
    assert out["zero_income_villages_cohort_0"] == 1
    assert [out[f"villages_cohort_{c}"] for c in (1, 2, 3, 0)] == [2, 1, 2, 2]
    assert out["share_income_ge_50k"] == pytest.approx(2 / 7)
    assert out["share_income_ge_100k"] == pytest.approx(1 / 7)
    assert out["total_income_yuan"] == pytest.approx(income.sum())
    assert out["income_p50_yuan"] == pytest.approx(0.0)


# ------------------------------------------------------ 11. the parameter registry


def test_parameter_registry_defaults_are_valid():
    for key, prm in PARAMETERS.items():
        assert prm.check(prm.value_for(DEFAULT_COUNTY)) is None, key
    with pytest.raises(ValueError, match="did you mean"):
        make_params({"funding.poor_vilage_yuan": 1})
    with pytest.raises(ValueError):
        make_params({"funding.grant_pool_yuan": -1})


def test_percentiles_of_sorted_rows_are_numpys():
    """The year's income percentiles (model.measures) are numpy's default percentiles,
    computed on rows sorted once: the same numbers, ties, zeros, losses and tiny counties
    included."""
    from vcsim.model.measures import percentiles_of_sorted
    rng = np.random.default_rng(3)
    percents = [0, 1, 10, 25, 33.3, 50, 66.7, 75, 90, 99, 100]
    for _ in range(2000):
        rows, n = int(rng.integers(1, 5)), int(rng.integers(1, 300))
        x = rng.lognormal(10, 2, (rows, n)) * rng.choice([-1, 0, 1, 1], (rows, n))
        x = np.round(x, int(rng.integers(-3, 3)))
        assert np.array_equal(percentiles_of_sorted(np.sort(x, axis=1), percents),
                              np.percentile(x, percents, axis=1))
