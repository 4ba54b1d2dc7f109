"""vcsim compare: per-scenario folders as vcsim run writes them, comparison.json and
.parquet, paired differences, and what common random numbers are worth."""

from __future__ import annotations

import json
import os
import signal
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from _sweep_support import (END_YEAR, kill_group, make_inputs, pool_processes, run_vcsim,
                            start_vcsim, still_running)
from vcsim.experiments.compare import format_comparison, run_compare
from vcsim.experiments.roster import read_roster
from vcsim.experiments.runner import run_scenario
from vcsim.experiments.scenario import load_scenario
from vcsim.experiments.statistics import paired_difference

YEARS = [str(y) for y in range(2019, END_YEAR + 1)]
MEASURES = ["zero_income_villages", "zero_income_share", "mean_income_yuan", "share_income_ge_50k",
            "share_income_ge_100k", "gini", "fiscal_cost_yuan", "cumulative_fiscal_cost_yuan"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = make_inputs(tmp_path_factory.mktemp("compare_inputs"))
    (folder / "higher_grant.toml").write_text(textwrap.dedent("""\
        extends = "short.toml"
        name = "higher_grant"
        [funding]
        poor_village_yuan = 550000
        nonpoor_village_yuan = 275000
        """), encoding="utf-8")
    (folder / "no_review.toml").write_text(textwrap.dedent("""\
        extends = "short.toml"
        name = "no_review"
        [selection]
        review = false
        """), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def compared(inputs) -> Path:
    out = inputs / "cmp"
    done = run_vcsim("compare", "short.toml", "higher_grant.toml", "no_review.toml",
                     "--replicates", 6, "--seed", 3, "--roster", "roster30.csv", "--out", out,
                     "--workers", 2, "--engine", "agents", cwd=inputs)
    assert done.returncode == 0, done.stderr
    assert "difference (95% CI)" in done.stdout and "no_review" in done.stdout
    return out


@pytest.mark.slow
def test_compare_writes_each_scenario_as_vcsim_run_does(inputs, compared):
    for name in ("short", "higher_grant", "no_review"):
        for f in ("summary.json", "annual.parquet", "villages.parquet", "projects.parquet"):
            assert (compared / name / f).is_file(), (name, f)
    roster = read_roster(inputs / "roster30.csv", seed=3)
    ref = run_scenario(load_scenario(inputs / "no_review.toml"), roster, 6, 3, progress=False,
                       engine="agents")  # vcsim run's default engine
    for name in ("annual", "villages", "projects"):
        pd.testing.assert_frame_equal(pd.read_parquet(compared / "no_review" / f"{name}.parquet"),
                                      getattr(ref, name), check_exact=True)
    summary = json.loads((compared / "no_review" / "summary.json").read_text())
    assert summary == json.loads(json.dumps(ref.summary))


@pytest.mark.slow
def test_comparison_json_has_the_agreed_shape(compared):
    c = json.loads((compared / "comparison.json").read_text())
    assert c["baseline"] == "short"
    assert c["scenarios"] == ["short", "higher_grant", "no_review"]
    assert c["folders"] == {"short": "short", "higher_grant": "higher_grant", "no_review": "no_review"}
    assert c["seed"] == 3 and c["replicates"] == 6
    assert c["years"] == list(range(2019, END_YEAR + 1))
    assert c["clearance_year"] == 2021  # the baseline's rollout.remaining_year (its default)
    for name in c["scenarios"]:
        assert list(c["measures"][name]) == YEARS
        for y in YEARS:
            entry = c["measures"][name][y]
            for m in MEASURES:
                assert set(entry[m]) >= {"mean", "p05", "p95"}, (name, y, m)
            assert 0.0 <= entry["p_cleared"] <= 1.0
            for m in MEASURES:
                assert set(c["differences"][name][y][m]) >= {"mean", "ci_low", "ci_high"}
            assert set(c["cost_per_village_cleared_yuan"][name][y]) >= {"mean", "p05", "p95"}
    zero = c["differences"]["short"]["2021"]["mean_income_yuan"]
    assert zero == {"mean": 0.0, "ci_low": 0.0, "ci_high": 0.0}
    # cumulative cost is the running sum of the yearly cost
    m = c["measures"]["no_review"]
    total = sum(m[y]["fiscal_cost_yuan"]["mean"] for y in YEARS)
    assert m[YEARS[-1]]["cumulative_fiscal_cost_yuan"]["mean"] == pytest.approx(total)


@pytest.mark.slow
def test_comparison_parquet_rows_and_derived_columns(compared):
    frame = pd.read_parquet(compared / "comparison.parquet")
    assert len(frame) == 3 * 6 * len(YEARS)
    assert list(frame.columns[:3]) == ["scenario", "replicate", "year"]
    assert not frame.duplicated(["scenario", "replicate", "year"]).any()
    one = frame[(frame["scenario"] == "higher_grant") & (frame["year"] == 2021)]
    money = one[["grant_central_yuan", "grant_province_yuan", "grant_city_county_yuan",
                 "integrated_yuan", "demonstration_yuan"]]
    whole = frame[(frame["scenario"] == "higher_grant") & (frame["year"] <= 2021)]
    cumulative = whole.groupby("replicate")[money.columns].sum().sum(axis=1)
    cleared = one.set_index("replicate")["initial_zero_income_villages"] - one.set_index("replicate")["zero_income_villages"]
    expected = (cumulative / cleared.where(cleared > 0)).sort_index()
    got = one.set_index("replicate")["cost_per_village_cleared_yuan"].sort_index()
    pd.testing.assert_series_equal(got, expected, check_names=False)
    c = json.loads((compared / "comparison.json").read_text())
    assert c["cost_per_village_cleared_yuan"]["higher_grant"]["2021"]["mean"] == pytest.approx(got.mean())


@pytest.mark.slow
def test_the_table_shows_the_baselines_clearance_year_and_the_last(compared):
    c = json.loads((compared / "comparison.json").read_text())
    # the years the table shows: each block's rows start with their year
    shown = lambda table: list(dict.fromkeys(line.split()[0] for line in table.splitlines()
                                             if line[:4].isdigit()))
    assert shown(format_comparison(c)) == ["2021", str(END_YEAR)]
    assert shown(format_comparison({**c, "clearance_year": 2020})) == ["2020", str(END_YEAR)]


def test_paired_difference_is_the_paired_t_interval():
    rng = np.random.default_rng(0)
    a = rng.normal(10, 3, 25)
    b = a + rng.normal(0.5, 0.4, 25)
    d = paired_difference(a, b)
    ci = stats.ttest_rel(b, a).confidence_interval(0.95)
    assert d["mean"] == pytest.approx(np.mean(b - a))
    assert (d["ci_low"], d["ci_high"]) == pytest.approx((ci.low, ci.high))


@pytest.mark.slow
def test_common_random_numbers_narrow_the_interval(inputs, tmp_path):
    """Baseline vs a slightly higher grant: the paired interval of the difference is much
    narrower when both run on the same replicates (common random numbers) than when the
    second scenario runs on another seed."""
    roster = read_roster(inputs / "roster30.csv", seed=1)
    scenarios = [load_scenario(inputs / "short.toml"), load_scenario(inputs / "higher_grant.toml")]
    crn = run_compare(scenarios, roster, 16, 1, tmp_path / "crn", workers=1, progress=False,
                      log=lambda m: None)
    indep = run_compare(scenarios, roster, 16, 1, tmp_path / "indep", workers=1, progress=False,
                        seeds={"higher_grant": 2}, log=lambda m: None)
    assert crn["paired"] and not indep["paired"] and indep["seeds"] == {"short": 1, "higher_grant": 2}

    def width(c, measure, year):
        d = c["differences"]["higher_grant"][year][measure]
        return d["ci_high"] - d["ci_low"]

    for measure in ("mean_income_yuan", "fiscal_cost_yuan"):
        for year in ("2021", "2022"):
            assert width(crn, measure, year) < 0.5 * width(indep, measure, year), (measure, year)
    # the higher grant raises mean income; with common random numbers the interval says so
    d = crn["differences"]["higher_grant"]["2022"]["mean_income_yuan"]
    assert d["ci_low"] > 0


@pytest.mark.slow
def test_baseline_option_and_errors(inputs, tmp_path):
    out = tmp_path / "b"
    done = run_vcsim("compare", "short.toml", "no_review.toml", "--baseline", "no_review",
                     "-r", 2, "--roster", "roster30.csv", "--out", out, "--workers", 1,
                     "--quiet", cwd=inputs)
    assert done.returncode == 0, done.stderr
    c = json.loads((out / "comparison.json").read_text())
    assert c["baseline"] == "no_review"
    assert c["differences"]["no_review"]["2022"]["gini"]["mean"] == 0.0
    bad = run_vcsim("compare", "short.toml", "no_review.toml", "--baseline", "nope",
                    "--roster", "roster30.csv", "--out", tmp_path / "x", cwd=inputs)
    assert bad.returncode == 2 and "--baseline 'nope'" in bad.stderr and "Traceback" not in bad.stderr
    same = run_vcsim("compare", "short.toml", "short.toml", "--out", tmp_path / "y", cwd=inputs)
    assert same.returncode == 2 and "named 'short'" in same.stderr


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_stopped_compare_leaves_no_process_behind(signum, inputs, tmp_path):
    """kill -9: the pool's workers and resource tracker end with the command. SIGTERM:
    the command stops them itself, says what it kept, and exits with 143."""
    out = tmp_path / "stopped"
    proc = start_vcsim("compare", "short.toml", "higher_grant.toml", "--replicates", 400,
                       "--roster", "roster30.csv", "--out", out, "--workers", 2, "--quiet",
                       cwd=inputs)
    try:
        pool = pool_processes(proc, workers=2)
        time.sleep(1.0)  # the workers have tasks in hand
        assert proc.poll() is None, "the comparison finished before it could be stopped"
        os.kill(proc.pid, signum)
        _, err = proc.communicate(timeout=20)
        left = still_running(pool, within=5)
        assert not left, [p.cmdline() for p in left]
    finally:
        kill_group(proc)
    if signum == signal.SIGTERM:
        assert proc.returncode == 143, err
        assert "stopped (SIGTERM)" in err and "comparison.json" in err, err
        assert "Traceback" not in err, err
    assert not (out / "comparison.json").exists()


@pytest.mark.slow
def test_clearance_at_year_end_and_cleared_ever_by_are_named_apart(compared):
    """comparison.parquet and comparison.json carry both measures: no zero-income village
    at the year's end (which a later failure can undo) and cleared by the year
    (cumulative); ``cleared``/``p_cleared`` are the first under its old name."""
    frame = pd.read_parquet(compared / "comparison.parquet").sort_values(["scenario", "replicate", "year"])
    at_end, ever = frame["no_zero_income_at_year_end"], frame["cleared_ever_by"]
    assert (at_end == (frame["zero_income_villages"] == 0)).all()
    assert (ever >= at_end).all()
    for _, g in frame.groupby(["scenario", "replicate"]):
        assert g["cleared_ever_by"].is_monotonic_increasing
        assert (g["cleared_ever_by"] == g["no_zero_income_at_year_end"].cummax()).all()
    assert (frame["cleared"] == at_end).all()
    c = json.loads((compared / "comparison.json").read_text())
    for (name, year), g in frame.groupby(["scenario", "year"]):
        m = c["measures"][name][str(year)]
        assert m["p_no_zero_income_at_year_end"] == pytest.approx(g["no_zero_income_at_year_end"].mean())
        assert m["p_cleared_ever_by"] == pytest.approx(g["cleared_ever_by"].mean())
        assert m["p_cleared"] == m["p_no_zero_income_at_year_end"]
