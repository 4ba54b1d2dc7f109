"""``vcsim plan``: the cheapest plan that meets a target, checked on fresh replicates.

The example plan file is run as a user runs it (the console script); its answer is then
checked against the engine directly, not against the tool's own numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vcsim.experiments.cli import main
from vcsim.experiments.engines import simulate
from vcsim.experiments.plan import PROGRAMME_COLUMNS, load_plan
from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.scenario import load_scenario
from vcsim.model.parameters import make_params

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "experiments" / "example_plan.toml"
VCSIM = Path(sys.executable).parent / "vcsim"
ROSTER = load_default_roster()


def vcsim(*args, lang: str = "en", cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "VCSIM_LANG": lang}
    return subprocess.run([str(VCSIM), *map(str, args)], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=900, cwd=cwd)


def outcome(overrides: dict, seed: int, replicates: int, year: int = 2021):
    """P(no zero-income village at the end of ``year``) and mean programme money to it,
    straight from the engine."""
    params = make_params({**load_scenario("baseline").overrides, **overrides})
    tables = simulate(params, ROSTER, seed, list(range(replicates)), "vector")
    cleared = [t.loc[t["year"] == year, "zero_income_villages"].iloc[0] == 0 for t in tables]
    cost = [t.loc[t["year"] <= year, list(PROGRAMME_COLUMNS)].to_numpy().sum() for t in tables]
    return float(np.mean(cleared)), float(np.mean(cost))


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "example"
    result = vcsim("plan", EXAMPLE, "--out", out, "--workers", 1)
    assert result.returncode == 0, result.stderr
    assert "cheapest plan" in result.stdout and "verified on 400 fresh replicates" in result.stdout
    return out


@pytest.mark.slow
def test_the_example_finds_a_plan_that_holds_on_fresh_replicates(example):
    record = json.loads((example / "plan.json").read_text(encoding="utf-8"))
    spec = load_plan(EXAMPLE)
    assert record["found"] is True
    chosen, verification = record["chosen"], record["verification"]
    assert set(chosen["levers"]) == {lv.key for lv in spec.levers}
    for lv in spec.levers:
        assert lv.low <= chosen["levers"][lv.key] <= lv.high
    # the verification: fresh replicates (another seed), recomputed here from the engine
    assert verification["seed"] != spec.seed and verification["replicates"] == 400
    p, _ = outcome({**chosen["levers"], **chosen["adjusted"]}, verification["seed"], 400)
    assert verification["probability"] == pytest.approx(p)
    assert p >= spec.at_least
    from scipy.stats import beta
    k = verification["successes"]
    assert verification["lower_bound_95_one_sided"] == pytest.approx(beta.ppf(0.05, k, 400 - k + 1))
    # cheaper than the same plan with every lever at its upper bound (same replicates)
    upper = {lv.key: lv.high for lv in spec.levers}
    _, upper_cost = outcome(upper, spec.seed, spec.replicates)
    p_search, cost = outcome({**chosen["levers"], **chosen["adjusted"]}, spec.seed, spec.replicates)
    assert cost == pytest.approx(chosen["cost_yuan"]) and p_search == pytest.approx(chosen["probability"])
    assert cost < upper_cost
    assert record["references"]["upper_bounds"]["cost_yuan"] == pytest.approx(upper_cost)


@pytest.mark.slow
def test_every_plan_tried_is_stored_and_the_choice_is_the_cheapest_that_met_the_target(example):
    spec = load_plan(EXAMPLE)
    e = pd.read_parquet(example / "evaluations.parquet")
    assert len(e) == spec.trials and e["trial"].tolist() == list(range(spec.trials))
    assert {f"lever:{lv.key}" for lv in spec.levers} <= set(e.columns)
    met = e[e["probability"] >= spec.at_least]
    assert (e["meets_target"] == (e["probability"] >= spec.at_least)).all()
    record = json.loads((example / "plan.json").read_text(encoding="utf-8"))
    assert record["chosen"]["cost_yuan"] == met["cost_yuan"].min()
    # a plan tried twice has the same numbers (common random numbers)
    key = [f"lever:{lv.key}" for lv in spec.levers]
    assert (e.groupby(key)[["probability", "cost_yuan"]].nunique() == 1).all().all()


@pytest.mark.slow
def test_best_toml_runs_and_the_charts_and_provenance_are_there(example, tmp_path):
    best = load_scenario(example / "best.toml")
    record = json.loads((example / "plan.json").read_text(encoding="utf-8"))
    for key, value in record["chosen"]["levers"].items():
        assert best.overrides[key] == value
    assert best.overrides["selection.review"] is True  # the rest is the base scenario's
    result = vcsim("run", example / "best.toml", "--replicates", 2, "--engine", "vector",
                   "--out", tmp_path / "best", "--quiet")
    assert result.returncode == 0, result.stderr
    result = vcsim("compare", "baseline", example / "best.toml", "--replicates", 4, "--workers", 1,
                   "--out", tmp_path / "cmp", "--quiet")
    assert result.returncode == 0, result.stderr
    for name in ("frontier_zh.png", "frontier_en.png"):
        assert (example / name).stat().st_size > 10_000
    provenance = json.loads((example / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["seed"] == 1 and provenance["replicates"] == 100
    # every key and column written is in the data dictionary (docs/outputs.md)
    from vcsim.experiments.data_dictionary import names
    assert set(provenance) <= names("provenance.json")
    assert set(json.loads((example / "plan.json").read_text(encoding="utf-8"))) <= names("plan.json")
    columns = set(pd.read_parquet(example / "evaluations.parquet").columns)
    assert {c for c in columns if not c.startswith("lever:")} | {"lever:KEY"} == names("evaluations.parquet")


def _small_plan(tmp_path: Path, **changes) -> Path:
    body = {
        "top": 'base = "baseline"\nreplicates = 20\nseed = 4\ntrials = 8\n',
        "target": '[target]\nmeasure = "p_cleared_by"\nyear = 2021\nat_least = 0.9\n',
        "objective": '[objective]\nminimise = "programme_cost_yuan"\n',
        "levers": '[levers]\n"funding.poor_village_yuan" = [300_000, 800_000]\n'
                  '"rollout.remaining_year" = [2019, 2021]\n',
    }
    body.update(changes)
    path = tmp_path / "small.toml"
    path.write_text("\n".join(body.values()), encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_answer_does_not_depend_on_the_number_of_workers(tmp_path):
    plan = _small_plan(tmp_path)
    one = vcsim("plan", plan, "--out", tmp_path / "one", "--workers", 1, "--quiet")
    two = vcsim("plan", plan, "--out", tmp_path / "two", "--workers", 2, "--quiet")
    assert one.returncode == 0 and two.returncode == 0, (one.stderr, two.stderr)
    a = pd.read_parquet(tmp_path / "one" / "evaluations.parquet")
    b = pd.read_parquet(tmp_path / "two" / "evaluations.parquet")
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.slow
def test_no_plan_in_the_bounds_says_so_and_gives_the_best_found(tmp_path):
    # money alone does not raise the chance of clearance by 2021 to 99%
    plan = _small_plan(tmp_path, target='[target]\nmeasure = "p_cleared_by"\nyear = 2021\nat_least = 0.99\n',
                       levers='[levers]\n"funding.poor_village_yuan" = [300_000, 800_000]\n')
    result = vcsim("plan", plan, "--out", tmp_path / "none", "--workers", 1)
    assert result.returncode == 0, result.stderr
    assert "no plan within the bounds reaches" in result.stdout
    record = json.loads((tmp_path / "none" / "plan.json").read_text(encoding="utf-8"))
    e = pd.read_parquet(tmp_path / "none" / "evaluations.parquet")
    assert record["found"] is False and not e["meets_target"].any()
    assert record["chosen"]["probability"] == e["probability"].max()
    assert "verification" in record and record["verification"]["replicates"] == 80


BAD = {
    "unknown measure": ({"target": '[target]\nmeasure = "p_cleard_by"\nyear = 2021\nat_least = 0.9\n'},
                        ["[target] measure", "p_cleard_by", "did you mean p_cleared_by", "p_cleared_ever_by"]),
    "unknown lever": ({"levers": '[levers]\n"funding.poor_vilage_yuan" = [1, 2]\n'},
                      ["funding.poor_vilage_yuan", "did you mean funding.poor_village_yuan"]),
    "bound outside": ({"levers": '[levers]\n"funding.grant_pool_yuan" = [-5, 2000000]\n'},
                      ["funding.grant_pool_yuan", "-5", "must be at least 0 yuan", "from 0 to inf"]),
    "share outside": ({"levers": '[levers]\n"funding.central_share" = [0.5, 1.5]\n'},
                      ["funding.central_share", "1.5", "must be at most 1", "from 0 to 1"]),
    "lower above upper": ({"levers": '[levers]\n"funding.poor_village_yuan" = [800000, 300000]\n'},
                          ["funding.poor_village_yuan", "800000", "300000", "lower <= upper"]),
    "not a pair": ({"levers": '[levers]\n"funding.poor_village_yuan" = [300000]\n'},
                   ["funding.poor_village_yuan", "[300000]", "[lower, upper]"]),
    "year lever outside the run": ({"levers": '[levers]\n"rollout.remaining_year" = [2019, 2030]\n'},
                                   ["rollout.remaining_year", "2030", "outside the simulated years 2019-2025", "from 2019 to 2025"]),
    "probability 1": ({"target": '[target]\nmeasure = "p_cleared_by"\nyear = 2021\nat_least = 1.0\n'},
                      ["at_least", "1.0", "between 0 and 1"]),
    "probability 0": ({"target": '[target]\nmeasure = "p_cleared_by"\nyear = 2021\nat_least = 0\n'},
                      ["at_least", "between 0 and 1"]),
    "year outside": ({"target": '[target]\nmeasure = "p_cleared_by"\nyear = 2031\nat_least = 0.9\n'},
                     ["[target] year", "2031", "2019 to 2025"]),
    "no levers": ({"levers": "[levers]\n"}, ["[levers] is empty"]),
    "unknown objective": ({"objective": '[objective]\nminimise = "cost"\n'},
                          ["minimise", "'cost'", "programme_cost_yuan"]),
    "unknown key": ({"top": 'base = "baseline"\nreplicates = 20\nseed = 4\ntrails = 8\n'},
                    ["'trails'", "did you mean trials"]),
    "missing target": ({"target": ""}, ["[target]", "missing"]),
    "bad replicates": ({"top": 'base = "baseline"\nreplicates = 0\nseed = 4\n'},
                       ["'replicates'", "at least 2"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_plan_files_exit_2_with_one_message(case, tmp_path, capsys):
    changes, fragments = BAD[case]
    plan = _small_plan(tmp_path, **changes)
    capsys.readouterr()
    code = main(["plan", str(plan), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "error" in lines[0], err
    assert str(plan) in lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_bad_plan_file_in_chinese_and_as_a_process(tmp_path):
    plan = _small_plan(tmp_path, target='[target]\nmeasure = "p_cleared_by"\nyear = 2021\nat_least = 1.5\n')
    result = vcsim("plan", plan, lang="zh")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "0 与 1 之间" in result.stderr and str(plan) in result.stderr
    missing = vcsim("plan", tmp_path / "nowhere.toml")
    assert missing.returncode == 2 and "nowhere.toml" in missing.stderr


@pytest.mark.slow
def test_sigterm_stops_a_plan_search_and_its_workers(tmp_path):
    """A real ``vcsim plan`` on two workers, stopped with SIGTERM while its workers run:
    it says it stopped and what it kept, exits with 143 without a traceback, writes no
    plan, and no worker or resource tracker outlives it."""
    from _sweep_support import start_vcsim, stop_with_sigterm_while_workers_run
    path = _small_plan(tmp_path, top='base = "baseline"\nreplicates = 200\nseed = 4\ntrials = 200\n')
    out = tmp_path / "out"
    proc = start_vcsim("plan", path, "--out", out, "--workers", 2, "--quiet", cwd=tmp_path)
    err = stop_with_sigterm_while_workers_run(proc)
    assert "nothing of this run is written" in err, err
    assert not (out / "plan.json").exists()
