"""Tests for the ``vcsim`` command line: run, validate, params.

The contract is about the command line. The runs whose files are compared, and one case
of each kind of mistake, call the installed console script (the ``vcsim`` next to the
interpreter) in a subprocess: exit codes, stdout, stderr and the files written. The many
variants of each mistake call ``experiments.cli.main`` in-process (the function the script
runs), since each subprocess costs a second or more of imports; an exception escaping
``main`` fails those tests just as a traceback would. Runs are small (1-2 replicates).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vcsim.experiments.cli import main
from vcsim.experiments.roster import DEFAULT_ROSTER_PATH
from vcsim.model.parameters import PARAMETERS

from _messages import CJK, LANGS, pick

VCSIM = Path(sys.executable).parent / "vcsim"
YEARS = [str(y) for y in range(2019, 2026)]
OUTPUTS = ("summary.json", "annual.parquet", "villages.parquet", "projects.parquet",
           "roster.parquet", "provenance.json")
ERROR_PREFIX = {"en": "vcsim: error: ", "zh": "vcsim：错误："}
BAND = {"mean", "p05", "p95"}


def vcsim(*args, cwd: Path | None = None, module: bool = False, locale: str | None = None,
          env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the console script (or ``python -m vcsim.experiments.cli``) and capture its
    output; with ``locale``, as a user whose ``LANG`` is that (no ``VCSIM_LANG``)."""
    command = [sys.executable, "-m", "vcsim.experiments.cli"] if module else [str(VCSIM)]
    extra = env or {}
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if locale is not None:
        for var in ("VCSIM_LANG", "LC_ALL", "LC_MESSAGES"):
            env.pop(var, None)
        env["LANG"] = locale
    env.update(extra)
    return subprocess.run([*command, *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def cli(capsys, *args) -> subprocess.CompletedProcess:
    """``vcsim ARGS`` in-process; the same result shape as ``vcsim()``. Any exception other
    than argparse's SystemExit escaping ``main`` is a traceback for the user: it fails."""
    capsys.readouterr()
    argv = [str(a) for a in args]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: usage error (2) or --help (0)
        code = exc.code
    except Exception as exc:  # noqa: BLE001 - reported as the test's failure
        pytest.fail(f"vcsim {' '.join(argv)}: traceback: {type(exc).__name__}: {exc}")
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(["vcsim", *argv], code, captured.out, captured.err)


def assert_clean_error(result: subprocess.CompletedProcess, *fragments, lang: str = "en") -> str:
    """Exit 2, no traceback, one 'vcsim: error:' line (in ``lang``) naming every fragment
    (a string, or an (English, Chinese) pair)."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines()
              if line.startswith(ERROR_PREFIX[lang])]
    assert len(errors) == 1, result.stderr
    message = errors[0]
    for fragment in fragments:
        want = pick(fragment, lang)
        assert want.lower() in message.lower(), (want, message)
    if lang == "zh":
        assert CJK.search(message.replace(str(fragments[0]), "")), message
    return message


def assert_usage_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """A bad option: argparse's usage and message, exit 2, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert "error:" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


def read_outputs(folder: Path) -> tuple[bytes, dict[str, pd.DataFrame]]:
    frames = {name: pd.read_parquet(folder / f"{name}.parquet")
              for name in ("annual", "villages", "projects")}
    return (folder / "summary.json").read_bytes(), frames


# ----------------------------------------------------------------------------- rosters


@pytest.fixture(scope="module")
def rosters(tmp_path_factory) -> dict[str, Path]:
    """Small rosters written from the first 20 villages of the default county."""
    folder = tmp_path_factory.mktemp("rosters")
    base = pd.read_csv(DEFAULT_ROSTER_PATH, dtype=str, keep_default_na=False).head(20)
    paths: dict[str, Path] = {}

    def save(name: str, frame: pd.DataFrame) -> None:
        paths[name] = folder / name
        if name.endswith(".xlsx"):
            frame.to_excel(paths[name], index=False)
        else:
            frame.to_csv(paths[name], index=False)

    save("ok.csv", base)
    save("ok.xlsx", base)
    save("blanks.csv", base[["name", "township", "poor"]])
    save("no_poor_column.csv", base.drop(columns=["poor"]))
    save("duplicate.csv", pd.concat([base, base.iloc[[3]]]))  # rows 5 and 22
    bad = base.copy()
    bad.loc[4, "population"] = "many"  # row 6
    save("not_a_number.csv", bad)
    flag = base.copy()
    flag.loc[0, "poor"] = "5"  # row 2
    save("bad_flag.csv", flag)
    negative = base.copy()
    negative.loc[9, "population"] = "-40"  # row 11
    save("negative.csv", negative)
    save("header_only.csv", base.head(0))
    (folder / "empty.csv").write_bytes(b"")
    paths["empty.csv"] = folder / "empty.csv"
    earning = base.head(5).copy()
    earning["initial_income_yuan"] = "80000"  # every village already has income
    save("all_earning.csv", earning)
    return paths


# ----------------------------------------------------------------------------- run


@pytest.fixture(scope="module")
def baseline_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("run") / "a"
    result = vcsim("run", "baseline", "--replicates", 2, "--seed", 7, "--out", out)
    assert result.returncode == 0, result.stderr
    return result, out


@pytest.mark.slow
def test_run_prints_a_short_readable_summary(baseline_run):
    result, out = baseline_run
    text = result.stdout
    assert "Traceback" not in result.stderr
    assert "Baseline" in text and "基准" in text
    assert "210 villages, 2 replicates, seed 7" in text
    for year in YEARS:
        assert f"\n{year} " in text
    assert "P(cleared)" in text and "median income" in text
    assert f"outputs in {out}" in text
    assert len(text.splitlines()) <= 20


@pytest.mark.slow
def test_run_writes_every_output(baseline_run):
    _, out = baseline_run
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporary files left


@pytest.mark.slow
def test_summary_json_holds_the_headline_measures(baseline_run):
    _, out = baseline_run
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["scenario"] == "baseline" and s["seed"] == 7 and s["replicates"] == 2
    assert s["years"] == [int(y) for y in YEARS]
    assert s["initial_zero_income_share"] == pytest.approx(132 / 210)
    for key in ("zero_income_share", "zero_income_villages", "share_income_ge_50k",
                "share_income_ge_100k", "fiscal_cost_yuan"):
        assert list(s[key]) == YEARS, key
        for year in YEARS:
            band = s[key][year]
            assert set(band) >= BAND, (key, year)
            assert band["p05"] <= band["mean"] <= band["p95"], (key, year, band)
    assert list(s["p_cleared_by"]) == YEARS
    assert all(0.0 <= s["p_cleared_by"][y] <= 1.0 for y in YEARS)
    assert set(s["clearance_year"]) >= {"p05", "p50", "p95"}
    for q in ("p05", "p50", "p95"):
        assert s["clearance_year"][q] is None or 2019 <= s["clearance_year"][q] <= 2025
    assert list(s["income_quantiles"]) == YEARS
    for year in YEARS:
        qs = [s["income_quantiles"][year][k] for k in ("p10", "p25", "p50", "p75", "p90")]
        assert qs == sorted(qs)
    assert set(s["model_mix"]) == {"solar", "cluster", "idle_assets", "town_shop",
                                   "attract_investor", "enterprise_equity", "cooperative",
                                   "workshop"}
    assert sum(m["share"] for m in s["model_mix"].values()) == pytest.approx(1.0)
    assert {"central", "province", "city_county"} <= set(s["grants_yuan"])
    assert s["grants_yuan"]["central"] > 0
    # zero-income villages fall under the programme
    assert s["zero_income_villages"]["2025"]["mean"] < s["initial_zero_income_villages"]


@pytest.mark.slow
def test_annual_parquet_one_row_per_replicate_and_year(baseline_run):
    _, out = baseline_run
    annual = pd.read_parquet(out / "annual.parquet")
    assert len(annual) == 2 * len(YEARS)
    assert not annual.duplicated(["replicate", "year"]).any()
    assert sorted(annual["replicate"].unique()) == [0, 1]
    assert sorted(annual["year"].astype(str).unique()) == YEARS


@pytest.mark.slow
def test_villages_parquet_one_row_per_replicate_village_and_year(baseline_run):
    _, out = baseline_run
    villages = pd.read_parquet(out / "villages.parquet")
    for column in ("replicate", "village_id", "year", "income_yuan", "zero_income", "cohort",
                   "models", "grants_yuan"):
        assert column in villages.columns, column
    assert len(villages) == 2 * 210 * len(YEARS)
    assert not villages.duplicated(["replicate", "village_id", "year"]).any()
    roster_ids = pd.read_csv(DEFAULT_ROSTER_PATH, dtype=str)["village_id"]
    assert set(villages["village_id"]) == set(roster_ids)
    assert villages["zero_income"].dtype == bool
    # a zero-income village (空白村) has no operating receipts; net income never exceeds them
    assert (villages["zero_income"] == (villages["receipts_yuan"] <= 0)).all()
    assert (villages["income_yuan"] <= villages["receipts_yuan"] + 1e-6).all()


@pytest.mark.slow
def test_projects_parquet(baseline_run):
    _, out = baseline_run
    projects = pd.read_parquet(out / "projects.parquet")
    assert len(projects) > 0
    assert {"replicate", "project_id", "model", "status", "capital_yuan"} <= set(projects.columns)
    assert not projects.duplicated(["replicate", "project_id"]).any()


@pytest.mark.slow
def test_summary_agrees_with_the_parquet_files(baseline_run):
    _, out = baseline_run
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    annual = pd.read_parquet(out / "annual.parquet")
    villages = pd.read_parquet(out / "villages.parquet")
    counted = villages.groupby(["replicate", "year"])["zero_income"].sum()
    assert (annual.set_index(["replicate", "year"])["zero_income_villages"]
            == counted.reindex(annual.set_index(["replicate", "year"]).index)).all()
    for year, g in villages.groupby("year"):
        y = str(year)
        assert s["income_quantiles"][y]["p50"] == pytest.approx(np.median(g["income_yuan"]))
        per_rep = g.groupby("replicate")["zero_income"].sum()
        assert s["zero_income_villages"][y]["mean"] == pytest.approx(per_rep.mean())
        ge = g.assign(ge=g["income_yuan"] >= 50_000).groupby("replicate")["ge"].mean()
        assert s["share_income_ge_50k"][y]["mean"] == pytest.approx(ge.mean())
        assert s["p_cleared_by"][y] == pytest.approx((per_rep == 0).mean())


@pytest.mark.slow
def test_same_seed_gives_identical_outputs(baseline_run, tmp_path):
    _, first = baseline_run
    second = tmp_path / "b"
    result = vcsim("run", "baseline", "--replicates", 2, "--seed", 7, "--out", second, "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # --quiet
    summary_a, frames_a = read_outputs(first)
    summary_b, frames_b = read_outputs(second)
    assert summary_a == summary_b  # byte for byte
    for name in frames_a:
        pd.testing.assert_frame_equal(frames_a[name], frames_b[name], obj=name)


@pytest.mark.slow
def test_another_seed_gives_other_results(baseline_run, tmp_path, capsys):
    _, first = baseline_run
    other = tmp_path / "c"
    result = cli(capsys, "run", "baseline", "-r", 2, "-s", 8, "-o", other, "-q")
    assert result.returncode == 0, result.stderr
    a = pd.read_parquet(first / "villages.parquet")
    b = pd.read_parquet(other / "villages.parquet")
    assert not a["income_yuan"].equals(b["income_yuan"])
    assert json.loads((other / "summary.json").read_text(encoding="utf-8"))["seed"] == 8


@pytest.mark.slow
def test_default_output_folder_and_python_m(tmp_path):
    scenario = tmp_path / "mine.toml"
    scenario.write_text('extends = "' + (DEFAULT_ROSTER_PATH.parent / "baseline.toml").as_posix()
                        + '"\nname = "mine"\n[selection]\nreview = false\n', encoding="utf-8")
    result = vcsim("run", scenario, "-r", 1, "-q", cwd=tmp_path, module=True)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "results" / "mine"
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["scenario"] == "mine" and s["replicates"] == 1
    assert s["overrides"]["selection.review"] is False


@pytest.mark.slow
def test_run_with_a_csv_roster(rosters, tmp_path):
    result = vcsim("run", "baseline", "-r", 2, "--roster", rosters["ok.csv"], "--out",
                   tmp_path / "o")
    assert result.returncode == 0, result.stderr
    assert "20 villages, 2 replicates" in result.stdout
    s = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))
    assert s["villages"] == 20 and s["townships"] == 2
    villages = pd.read_parquet(tmp_path / "o" / "villages.parquet")
    expected = pd.read_csv(rosters["ok.csv"], dtype=str)["village_id"]
    assert set(villages["village_id"]) == set(expected)
    assert len(villages) == 2 * 20 * len(YEARS)


def test_run_with_a_roster_with_blanks_reports_the_fill(rosters, tmp_path, capsys):
    result = cli(capsys, "run", "baseline", "-r", 1, "-q", "--roster", rosters["blanks.csv"],
                   "--out", tmp_path / "o")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "filled from the default county" in result.stderr
    assert "population (20)" in result.stderr
    villages = pd.read_parquet(tmp_path / "o" / "villages.parquet")
    assert villages["village_id"].str.contains("/").all()  # township/name ids


@pytest.mark.slow
def test_run_with_a_roster_where_no_project_starts(rosters, tmp_path, capsys):
    # A valid roster (validate says ok) whose villages all earn already, under the
    # no-programme counterfactual: no project ever starts. The run must still finish.
    assert cli(capsys, "validate", rosters["all_earning.csv"]).returncode == 0
    result = vcsim("run", "no_programme", "-r", 2, "-q", "--roster", rosters["all_earning.csv"],
                   "--out", tmp_path / "o")
    assert "Traceback" not in result.stderr, result.stderr[-1500:]
    assert result.returncode == 0, result.stderr[-1500:]
    s = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))
    assert s["initial_zero_income_share"] == 0.0
    assert s["projects_started"]["mean"] == 0


@pytest.mark.slow
def test_run_with_a_bad_roster_stops_before_running(rosters, tmp_path):
    result = vcsim("run", "baseline", "-r", 1, "--roster", rosters["duplicate.csv"], "--out",
                   tmp_path / "o")
    assert_clean_error(result, "duplicate.csv", "rows 5 and 22", "twice")
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_run_with_a_bad_scenario_stops_before_running(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[funding]\npoor_vilage_yuan = 600000\n", encoding="utf-8")
    result = vcsim("run", bad, "-r", 1, "--out", tmp_path / "o")
    assert_clean_error(result, str(bad), "poor_vilage_yuan", "did you mean",
                       "poor_village_yuan")
    assert not (tmp_path / "o").exists()


def test_run_unknown_shipped_name_suggests_one(tmp_path, capsys):
    result = cli(capsys, "run", "baselin", "-r", 1, "--out", tmp_path / "o")
    assert_clean_error(result, "baselin", "did you mean 'baseline'")


def test_run_into_an_unwritable_place(tmp_path, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    result = cli(capsys, "run", "baseline", "-r", 1, "-q", "--out", blocker / "sub")
    assert_clean_error(result, str(blocker / "sub"), "cannot")


# ----------------------------------------------------------------------------- options


@pytest.mark.parametrize("options, fragment", [
    (["--replicates", "0"], "--replicates"),
    (["--replicates", "-3"], "--replicates"),
    (["--replicates", "abc"], "'abc'"),
    (["--replicates", "1.5"], "'1.5'"),
    (["--seed", "-1"], "--seed"),
    (["--seed", "x"], "'x'"),
    (["--bogus"], "--bogus"),
])
def test_bad_options_exit_2(options, fragment, tmp_path):
    result = vcsim("run", "baseline", *options, "--out", tmp_path / "o")
    assert_usage_error(result, fragment)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("args", [[], ["run"], ["frobnicate"], ["params", "--format", "json"]])
def test_bad_commands_exit_2(args):
    assert_usage_error(vcsim(*args))


# ----------------------------------------------------------------------------- validate


@pytest.mark.parametrize("spec", ["baseline", "no_programme", "uniform_grants"])
def test_validate_shipped_scenario(spec, capsys):
    result = cli(capsys, "validate", spec)
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout and f"'{spec}'" in result.stdout
    assert result.stderr == ""


@pytest.mark.slow
def test_validate_scenario_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[funding]\npoor_village_yuan = 600000\nnonpoor_village_yuan = 300000\n",
                    encoding="utf-8")
    result = vcsim("validate", path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: ok: scenario 'mine' sets 2 parameters"
    # then the settings that scale with the county, for the built-in county by default
    assert lines[1].startswith("settings that scale with the county, for 210 villages")
    assert "funding.grant_pool_yuan = 70,000,000 yuan" in result.stdout
    assert not (tmp_path / "results").exists() and not Path("results/mine").exists()


@pytest.mark.parametrize("name", ["ok.csv", "ok.xlsx"])
def test_validate_roster(rosters, name, capsys):
    result = cli(capsys, "validate", rosters[name])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{rosters[name]}: ok: 20 villages in 2 townships, 2 poor")


def test_validate_roster_with_blanks_says_what_is_filled(rosters, capsys):
    result = cli(capsys, "validate", rosters["blanks.csv"])
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout and "filled from defaults" in result.stdout
    assert "population (20 of 20)" in result.stdout


ACCEPTED = ("accepted", "可接受")
SCENARIO_ERRORS = {
    "misspelt_key": ("[funding]\npoor_vilage_yuan = 600000\n",
                     ["[funding] poor_vilage_yuan",
                      ("did you mean [funding] poor_village_yuan", "是否想输入 [funding] poor_village_yuan")]),
    "string_for_number": ('[funding]\npoor_village_yuan = "600k"\n',
                          ["[funding] poor_village_yuan", "'600k'", ("expected a number", "应为数字"),
                           ACCEPTED]),
    "number_for_bool": ("[selection]\nreview = 1\n",
                        ["[selection] review", ("true or false", "true 或 false")]),
    "negative_money": ("[funding]\nnonpoor_village_yuan = -250000\n",
                       ["[funding] nonpoor_village_yuan", ("at least 0", "不能小于 0"), ACCEPTED]),
    "year_2050": ("[rollout]\nremaining_year = 2050\n",
                  ["[rollout] remaining_year", "2050", ACCEPTED]),
    "year_2018": ("[shocks.pv_arrears]\nfirst_year = 2018\n",
                  ["[shocks.pv_arrears] first_year", "2018", ACCEPTED]),
    "year_after_end": ("[rollout]\nremaining_year = 2027\n",
                       ["[rollout] remaining_year", "2027", "2019-2025", ACCEPTED]),
    "invalid_toml": ("[funding\npoor_village_yuan = 1\n",
                     [("line 1: not valid TOML", "第 1 行不是有效的 TOML")]),
    "extends_missing": ('extends = "no_such_parent.toml"\n',
                        ["'extends'", "no_such_parent.toml", ("does not exist", "不存在")]),
    "empty": ("# nothing but a comment\n", [("sets nothing", "情景文件是空的"), "extends"]),
}
KEYBOARD_ERRORS = {  # what a Chinese input method types, and what to type instead
    "full_width": ("[funding]\npoor_village_yuan ＝ 600000\n",
                   [("line 2 has full-width", "第 2 行有全角"), "'＝'", "'='"]),
    "thousands": ("[funding]\npoor_village_yuan = 600,000\n",
                  [("thousands separators", "千位分隔符"), "600,000", "600000"]),
    "roster_given": ("村名,乡镇,是否贫困村\n石板沟村,石门镇,是\n",
                     [("village roster", "村庄名单"), "村名", "--roster"]),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", list(SCENARIO_ERRORS))
def test_validate_bad_scenario(case, lang, tmp_path, capsys):
    text, fragments = SCENARIO_ERRORS[case]
    path = tmp_path / "scenario.toml"  # a neutral name: fragments must come from the message
    path.write_text(text, encoding="utf-8")
    result = cli(capsys, "--lang", lang, "validate", path)
    assert result.stdout == ""
    assert_clean_error(result, str(path), *fragments, lang=lang)


@pytest.mark.parametrize("lang", LANGS)
def test_validate_extends_cycle(lang, tmp_path, capsys):
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    assert_clean_error(cli(capsys, "--lang", lang, "validate", tmp_path / "a.toml"), "a.toml",
                       "b.toml", ("circle", "循环"), lang=lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["missing.toml", "missing.csv", "missing.xlsx"])
def test_validate_missing_file(name, lang, tmp_path, capsys):
    assert_clean_error(cli(capsys, "--lang", lang, "validate", tmp_path / name),
                       str(tmp_path / name), ("not found", "找不到"), lang=lang)


# The acceptance: the language follows the user's locale, in a real process.
LOCALES = {"zh": "zh_CN.UTF-8", "en": "C.UTF-8"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", ["misspelt_key", "invalid_toml", "full_width", "thousands",
                                  "empty", "roster_given"])
def test_validate_speaks_the_locale(case, lang, tmp_path):
    text, fragments = {**SCENARIO_ERRORS, **KEYBOARD_ERRORS}[case]
    path = tmp_path / ("roster.txt" if case == "roster_given" else "scenario.toml")
    path.write_text(text, encoding="utf-8")
    result = vcsim("validate", path, locale=LOCALES[lang])
    assert_clean_error(result, str(path), *fragments, lang=lang)


@pytest.mark.parametrize("lang", LANGS)
def test_validate_bad_roster_speaks_the_locale(rosters, lang):
    result = vcsim("validate", rosters["not_a_number.csv"], locale=LOCALES[lang])
    assert_clean_error(result, str(rosters["not_a_number.csv"]),
                       *ROSTER_ERRORS["not_a_number.csv"], lang=lang)


def test_lang_option_and_vcsim_lang_win_over_the_locale(tmp_path):
    path = tmp_path / "scenario.toml"
    path.write_text(SCENARIO_ERRORS["misspelt_key"][0], encoding="utf-8")
    assert_clean_error(vcsim("--lang", "zh", "validate", path, locale="C.UTF-8"), str(path),
                       "poor_vilage_yuan", lang="zh")
    assert_clean_error(vcsim("--lang", "en", "validate", path, locale="zh_CN.UTF-8"),
                       str(path), "did you mean", lang="en")
    env_zh = vcsim("validate", path, locale="C.UTF-8", env={"VCSIM_LANG": "zh"})
    assert_clean_error(env_zh, str(path), "是否想输入", lang="zh")
    help_zh = vcsim("--lang", "zh", "validate", "--help")
    assert help_zh.returncode == 0 and "用法" in help_zh.stdout and "显示本帮助" in help_zh.stdout


ROSTER_ERRORS = {
    "no_poor_column.csv": [("missing required column", "缺少必填列"), "'poor'", "是否贫困村"],
    "duplicate.csv": [("rows 5 and 22", "第 5 行和第 22 行"), ("township", "乡镇"), ("twice", "两次")],
    "not_a_number.csv": [("row 6", "第 6 行"), ("column 'population'", "“population”列"), "many",
                         ("not a number", "不是数字"), ("1 to 100,000", "1 至 100,000")],
    "bad_flag.csv": [("row 2", "第 2 行"), ("column 'poor'", "“poor”列"), "5", "是/否"],
    "negative.csv": [("row 11", "第 11 行"), ("column 'population'", "“population”列"), "-40",
                     ("out of range", "超出范围")],
    "header_only.csv": [("no villages", "没有村庄")],
    "empty.csv": [("empty", "空的")],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(ROSTER_ERRORS))
def test_validate_bad_roster(rosters, name, lang, capsys):
    result = cli(capsys, "--lang", lang, "validate", rosters[name])
    assert result.stdout == ""
    assert_clean_error(result, str(rosters[name]), *ROSTER_ERRORS[name], lang=lang)


# ----------------------------------------------------------------------------- params


@pytest.mark.slow
def test_params_csv_lists_every_parameter():
    result = vcsim("params", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(PARAMETERS)
    assert [r["name"] for r in rows] == list(PARAMETERS)
    assert list(rows[0]) == ["name", "meaning", "unit", "default", "range", "source"]
    for r in rows:
        for column in ("unit", "range", "source", "meaning"):
            assert r[column].strip(), (r["name"], column)
    by_name = {r["name"]: r for r in rows}
    assert by_name["programme.enabled"]["range"] == "true/false"
    assert by_name["programme.enabled"]["default"] == "true"
    assert by_name["funding.poor_village_yuan"]["unit"] == "yuan"


def test_ctrl_c_in_any_command_ends_with_a_message_and_130(monkeypatch, capsys):
    from vcsim.experiments import cli as cli_module

    def interrupted(args):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli_module, "cmd_params", interrupted)
    assert main(["params"]) == 130
    assert capsys.readouterr().err.strip() == "vcsim: stopped (SIGINT)"


def test_params_markdown_table(capsys):
    result = cli(capsys, "params", "--format", "md")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| name | meaning | unit | default | range | source |"
    assert set(lines[1]) <= set("|-") and lines[1].count("---") == 6
    body = lines[2:]
    assert len(body) == len(PARAMETERS)
    for line, key in zip(body, PARAMETERS):
        assert line.startswith(f"| {key} |") and line.endswith(" |")
        assert line.count(" | ") == 5, line  # six cells: no stray '|' inside a cell
    assert cli(capsys, "params").stdout == result.stdout  # md is the default


def test_every_parameter_has_a_chinese_meaning_and_unit():
    """The registry says what each setting means in Chinese too (``meaning_zh``), and
    every unit a setting is given in has a Chinese name (``messages.UNITS_ZH``)."""
    from vcsim.experiments.messages import UNITS_ZH
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for key, p in PARAMETERS.items():
        assert cjk.search(p.meaning_zh), f"{key}: no Chinese meaning"
        assert p.meaning_in("zh") == p.meaning_zh and p.meaning_in("en") == p.meaning
        # Latin words in the Chinese only where they are symbols or codes (false, exp, e)
        words = set(re.findall(r"[A-Za-z]{2,}", p.meaning_zh))
        assert words <= {"false", "exp"}, (key, words)
        assert p.rate_unit in UNITS_ZH, f"{key}: unit {p.rate_unit!r} has no Chinese name"


@pytest.mark.parametrize("argv", [["params", "--lang", "zh"], ["--lang", "zh", "params"]])
def test_params_in_chinese(capsys, argv):
    from vcsim.experiments.messages import unit_text
    result = cli(capsys, *argv)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| 参数 | 含义 | 单位 | 默认值 | 范围 | 来源 |"
    body = lines[2:]
    assert len(body) == len(PARAMETERS)
    for line, (key, p) in zip(body, PARAMETERS.items()):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert cells[0] == key and cells[1] == p.meaning_zh.replace("|", "/"), line
        assert cells[2] == unit_text(p.rate_unit, "zh"), line
    assert "| funding.poor_village_yuan | “5025”计划对每个贫困村的扶持资金 | 元 | 500,000 |" \
        in result.stdout
    assert "| rollout.poor_year | 建档立卡贫困村纳入扶持的年份（三步走第一步） | 年 | 2019 | 2019 - 2021 |" \
        in result.stdout
    english = cli(capsys, "params", "--lang", "en").stdout
    assert "| funding.poor_village_yuan | 5025 grant per poor village | yuan |" in english


def test_results_are_readable_like_any_file_written(tmp_path):
    """Outputs are written atomically through private temporary files; the files left
    must carry the usual permissions (the umask's), or colleagues cannot read them."""
    import os

    from vcsim.experiments.store import write_json
    umask = os.umask(0)
    os.umask(umask)
    write_json(tmp_path / "x.json", {"a": 1})
    assert (tmp_path / "x.json").stat().st_mode & 0o777 == 0o666 & ~umask
