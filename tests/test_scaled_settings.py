"""Settings that scale with the county (issue 11): the grant pool, integrated funds,
demonstration villages, instructors and Part A budgets are rates per village, poor
village or township, scaled to the roster in use; a value a scenario sets is used as
given; runs, ``validate`` and ``summary.json`` say which is which."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vcsim.experiments.county_settings import settings_record
from vcsim.experiments.default_county import synthetic_region
from vcsim.experiments.engines import simulate
from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.scenario import load_scenario
from vcsim.model import CollectiveEconomyModel
from vcsim.model.rules import part_a_cost_yuan
from vcsim.model.parameters import (DEFAULT_COUNTY, PARAMETERS, SCALED_KEYS, CountySize, make_params,
                                    scaled_to)
from vcsim.model.roster import county_size, county_sizes
from vcsim.model.vector import VectorEngine

VCSIM = Path(sys.executable).parent / "vcsim"
DEFAULT = load_default_roster()


def _make_up(roster: pd.DataFrame) -> np.ndarray:
    """What kind of county a roster is: shares of poor, zero-income and step-2 villages,
    mean scenic value."""
    step_2 = ~roster.poor & ((roster.poor_households > 30) | roster.deep_mountain)
    return np.array([roster.poor.mean(), (roster.initial_income_yuan <= 0).mean(),
                     step_2.mean(), roster.scenic_value.mean()])


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    """A 30-village county of the default county's kind: the two of its townships (15
    villages each, valleys intact) whose make-up is closest to the whole county's."""
    target = _make_up(DEFAULT)
    pair = min(itertools.combinations(DEFAULT.township.unique(), 2),
               key=lambda towns: np.abs(_make_up(DEFAULT[DEFAULT.township.isin(towns)]) - target).sum())
    return DEFAULT[DEFAULT.township.isin(pair)].reset_index(drop=True)


@pytest.fixture(scope="module")
def large() -> pd.DataFrame:
    """A 213-village county: the default county and three more villages like its first."""
    extra = DEFAULT.iloc[[0, 1, 2]].copy()
    extra["village_id"] = ["X1", "X2", "X3"]
    extra["name"] = extra["name"] + "新"
    return pd.concat([DEFAULT, extra], ignore_index=True)


def test_the_default_county_keeps_the_reports_figures():
    """The rates come from the default county's figures, so it gets them back exactly."""
    assert county_size(DEFAULT) == DEFAULT_COUNTY == CountySize(210, 60, 14)
    p = make_params()
    assert p.funding.grant_pool_yuan == 70_000_000
    assert p.funding.integrated_yuan_per_year == 5_000_000
    assert p.demonstration.villages == 14
    assert p.party.instructors == 30
    assert p.party.work_budget_yuan_per_year == 10_000_000  # report section 2
    assert p.party.retired_subsidy_yuan_per_year == 5_000_000
    assert p.capacity.projects_per_year == 84  # 6 a township (an assumption, issue 11)
    assert set(SCALED_KEYS) == {"funding.grant_pool_yuan", "funding.integrated_yuan_per_year",
                                "demonstration.villages", "party.instructors",
                                "party.work_budget_yuan_per_year",
                                "party.retired_subsidy_yuan_per_year", "capacity.projects_per_year"}
    assert all(p.origin[k] == "scaled" for k in SCALED_KEYS)
    assert p.origin["funding.poor_village_yuan"] == "default"


def test_small_and_large_county_get_the_same_settings_per_unit(small, large):
    a, b = county_size(small), county_size(large)
    assert (a.villages, b.villages) == (30, 213)
    pa, pb = make_params(county=a), make_params(county=b)
    for key in SCALED_KEYS:
        per = PARAMETERS[key].per
        na, nb = a.count(per), b.count(per)
        # each is the same rate times its own count, to the nearest whole unit
        for p, n in ((pa, na), (pb, nb)):
            assert abs(p.flat[key] - PARAMETERS[key].default * n) <= 0.5, (key, n)
        assert pa.flat[key] / na == pytest.approx(pb.flat[key] / nb, abs=0.5 / na + 0.5 / nb), key
    # what the issue found: a 30-village county no longer gets the 210-village pool
    assert pa.funding.grant_pool_yuan == 10_000_000
    assert pa.demonstration.villages == 2


@pytest.fixture(scope="module")
def runs(small, large):
    """100 replicates of the baseline on each roster (vector engine, seed 1)."""
    params = load_scenario("baseline").params()  # made for the default county: engines rescale
    out = {}
    for name, roster in (("small", small), ("large", large)):
        tables = simulate(params, roster, 1, list(range(100)), "vector")
        out[name] = pd.concat([t.assign(replicate=i) for i, t in enumerate(tables)], ignore_index=True)
    return out


def test_similar_shares_of_zero_income_villages_year_by_year(runs):
    small_share = runs["small"].groupby("year")["zero_income_share"].mean()
    large_share = runs["large"].groupby("year")["zero_income_share"].mean()
    assert (small_share - large_share).abs().max() < 0.05, pd.DataFrame({"30": small_share, "213": large_share})
    # and the money the county spends scales too: Part A per village the same every year
    for year in small_share.index:
        s = runs["small"].query("year == @year")["part_a_yuan"].iloc[0] / 30
        g = runs["large"].query("year == @year")["part_a_yuan"].iloc[0] / 213
        assert s == pytest.approx(g, rel=0.001), year


def test_the_pool_of_a_small_county_is_its_own(small, runs):
    """Money out of the pool plus what is left is the pool scaled to 30 villages."""
    a = runs["small"]
    totals = a.groupby("replicate")[["grants_5025_yuan", "demonstration_yuan"]].sum().sum(axis=1)
    left = a.groupby("replicate")["pool_left_yuan"].last()
    np.testing.assert_allclose(totals + left, 10_000_000)


@pytest.mark.parametrize("engine", ["agents", "vector"])
def test_a_pool_set_in_the_scenario_is_used_as_given(small, tmp_path, engine):
    path = tmp_path / "pool.toml"
    path.write_text('extends = "%s"\n[funding]\ngrant_pool_yuan = 4000000\n'
                    % (Path(load_scenario("baseline").path).resolve().as_posix()), encoding="utf-8")
    scenario = load_scenario(path)
    p = scenario.params(county_size(small))
    assert p.funding.grant_pool_yuan == 4_000_000 and p.origin["funding.grant_pool_yuan"] == "scenario"
    assert p.origin["funding.integrated_yuan_per_year"] == "scaled"
    for table in simulate(p, small, 1, [0, 1], engine):
        spent = table["grants_5025_yuan"].sum() + table["demonstration_yuan"].sum()
        assert spent + table["pool_left_yuan"].iloc[-1] == pytest.approx(4_000_000)
    settings = settings_record(scenario, small)
    assert settings["funding.grant_pool_yuan"] == {"value": 4_000_000.0, "origin": "scenario",
                                                   "rate": PARAMETERS["funding.grant_pool_yuan"].default,
                                                   "per": "village"}


def test_both_engines_scale_parameters_made_for_another_county(small):
    """Parameters made for the default county run right on a 30-village roster: the
    engine scales them to its roster (and the two engines agree)."""
    params = make_params()
    model = CollectiveEconomyModel(small, params, seed=1)
    assert model.p.funding.grant_pool_yuan == 10_000_000
    assert model.counties[0].pool_yuan == 10_000_000
    assert sum(v.has_instructor for v in model.villages) == model.p.party.instructors == 4
    engine = VectorEngine(small, params, 1, [0])
    assert engine.county.pool.tolist() == [[10_000_000.0]]
    assert engine.villages.instructor.sum() == 4


def test_each_county_of_a_region_gets_its_own_settings():
    region = synthetic_region(210 + 90, seed=3)  # a county of 210 villages and one of 90
    sizes = region.groupby("county").agg(villages=("poor", "size"), poor=("poor", "sum"),
                                         townships=("township", "nunique"))
    engine = VectorEngine(region, make_params(), 1, [0, 1], keep_villages=False)
    expected_pool = [PARAMETERS["funding.grant_pool_yuan"].value_for(CountySize(int(n), 0, 1))
                     for n in sizes["villages"]]
    assert engine.county.pool.tolist() == [expected_pool] * 2
    assert expected_pool[1] == 30_000_000
    starts = engine.roster.county_start
    per_county = [int(engine.villages.instructor[0, lo:hi].sum()) for lo, hi in zip(starts[:-1], starts[1:])]
    assert per_county == [int(np.floor(0.5 * n + 0.5)) for n in sizes["poor"]]
    engine.run()
    a = engine.annual_frame()
    part_a = sum(part_a_cost_yuan(make_params(county=CountySize(int(v), int(p), int(t))), 2019, int(v))
                 for v, p, t in sizes.itertuples(index=False))
    assert a.query("year == 2019")["part_a_yuan"].tolist() == pytest.approx([part_a] * 2)
    # a scenario's pool applies to each county as given
    fixed = scaled_to(make_params({"funding.grant_pool_yuan": 1e6}), county_sizes(region))
    assert fixed.funding.grant_pool_yuan.tolist() == [1e6, 1e6]
    assert (a["pool_left_yuan"] <= sum(expected_pool)).all()


def _vcsim(*args, lang: str = "en") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "VCSIM_LANG": lang}
    return subprocess.run([str(VCSIM), *map(str, args)], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


@pytest.mark.slow
def test_run_and_validate_say_what_was_scaled(small, tmp_path):
    roster = tmp_path / "small.csv"
    small.to_csv(roster, index=False)
    result = _vcsim("run", "baseline", "--roster", roster, "--replicates", 2, "--engine", "vector",
                    "--out", tmp_path / "run")
    assert result.returncode == 0, result.stderr
    assert "settings that scale with the county, for 30 villages" in result.stderr
    assert "funding.grant_pool_yuan = 10,000,000 yuan (333,333 per village x 30; scaled to the roster)" \
        in result.stderr
    summary = json.loads((tmp_path / "run" / "summary.json").read_text(encoding="utf-8"))
    settings = summary["settings"]
    assert set(settings) == set(PARAMETERS)
    assert settings["funding.grant_pool_yuan"]["value"] == 10_000_000
    assert settings["funding.grant_pool_yuan"]["origin"] == "scaled"
    assert settings["funding.poor_village_yuan"] == {"value": 500_000.0, "origin": "scenario"}
    assert settings["selection.quality_sd"]["origin"] == "default"
    zh = _vcsim("validate", "baseline", "--roster", roster, lang="zh")
    assert zh.returncode == 0, zh.stderr
    assert "随县域规模折算的设置（30 个村" in zh.stdout
    assert "funding.grant_pool_yuan = 10,000,000 元（每村 333,333 × 30，按名册折算）" in zh.stdout


def test_a_calibration_prior_over_a_scaled_setting_is_its_range_for_the_roster(tmp_path, small):
    """"plausible" for a setting that scales with the county is its range on the roster."""
    from vcsim.experiments.calibrate import load_calibration
    path = tmp_path / "cal.toml"
    path.write_text('base = "baseline"\n[parameters]\n"funding.integrated_yuan_per_year" = "plausible"\n'
                    '[[targets]]\nmeasure = "zero_income_villages"\nyear = 2021\nobserved = 0\nsd = 1.0\n',
                    encoding="utf-8")
    prior = load_calibration(path, roster=DEFAULT).parameters[0]
    assert (prior.low, prior.high) == (0.0, 20_000_000.0)
    prior = load_calibration(path, roster=small).parameters[0]
    assert (prior.low, prior.high) == (0.0, float(round(20_000_000 / 210 * 30)))
