"""Tests for the scenario loader ``experiments.scenario`` and the shipped scenarios.

Direct function calls: loading, ``extends``, the checks against the parameter registry
and the messages of ``InputError``. The command line around them is in test_cli.py.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from vcsim.experiments.errors import InputError
from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.runner import run_scenario
from vcsim.experiments.scenario import (
    SCENARIO_DIR,
    Scenario,
    load_scenario,
    resolve_scenario_path,
    shipped_scenarios,
)
from vcsim.model.parameters import PARAMETERS

from _messages import expect, lang  # noqa: F401  (lang is a fixture)

BASELINE = SCENARIO_DIR / "baseline.toml"
SHIPPED = sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))
CHILDREN = [name for name in SHIPPED if name != "baseline"]
META = ("name", "title_zh", "title_en", "description", "extends")


def own_keys(path: Path) -> dict:
    """The dotted parameter keys a scenario file itself sets (no meta keys, no parent)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {}

    def walk(node: dict, prefix: str) -> None:
        for key, value in node.items():
            if not prefix and key in META:
                continue
            dotted = prefix + key
            if isinstance(value, dict):
                walk(value, dotted + ".")
            else:
                out[dotted] = value

    walk(data, "")
    return out


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def error_for(spec, lang: str = "en") -> str:
    """The InputError message for loading ``spec`` in ``lang``, on one line."""
    with pytest.raises(InputError) as info:
        load_scenario(spec)
    message = info.value.render(lang)
    assert "\n" not in message, message
    return message


# ----------------------------------------------------------------------------- shipped files


def test_shipped_scenarios_are_listed():
    assert shipped_scenarios() == SHIPPED
    assert {"baseline", "no_programme", "uniform_grants"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_scenario_loads_by_name_and_by_path(name):
    by_name = load_scenario(name)
    by_path = load_scenario(SCENARIO_DIR / f"{name}.toml")
    assert isinstance(by_name, Scenario)
    assert by_name.name == name  # the name key agrees with the file name
    assert by_name.overrides == by_path.overrides
    assert by_name.title_zh and by_name.title_en and by_name.description
    params = by_name.params()
    for key, value in by_name.overrides.items():
        assert key in PARAMETERS
        assert params.flat[key] == value
    end = params.simulation.end_year
    for key in ("rollout.poor_year", "rollout.priority_year", "rollout.remaining_year"):
        assert 2019 <= params.flat[key] <= end


def test_baseline_extends_nothing_and_sets_what_its_file_says():
    data = tomllib.loads(BASELINE.read_text(encoding="utf-8"))
    assert "extends" not in data
    assert load_scenario("baseline").overrides == own_keys(BASELINE)


@pytest.mark.parametrize("name", CHILDREN)
def test_each_variant_extends_baseline_and_states_only_what_it_changes(name):
    path = SCENARIO_DIR / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data.get("extends") == "baseline.toml"
    own = own_keys(path)
    assert 1 <= len(own) <= 4, f"{name} sets {sorted(own)}: a variant should state only its change"
    base = load_scenario("baseline").params().flat
    changed = {k for k, v in own.items() if base[k] != v}
    # every section the file touches changes something (a key restated next to its
    # changed neighbours for readability, e.g. all three rollout years, is fine)
    for section in {k.rsplit(".", 1)[0] for k in own}:
        assert any(k.rsplit(".", 1)[0] == section for k in changed), (name, section)
    base = load_scenario("baseline").overrides
    merged = load_scenario(name).overrides
    assert merged == {**base, **own}


def test_no_programme_switches_the_programme_off():
    s = load_scenario("no_programme")
    assert s.overrides["programme.enabled"] is False
    assert s.params().programme.enabled is False
    assert load_scenario("baseline").params().programme.enabled is True


def test_uniform_grants_are_equal_for_poor_and_non_poor():
    p = load_scenario("uniform_grants").params()
    assert p.funding.poor_village_yuan == p.funding.nonpoor_village_yuan
    base = load_scenario("baseline").params()
    assert base.funding.poor_village_yuan != base.funding.nonpoor_village_yuan
    # same total as 5025 on the default county (60 poor at 500k, ~102 others at 250k)
    assert p.funding.poor_village_yuan == pytest.approx((60 * 500_000 + 102 * 250_000) / 162,
                                                        abs=100)


def test_all_in_2019_and_partner_wave_and_no_review():
    r = load_scenario("all_in_2019").params().rollout
    assert r.poor_year == r.priority_year == r.remaining_year == 2019
    wave = load_scenario("partner_default_wave").params().shocks.partner_default_wave
    assert wave.enabled is True
    assert load_scenario("no_review").params().selection.review is False
    assert load_scenario("no_tourism_shock").params().shocks.tourism_2020.enabled is False


@pytest.mark.slow
def test_every_shipped_scenario_runs_one_replicate():
    roster = load_default_roster()
    results = {name: run_scenario(load_scenario(name), roster, 1, 5, progress=False).summary
               for name in SHIPPED}
    for name, s in results.items():
        assert s["scenario"] == name
        assert s["villages"] == 210
    assert results["no_programme"]["grants_yuan"]["central"] == 0
    assert results["baseline"]["grants_yuan"]["central"] > 0
    # no programme leaves many more villages without income than the baseline
    assert (results["no_programme"]["zero_income_villages"]["2025"]["mean"]
            > results["baseline"]["zero_income_villages"]["2025"]["mean"] + 50)


# ----------------------------------------------------------------------------- extends


def test_extends_merges_parent_and_child_overrides_win(tmp_path):
    write(tmp_path / "parent.toml", '[funding]\npoor_village_yuan = 600000\n'
                                    'nonpoor_village_yuan = 300000\n')
    child = write(tmp_path / "child.toml", 'extends = "parent.toml"\n'
                                           '[funding]\nnonpoor_village_yuan = 350000\n')
    s = load_scenario(child)
    assert s.name == "child"  # default name: the file's stem
    assert s.overrides == {"funding.poor_village_yuan": 600000,
                           "funding.nonpoor_village_yuan": 350000}
    assert s.params().funding.nonpoor_village_yuan == 350000.0


def test_extends_is_relative_to_the_file_not_the_working_directory(tmp_path, monkeypatch):
    sub = tmp_path / "deep" / "folder"
    sub.mkdir(parents=True)
    write(sub / "parent.toml", "[selection]\nreview = false\n")
    write(sub / "child.toml", 'extends = "parent.toml"\n')
    monkeypatch.chdir(tmp_path)
    assert load_scenario(Path("deep/folder/child.toml")).overrides == {"selection.review": False}


def test_extends_chain_of_three_and_absolute_path_to_shipped_baseline(tmp_path):
    write(tmp_path / "mid.toml", f'extends = "{BASELINE.as_posix()}"\nname = "mid"\n'
                                 "[selection]\ncandidates = 2\n")
    top = write(tmp_path / "top.toml", 'extends = "mid.toml"\nname = "top"\n'
                                       "[funding]\npoor_village_yuan = 450000\n")
    s = load_scenario(top)
    base = load_scenario("baseline").overrides
    assert s.name == "top"
    assert s.overrides == {**base, "selection.candidates": 2, "funding.poor_village_yuan": 450000}


CIRCLE = ("circle", "循环")


def test_extends_cycle_is_reported(tmp_path, lang):
    write(tmp_path / "a.toml", 'extends = "b.toml"\n')
    write(tmp_path / "b.toml", 'extends = "a.toml"\n')
    expect(error_for(tmp_path / "a.toml", lang), lang, "a.toml", "b.toml", CIRCLE)


def test_extends_itself_is_a_cycle(tmp_path, lang):
    path = write(tmp_path / "self.toml", 'extends = "self.toml"\n')
    expect(error_for(path, lang), lang, str(path), CIRCLE)


def test_extends_missing_file(tmp_path, lang):
    path = write(tmp_path / "s.toml", 'extends = "nowhere.toml"\n')
    message = expect(error_for(path, lang), lang, "'extends'", "nowhere.toml",
                     ("does not exist", "不存在"))
    assert message.startswith(str(path))


def test_extends_must_be_text(tmp_path, lang):
    expect(error_for(write(tmp_path / "s.toml", "extends = 3\n"), lang), lang, "'extends'",
           ("quotes", "引号"))


def test_error_in_parent_names_the_parent_file(tmp_path, lang):
    write(tmp_path / "parent.toml", "[funding]\npoor_village_yuan = -1\n")
    child = write(tmp_path / "child.toml", 'extends = "parent.toml"\n')
    expect(error_for(child, lang), lang, "parent.toml", "poor_village_yuan")


# ----------------------------------------------------------------------------- keys and values


UNKNOWN = ("unknown setting", "未知设置")


def did_you_mean(name):
    return (f"did you mean {name}", f"是否想输入 {name}")


@pytest.mark.parametrize("text, expected", [
    ("[funding]\npoor_vilage_yuan = 500000\n",
     [UNKNOWN, "[funding] poor_vilage_yuan", did_you_mean("[funding] poor_village_yuan")]),
    ("poor_village_yuan = 500000\n", [UNKNOWN, did_you_mean("[funding] poor_village_yuan")]),
    ("[selection]\nreveiw = true\n", [did_you_mean("[selection] review")]),
    ("[shocks.tourism_2020]\nenabeld = false\n", [did_you_mean("[shocks.tourism_2020] enabled")]),
    ("[fundng]\npoor_village_yuan = 500000\n", [UNKNOWN, "fundng", "funding"]),
    ("[nonsense]\nx = 1\n", [UNKNOWN, ("sections are", "可用的节有"), "funding", "vcsim params"]),
])
def test_unknown_key_suggests_the_nearest(tmp_path, text, expected, lang):
    path = write(tmp_path / "s.toml", text)
    message = expect(error_for(path, lang), lang, *expected)
    assert message.startswith(f"{path}{'：' if lang == 'zh' else ': '}")


def test_section_written_as_a_value_is_not_called_unknown(tmp_path, lang):
    # `funding = 3` (a value where a section belongs): the message must not call the valid
    # section 'funding' an unknown setting while listing 'funding' among the sections.
    message = expect(error_for(write(tmp_path / "s.toml", "funding = 3\n"), lang), lang,
                     "funding", ("is a section", "是一个节"))
    assert "unknown setting 'funding'" not in message and "未知设置 'funding'" not in message


NUMBER = ("expected a number", "应为数字")
ACCEPTED = ("accepted", "可接受")
TRUE_FALSE = ("true or false", "true 或 false")
FINITE = ("finite", "有限")
TWELVE = ("12 numbers", "12 个数字")
TEXT = ("text", "文字")


@pytest.mark.parametrize("text, expected", [
    ('[funding]\npoor_village_yuan = "500000"\n',
     ["[funding] poor_village_yuan", NUMBER, "'500000'", ACCEPTED]),
    ("[selection]\nreview = 1\n", ["[selection] review", TRUE_FALSE]),
    ('[selection]\nreview = "yes"\n', ["[selection] review", TRUE_FALSE]),
    ("[funding]\npoor_village_yuan = true\n", ["poor_village_yuan", NUMBER]),
    ("[selection]\ncandidates = 2.5\n", ["[selection] candidates", ("whole number", "应为整数")]),
    ("[selection]\ncandidates = 9\n", ["[selection] candidates", ("at most 8", "不能大于 8")]),
    ("[funding]\npoor_village_yuan = -500000\n",
     ["[funding] poor_village_yuan", ("at least 0", "不能小于 0"), ACCEPTED]),
    ("[funding]\ngrant_pool_yuan = -1.0\n", ["grant_pool_yuan", ("at least 0", "不能小于 0")]),
    ("[funding]\ncentral_share = 1.5\n", ["central_share", ("at most 1", "不能大于 1")]),
    ("[funding]\npoor_village_yuan = nan\n", ["poor_village_yuan", FINITE]),
    ("[funding]\npoor_village_yuan = inf\n", ["poor_village_yuan", FINITE]),
    ("[tourism]\nseasonality = [1.0, 1.0]\n", ["seasonality", TWELVE]),
    ('[tourism]\nseasonality = "flat"\n', ["seasonality", TWELVE]),
    ("[simulation]\nend_year = 2021-01-01\n", ["end_year", NUMBER]),
    ("name = 3\n", ["'name'", TEXT]),
    ('name = ""\n', ["'name'", ("non-empty", "非空")]),
    ("title_en = 5\n", ["'title_en'", TEXT]),
])
def test_wrong_type_or_value(tmp_path, text, expected, lang):
    path = write(tmp_path / "s.toml", text)
    message = expect(error_for(path, lang), lang, *expected)
    assert message.startswith(f"{path}{'：' if lang == 'zh' else ': '}")


def test_values_are_converted_to_the_registry_kind(tmp_path):
    s = load_scenario(write(tmp_path / "s.toml", "[funding]\npoor_village_yuan = 600000\n"
                                                 "[selection]\ncandidates = 2.0\n"))
    p = s.params()
    assert isinstance(p.funding.poor_village_yuan, float)
    assert p.selection.candidates == 2 and isinstance(p.selection.candidates, int)


# ----------------------------------------------------------------------------- years


def test_years_follow_end_year(tmp_path, lang):
    ok = write(tmp_path / "ok.toml", "[simulation]\nend_year = 2030\n"
                                     "[rollout]\nremaining_year = 2028\n")
    assert load_scenario(ok).params().rollout.remaining_year == 2028
    bad = write(tmp_path / "bad.toml", "[rollout]\nremaining_year = 2026\n")
    expect(error_for(bad, lang), lang, "[rollout] remaining_year", "2026", "2019-2025", ACCEPTED)


def test_year_inherited_from_parent_checked_against_child_end_year(tmp_path, lang):
    write(tmp_path / "parent.toml", "[simulation]\nend_year = 2030\n"
                                    "[shocks.partner_default_wave]\nyear = 2028\n")
    child = write(tmp_path / "child.toml", 'extends = "parent.toml"\n'
                                           "[simulation]\nend_year = 2025\n")
    expect(error_for(child, lang), lang, "[shocks.partner_default_wave] year", "2028")


@pytest.mark.parametrize("text, key, year", [
    ("[rollout]\nremaining_year = 2050\n", "[rollout] remaining_year", "2050"),
    ("[shocks.pv_arrears]\nfirst_year = 2018\n", "[shocks.pv_arrears] first_year", "2018"),
])
def test_year_outside_the_span_is_reported_as_a_year(tmp_path, text, key, year, lang):
    # The accepted span is 2019 to [simulation] end_year (2025 here); a year is shown as
    # written (2050), not as an amount with a thousands separator ("2,050").
    message = expect(error_for(write(tmp_path / "s.toml", text), lang), lang, key, year,
                     "2019", "2025")
    assert "2,0" not in message, message


def test_rollout_years_must_not_go_backwards(tmp_path, lang):
    expect(error_for(write(tmp_path / "s.toml", "[rollout]\npoor_year = 2021\n"
                                               "priority_year = 2020\n"), lang), lang,
           "rollout", ("backwards", "倒退"), "2021", "2020")


# ----------------------------------------------------------------------------- files


def test_missing_file(tmp_path, lang):
    path = tmp_path / "nothere.toml"
    assert error_for(path, lang) == {"en": f"{path}: file not found",
                                     "zh": f"{path}：找不到此文件"}[lang]


def test_folder_instead_of_file(tmp_path, lang):
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    expect(error_for(folder, lang), lang, ("folder", "文件夹"))


def test_invalid_toml_names_the_line(tmp_path, lang):
    path = write(tmp_path / "s.toml", "name = \"x\"\n[funding\npoor_village_yuan = 1\n")
    message = expect(error_for(path, lang), lang, ("line 2: not valid TOML", "第 2 行不是有效的 TOML"))
    assert message.startswith(str(path))


# Chinese-keyboard mistakes: the message names the line, what was typed and what to type.
@pytest.mark.parametrize("text, expected", [
    ("[funding]\npoor_village_yuan ＝ 600000\n",
     [("line 2 has full-width", "第 2 行有全角"), "'＝'", ("type '='", "改为 '='")]),
    ("[funding]\npoor_village_yuan = 600,000\n",
     [("line 2: write numbers without thousands separators", "第 2 行：数字不要加千位分隔符"),
      "600,000", "600000"]),
    ("[funding]\npoor_village_yuan = 600，000\n", ["600，000", "600000"]),
    ('name = "x"\ntitle_zh = “基线”\n',
     [("line 2 has full-width", "第 2 行有全角"), "'“'", "'”'", """'"'"""]),
    ("[funding］\npoor_village_yuan = 1\n", ["'］'", "']'"]),
    ("[tourism]\nseasonality = [1.0， 1.0]\n", ["'，'", "','"]),
    ("[funding]\npoor_village_yuan　= 1\n", [("a full-width space", "全角空格")]),
    ("title_zh = 基线\n", [("straight double quotes", "半角双引号"), 'title_zh = "基线"']),
    ('title_zh = "“引号”里的字没问题"\n[funding\n', [("line 2", "第 2 行")]),
])
def test_chinese_keyboard_mistakes_say_what_to_type(tmp_path, text, expected, lang):
    message = expect(error_for(write(tmp_path / "s.toml", text), lang), lang, *expected)
    if "引号" in text:  # full-width quotes inside a quoted string are fine
        assert "“" not in message.split("TOML")[-1], message


def test_not_utf8(tmp_path, lang):
    path = tmp_path / "s.toml"
    path.write_bytes("[funding]\n# 补助\n".encode("gbk"))
    expect(error_for(path, lang), lang, "UTF-8")


def test_a_roster_given_as_a_scenario_is_named(tmp_path, lang):
    for name, data in [("roster.txt", "村名,乡镇,是否贫困村\n石板沟村,石门镇,是\n".encode()),
                       ("roster.toml", "村名,乡镇,是否贫困村\n石板沟村,石门镇,是\n".encode("gbk")),
                       ("villages.toml", b"name\ttownship\tpoor\nA\tB\tyes\n")]:
        path = tmp_path / name
        path.write_bytes(data)
        expect(error_for(path, lang), lang, ("this is a village roster", "这是一份村庄名单"),
               "--roster")
    workbook = tmp_path / "roster.toml"
    workbook.write_bytes(b"PK\x03\x04 rest of a zip")
    expect(error_for(workbook, lang), lang, ("Excel workbook", "Excel 工作簿"), "--roster")


def test_utf8_bom_and_chinese_titles_are_fine(tmp_path):
    path = tmp_path / "s.toml"
    path.write_bytes('title_zh = "测试"\n[selection]\nreview = false\n'.encode("utf-8-sig"))
    s = load_scenario(path)
    assert s.title("zh") == "测试"
    assert s.title("en") == "s"  # falls back to the name
    assert s.overrides == {"selection.review": False}


def test_an_empty_scenario_is_refused_unless_it_extends(tmp_path, lang):
    for text in ("", "# only a comment\n", 'name = "nothing"\ntitle_zh = "空"\n'):
        expect(error_for(write(tmp_path / "empty.toml", text), lang), lang,
               ("sets nothing", "情景文件是空的"), "extends")
    s = load_scenario(write(tmp_path / "copy.toml", f'extends = "{BASELINE.as_posix()}"\n'))
    assert s.overrides == load_scenario(BASELINE).overrides


def test_unknown_shipped_name_suggests_the_nearest(lang):
    with pytest.raises(InputError) as info:
        resolve_scenario_path("baseln")
    expect(info.value.render(lang), lang, did_you_mean("'baseline'"), "no_programme")
    assert resolve_scenario_path("baseline") == BASELINE
