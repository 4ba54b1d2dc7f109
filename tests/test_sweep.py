"""vcsim sweep: designs, the results store, resume after SIGKILL, SIGINT or SIGTERM (and
no process left behind), worker-count independence, Sobol' indices of the Ishigami
function, bad experiment files."""

from __future__ import annotations

import json
import math
import os
import signal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from _sweep_support import (END_YEAR, GRID_BODY, kill_group, make_inputs, pool_processes,
                            run_vcsim, sorted_runs, start_vcsim, still_running, wait_for_parts,
                            write_experiment)
from vcsim.experiments import cli
from vcsim.experiments.experiment import ISHIGAMI_S1, ISHIGAMI_ST, load_experiment
from vcsim.experiments.sweep import run_sweep

YEARS = list(range(2019, END_YEAR + 1))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return make_inputs(tmp_path_factory.mktemp("sweep_inputs"))


@pytest.fixture(scope="module")
def grid_reference(inputs) -> pd.DataFrame:
    """The grid sweep run uninterrupted in this process (one worker)."""
    exp = write_experiment(inputs, "grid", GRID_BODY)
    run_sweep(exp, inputs / "grid_reference", workers=1, progress=False, log=lambda m: None)
    return sorted_runs(inputs / "grid_reference")


def test_store_layout_and_columns(inputs, grid_reference):
    runs = grid_reference
    assert len(runs) == 12 * 4 * len(YEARS)
    assert list(runs.columns[:5]) == ["point", "replicate", "year", "funding.poor_village_yuan",
                                      "funding.nonpoor_village_yuan"]
    assert {"zero_income_villages", "mean_income_yuan", "gini", "fiscal_cost_yuan"} <= set(runs.columns)
    assert not runs.duplicated(["point", "replicate", "year"]).any()
    assert sorted(runs["year"].unique()) == YEARS
    folder = inputs / "grid_reference"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["complete"] and manifest["runs"] == 48 and len(manifest["experiment_hash"]) == 64
    points = pd.read_parquet(folder / "points.parquet")
    assert len(points) == 12 and points["funding.poor_village_yuan"].nunique() == 4
    # common random numbers: a point's value of the grant does not change replicate r's luck,
    # so the same replicate differs across points only through the policy
    sens = json.loads((folder / "sensitivity.json").read_text())
    assert sens["design"] == "grid" and sens["years"] == [2021, 2022]
    assert (folder / "sensitivity.parquet").is_file()


@pytest.mark.slow
def test_one_and_two_workers_give_identical_results(inputs, grid_reference):
    exp = inputs / "grid.toml"
    out = inputs / "grid_two_workers"
    done = run_vcsim("sweep", exp, "--out", out, "--workers", 2, "--chunk-size", 3, cwd=inputs)
    assert done.returncode == 0, done.stderr
    assert "2 local worker processes (this one and 1 more)" in done.stderr
    pd.testing.assert_frame_equal(sorted_runs(out), grid_reference, check_exact=True)
    assert len(list((out / "runs").glob("part-*.parquet"))) == 16  # 48 runs in chunks of 3


def _assert_whole_partial_store(out: Path, killed: bool = False) -> None:
    """A sweep stopped part-way left only whole runs, readable, none twice, and a manifest
    that does not claim to be complete; stopped by a signal it could handle, no temporary
    files either (a killed one may leave a hidden one, which readers ignore and a resumed
    sweep removes)."""
    parts = list((out / "runs").glob("part-*.parquet"))
    assert 2 <= len(parts) < 48, "stopped part-way"
    partial = sorted_runs(out)  # what was written is readable: no half-written part
    assert not partial.duplicated(["point", "replicate", "year"]).any()
    assert (partial.groupby(["point", "replicate"]).size() == len(YEARS)).all()  # whole runs
    if not killed:
        assert not list(out.rglob(".*.tmp"))
    assert json.loads((out / "manifest.json").read_text())["complete"] is False


def _assert_resume_finishes(exp: Path, out: Path, inputs: Path, reference: pd.DataFrame) -> None:
    resumed = run_vcsim("sweep", exp, "--out", out, "--workers", 2, "--resume", cwd=inputs)
    assert resumed.returncode == 0, resumed.stderr
    assert "already done" in resumed.stderr
    final = sorted_runs(out)
    assert not final.duplicated(["point", "replicate", "year"]).any()
    pd.testing.assert_frame_equal(final, reference, check_exact=True)
    assert not list(out.rglob(".*.tmp"))


@pytest.mark.slow
def test_sigkill_leaves_no_worker_and_resume_gives_the_uninterrupted_results(inputs, grid_reference):
    exp = inputs / "grid.toml"
    out = inputs / "grid_killed"
    proc = start_vcsim("sweep", exp, "--out", out, "--workers", 2, "--chunk-size", 1, "--quiet",
                       cwd=inputs)
    try:
        pool = pool_processes(proc, workers=2)
        wait_for_parts(proc, out, 3)
        os.kill(proc.pid, signal.SIGKILL)  # the sweep alone, as the out-of-memory killer does
        proc.wait()
        left = still_running(pool, within=5)
        assert not left, [p.cmdline() for p in left]  # workers and resource tracker are gone
    finally:
        kill_group(proc)
    _assert_whole_partial_store(out, killed=True)

    refused = run_vcsim("sweep", exp, "--out", out, "--workers", 2, cwd=inputs)
    assert refused.returncode == 2 and "--resume" in refused.stderr
    _assert_resume_finishes(exp, out, inputs, grid_reference)

    again = run_vcsim("sweep", exp, "--out", out, "--resume", "--quiet", cwd=inputs)
    assert again.returncode == 0, again.stderr
    pd.testing.assert_frame_equal(sorted_runs(out), grid_reference, check_exact=True)


# Ctrl-C in a terminal signals the whole process group; `kill` or a batch system's stop
# signals the command alone. The Chinese case checks the message's other language.
STOPS = {"ctrl_c_to_the_group": (signal.SIGINT, True, "en", "stopped (SIGINT)"),
         "sigterm_to_the_command": (signal.SIGTERM, False, "zh", "已停止（SIGTERM）")}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(STOPS))
def test_a_stop_signal_ends_the_sweep_cleanly_and_resume_finishes_it(case, inputs, grid_reference):
    signum, to_group, lang, said = STOPS[case]
    exp = inputs / "grid.toml"
    out = inputs / f"grid_stopped_{case}"
    proc = start_vcsim("sweep", exp, "--out", out, "--workers", 2, "--chunk-size", 1, "--quiet",
                       cwd=inputs, env={"VCSIM_LANG": lang})
    try:
        pool = pool_processes(proc, workers=2)
        wait_for_parts(proc, out, 3)
        (os.killpg if to_group else os.kill)(proc.pid, signum)
        _, err = proc.communicate(timeout=20)
        assert proc.returncode == 128 + signum, err  # 130 for SIGINT, 143 for SIGTERM
        left = still_running(pool, within=5)
        assert not left, [p.cmdline() for p in left]
    finally:
        kill_group(proc)
    assert said in err and "Traceback" not in err, err
    assert f"--out {out} --resume" in err, err  # the command that finishes it
    _assert_whole_partial_store(out)
    _assert_resume_finishes(exp, out, inputs, grid_reference)


@pytest.mark.slow
def test_folder_of_another_experiment_is_refused(inputs, grid_reference):
    other = write_experiment(inputs, "grid_other", GRID_BODY.replace("seed = 1", "seed = 2"))
    done = run_vcsim("sweep", other, "--out", inputs / "grid_reference", "--resume", cwd=inputs)
    assert done.returncode == 2
    assert "different experiment" in done.stderr and "Traceback" not in done.stderr
    stray = inputs / "not_a_sweep"
    stray.mkdir()
    (stray / "notes.txt").write_text("mine")
    done = run_vcsim("sweep", other, "--out", stray, cwd=inputs)
    assert done.returncode == 2 and "not empty" in done.stderr


def test_lhs_rounds_int_parameters_and_is_seeded(inputs):
    body = """\
        design = "lhs"
        samples = 5
        replicates = 2
        seed = 7
        outputs = ["zero_income_villages"]
        [parameters]
        "funding.poor_village_yuan" = [300000, 800000]
        "selection.candidates" = [2, 3]
        "models.cluster.min_villages" = {low = 2, high = 5}
        """
    exp = load_experiment(write_experiment(inputs, "lhs", body))
    x, points = exp.design_matrix()
    assert len(points) == 5
    assert points["selection.candidates"].dtype == np.int64
    assert set(points["selection.candidates"]) <= {2, 3}
    # one value per stratum: the LHS property survives on the continuous parameter
    strata = np.floor((points["funding.poor_village_yuan"] - 300000) / 100000).astype(int)
    assert sorted(strata) == [0, 1, 2, 3, 4]
    again = load_experiment(inputs / "lhs.toml").design_matrix()[1]
    pd.testing.assert_frame_equal(points, again, check_exact=True)
    out = inputs / "lhs_out"
    run_sweep(exp, out, workers=1, progress=False, log=lambda m: None)
    runs = sorted_runs(out)
    assert len(runs) == 5 * 2 * len(YEARS)
    assert runs["selection.candidates"].dtype == np.int64


@pytest.mark.slow
def test_ishigami_sobol_recovers_the_known_indices(tmp_path):
    exp = tmp_path / "ishigami.toml"
    exp.write_text('model = "ishigami"\ndesign = "sobol"\nsamples = 2048\nreplicates = 1\n'
                   'seed = 11\n[parameters]\n'
                   f'x1 = [{-math.pi}, {math.pi}]\nx2 = [{-math.pi}, {math.pi}]\n'
                   f'x3 = [{-math.pi}, {math.pi}]\n', encoding="utf-8")
    result = run_sweep(exp, tmp_path / "out", workers=1, progress=False, log=lambda m: None)
    assert result.runs_total == 2048 * 5
    indices = json.loads((tmp_path / "out" / "sensitivity.json").read_text())["indices"]["y"]["0"]
    for name, s1, st in zip(("x1", "x2", "x3"), ISHIGAMI_S1, ISHIGAMI_ST):
        got = indices[name]
        assert abs(got["S1"] - s1) <= max(got["S1_conf"], 0.05), (name, got)
        assert abs(got["ST"] - st) <= max(got["ST_conf"], 0.05), (name, got)
    table = pd.read_parquet(tmp_path / "out" / "sensitivity.parquet")
    assert list(table.columns) == ["output", "year", "parameter", "S1", "S1_conf", "ST", "ST_conf"]


def test_ishigami_morris_reports_mu_star_and_sigma(tmp_path):
    exp = tmp_path / "morris.toml"
    exp.write_text('model = "ishigami"\ndesign = "morris"\nsamples = 40\nreplicates = 1\n',
                   encoding="utf-8")
    run_sweep(exp, tmp_path / "out", workers=1, progress=False, log=lambda m: None)
    idx = json.loads((tmp_path / "out" / "sensitivity.json").read_text())["indices"]["y"]["0"]
    assert idx["x3"]["sigma"] > 0 and idx["x1"]["mu_star"] > idx["x3"]["mu_star"] * 0.5
    assert idx["x2"]["mu_star"] > 0


# ------------------------------------------------------------------------- bad experiment files

BASE = 'scenario = "short.toml"\ndesign = "lhs"\nsamples = 4\n'
BAD_FILES = {  # fragments: the same in both languages, or (English, Chinese)
    "unknown_parameter": (BASE + '[parameters]\n"funding.poor_vilage_yuan" = [300000, 800000]\n',
                          ['[parameters] "funding.poor_vilage_yuan"',
                           ('did you mean "funding.poor_village_yuan"', '是否想输入 "funding.poor_village_yuan"')]),
    "empty_range": (BASE + '[parameters]\n"funding.poor_village_yuan" = [500000, 500000]\n',
                    ['"funding.poor_village_yuan"', ("empty range", "区间 [500000, 500000] 为空")]),
    "lower_above_upper": (BASE + '[parameters]\nfunding.poor_village_yuan = [800000, 300000]\n',
                          ['"funding.poor_village_yuan"', ("above upper bound", "大于上限")]),
    "unknown_design": ('scenario = "short.toml"\ndesign = "latin"\nsamples = 4\n[parameters]\n'
                       '"funding.poor_village_yuan" = [300000, 800000]\n',
                       ["'design' = 'latin'", ("grid, lhs, sobol, morris", "grid、lhs、sobol、morris")]),
    "zero_samples": ('scenario = "short.toml"\ndesign = "sobol"\nsamples = 0\n[parameters]\n'
                     '"funding.poor_village_yuan" = [300000, 800000]\n',
                     ["'samples' = 0", ("at least 1", "不小于 1")]),
    "missing_scenario": ('scenario = "gone.toml"\ndesign = "lhs"\nsamples = 4\n[parameters]\n'
                         '"funding.poor_village_yuan" = [300000, 800000]\n', ["'scenario'", "gone.toml"]),
    "bad_toml": ('scenario = "short.toml\ndesign = "lhs"\n',
                 [("not valid TOML", "不是有效的 TOML"), ("line 1", "第 1 行")]),
    "bool_in_lhs": (BASE + '[parameters]\n"selection.review" = [true, false]\n',
                    ['"selection.review"', 'design = "grid"']),
    "outside_hard_limits": (BASE + '[parameters]\n"organisation.misuse_share" = [0.1, 1.5]\n',
                            ['"organisation.misuse_share"', ("at most 1", "不能大于 1")]),
    "unknown_output": (BASE + 'outputs = ["zero_income_vilages"]\n[parameters]\n'
                       '"funding.poor_village_yuan" = [300000, 800000]\n',
                       ["'outputs'", ("did you mean 'zero_income_villages'", "是否想输入 'zero_income_villages'")]),
    "unknown_key": (BASE + 'replicate = 3\n[parameters]\n"funding.poor_village_yuan" = [300000, 800000]\n',
                    [("unknown key 'replicate'", "未知的键 'replicate'"),
                     ("did you mean 'replicates'", "是否想输入 'replicates'")]),
    "no_parameters": (BASE, [("missing [parameters]", "缺少 [parameters]")]),
    "sensitivity_year_not_simulated": (BASE + 'sensitivity_years = [2030]\n[parameters]\n'
                                       '"funding.poor_village_yuan" = [300000, 800000]\n',
                                       ["'sensitivity_years'", "2030"]),
    "year_outside_span": ('scenario = "short.toml"\ndesign = "grid"\n[parameters]\n'
                          '"rollout.remaining_year" = {values = [2021, 2023]}\n',
                          ["remaining_year = 2023", ("outside the simulated years", "不在模拟年份")]),
}
PREFIX = {"en": "vcsim: error: ", "zh": "vcsim：错误："}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_experiment_files_exit_2_naming_file_and_key(case, lang, inputs, capsys):
    text, expected = BAD_FILES[case]
    path = inputs / f"bad_{case}.toml"
    path.write_text(text, encoding="utf-8")
    code = cli.main(["--lang", lang, "sweep", str(path), "--out",
                     str(inputs / f"bad_out_{case}"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"{PREFIX[lang]}{path}"), err
    for piece in expected:
        piece = piece if isinstance(piece, str) else piece[0 if lang == "en" else 1]
        assert piece in err, (piece, err)
    assert "Traceback" not in err
    assert not (inputs / f"bad_out_{case}").exists()  # nothing written before the checks


@pytest.mark.slow
def test_bad_experiment_real_process_and_engine_choice(inputs):
    path = inputs / "bad_real.toml"
    path.write_text(BAD_FILES["empty_range"][0], encoding="utf-8")
    done = run_vcsim("sweep", path, cwd=inputs)
    assert done.returncode == 2 and "empty range" in done.stderr and "Traceback" not in done.stderr
    done = run_vcsim("sweep", inputs / "grid.toml", "--engine", "vectorised", cwd=inputs)
    assert done.returncode == 2 and "--engine 'vectorised'" in done.stderr
    assert "accepted: " in done.stderr and "agents" in done.stderr
    done = run_vcsim("sweep", inputs / "missing_file.toml", cwd=inputs)
    assert done.returncode == 2 and "missing_file.toml: file not found" in done.stderr
