"""The message catalogue (``experiments.messages``) and its use: every user error is
raised with a catalogue key, never literal text; every entry has both languages with the
same fields; the language follows --lang, VCSIM_LANG and the locale."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from vcsim.experiments import messages
from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import CATALOGUE, Msg, items, language, set_language, table

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "experiments").rglob("*.py")) + sorted((ROOT / "model").rglob("*.py"))
CJK_OR_FULL_WIDTH = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def calls(name: str):
    """(file, line, first argument) of every call of ``name`` in the package's sources,
    as a function (``text(...)``) or a method of the brief's ``Tr`` or of the module
    (``tr.text(...)``, ``messages.text(...)``)."""
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and (
                    getattr(node.func, "id", None) == name
                    or getattr(node.func, "attr", None) == name
                    and re.fullmatch(r"(.*\.)?tr|messages", ast.unparse(node.func.value))):
                yield path.relative_to(ROOT), node.lineno, node.args[0]


@pytest.mark.parametrize("name", ["InputError", "Msg", "text"])
def test_every_message_is_named_by_a_catalogue_key(name):
    """InputError("...literal sentence...") or an f-string would bypass the catalogue."""
    found = 0
    for where, line, arg in calls(name):
        found += 1
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            assert arg.value in CATALOGUE, f"{where}:{line}: {arg.value!r} is not a catalogue key"
        else:  # a Msg passed on, or a key built from a known prefix ("param.problem." + code)
            assert not isinstance(arg, ast.JoinedStr) or re.match(
                r"^[a-z_]+\.[a-z_.]*$", arg.values[0].value
                if isinstance(arg.values[0], ast.Constant) else ""), \
                f"{where}:{line}: a message built as an f-string, not a key with a code"
            assert not isinstance(arg, ast.BinOp), f"{where}:{line}: a message built with +"
    assert found > 10


def _keys_named_in_code() -> tuple[set[str], set[str]]:
    """The string literals of the package's code (the catalogue's own entries left out),
    and the prefixes keys are built from: f"brief.output.{key}", "param.problem." + code,
    or a literal ending in "." that keys are looked up under ("toml.reason.")."""
    literals, prefixes = set(), set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = set()
        for node in ast.walk(tree):  # the CATALOGUE dict itself names every key
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and "CATALOGUE" in ast.unparse(
                    node.targets[0] if isinstance(node, ast.Assign) else node.target):
                skip |= {id(n) for n in ast.walk(node.value)}
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
                if node.value.endswith("."):
                    prefixes.add(node.value)
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                prefixes.add(node.values[0].value)
            elif isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant) \
                    and isinstance(node.left.value, str):
                prefixes.add(node.left.value)
    return literals, {p for p in prefixes if re.fullmatch(r"[a-z_]+\.[a-z_.]*", p)}


def test_no_catalogue_entry_is_unused():
    """A message no code shows is dead text that translators keep up for nothing.
    argparse's own words are looked up by their English (ARGPARSE_KEYS)."""
    literals, prefixes = _keys_named_in_code()
    unused = [key for key in CATALOGUE if key not in literals and not key.startswith("argparse.")
              and not any(key.startswith(p) for p in prefixes)]
    assert not unused, f"catalogue entries no code uses: {unused}"


def test_brief_and_dashboard_write_no_chinese_of_their_own():
    """The brief's and the dashboard's words are the catalogue's: a Chinese string in their
    code (outside docstrings) is an inline translation bypassing it. Allowed: the units
    that number formats append (texts.fmt_money...), font probes, and the sweep chart's
    short parameter labels (charts.SECTION_ZH, FIELD_ZH)."""
    from vcsim.experiments.brief.charts import FIELD_ZH, SECTION_ZH
    allowed = {"万元", "亿元", "/年", "万亿元个村年月次倍户人项",  # units of numbers
               "空白村清零光伏发电型万元县乡镇", "国Ag", "国Ag\n国Ag",  # font probes
               "基准", "冲击·", *SECTION_ZH.values(), *FIELD_ZH.values()}
    cjk = re.compile(r"[\u4e00-\u9fff]")
    found = []
    for path in sorted((ROOT / "experiments" / "brief").glob("*.py")) + sorted(
            (ROOT / "experiments" / "dashboard").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        found += [f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
                  for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and cjk.search(node.value) and id(node) not in docstrings
                  and node.value not in allowed]
    assert not found, "Chinese text outside the catalogue:\n" + "\n".join(found)


def test_input_error_refuses_literal_text():
    with pytest.raises(KeyError):
        InputError("scenario.nonexistent_key_written_by_mistake")
    with pytest.raises(KeyError):
        InputError("baseline.toml: something went wrong")
    err = InputError("file.not_found", file="x.toml")
    assert err.render("en") == "x.toml: file not found"
    assert err.render("zh") == "x.toml：找不到此文件"
    import pickle  # it crosses process boundaries with its key and fields
    again = pickle.loads(pickle.dumps(err))
    assert again.key == "file.not_found" and again.render("zh") == err.render("zh")


FIELDS = re.compile(r"{([a-z_]+)(?:![rs])?(?::[^}]*)?}")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_entry_has_both_languages_with_the_same_fields(key):
    en, zh = CATALOGUE[key]
    assert en.strip() and zh.strip(), key
    assert sorted(FIELDS.findall(en)) == sorted(FIELDS.findall(zh)), key
    # both render with any value in each field
    fields = {f: 1 for f in FIELDS.findall(en)}
    string.Formatter().vformat(en, (), fields)
    string.Formatter().vformat(zh, (), fields)
    if key.startswith("argparse.") or en == zh or key == "dashboard.ui.switch":
        return  # (the language switch names the other language in its own words)
    words = re.findall(r"[A-Za-z]{2,}", FIELDS.sub("", zh))  # punctuation alone ("“{title}”") is fine
    assert CJK_OR_FULL_WIDTH.search(zh) or not words, f"{key}: the Chinese text has no Chinese in it"


@pytest.mark.parametrize("env, expected", [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "zh_TW.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),   # LC_ALL first
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "VCSIM_LANG": "en"}, "en"),        # VCSIM_LANG before the locale
    ({"LANG": "C", "VCSIM_LANG": "zh"}, "zh"),
])
def test_language_from_the_environment(monkeypatch, env, expected):
    for var in ("VCSIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    set_language(None)
    assert language() == expected
    set_language("zh" if expected == "en" else "en")  # --lang wins over everything
    assert language() != expected
    set_language(None)


def test_fields_render_in_the_message_language():
    msg = Msg("scenario.not_found", spec="x", hint=Msg("hint.did_you_mean", name="'y'"),
              shipped=items(["a", "b"]))
    assert msg.render("en") == "x: no such scenario file, and not a shipped scenario; did you mean 'y'? (shipped: a, b)"
    assert msg.render("zh") == "x：没有这个情景文件，也不是自带情景；是否想输入 'y'？（自带情景：a、b）"


def test_tables_align_chinese_by_display_width():
    lines = table([["年份", "清零概率"], ["2021", "72%"]], "<>")
    assert [messages.display_width(line) for line in lines] == [14, 14]
