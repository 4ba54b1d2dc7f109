"""vcsim replicates: how many replicates a 95% interval of a given half-width needs."""

import json
import subprocess
import sys

import numpy as np
import pytest

from vcsim.experiments.engines import simulate
from vcsim.experiments.replicates import find_replicates, values_of
from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.scenario import load_scenario
from vcsim.experiments.statistics import t_half_width, wilson_interval
from vcsim.model.parameters import make_params


def test_wilson_interval_matches_scipy():
    from scipy.stats import binomtest
    for k, n in ((0, 20), (3, 20), (20, 20), (57, 373), (1, 1)):
        ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert wilson_interval(k, n) == pytest.approx((ci.low, ci.high), abs=1e-12)


def test_probability_answer_is_a_wilson_interval_of_the_runs_it_made():
    scenario = load_scenario("baseline")
    answer = find_replicates(scenario, "cleared", 2021, 0.08, seed=3)
    assert answer.reached and answer.interval == "wilson"
    assert answer.half_width <= 0.08 and sum(answer.batches) == answer.replicates
    assert answer.replicates_needed <= answer.replicates
    # the same replicates run independently (whole span, as vcsim run does) give the same answer
    roster = load_default_roster()
    tables = simulate(scenario.params(), roster, 3, list(range(answer.replicates)), "vector")
    cleared = np.array(values_of(tables, "cleared", 2021))
    assert answer.estimate == pytest.approx(cleared.mean())
    assert (answer.ci_low, answer.ci_high) == pytest.approx(wilson_interval(int(cleared.sum()), len(cleared)))
    # fewer replicates than the answer's estimate would not have been enough
    k = answer.replicates_needed - 25
    low, high = wilson_interval(cleared[:k].mean() * k, k)
    assert (high - low) / 2 > 0.08 * 0.97


def test_mean_answer_is_a_t_interval_and_cleared_ever_is_cumulative():
    scenario = load_scenario("baseline")
    answer = find_replicates(scenario, "mean_income_yuan", 2023, 1500.0, seed=1)
    assert answer.reached and answer.interval == "t" and answer.half_width <= 1500.0
    roster = load_default_roster()
    params = make_params({**scenario.overrides, "simulation.end_year": 2023})
    tables = simulate(params, roster, 1, list(range(answer.replicates)), "vector")
    x = np.array(values_of(tables, "mean_income_yuan", 2023))
    assert answer.half_width == pytest.approx(t_half_width(x.std(ddof=1), len(x)))
    at_end = np.array(values_of(tables, "cleared", 2022))
    ever = np.array(values_of(tables, "cleared_ever", 2022))
    assert (ever >= at_end).all() and ever.mean() >= np.array(values_of(tables, "cleared_ever", 2021)).mean()


def _vcsim(*args, env=None):
    return subprocess.run([sys.executable, "-m", "vcsim.experiments.cli", *args],
                          capture_output=True, text=True, timeout=300, env=env)


@pytest.mark.slow
def test_command_prints_the_answer_and_json():
    proc = _vcsim("replicates", "baseline", "--measure", "zero_income_villages", "--year", "2020",
                  "--half-width", "0.5", "--json", "-q")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["reached"] and answer["half_width"] <= 0.5 and answer["replicates"] >= 2


@pytest.mark.parametrize("args, needle", [
    (["--measure", "cleerd", "--year", "2021", "--half-width", "0.05"], "cleared"),
    (["--measure", "cleared", "--year", "2040", "--half-width", "0.05"], "2019"),
    (["--measure", "cleared", "--year", "2021", "--half-width", "0.7"], "0.5"),
    (["--measure", "cleared", "--year", "2021", "--half-width", "-1"], "above 0"),
])
@pytest.mark.slow
def test_bad_input_exits_2_naming_what_is_accepted(args, needle):
    proc = _vcsim("replicates", "baseline", *args)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr
