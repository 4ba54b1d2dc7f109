"""Read what ``vcsim compare``, ``vcsim run`` and ``vcsim sweep`` wrote.

Accepted folders (``RESULTS_DIR``):

* a ``vcsim compare`` folder: ``comparison.json`` and one subfolder per scenario (the
  ``vcsim run`` outputs), named by ``comparison.json["folders"]``;
* a ``vcsim run`` folder: ``summary.json`` and the three Parquet files;
* a folder of several ``vcsim run`` folders without ``comparison.json``: each
  subfolder with a ``summary.json`` is a scenario ("baseline" first if present);
* a ``vcsim sweep`` folder with ``sensitivity.parquet`` or ``sensitivity.json``.

Sensitivity results are looked for in RESULTS_DIR and its direct subfolders (and in an
extra folder given with ``--sweep``).

Everything is normalised to the shape of ``comparison.json``: ``measures[scenario][year]
[measure]`` is a band ``{"mean", "p05", "p95"}`` (``p_cleared`` a number). For a folder
without ``comparison.json`` the same dictionary is computed from the scenarios'
``annual.parquet`` with ``vcsim compare``'s own functions (``experiments.compare.
derived_columns`` and ``comparison_summary``), so a run folder and a compare folder
give the same numbers for the same runs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import Msg, items
from vcsim.experiments.store import read_parquet

RUN_FILES = ("summary.json", "annual.parquet", "villages.parquet", "projects.parquet")
SENSITIVITY_FILES = ("sensitivity.parquet", "sensitivity.json")
SOBOL_COLUMNS = ("S1", "S1_conf", "ST", "ST_conf")
MORRIS_COLUMNS = ("mu_star", "mu_star_conf", "sigma")
SPEARMAN_COLUMNS = ("spearman_rho", "p_value")
METHODS = ("sobol", "morris", "spearman")


@dataclass
class Scenario:
    name: str
    title: dict[str, str]
    folder: Path | None
    summary: dict | None = None
    _frames: dict = field(default_factory=dict, repr=False)

    def frame(self, name: str) -> pd.DataFrame | None:
        """``annual``, ``villages`` or ``projects`` (read once), or None if missing."""
        if name not in self._frames:
            path = None if self.folder is None else self.folder / f"{name}.parquet"
            try:
                self._frames[name] = read_parquet(path) if path and path.is_file() else None
            except Exception:  # unreadable file: treated as missing
                self._frames[name] = None
        return self._frames[name]


@dataclass
class Sensitivity:
    method: str  # "sobol", "morris" or "spearman" (lhs / grid designs)
    table: pd.DataFrame  # parameter, output, year (may be NaN), and the index columns
    source: Path
    meta: dict = field(default_factory=dict)  # sensitivity.json's own fields: points, ...


@dataclass
class Results:
    root: Path
    kind: str  # "compare", "run", "runs" or "sweep"
    scenarios: list[str]  # baseline first
    baseline: str | None
    data: dict[str, Scenario]
    years: list[int]
    seed: int | None
    replicates: int | None
    measures: dict  # scenario -> "year" -> measure -> band (p_cleared: float)
    differences: dict  # scenario -> "year" -> measure -> {"mean","ci_low","ci_high"}
    cost_per_village: dict  # scenario -> "year" -> band
    ci_level: float | None
    sensitivity: Sensitivity | None
    notes: list[Msg]  # messages for the user about what was missing
    measures_source: str  # "comparison.json" or "annual.parquet"
    cost_definition: str = ""  # comparison.json's definition of cost per village cleared
    initial_zero: dict = field(default_factory=dict)  # scenario -> zero-income villages at start
    _cache: dict = field(default_factory=dict, repr=False)

    def derived(self, scenario: str) -> pd.DataFrame | None:
        """Per replicate and year: annual.parquet plus compare's derived columns."""
        key = ("derived", scenario)
        if key not in self._cache:
            self._cache[key] = derived_frame(self.data[scenario])
        return self._cache[key]

    def band(self, scenario: str, year: int, measure: str):
        """A measure's band (or p_cleared's number) in a year; None when missing or
        undefined (comparison.json writes null where a measure has no value)."""
        b = self.measures.get(scenario, {}).get(str(year), {}).get(measure)
        if isinstance(b, dict) and not finite(b.get("mean")):
            return None
        return b

    def p_cleared(self, scenario: str, year: int) -> tuple[float, float, float] | None:
        """P(no zero-income village at the end of ``year``) with its 95% Wilson interval
        over the replicates: (p, low, high), or None where missing."""
        from vcsim.experiments.statistics import wilson_interval
        p = self.measures.get(scenario, {}).get(str(year), {}).get("p_cleared")
        if not finite(p) or not self.replicates:
            return None
        n = int(self.replicates)
        return (float(p), *wilson_interval(round(p * n), n))

    def cost(self, scenario: str, year: int):
        """Cost per village cleared in a year (band), or None where undefined."""
        b = self.cost_per_village.get(scenario, {}).get(str(year))
        return b if isinstance(b, dict) and finite(b.get("mean")) else None

    def roster(self) -> pd.DataFrame | None:
        """The villages these results are about: the ``roster.parquet`` that ``vcsim run``
        and ``vcsim compare`` write beside a scenario's tables (its ``attrs["filled"]``
        says which cells, coordinates included, were filled in rather than given), or
        None for results written without one."""
        if "roster" not in self._cache:
            self._cache["roster"] = next(
                (f for s in self.scenarios if (f := self.data[s].frame("roster")) is not None),
                None)
        return self._cache["roster"]

    def title(self, scenario: str, lang: str) -> str:
        t = self.data[scenario].title
        return t.get(lang) or t.get("en") or scenario


# ---------------------------------------------------------------------- helpers
def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("file.unreadable", file=path, reason=exc) from None
    except json.JSONDecodeError as exc:
        raise InputError("brief.bad_json", file=path, line=exc.lineno, reason=exc.msg) from None


def _is_run(folder: Path) -> bool:
    return (folder / "summary.json").is_file()


def _title_of(name: str, summary: dict | None) -> dict[str, str]:
    if summary and isinstance(summary.get("title"), dict):
        return {k: str(v) for k, v in summary["title"].items()}
    try:  # a shipped or local scenario file of that name
        from vcsim.experiments.scenario import load_scenario
        sc = load_scenario(name)
        return {"zh": sc.title("zh"), "en": sc.title("en")}
    except Exception:
        return {"zh": name, "en": name}


def _load_scenario(name: str, folder: Path | None, notes: list[Msg]) -> Scenario:
    summary = None
    if folder is not None and (folder / "summary.json").is_file():
        summary = _read_json(folder / "summary.json")
    elif folder is not None:
        notes.append(Msg("brief.note.no_summary", folder=folder, name=name))
    if folder is not None and summary is not None:
        missing = [f for f in RUN_FILES[1:] if not (folder / f).is_file()]
        if missing:
            notes.append(Msg("brief.note.missing_files", folder=folder, files=items(missing),
                             name=name))
    return Scenario(name=name, title=_title_of(name, summary), folder=folder, summary=summary)


# ---------------------------------------------------------------------- measures
def derived_frame(scenario: Scenario) -> pd.DataFrame | None:
    """A scenario's annual table with compare's derived columns (cumulative money, villages
    cleared, cost per village cleared), or None without annual.parquet."""
    from vcsim.experiments.compare import derived_columns
    annual = scenario.frame("annual")
    summary = scenario.summary or {}
    if annual is None or summary.get("initial_zero_income_villages") is None:
        return None
    reps = sorted(annual["replicate"].unique())
    initial = pd.Series({r: int(summary["initial_zero_income_villages"]) for r in reps})
    return derived_columns(annual, initial)


def comparison_from_runs(data: dict[str, Scenario], names: list[str], baseline: str) -> dict:
    """What ``vcsim compare`` would have written to comparison.json, from run folders
    (scenarios without annual.parquet are left out; differences only when every scenario
    ran with the same seed and replicates, i.e. the runs are paired)."""
    from vcsim.experiments.compare import comparison_summary
    frames = {s: f for s in names if (f := derived_frame(data[s])) is not None}
    if not frames:
        return {}
    base = baseline if baseline in frames else next(iter(frames))
    seeds = {s: int((data[s].summary or {}).get("seed", 0)) for s in frames}
    reps = {int((data[s].summary or {}).get("replicates", 0)) for s in frames}
    out = comparison_summary(frames, base, {s: s for s in frames}, seeds, max(reps), {})
    if len(set(seeds.values())) > 1 or len(reps) > 1:
        out["differences"] = {}  # not paired: per-replicate differences mean nothing
    return out


# ---------------------------------------------------------------------- sensitivity
def find_sensitivity(folders: list[Path]) -> Path | None:
    for folder in folders:
        for base in [folder, *sorted(p for p in folder.iterdir() if p.is_dir())] \
                if folder.is_dir() else []:
            for name in SENSITIVITY_FILES:
                if (base / name).is_file():
                    return base / name
    return None


def _flatten_sensitivity(node, path: tuple, rows: list) -> None:
    keys = set(SOBOL_COLUMNS) | set(MORRIS_COLUMNS) | set(SPEARMAN_COLUMNS)
    if isinstance(node, dict) and keys & set(node):
        row = {k: v for k, v in node.items() if not isinstance(v, (dict, list))}
        parts = list(path)
        year = next((p for p in parts if str(p).isdigit() and len(str(p)) == 4), None)
        if year is not None:
            parts.remove(year)
            row.setdefault("year", int(year))
        if parts:
            row.setdefault("parameter", parts[-1])
        if len(parts) >= 2:
            row.setdefault("output", parts[-2])
        rows.append(row)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k in ("method", "design", "meta", "problem", "settings", "skipped"):
                continue
            _flatten_sensitivity(v, path + (k,), rows)
    elif isinstance(node, list):
        for v in node:
            _flatten_sensitivity(v, path, rows)


def read_sensitivity(path: Path) -> Sensitivity:
    """Read ``sensitivity.parquet`` (``vcsim sweep``: one row per output, year and
    parameter with the index columns) or ``sensitivity.json`` (``vcsim sweep``:
    ``{"design": ..., "indices": {output: {year: {parameter: {...}}}}}``; also accepted: a
    list of rows, or ``{"rows": [...]}``)."""
    method = None
    meta: dict = {}
    beside = path.with_name("sensitivity.json")
    if beside.is_file():  # the design's facts (points, replicates) are kept there
        try:
            whole = json.loads(beside.read_text(encoding="utf-8"))
            meta = {k: v for k, v in whole.items() if not isinstance(v, dict)} \
                if isinstance(whole, dict) else {}
        except (OSError, ValueError):
            meta = {}
    if path.suffix == ".parquet":
        try:
            table = read_parquet(path)
        except Exception as exc:
            raise InputError("brief.bad_parquet", file=path, reason=exc) from None
    else:
        data = _read_json(path)
        if isinstance(data, dict):
            method = data.get("method")
        rows: list = []
        _flatten_sensitivity(data, (), rows)
        table = pd.DataFrame(rows)
    if "parameter" not in table.columns and "param" in table.columns:
        table = table.rename(columns={"param": "parameter"})
    if "method" in table.columns and method is None and len(table):
        method = str(table["method"].iloc[0])
    if "ST" in table.columns:
        method = "sobol"
    elif "mu_star" in table.columns:
        method = "morris"
    elif "spearman_rho" in table.columns:
        method = "spearman"  # lhs and grid designs: a screening measure
    if table.empty or "parameter" not in table.columns or method not in METHODS:
        raise InputError("brief.no_indices", file=path)
    for col in ("output", "year"):
        if col not in table.columns:
            table[col] = np.nan if col == "year" else "output"
    years = pd.to_numeric(table["year"], errors="coerce")
    table["year"] = years.where(years > 0)  # year 0: an output without a year
    return Sensitivity(method=str(method).lower(), table=table, source=path, meta=meta)


# ---------------------------------------------------------------------- entry point
def load_results(root: Path, sweep: Path | None = None) -> Results:
    """Read RESULTS_DIR; raise InputError when nothing in it can be briefed."""
    root = Path(root)
    if not root.exists():
        raise InputError("brief.no_folder", folder=root)
    if not root.is_dir():
        raise InputError("brief.not_a_folder", folder=root)
    notes: list[Msg] = []
    comparison = None
    if (root / "comparison.json").is_file():
        comparison = _read_json(root / "comparison.json")
        kind = "compare"
        names = [str(s) for s in comparison.get("scenarios") or []]
        baseline = comparison.get("baseline") or (names[0] if names else None)
        folders = comparison.get("folders") or {}
        data = {}
        for s in names:
            folder = root / str(folders.get(s, s))
            if not folder.is_dir():
                notes.append(Msg("brief.note.scenario_folder_missing", folder=folder, name=s))
                folder = None
            data[s] = _load_scenario(s, folder, notes)
    elif _is_run(root):
        kind = "run"
        summary = _read_json(root / "summary.json")
        name = str(summary.get("scenario") or root.name)
        names, baseline = [name], name
        data = {name: _load_scenario(name, root, notes)}
    else:
        subs = sorted(p for p in root.iterdir() if p.is_dir() and _is_run(p))
        data = {}
        for p in subs:
            s = _load_scenario(p.name, p, notes)
            data[p.name] = s
        names = list(data)
        kind = "runs" if names else "sweep"
        baseline = "baseline" if "baseline" in data else (names[0] if names else None)
    if baseline in names:  # baseline first, the rest in the order given
        names = [baseline] + [n for n in names if n != baseline]

    sens_path = find_sensitivity([p for p in (sweep, root) if p is not None])
    sensitivity = None
    if sens_path is not None:
        try:
            sensitivity = read_sensitivity(sens_path)
        except InputError as exc:
            notes.append(exc.msg)
    if not names and sensitivity is None:
        hint: Msg | str = ""
        if sens_path is not None:
            hint = Msg("brief.hint_sensitivity_unreadable", reason=notes[-1])
        elif (root / "manifest.json").is_file() or (root / "points.parquet").is_file():
            hint = Msg("brief.hint_unfinished_sweep")
        raise InputError("brief.nothing_to_brief", folder=root, hint=hint)
    computed = comparison_from_runs(data, names, baseline) if names else {}
    measures = computed.get("measures", {})
    cost = computed.get("cost_per_village_cleared_yuan", {})
    differences = computed.get("differences", {})
    source = "annual.parquet"
    if comparison is not None:
        source = "comparison.json"
        for s, by_year in (comparison.get("measures") or {}).items():
            for y, m in by_year.items():  # comparison.json wins, measure by measure
                measures.setdefault(s, {}).setdefault(str(y), {}).update(m)
        for s, by_year in (comparison.get("cost_per_village_cleared_yuan") or {}).items():
            cost[s] = {str(y): b for y, b in by_year.items()}
        if comparison.get("differences"):
            differences = comparison["differences"]
    definitions = (comparison or computed).get("definitions") or {}
    ci_level = 0.95 if "95%" in str(definitions.get("differences", "")) else None
    titles = (comparison or {}).get("titles") or {}
    for s in names:
        if data[s].summary is None and isinstance(titles.get(s), dict):
            data[s].title = {k: str(v) for k, v in titles[s].items()}

    years = [int(y) for y in (comparison or {}).get("years") or []]
    if not years:
        for s in names:
            if data[s].summary:
                years = [int(y) for y in data[s].summary.get("years", [])]
                break
    if names and not years:
        years = sorted({int(y) for s in measures for y in measures[s]})
    first = data[names[0]].summary if names else None
    seed = (comparison or {}).get("seed", (first or {}).get("seed"))
    replicates = (comparison or {}).get("replicates", (first or {}).get("replicates"))
    initial = {s: (data[s].summary or {}).get("initial_zero_income_villages") for s in names}
    for s, b in ((comparison or {}).get("initial_zero_income_villages") or {}).items():
        if initial.get(s) is None and isinstance(b, dict):
            initial[s] = b.get("mean")
    return Results(root=root, kind=kind, scenarios=names, baseline=baseline, data=data,
                   years=years, seed=seed, replicates=replicates, measures=measures,
                   differences=differences, cost_per_village=cost, ci_level=ci_level,
                   sensitivity=sensitivity, notes=notes, measures_source=source,
                   cost_definition=str(definitions.get("cost_per_village_cleared_yuan", "")),
                   initial_zero=initial)


def finite(x) -> bool:
    return x is not None and isinstance(x, (int, float)) and math.isfinite(x)
