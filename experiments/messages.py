"""Every message vcsim shows its users, in English and Chinese: the one catalogue.

Code never writes a user-facing sentence inline: it names a catalogue key and the
fields to fill in, ``Msg("scenario.unknown_setting", file=path, key=..., hint=...)``,
and the message is rendered in the user's language when it is shown. The language is
Chinese when ``--lang zh`` or ``VCSIM_LANG=zh`` says so, or when the locale does
(``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` starting with ``zh``); English otherwise.

A field may itself be a ``Msg`` (a reason, a hint, a list of accepted values): it is
rendered in the same language as the message around it.
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("zh", "en")
_chosen: str | None = None  # set by --lang; otherwise VCSIM_LANG, then the locale


def set_language(lang: str | None) -> None:
    """Fix the language for this process (``--lang``); None goes back to the environment."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {LANGUAGES}")
    _chosen = lang


def language() -> str:
    """"zh" or "en": ``--lang``, then ``VCSIM_LANG``, then the POSIX locale variables in
    their order of precedence (LC_ALL, LC_MESSAGES, LANG)."""
    if _chosen:
        return _chosen
    env = os.environ.get("VCSIM_LANG", "").strip().lower()
    if env in LANGUAGES:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class Msg:
    """A catalogue message and its fields, rendered when shown (``str``) in the current
    language, or in a given one (``render``)."""

    __slots__ = ("key", "fields")

    def __init__(self, key: str, /, **fields: Any):
        if key not in CATALOGUE:
            raise KeyError(f"message {key!r} is not in experiments.messages.CATALOGUE")
        self.key = key
        self.fields = fields

    def render(self, lang: str | None = None) -> str:
        lang = lang or language()
        template = CATALOGUE[self.key][0 if lang == "en" else 1]
        return template.format(**{k: _render(v, lang) for k, v in self.fields.items()})

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, **{self.fields!r})"


def text(key: str, /, lang: str | None = None, **fields: Any) -> str:
    """A catalogue message rendered now."""
    return Msg(key, **fields).render(lang)


def _render(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)) and any(isinstance(v, Msg) for v in value):
        return ("、" if lang == "zh" else ", ").join(str(_render(v, lang)) for v in value)
    return value


# key -> (English, Chinese). Fields in braces; keep the two versions' fields the same.
# Sections by command or module; add a new command's messages in a section of its own.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- general ------------------------------------------------------------------
    "error.prefix": ("vcsim: error: {message}", "vcsim：错误：{message}"),
    "warning.prefix": ("vcsim: warning: {message}", "vcsim：警告：{message}"),
    "hint.did_you_mean": ("; did you mean {name}?", "；是否想输入 {name}？"),

    # --- files and scenarios -----------------------------------------------------

    # --- rosters -------------------------------------------------------------------

    # --- run, validate, params -----------------------------------------------------

    # --- compare, sweep, bench --------------------------------------------------------

    # --- brief -----------------------------------------------------------------------

    # --- dashboard -------------------------------------------------------------------

    # --- settings scaled to the roster ----------------------------------------------
    "scaled.header": (
        "settings that scale with the county, for {villages} villages ({poor} poor) in "
        "{townships} townships:",
        "随县域规模折算的设置（{villages} 个村，其中贫困村 {poor} 个，{townships} 个乡镇）："),
    "scaled.header_region": (
        "settings that scale with the county: each of the {counties} counties "
        "({villages} villages in all) gets its own, scaled to its size:",
        "随县域规模折算的设置：{counties} 个县（共 {villages} 个村）各按本县规模折算："),
    "scaled.for_scenarios": ("  {names}:", "  {names}："),
    "scaled.line_scaled": (
        "  {key} = {value} {unit} ({rate} per {per} x {count}; scaled to the roster)",
        "  {key} = {value} {unit}（每{per} {rate} × {count}，按名册折算）"),
    "scaled.line_region": (
        "  {key} = {total} {unit} in all ({rate} per {per}; {low} to {high} a county)",
        "  {key} = 合计 {total} {unit}（每{per} {rate}；各县 {low} 至 {high}）"),
    "scaled.line_scenario": (
        "  {key} = {value} {unit} (set in the scenario; used as given)",
        "  {key} = {value} {unit}（情景文件设定，按原值使用）"),
    "scaled.roster_with_roster": (
        "{file}: is a roster; --roster {roster} goes with a scenario file (vcsim validate "
        "SCENARIO.toml --roster {roster} shows the scenario's settings for that roster)",
        "{file}：这是村名册；--roster {roster} 应与情景文件一起使用（vcsim validate "
        "情景.toml --roster {roster} 显示该名册下情景的设置）"),
    "scaled.per.village": ("village", "村"),
    "scaled.per.poor_village": ("poor village", "贫困村"),
    "scaled.per.township": ("township", "乡镇"),
    "scaled.unit.yuan": ("yuan", "元"),
    "scaled.unit.yuan/yr": ("yuan/yr", "元/年"),
    "scaled.unit.villages": ("villages", "个村"),
    "scaled.unit.people": ("people", "人"),


    # --- watchlist -------------------------------------------------------------------

    # --- plan ------------------------------------------------------------------------

    # --- calibrate -------------------------------------------------------------------

    # --- replicates, discover ---------------------------------------------------------

    # --- Python API ------------------------------------------------------------------
}
