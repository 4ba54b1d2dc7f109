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
from vcsim.model.parameters import DEFAULT_COUNTY, PARAMETERS

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


def error_for(spec) -> str:
    """The InputError message for loading ``spec``; it must name the file."""
    with pytest.raises(InputError) as info:
        load_scenario(spec)
    message = str(info.value)
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
    child = write(sub / "child.toml", 'extends = "parent.toml"\n')
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


def test_extends_cycle_is_reported(tmp_path):
    write(tmp_path / "a.toml", 'extends = "b.toml"\n')
    write(tmp_path / "b.toml", 'extends = "a.toml"\n')
    message = error_for(tmp_path / "a.toml")
    assert "a.toml" in message and "b.toml" in message
    assert "circle" in message


def test_extends_itself_is_a_cycle(tmp_path):
    path = write(tmp_path / "self.toml", 'extends = "self.toml"\n')
    message = error_for(path)
    assert str(path) in message and "circle" in message


def test_extends_missing_file(tmp_path):
    path = write(tmp_path / "s.toml", 'extends = "nowhere.toml"\n')
    message = error_for(path)
    assert message.startswith(str(path))
    assert "'extends'" in message and "nowhere.toml" in message and "does not exist" in message


def test_extends_must_be_text(tmp_path):
    message = error_for(write(tmp_path / "s.toml", "extends = 3\n"))
    assert "'extends'" in message and "quotes" in message


def test_error_in_parent_names_the_parent_file(tmp_path):
    write(tmp_path / "parent.toml", "[funding]\npoor_village_yuan = -1\n")
    child = write(tmp_path / "child.toml", 'extends = "parent.toml"\n')
    message = error_for(child)
    assert "parent.toml" in message and "poor_village_yuan" in message


# ----------------------------------------------------------------------------- keys and values


@pytest.mark.parametrize("text, expected", [
    ("[funding]\npoor_vilage_yuan = 500000\n",
     ["unknown setting", "[funding] poor_vilage_yuan", "did you mean [funding] poor_village_yuan"]),
    ("poor_village_yuan = 500000\n",
     ["unknown setting", "did you mean [funding] poor_village_yuan"]),
    ("[selection]\nreveiw = true\n", ["did you mean [selection] review"]),
    ("[shocks.tourism_2020]\nenabeld = false\n", ["did you mean [shocks.tourism_2020] enabled"]),
    ("[fundng]\npoor_village_yuan = 500000\n", ["unknown setting", "fundng", "funding"]),
    ("[nonsense]\nx = 1\n", ["unknown setting", "sections are", "funding", "vcsim params"]),
])
def test_unknown_key_suggests_the_nearest(tmp_path, text, expected):
    path = write(tmp_path / "s.toml", text)
    message = error_for(path)
    assert message.startswith(f"{path}: ")
    for fragment in expected:
        assert fragment in message, (fragment, message)


def test_section_written_as_a_value_is_not_called_unknown(tmp_path):
    # `funding = 3` (a value where a section belongs): the message must not call the valid
    # section 'funding' an unknown setting while listing 'funding' among the sections.
    message = error_for(write(tmp_path / "s.toml", "funding = 3\n"))
    assert "funding" in message
    assert "unknown setting 'funding'" not in message, message


@pytest.mark.parametrize("text, expected", [
    ('[funding]\npoor_village_yuan = "500000"\n',
     ["[funding] poor_village_yuan", "expected a number", "'500000'", "accepted"]),
    ("[selection]\nreview = 1\n", ["[selection] review", "true or false"]),
    ('[selection]\nreview = "yes"\n', ["[selection] review", "true or false"]),
    ("[funding]\npoor_village_yuan = true\n", ["poor_village_yuan", "expected a number"]),
    ("[selection]\ncandidates = 2.5\n", ["[selection] candidates", "whole number"]),
    ("[selection]\ncandidates = 9\n", ["[selection] candidates", "at most 8"]),
    ("[funding]\npoor_village_yuan = -500000\n",
     ["[funding] poor_village_yuan", "at least 0", "accepted"]),
    ("[funding]\ngrant_pool_yuan = -1.0\n", ["grant_pool_yuan", "at least 0"]),
    ("[funding]\ncentral_share = 1.5\n", ["central_share", "at most 1"]),
    ("[funding]\npoor_village_yuan = nan\n", ["poor_village_yuan", "finite"]),
    ("[funding]\npoor_village_yuan = inf\n", ["poor_village_yuan", "finite"]),
    ("[tourism]\nseasonality = [1.0, 1.0]\n", ["seasonality", "12 numbers"]),
    ('[tourism]\nseasonality = "flat"\n', ["seasonality", "12 numbers"]),
    ("[simulation]\nend_year = 2021-01-01\n", ["end_year", "expected a number"]),
    ("name = 3\n", ["'name'", "text"]),
    ('name = ""\n', ["'name'", "non-empty"]),
    ("title_en = 5\n", ["'title_en'", "text"]),
])
def test_wrong_type_or_value(tmp_path, text, expected):
    path = write(tmp_path / "s.toml", text)
    message = error_for(path)
    assert message.startswith(f"{path}: ")
    for fragment in expected:
        assert fragment in message, (fragment, message)


def test_values_are_converted_to_the_registry_kind(tmp_path):
    s = load_scenario(write(tmp_path / "s.toml", "[funding]\npoor_village_yuan = 600000\n"
                                                 "[selection]\ncandidates = 2.0\n"))
    p = s.params()
    assert isinstance(p.funding.poor_village_yuan, float)
    assert p.selection.candidates == 2 and isinstance(p.selection.candidates, int)


# ----------------------------------------------------------------------------- years


def test_years_follow_end_year(tmp_path):
    ok = write(tmp_path / "ok.toml", "[simulation]\nend_year = 2030\n"
                                     "[rollout]\nremaining_year = 2028\n")
    assert load_scenario(ok).params().rollout.remaining_year == 2028
    bad = write(tmp_path / "bad.toml", "[rollout]\nremaining_year = 2026\n")
    message = error_for(bad)
    assert "[rollout] remaining_year" in message and "2026" in message
    assert "2019-2025" in message and "accepted" in message


def test_year_inherited_from_parent_checked_against_child_end_year(tmp_path):
    write(tmp_path / "parent.toml", "[simulation]\nend_year = 2030\n"
                                    "[shocks.partner_default_wave]\nyear = 2028\n")
    child = write(tmp_path / "child.toml", 'extends = "parent.toml"\n'
                                           "[simulation]\nend_year = 2025\n")
    message = error_for(child)
    assert "[shocks.partner_default_wave] year" in message and "2028" in message


@pytest.mark.parametrize("text, key, year", [
    ("[rollout]\nremaining_year = 2050\n", "[rollout] remaining_year", "2050"),
    ("[shocks.pv_arrears]\nfirst_year = 2018\n", "[shocks.pv_arrears] first_year", "2018"),
])
def test_year_outside_the_span_is_reported_as_a_year(tmp_path, text, key, year):
    # The accepted span is 2019 to [simulation] end_year (2025 here); a year is shown as
    # written (2050), not as an amount with a thousands separator ("2,050").
    message = error_for(write(tmp_path / "s.toml", text))
    assert key in message
    assert year in message, message
    assert "2,0" not in message, message
    assert "2019" in message and "2025" in message, message


def test_rollout_years_must_not_go_backwards(tmp_path):
    message = error_for(write(tmp_path / "s.toml", "[rollout]\npoor_year = 2021\n"
                                                   "priority_year = 2020\n"))
    assert "rollout" in message and "backwards" in message
    assert "2021" in message and "2020" in message


# ----------------------------------------------------------------------------- files


def test_missing_file(tmp_path):
    path = tmp_path / "nothere.toml"
    assert error_for(path) == f"{path}: file not found"


def test_folder_instead_of_file(tmp_path):
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    assert "folder" in error_for(folder)


def test_invalid_toml_names_the_line(tmp_path):
    path = write(tmp_path / "s.toml", "name = \"x\"\n[funding\npoor_village_yuan = 1\n")
    message = error_for(path)
    assert message.startswith(f"{path}: not valid TOML")
    assert "line 2" in message


def test_not_utf8(tmp_path):
    path = tmp_path / "s.toml"
    path.write_bytes("[funding]\n# 补助\n".encode("gbk"))
    assert "UTF-8" in error_for(path)


def test_utf8_bom_and_chinese_titles_are_fine(tmp_path):
    path = tmp_path / "s.toml"
    path.write_bytes('title_zh = "测试"\n[selection]\nreview = false\n'.encode("utf-8-sig"))
    s = load_scenario(path)
    assert s.title("zh") == "测试"
    assert s.title("en") == "s"  # falls back to the name
    assert s.overrides == {"selection.review": False}


def test_empty_file_is_the_defaults(tmp_path):
    s = load_scenario(write(tmp_path / "empty.toml", ""))
    assert s.overrides == {}
    assert s.params().flat == {k: p.value_for(DEFAULT_COUNTY) for k, p in PARAMETERS.items()}


def test_unknown_shipped_name_suggests_the_nearest():
    with pytest.raises(InputError) as info:
        resolve_scenario_path("baseln")
    message = str(info.value)
    assert "did you mean 'baseline'" in message
    assert "no_programme" in message  # lists what is shipped
    assert resolve_scenario_path("baseline") == BASELINE
