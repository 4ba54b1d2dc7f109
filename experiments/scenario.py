"""Scenario files: TOML a planner can read, checked against the parameter registry.

A scenario sets parameters by section (``[funding] poor_village_yuan = 600000``) and may
start from another with ``extends = "baseline.toml"`` (relative to its own folder),
stating only what it changes; a file that neither sets anything nor extends another is
refused (it would silently run the defaults). Top-level keys besides the sections: ``name``,
``title_zh``, ``title_en``, ``description``, ``extends``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from vcsim.experiments.errors import InputError, did_you_mean
from vcsim.experiments.messages import Msg, Unit, items
from vcsim.experiments.tomlfile import read_toml
from vcsim.model.parameters import PARAMETERS, CountySize, Parameter, _fmt, make_params, nearest_keys

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
    raise InputError("scenario.not_found", spec=spec, hint=did_you_mean(spec, names),
                     shipped=items(names))


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
        raise InputError("scenario.extends_cycle", file=path, cycle=cycle)
    parent = None
    if "extends" in data:
        ext = data["extends"]
        if not isinstance(ext, str):
            raise InputError("scenario.extends_not_text", file=path, got=ext)
        parent_path = (path.parent / ext)
        if not parent_path.exists():
            raise InputError("scenario.extends_missing", file=path, name=ext, looked=parent_path)
        parent = _load(parent_path, chain + (resolved,))
    own = _flatten(data, path)
    merged = dict(parent.overrides) if parent else {}
    merged.update(own)
    meta = {k: data.get(k, "") for k in ("title_zh", "title_en", "description")}
    for k, v in meta.items():
        if not isinstance(v, str):
            raise InputError("scenario.meta_not_text", file=path, key=k, got=v)
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not name.strip():
        raise InputError("scenario.name_empty", file=path, got=name)
    if not own and parent is None:
        raise InputError("scenario.empty", file=path)
    return Scenario(name=name, path=path, overrides=merged, **meta)


def parameter_problem(param: Parameter, value: Any) -> Msg | None:
    """Why ``value`` is not acceptable for ``param``, in the user's language, or None."""
    found = param.problem(value)
    if found is None:
        return None
    code, fields = found
    if "unit" in fields:
        fields = {**fields, "unit": Unit(fields["unit"])}
    return Msg(f"param.problem.{code}", **fields)


def parameter_accepted(param: Parameter) -> Msg:
    """The values ``param`` accepts, in the user's language (for error messages)."""
    if param.kind == "bool":
        return Msg("param.accepted.bool")
    if param.unit == "year" and param.hard_max is None:
        return Msg("param.accepted.year_to_end", first=f"{param.hard_min:g}")
    if param.unit == "year":
        return Msg("param.accepted.year_span", first=f"{param.hard_min:g}",
                   last=f"{param.hard_max:g}")
    lo = "" if param.hard_min is None else _fmt(param.hard_min)
    hi = "" if param.hard_max is None else _fmt(param.hard_max)
    what = (Msg("param.what.list_sum", length=param.length, total=f"{param.sums_to:g}")
            if param.kind == "float_list" and param.sums_to is not None else
            Msg("param.what.list", length=param.length) if param.kind == "float_list" else
            Msg("param.what.whole") if param.kind == "int" else Msg("param.what.number"))
    span = (Msg("param.span", low=lo, high=hi) if lo and hi else
            Msg("param.span_min", low=lo) if lo else Msg("param.span_max", high=hi) if hi else "")
    return Msg("param.accepted.value", what=what, span=span, unit=Unit(param.unit),
               low=_fmt(param.low), high=_fmt(param.high))


def _flatten(data: dict, path: Path) -> dict[str, Any]:
    """Dotted keys for every setting, each checked against the registry."""
    out: dict[str, Any] = {}

    def walk(node: dict, prefix: str) -> None:
        for key, value in node.items():
            dotted = f"{prefix}{key}"
            if not prefix and key in META_KEYS:
                continue
            if dotted in PARAMETERS:
                problem = parameter_problem(PARAMETERS[dotted], value)
                if problem:
                    raise InputError("scenario.bad_value", file=path, where=_where(dotted),
                                     problem=problem,
                                     accepted=parameter_accepted(PARAMETERS[dotted]))
                out[dotted] = value
            elif any(k.startswith(dotted + ".") for k in PARAMETERS):
                if not isinstance(value, dict):
                    raise InputError("scenario.section_as_value", file=path, key=dotted)
                walk(value, dotted + ".")
            else:
                raise InputError("scenario.unknown_setting", file=path, where=_where(dotted),
                                 hint=_suggest(dotted))

    walk(data, "")
    return out


def _where(dotted: str) -> str:
    """A key as a planner sees it in the file: '[funding] poor_village_yuan'."""
    section, _, leaf = dotted.rpartition(".")
    return f"[{section}] {leaf}" if section else f"'{leaf}'"


def _suggest(dotted: str) -> Msg:
    hint = nearest_keys(dotted)
    if hint:
        return Msg("hint.did_you_mean", name=_where(hint[0]))
    return Msg("hint.sections", sections=items(sorted({k.split(".")[0] for k in PARAMETERS})))


def _check_years(scenario: Scenario) -> None:
    """Years must fall inside the simulated span (January 2019 to end_year)."""
    params = scenario.params()
    end = params.simulation.end_year
    for key in YEAR_KEYS:
        value = params.flat[key]
        if not 2019 <= value <= end:
            raise InputError("scenario.year_outside", file=scenario.path, where=_where(key),
                             value=value, end=end)
    r = params.rollout
    if not r.poor_year <= r.priority_year <= r.remaining_year:
        raise InputError("scenario.rollout_backwards", file=scenario.path, poor=r.poor_year,
                         priority=r.priority_year, remaining=r.remaining_year)
