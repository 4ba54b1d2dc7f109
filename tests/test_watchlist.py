"""``vcsim watchlist`` (台账): per village the chance of zero income at a year's end, why,
and per township; from a run or a compare folder, in Chinese by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.watchlist import REASONS, zero_income_reasons

VCSIM = Path(sys.executable).parent / "vcsim"
ROSTER = load_default_roster()

pytestmark = pytest.mark.slow  # real runs of 60 replicates and the command itself


def vcsim(*args, lang: str = "en") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "VCSIM_LANG": lang}
    return subprocess.run([str(VCSIM), *map(str, args)], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wl") / "run"
    result = vcsim("run", "baseline", "--replicates", 60, "--engine", "vector", "--seed", 3,
                   "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def watchlist(run_folder) -> Path:
    result = vcsim("watchlist", run_folder)
    assert result.returncode == 0, result.stderr
    return run_folder / "watchlist"


def test_probabilities_are_those_of_villages_parquet(run_folder, watchlist):
    villages = pd.read_parquet(run_folder / "villages.parquet")
    at = villages[villages["year"] == 2021]
    expected = at.groupby("village_id").agg(
        p_zero=("zero_income", "mean"), mean=("income_yuan", "mean"),
        low=("income_yuan", lambda x: (x < 50_000).mean()))
    table = pd.read_csv(watchlist / "watchlist.csv", encoding="utf-8-sig").set_index("村编号")
    assert len(table) == len(ROSTER) == len(expected)
    table = table.loc[expected.index]
    np.testing.assert_allclose(table["无经营收入概率"], expected["p_zero"])
    np.testing.assert_allclose(table["收入低于5万元概率"], expected["low"])
    np.testing.assert_allclose(table["平均收入（元）"], expected["mean"])
    assert (table["无经营收入概率95%区间下限"] <= table["无经营收入概率"] + 1e-12).all()
    assert (table["无经营收入概率95%区间上限"] >= table["无经营收入概率"] - 1e-12).all()
    assert table["无经营收入概率"].gt(0).any(), "nothing at risk: the test would show nothing"
    # sorted by risk, at-risk villages carry a reason, the others none
    risk = pd.read_csv(watchlist / "watchlist.csv", encoding="utf-8-sig")["无经营收入概率"]
    assert risk.is_monotonic_decreasing
    at_risk = table["无经营收入概率"] > 0
    assert table.loc[at_risk, "主要风险原因"].notna().all()
    assert table.loc[~at_risk, "主要风险原因"].isna().all()
    # names and townships are the roster's
    names = ROSTER.set_index("village_id").loc[expected.index]
    assert (table["村名"] == names["name"]).all() and (table["乡镇"] == names["township"]).all()


def test_csv_has_a_bom_and_the_xlsx_chinese_headers_and_a_township_sheet(watchlist):
    assert (watchlist / "watchlist.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    book = openpyxl.load_workbook(watchlist / "watchlist.xlsx")
    assert book.sheetnames == ["村", "乡镇"]
    headers = [c.value for c in book["村"][1]]
    assert headers[:5] == ["村编号", "村名", "乡镇", "贫困村", "批次（0＝未纳入）"]
    assert "无经营收入概率" in headers and "主要风险原因" in headers
    towns = pd.read_excel(watchlist / "watchlist.xlsx", sheet_name="乡镇")
    assert list(towns.columns[:3]) == ["乡镇", "村数", "贫困村数"]
    assert len(towns) == ROSTER["township"].nunique() and towns["村数"].sum() == len(ROSTER)
    villages = pd.read_excel(watchlist / "watchlist.xlsx", sheet_name="村")
    # expected zero-income villages of a township = the sum of its villages' risks
    by_town = villages.groupby("乡镇")["无经营收入概率"].sum()
    np.testing.assert_allclose(towns.set_index("乡镇")["预计无经营收入村数"], by_town.loc[towns["乡镇"]])
    above = villages[villages["无经营收入概率"] > 0.10].groupby("乡镇").size()
    assert towns.set_index("乡镇")["风险高于10%的村数"].to_dict() == above.reindex(towns["乡镇"], fill_value=0).to_dict()
    assert (watchlist / "provenance.json").is_file()


def test_every_column_and_key_written_is_documented(run_folder, watchlist):
    import json

    from vcsim.experiments.data_dictionary import names
    from vcsim.experiments.watchlist import TOWNSHIP_COLUMNS, VILLAGE_COLUMNS, load_watchlists
    assert {"scenario", *VILLAGE_COLUMNS} == names("watchlist.csv")
    assert {"scenario", *TOWNSHIP_COLUMNS} == names("watchlist_townships.csv")
    (w,) = load_watchlists(run_folder, ROSTER)
    assert list(w.villages.columns) == list(VILLAGE_COLUMNS)
    assert list(w.townships.columns) == list(TOWNSHIP_COLUMNS)
    assert set(json.loads((watchlist / "provenance.json").read_text())) <= names("provenance.json")


def test_english_and_a_compare_folder_gives_sheets_per_scenario(tmp_path):
    out = tmp_path / "cmp"
    result = vcsim("compare", "baseline", "no_review", "--replicates", 20, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    result = vcsim("watchlist", out, "--lang", "en", "--year", 2020, "--out", tmp_path / "wl")
    assert result.returncode == 0, result.stderr
    assert "end of 2020" in result.stdout
    book = openpyxl.load_workbook(tmp_path / "wl" / "watchlist.xlsx")
    assert book.sheetnames == ["baseline", "baseline townships", "no_review", "no_review townships"]
    assert [c.value for c in book["baseline"][1]][:2] == ["village id", "village"]
    table = pd.read_csv(tmp_path / "wl" / "watchlist.csv", encoding="utf-8-sig")
    assert sorted(table["scenario"].unique()) == ["baseline", "no_review"]
    assert len(table) == 2 * len(ROSTER)


def _reasons_by_hand(villages, projects, annual, year, grants):
    """Each zero-income (replicate, village) of ``year``, its reason, one row at a time."""
    poor = ROSTER.set_index("village_id")["poor"]
    out = {}
    for row in villages[(villages["year"] == year) & villages["zero_income"]].itertuples():
        mine = projects[(projects["replicate"] == row.replicate) & (projects["start_year"] <= year)
                        & projects["village_ids"].str.split(";").apply(lambda ids, v=row.village_id: v in ids)]
        ended = mine[mine["failed_year"].notna() & (mine["failed_year"] <= year)]
        running = mine.drop(ended.index)
        if len(running):
            current = running.sort_values("project_id").iloc[-1]
            if current["operating_from"] > f"{year}-12":
                reason = "building"
            else:
                reason = {"enterprise_equity": "dividend_skipped", "workshop": "no_factory",
                          "attract_investor": "waiting_investor"}.get(current["model"], "no_receipts")
        elif isinstance(row.waiting_for, str):
            reason = "waiting_" + row.waiting_for
        elif len(ended):
            last = ended.sort_values(["failed_year", "project_id"]).iloc[-1]
            reason = {"failed": "failed", "partner default": "partner_default",
                      "no investor came": "no_investor", "closed: no income": "closed_no_income",
                      "closed: loss over the year": "closed_loss"}[last["end_reason"]]
        elif row.cohort == 0:
            reason = "not_entered"
        else:
            left = annual[(annual["replicate"] == row.replicate) & (annual["year"] == year)]["pool_left_yuan"].iloc[0]
            reason = "pool_empty" if left < grants[bool(poor[row.village_id])] else "no_fundable"
        out[(row.replicate, row.village_id)] = reason
    return out


@pytest.mark.parametrize("overrides,year,shown,kinds", [
    ({}, 2020, "not_entered", 3),
    ({"models.town_shop.build_months": 30.0, "models.solar.build_months": 30.0}, 2019, "building", 3),
    # (with the default capacity, most villages of so starved a county wait for it in 2021)
    ({"funding.grant_pool_yuan": 8_000_000.0, "capacity.projects_per_year": 300}, 2021, "pool_empty", 3),
    # every village at once: the 2019 and 2020 tranches pay for about 137 of them, the rest
    # wait (the others have zero income because their project is still being built)
    ({"rollout.priority_year": 2019, "rollout.remaining_year": 2019}, 2020, "waiting_money", 2),
    # the report's rollout in a county that can start 30 projects a year: half the poor
    # villages wait for 2020
    ({"capacity.projects_per_year": 30}, 2019, "waiting_capacity", 3),
])
def test_reasons_follow_the_projects_villages_had(overrides, year, shown, kinds, tmp_path):
    from vcsim.experiments.engines import simulate_detail
    from vcsim.model.parameters import make_params
    params = make_params(overrides)
    results = simulate_detail(params, ROSTER, 5, [0, 1, 2, 3], "vector")
    villages, projects, annual = results.villages, results.projects, results.annual
    at = villages[villages["year"] == year].copy()
    info = ROSTER[["village_id", "name", "township", "poor"]]
    grants = {True: params.funding.poor_village_yuan, False: params.funding.nonpoor_village_yuan}
    got = zero_income_reasons(at, projects, annual, year, info, (grants[True], grants[False]))
    zero = at[at["zero_income"]]
    got = dict(zip(zip(zero.loc[got.index, "replicate"], zero.loc[got.index, "village_id"]), got))
    expected = _reasons_by_hand(villages, projects, annual, year, grants)
    assert got == expected
    assert set(got.values()) <= set(REASONS)
    assert shown in got.values() and len(set(got.values())) >= kinds


def test_bad_input_exits_2_with_one_message(run_folder, tmp_path):
    cases = [
        ((tmp_path / "nowhere",), ["nowhere", "no such folder", "vcsim run or vcsim compare"]),
        ((tmp_path,), [str(tmp_path), "villages.parquet", "summary.json"]),
        ((run_folder, "--year", 2031), ["--year 2031", "2019", "2025"]),
        ((run_folder, "--roster", Path(__file__).parent.parent / "scenarios" / "roster_template.csv"),
         ["roster_template.csv", "--roster", "not in the roster"]),
    ]
    for args, fragments in cases:
        result = vcsim("watchlist", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if "error" in line]
        assert len(errors) == 1, result.stderr
        for fragment in fragments:
            assert fragment in errors[0], (fragment, errors[0])
    zh = vcsim("watchlist", tmp_path, lang="zh")
    assert zh.returncode == 2 and "不是 vcsim run 的结果文件夹" in zh.stderr
