"""The settings that scale with the county, as a planner sees them: the effective value
of every parameter on a roster and where it came from (``summary.json``'s ``settings``),
and the lines ``vcsim run``, ``vcsim compare`` and ``vcsim validate`` print so that a
planner with a 30-village roster sees a 10-million pool, not the default county's 70.

The scaling itself is the parameter registry's (``model.parameters``: ``Parameter.per``,
``make_params(overrides, county)``, ``scaled_to``); this module only reports it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from vcsim.experiments.messages import text
from vcsim.model.parameters import PARAMETERS, SCALED_KEYS, CountySize, scaled_to
from vcsim.model.roster import county_size, county_sizes


def roster_county(roster: pd.DataFrame) -> CountySize:
    """The counts a roster's settings scale to: one county's (ints), or a region's
    (arrays, one entry per county of its ``county`` column)."""
    sizes = county_sizes(roster)
    return sizes if sizes.counties > 1 else county_size(roster)


def effective_params(scenario, roster: pd.DataFrame):
    """The scenario's parameters as the engines run them on ``roster``: scaled settings
    for its size (for a region, arrays over its counties)."""
    county = roster_county(roster)
    if county.counties > 1:
        return scaled_to(scenario.params(), county)
    return scenario.params(county)


def settings_record(scenario, roster: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Every parameter's effective value on ``roster`` and its origin ("default",
    "scenario" or "scaled"), for ``summary.json``. A scaled setting also gives its
    ``rate`` and what it is ``per``; in a region of several counties its ``value`` is the
    region's total and ``by_county`` each county's (a value a scenario sets applies to
    each county)."""
    p = effective_params(scenario, roster)
    out: dict[str, dict[str, Any]] = {}
    for key, prm in PARAMETERS.items():
        value = p.flat[key]
        entry: dict[str, Any] = {"value": _plain(value), "origin": p.origin[key]}
        if prm.per:
            entry.update(rate=float(prm.default), per=prm.per)
            if np.ndim(value):
                entry.update(value=_plain(np.sum(value)), by_county=_plain(value))
        out[key] = entry
    return out


def _plain(value):
    """numpy values as JSON-ready Python ones."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def scaled_settings_lines(scenarios: list, roster: pd.DataFrame, lang: str | None = None) -> list[str]:
    """What ``vcsim run``, ``compare`` and ``validate`` print: each setting that scales
    with the county, its value on ``roster`` and where it came from (scaled: rate x
    count; or set by the scenario and used as given). Scenarios that agree share one
    block."""
    county = roster_county(roster)
    region = county.counties > 1
    if region:
        lines = [text("scaled.header_region", lang, counties=county.counties,
                      villages=int(np.sum(county.villages)))]
    else:
        lines = [text("scaled.header", lang, villages=county.villages, poor=county.poor_villages,
                      townships=county.townships)]
    blocks: dict[tuple, list[str]] = {}
    for scenario in scenarios:
        p = effective_params(scenario, roster)
        block = tuple(_line(key, p, county, region, lang) for key in SCALED_KEYS)
        blocks.setdefault(block, []).append(scenario.name)
    for block, names in blocks.items():
        if len(scenarios) > 1:
            lines.append(text("scaled.for_scenarios", lang, names=", ".join(names)))
        lines.extend(block)
    return lines


def _line(key: str, p, county: CountySize, region: bool, lang: str | None) -> str:
    prm = PARAMETERS[key]
    value = p.flat[key]
    unit = text(f"scaled.unit.{prm.unit}", lang)
    if p.origin[key] == "scenario":
        return text("scaled.line_scenario", lang, key=key, value=_number(np.max(value)), unit=unit)
    per = text(f"scaled.per.{prm.per}", lang)
    if region:
        return text("scaled.line_region", lang, key=key, total=_number(np.sum(value)), unit=unit,
                    rate=_number(prm.default), per=per, low=_number(np.min(value)),
                    high=_number(np.max(value)))
    return text("scaled.line_scaled", lang, key=key, value=_number(value), unit=unit,
                rate=_number(prm.default), per=per, count=county.count(prm.per))


def _number(v) -> str:
    v = float(v)
    if v.is_integer() or abs(v) >= 1000:
        return f"{round(v):,}"
    return f"{v:g}"
