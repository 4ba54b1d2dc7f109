"""Helpers for tests of user messages in both languages (``experiments.messages``).

A bad-input test runs once per language: ``lang`` sets the language for the code under
test, and ``expect`` checks fragments that are either the same in both languages (a file
name, a key, a value) or given as an (English, Chinese) pair.
"""

from __future__ import annotations

import re

import pytest

from vcsim.experiments.messages import set_language

LANGS = ("en", "zh")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(params=LANGS)
def lang(request):
    """The language of this run of the test, set for the code under test."""
    set_language(request.param)
    yield request.param
    set_language(None)


def pick(fragment, lang: str) -> str:
    return fragment if isinstance(fragment, str) else fragment[LANGS.index(lang)]


def expect(message: str, lang: str, *fragments) -> str:
    """Every fragment (a string, or an (English, Chinese) pair) is in ``message``; a
    Chinese message has Chinese words of its own (not only in the names it quotes)."""
    for fragment in fragments:
        want = pick(fragment, lang)
        assert want in message, (want, message)
    assert "\n" not in message, message
    if lang == "zh":
        assert CJK.search(message), message
    return message
