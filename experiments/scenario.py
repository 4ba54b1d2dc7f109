"""Scenario files: TOML a planner can read, checked against the parameter registry.

A scenario sets parameters by section (``[funding] poor_village_yuan = 600000``) and may
start from another with ``extends = "baseline.toml"`` (relative to its own folder),
stating only what it changes. Top-level keys besides the sections: ``name``,
``title_zh``, ``title_en``, ``description``, ``extends``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from vcsim.experiments.errors import InputError, did_you_mean
from vcsim.model.parameters import PARAMETERS, CountySize, make_params, nearest_keys

META_KEYS = ("name", "title_zh", "title_en", "description", "extends")
SCENARIO_DIR = Path(str(resources.files("vcsim.scenarios")))
YEAR_KEYS = ("rollout.poor_year", "rollout.priority_year", "rollout.remaining_year",
             "shocks.pv_arrears.first_year", "shocks.pv_arrears.last_year",
             "shocks.partner_default_wave.year")


@dataclass
class Scenario:
    name: str
    path: Path | None
    overrides: dict[str, Any] = field(default_factory=dict)  # dotted key -> value
    title_zh: str = ""
    title_en: str = ""
    description: str = ""

    def params(self, county: CountySize | None = None):
        """The scenario's parameters, settings that scale with the county scaled to
        ``county`` (default: the default county; ``model.roster.county_size(roster)``)."""
        return make_params(self.overrides, county)

    def title(self, lang: str = "zh") -> str:
        return (self.title_zh if lang == "zh" else self.title_en) or self.name


def shipped_scenarios() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def resolve_scenario_path(spec: str | Path) -> Path:
    """A path to a .toml file, or the name of a shipped scenario ("baseline")."""
    path = Path(spec)
    if path.suffix.lower() == ".toml" or path.exists():
        return path
    shipped = SCENARIO_DIR / f"{spec}.toml"
    if shipped.exists():
        return shipped
    names = shipped_scenarios()
    raise InputError(f"{spec}: no such scenario file, and not a shipped scenario" + did_you_mean(spec, names)
                     + f" (shipped: {', '.join(names)})")


def load_scenario(spec: str | Path) -> Scenario:
    """Read, merge (``extends``) and check a scenario; InputError on any problem."""
    path = resolve_scenario_path(spec)
    scenario = _load(path, chain=())
    _check_years(scenario)
    return scenario


def _load(path: Path, chain: tuple[Path, ...]) -> Scenario:
    data = read_toml(path)
    resolved = path.resolve()
    if resolved in chain:
        cycle = " -> ".join(p.name for p in (*chain, resolved))
        raise InputError(f"{path}: 'extends' goes round in a circle: {cycle}")
    parent = None
    if "extends" in data:
        ext = data["extends"]
        if not isinstance(ext, str):
            raise InputError(f"{path}: 'extends' must be a file name in quotes, got {ext!r}")
        parent_path = (path.parent / ext)
        if not parent_path.exists():
            raise InputError(f"{path}: 'extends' names {ext!r}, which does not exist "
                             f"(looked for {parent_path})")
        parent = _load(parent_path, chain + (resolved,))
    own = _flatten(data, path)
    merged = dict(parent.overrides) if parent else {}
    merged.update(own)
    meta = {k: data.get(k, "") for k in ("title_zh", "title_en", "description")}
    for k, v in meta.items():
        if not isinstance(v, str):
            raise InputError(f"{path}: '{k}' must be text in quotes, got {v!r}")
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{path}: 'name' must be non-empty text in quotes, got {name!r}")
    return Scenario(name=name, path=path, overrides=merged, **meta)


def read_toml(path: Path, what: str = "scenario") -> dict:
    """A TOML file's contents, or InputError saying what is wrong with the ``what`` file
    (missing, a folder, unreadable, not UTF-8, not TOML: with the line)."""
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, expected a {what} .toml file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        return tomllib.loads(text.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the {what} file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None


def _flatten(data: dict, path: Path) -> dict[str, Any]:
    """Dotted keys for every setting, each checked against the registry."""
    out: dict[str, Any] = {}

    def walk(node: dict, prefix: str) -> None:
        for key, value in node.items():
            dotted = f"{prefix}{key}"
            if not prefix and key in META_KEYS:
                continue
            if dotted in PARAMETERS:
                problem = PARAMETERS[dotted].check(value)
                if problem:
                    raise InputError(f"{path}: {_where(dotted)}: {problem}; accepted: "
                                     f"{PARAMETERS[dotted].accepted()}")
                out[dotted] = value
            elif any(k.startswith(dotted + ".") for k in PARAMETERS):
                if not isinstance(value, dict):
                    raise InputError(f"{path}: '{dotted}' is a section, not a setting: write "
                                     f"[{dotted}] on a line of its own and its settings below "
                                     f"it (see `vcsim params`)")
                walk(value, dotted + ".")
            else:
                raise InputError(f"{path}: unknown setting {_where(dotted)}" + _suggest(dotted))

    walk(data, "")
    return out


def _where(dotted: str) -> str:
    """A key as a planner sees it in the file: '[funding] poor_village_yuan'."""
    section, _, leaf = dotted.rpartition(".")
    return f"[{section}] {leaf}" if section else f"'{leaf}'"


def _suggest(dotted: str) -> str:
    hint = nearest_keys(dotted)
    if hint:
        return f"; did you mean {_where(hint[0])}?"
    sections = sorted({k.split(".")[0] for k in PARAMETERS})
    return f"; sections are {', '.join(sections)} (see `vcsim params`)"


def _check_years(scenario: Scenario) -> None:
    """Years must fall inside the simulated span (January 2019 to end_year)."""
    params = scenario.params()
    end = params.simulation.end_year
    for key in YEAR_KEYS:
        value = params.flat[key]
        if not 2019 <= value <= end:
            raise InputError(f"{scenario.path}: {_where(key)} = {value} is outside the simulated "
                             f"years 2019-{end}; accepted: a year from 2019 to "
                             f"[simulation] end_year")
    r = params.rollout
    if not r.poor_year <= r.priority_year <= r.remaining_year:
        raise InputError(f"{scenario.path}: the rollout years must not go backwards "
                         f"(poor_year {r.poor_year} <= priority_year {r.priority_year} <= "
                         f"remaining_year {r.remaining_year})")
