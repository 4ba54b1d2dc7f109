"""``vcsim calibrate``: fit uncertain parameters to observed figures by ABC-SMC.

A calibration file names a base scenario, the parameters to fit with the bounds of their
uniform priors, and the observed targets::

    base = "baseline"              # shipped name, or a scenario file relative to this one
    replicates_per_sample = 10     # runs averaged for each parameter sample
    seed = 1
    population = 200               # optional: particles per generation (default 200)
    generations = 8                # optional: most generations (default 8)
    tolerance = 1.0                # optional: stop at this distance (default 1.0)
    [parameters]
    "models.cooperative.failure_per_year" = [0.0, 0.15]
    "selection.review_noise_sd" = "plausible"        # the registry's plausible range
    [[targets]]
    measure = "share_with_operating_income"
    year = 2019
    observed = 0.60
    sd = 0.03

A target is a county measure of one year: any column of ``annual.parquet``, or
``share_with_operating_income`` (1 - ``zero_income_share``), or ``p_cleared_by`` (the
share of replicates with no zero-income village at the year's end, as in
``summary.json``), or ``income_brackets`` with ``edges`` (e.g. [50000, 100000]: the shares
below 50k, from 50k to 100k and from 100k up; ``observed`` and ``sd`` are then lists).
A sample's simulated value is the mean over its ``replicates_per_sample`` runs; its
distance to the targets is the root mean square of (simulated - observed) / sd
(``experiments.abc``), so a distance of 1 misses the targets by one sd on average.

Every sample runs its own replicates (numbers from 1,000,000 up, never the 0..R-1 that
runs and comparisons use), so the posterior integrates over the model's luck instead of
fitting one set of replicates. Runs stop at the last target year: a run's first years
do not depend on when it ends (tested).
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vcsim.experiments.errors import InputError, did_you_mean
from vcsim.experiments.messages import Msg, text

TOP_KEYS = ("base", "name", "description", "replicates_per_sample", "seed", "population",
            "generations", "tolerance", "quantile", "min_acceptance", "predictive_samples",
            "roster", "parameters", "targets")
TARGET_KEYS = ("measure", "year", "observed", "sd", "edges", "label")
DERIVED_MEASURES = ("share_with_operating_income", "p_cleared_by", "income_brackets")
REPLICATE_BASE = 1_000_000  # calibration samples' replicates start here
DEFAULTS = {"replicates_per_sample": 10, "seed": 1, "population": 200, "generations": 8,
            "tolerance": 1.0, "quantile": 0.5, "min_acceptance": 0.02, "predictive_samples": 100}


@dataclass
class Prior:
    """A uniform prior on [low, high] for one registry parameter."""
    key: str
    low: float
    high: float
    kind: str  # "float" or "int" (rounded when run)


@dataclass
class Target:
    """An observed summary measure of one year: one value, or a bracket distribution."""
    measure: str
    year: int
    observed: list[float]
    sd: list[float]
    edges: list[float] | None = None
    label: str = ""

    def components(self) -> list[str]:
        """A name for each compared value."""
        if self.edges is None:
            return [self.label or f"{self.measure} {self.year}"]
        e = [_short_yuan(x) for x in self.edges]
        names = [f"<{e[0]}"] + [f"{a}-{b}" for a, b in zip(e, e[1:])] + [f">={e[-1]}"]
        return [f"{self.label or 'income'} {n} {self.year}" for n in names]


@dataclass
class Calibration:
    path: Path
    name: str
    description: str
    scenario: Any  # experiments.scenario.Scenario
    roster_path: Path | None
    parameters: list[Prior]
    targets: list[Target]
    replicates_per_sample: int = 10
    seed: int = 1
    population: int = 200
    generations: int = 8
    tolerance: float = 1.0
    quantile: float = 0.5
    min_acceptance: float = 0.02
    predictive_samples: int = 100

    @property
    def keys(self) -> list[str]:
        return [p.key for p in self.parameters]

    def observed(self) -> tuple[np.ndarray, np.ndarray]:
        obs = np.array([v for t in self.targets for v in t.observed], float)
        sd = np.array([v for t in self.targets for v in t.sd], float)
        return obs, sd

    def components(self) -> list[str]:
        return [c for t in self.targets for c in t.components()]

    def end_year(self) -> int:
        return max(t.year for t in self.targets)

    def canonical(self) -> dict:
        return {"name": self.name, "base": self.scenario.name,
                "base_overrides": {k: self.scenario.overrides[k] for k in sorted(self.scenario.overrides)},
                "parameters": {p.key: [p.low, p.high] for p in self.parameters},
                "targets": [{"measure": t.measure, "year": t.year, "observed": t.observed,
                             "sd": t.sd, **({"edges": t.edges} if t.edges else {})}
                            for t in self.targets],
                **{k: getattr(self, k) for k in DEFAULTS}}


# ----------------------------------------------------------------------------- measures


def measure_names(annual_columns: list[str]) -> list[str]:
    """Every measure a target may name."""
    skip = {"year", "replicate"}
    return [c for c in annual_columns if c not in skip] + list(DERIVED_MEASURES)


def bracket_thresholds(annual_columns: list[str]) -> dict[float, str]:
    """Income thresholds with a 'share at or above' column: {50000.0: 'share_income_ge_50k'}."""
    import re
    out = {}
    for c in annual_columns:
        m = re.fullmatch(r"share_income_ge_(\d+)k", c)
        if m:
            out[float(m.group(1)) * 1000] = c
    return dict(sorted(out.items()))


def measure_domain(measure: str, n_villages: int) -> tuple[float, float]:
    """The values a measure can take: (low, high)."""
    if (measure in ("share_with_operating_income", "p_cleared_by", "income_brackets", "gini")
            or "share" in measure):
        return 0.0, 1.0
    if measure.startswith(("zero_income_villages", "villages", "operating_")) or measure == "villages":
        return 0.0, float(n_villages)
    if measure.endswith("_yuan") and "income" in measure:
        return -math.inf, math.inf  # net income can be a loss
    return 0.0, math.inf  # money paid, counts of projects and jobs


def target_values(annual: pd.DataFrame, target: Target, thresholds: dict[float, str]) -> np.ndarray:
    """A target's simulated value(s) in one replicate's annual table."""
    row = annual[annual["year"] == target.year]
    if target.measure == "share_with_operating_income":
        return np.array([1.0 - float(row["zero_income_share"].iloc[0])])
    if target.measure == "p_cleared_by":
        return np.array([float(row["zero_income_villages"].iloc[0] == 0)])
    if target.measure == "income_brackets":
        at_or_above = [1.0] + [float(row[thresholds[e]].iloc[0]) for e in target.edges] + [0.0]
        return -np.diff(at_or_above)
    return np.array([float(row[target.measure].iloc[0])])


# ----------------------------------------------------------------------------- loading


def load_calibration(path: str | Path, roster: pd.DataFrame | None = None,
                     annual_columns: list[str] | None = None) -> Calibration:
    """Read and check a calibration file; InputError naming the file and key otherwise.

    ``roster`` and ``annual_columns`` (the county measures the engine reports) are found
    when not given."""
    from vcsim.experiments.scenario import load_scenario, read_toml
    from vcsim.model.parameters import PARAMETERS, nearest_keys
    path = Path(path)
    data = read_toml(path, "calibration")
    f = str(path)
    for key in data:
        if key not in TOP_KEYS:
            raise InputError("calibrate.unknown_key", file=f, key=key,
                             hint=did_you_mean(key, TOP_KEYS), accepted=", ".join(TOP_KEYS))
    if "base" not in data:
        raise InputError("calibrate.missing_key", file=f, key="base",
                         accepted=Msg("calibrate.accepted_base"))
    base = data["base"]
    if not isinstance(base, str):
        raise InputError("calibrate.bad_value", file=f, key="base", value=repr(base),
                         accepted=Msg("calibrate.accepted_base"))
    scenario = load_scenario(base if not (path.parent / base).exists() else path.parent / base)
    settings = {}
    for key, default in DEFAULTS.items():
        value = data.get(key, default)
        settings[key] = _setting(f, key, value)
    roster_path = None
    if "roster" in data:
        if not isinstance(data["roster"], str):
            raise InputError("calibrate.bad_value", file=f, key="roster", value=repr(data["roster"]),
                             accepted=Msg("calibrate.accepted_roster"))
        roster_path = path.parent / data["roster"]

    if roster is None:
        roster = _roster(roster_path, settings["seed"])
    from vcsim.model.roster import county_size
    county = county_size(roster)  # settings that scale with the county: ranges for this roster

    # parameters and their priors
    table = data.get("parameters")
    if not isinstance(table, dict) or not table:
        raise InputError("calibrate.no_parameters", file=f)
    priors = []
    for key, spec in _flatten(table):
        where = f"[parameters] \"{key}\""
        p = PARAMETERS.get(key)
        if p is None:
            hint = nearest_keys(key)
            raise InputError("calibrate.unknown_parameter", file=f, key=where,
                             hint=Msg("hint.did_you_mean", name=f"\"{hint[0]}\"") if hint else "")
        if p.kind not in ("float", "int"):
            raise InputError("calibrate.parameter_kind", file=f, key=where, kind=p.kind)
        plow, phigh = (float(v) for v in p.range_for(county))
        if spec == "plausible":
            low, high = plow, phigh
        elif (isinstance(spec, list) and len(spec) == 2
              and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                      for v in spec)):
            low, high = float(spec[0]), float(spec[1])
        else:
            raise InputError("calibrate.bounds_form", file=f, key=where, value=repr(spec))
        if not low < high:
            raise InputError("calibrate.bounds_reversed", file=f, key=where, low=_num(low),
                             high=_num(high))
        if low < plow or high > phigh:
            raise InputError("calibrate.bounds_outside", file=f, key=where, low=_num(low),
                             high=_num(high), plow=_num(plow), phigh=_num(phigh), unit=p.unit)
        priors.append(Prior(key, low, high, p.kind))
    from vcsim.experiments.abc import MAX_DIMENSIONS
    if len(priors) > MAX_DIMENSIONS:
        raise InputError("calibrate.too_many_parameters", file=f, n=len(priors), most=MAX_DIMENSIONS)

    # targets
    if annual_columns is None:
        from vcsim.experiments.sweep import county_measures
        annual_columns = ["year"] + county_measures()
    measures = measure_names(annual_columns)
    thresholds = bracket_thresholds(annual_columns)
    raw = data.get("targets")
    if not isinstance(raw, list) or not raw or not all(isinstance(t, dict) for t in raw):
        raise InputError("calibrate.no_targets", file=f)
    end = scenario.params().simulation.end_year
    targets = [_target(f, i, t, measures, thresholds, end, len(roster)) for i, t in enumerate(raw)]
    return Calibration(path=path, name=_text(f, data, "name", path.stem),
                       description=_text(f, data, "description", ""), scenario=scenario,
                       roster_path=roster_path, parameters=priors, targets=targets, **settings)


def _flatten(table: dict, prefix: str = ""):
    """[parameters] entries as (dotted key, bounds): quoted keys or nested tables."""
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, dotted + ".")
        else:
            yield dotted, value


def _setting(f: str, key: str, value):
    whole = {"replicates_per_sample": 1, "seed": 0, "population": 10, "generations": 1,
             "predictive_samples": 0}
    if key in whole:
        if isinstance(value, bool) or not isinstance(value, int) or value < whole[key]:
            raise InputError("calibrate.bad_value", file=f, key=key, value=repr(value),
                             accepted=Msg("calibrate.accepted_whole", least=whole[key]))
        return int(value)
    limits = {"tolerance": (0.0, math.inf), "quantile": (0.05, 0.95), "min_acceptance": (1e-4, 1.0)}
    lo, hi = limits[key]
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not lo < value <= hi
            or not math.isfinite(value)):
        raise InputError("calibrate.bad_value", file=f, key=key, value=repr(value),
                         accepted=Msg("calibrate.accepted_between", low=_num(lo), high=_num(hi)))
    return float(value)


def _text(f, data, key, default):
    value = data.get(key, default)
    if not isinstance(value, str):
        raise InputError("calibrate.bad_value", file=f, key=key, value=repr(value),
                         accepted=Msg("calibrate.accepted_text"))
    return value


def _numbers(value, n: int | None) -> list[float] | None:
    """``value`` as a list of finite numbers (a single number when n is None), else None."""
    ok = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    if n is None:
        return [float(value)] if ok(value) else None
    if isinstance(value, list) and len(value) == n and all(ok(v) for v in value):
        return [float(v) for v in value]
    return None


def _target(f: str, i: int, t: dict, measures: list[str], thresholds: dict, end: int,
            n_villages: int) -> Target:
    where = f"[[targets]] #{i + 1}"
    for key in t:
        if key not in TARGET_KEYS:
            raise InputError("calibrate.unknown_key", file=f, key=f"{where} {key}",
                             hint=did_you_mean(key, TARGET_KEYS), accepted=", ".join(TARGET_KEYS))
    for key in ("measure", "year", "observed", "sd"):
        if key not in t:
            raise InputError("calibrate.missing_key", file=f, key=f"{where} {key}",
                             accepted=Msg(f"calibrate.accepted_{key}"))
    measure = t["measure"]
    if measure == "p_cleared":
        measure = "p_cleared_by"
    if not isinstance(measure, str) or measure not in measures:
        raise InputError("calibrate.unknown_measure", file=f, key=f"{where} measure",
                         value=repr(measure), hint=did_you_mean(str(measure), measures),
                         accepted=", ".join(measures))
    year = t["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 2019 <= year <= end:
        raise InputError("calibrate.year_outside", file=f, key=f"{where} year", value=repr(year),
                         first=2019, last=end)
    edges = None
    n = None
    if measure == "income_brackets":
        edges = _numbers(t.get("edges"), len(t["edges"])) if isinstance(t.get("edges"), list) and t["edges"] else None
        if edges is None or edges != sorted(set(edges)) or any(e not in thresholds for e in edges):
            raise InputError("calibrate.bad_edges", file=f, key=f"{where} edges",
                             value=repr(t.get("edges")),
                             accepted=", ".join(_num(e) for e in thresholds))
        n = len(edges) + 1
    elif "edges" in t:
        raise InputError("calibrate.edges_unused", file=f, key=f"{where} edges")
    observed = _numbers(t["observed"], n)
    if observed is None:
        raise InputError("calibrate.bad_value", file=f, key=f"{where} observed",
                         value=repr(t["observed"]), accepted=Msg("calibrate.accepted_observed", n=n or 1))
    lo, hi = measure_domain(measure, n_villages)
    for v in observed:
        if not lo <= v <= hi:
            raise InputError("calibrate.observed_outside", file=f, key=f"{where} observed",
                             value=_num(v), measure=measure, low=_num(lo), high=_num(hi))
    if edges is not None and abs(sum(observed) - 1.0) > 0.01:
        raise InputError("calibrate.brackets_sum", file=f, key=f"{where} observed",
                         total=f"{sum(observed):.3f}")
    sd = _numbers(t["sd"], n)
    if sd is None or any(v <= 0 for v in sd):
        raise InputError("calibrate.bad_value", file=f, key=f"{where} sd", value=repr(t["sd"]),
                         accepted=Msg("calibrate.accepted_sd", n=n or 1))
    label = t.get("label", "")
    if not isinstance(label, str):
        raise InputError("calibrate.bad_value", file=f, key=f"{where} label", value=repr(label),
                         accepted=Msg("calibrate.accepted_text"))
    return Target(measure, int(year), observed, sd, edges, label)


def _num(v: float) -> str:
    if math.isinf(v):
        return "∞" if v > 0 else "-∞"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


def _short_yuan(v: float) -> str:
    return f"{v / 1000:g}k" if v >= 1000 else f"{v:g}"


def _roster(path: Path | None, seed: int) -> pd.DataFrame:
    from vcsim.experiments.roster import load_default_roster, read_roster
    return load_default_roster() if path is None else read_roster(path, seed=seed)


# ----------------------------------------------------------------------------- running


@dataclass
class CalibrationContext:
    """What a worker needs to simulate samples, sent once per worker."""
    base_overrides: dict
    priors: list[Prior]
    targets: list[Target]
    thresholds: dict
    roster: pd.DataFrame
    seed: int
    engine: str
    replicates: int
    end_year: int


def sample_overrides(ctx_priors: list[Prior], theta) -> dict:
    """A sample's parameter values as scenario overrides (whole-number kinds rounded)."""
    return {p.key: (int(round(v)) if p.kind == "int" else float(v)) for p, v in zip(ctx_priors, theta)}


def evaluate_samples(ctx: CalibrationContext, task: list[tuple[int, tuple]]) -> np.ndarray:
    """Simulated target values of some samples: (len(task), components), each the mean
    over the sample's own replicates. ``task``: (sample number, parameter values)."""
    from vcsim.experiments.engines import simulate_runs
    from vcsim.model.parameters import make_params
    runs, owners = [], []
    for k, (number, theta) in enumerate(task):
        params = make_params({**ctx.base_overrides, **sample_overrides(ctx.priors, theta),
                              "simulation.end_year": ctx.end_year})
        first = REPLICATE_BASE + number * ctx.replicates
        runs += [(params, first + i) for i in range(ctx.replicates)]
        owners += [k] * ctx.replicates
    tables = simulate_runs(runs, ctx.roster, ctx.seed, ctx.engine)
    k_total = sum(len(t.observed) for t in ctx.targets)
    sums = np.zeros((len(task), k_total))
    for owner, table in zip(owners, tables):
        sums[owner] += np.concatenate([target_values(table, t, ctx.thresholds) for t in ctx.targets])
    return sums / ctx.replicates


@dataclass
class CalibrationResult:
    calibration: Calibration
    abc: Any  # experiments.abc.AbcResult
    posterior: pd.DataFrame
    diagnostics: pd.DataFrame
    predictive: pd.DataFrame
    summary: dict
    seconds: float
    samples_simulated: int = 0
    where: str = ""
    extra: dict = field(default_factory=dict)


def run_calibration(cal: Calibration, out: Path, *, workers: int | None = None,
                    scheduler: str | None = None, engine: str = "vector", progress: bool = True,
                    roster: pd.DataFrame | None = None, charts: bool = True,
                    log=None) -> CalibrationResult:
    """Run ABC-SMC for a calibration and write its outputs to ``out``."""
    from tqdm import tqdm

    from vcsim.experiments.abc import abc_smc
    from vcsim.experiments.engines import check_engine, warm_up_worker
    from vcsim.experiments.execution import WorkPool
    check_engine(engine)
    log = log or (lambda msg: print(msg, file=sys.stderr))
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("calibrate.cannot_write", folder=str(out), reason=exc.strerror) from None
    roster = roster if roster is not None else _roster(cal.roster_path, cal.seed)
    from vcsim.experiments.sweep import county_measures
    thresholds = bracket_thresholds(county_measures())
    ctx = CalibrationContext(dict(cal.scenario.overrides), cal.parameters, cal.targets, thresholds,
                             roster, cal.seed, engine, cal.replicates_per_sample, cal.end_year())
    observed, sd = cal.observed()
    low = np.array([p.low for p in cal.parameters])
    high = np.array([p.high for p in cal.parameters])
    counter = {"next": 0}
    start = time.perf_counter()
    with WorkPool(evaluate_samples, ctx, workers=workers, scheduler=scheduler,
                  warm_up=warm_up_worker) as pool:
        where = pool.describe()
        log(text("calibrate.start", name=cal.name, parameters=len(cal.parameters),
                 targets=len(observed), population=cal.population,
                 replicates=cal.replicates_per_sample, where=where))

        def simulate(thetas: np.ndarray) -> np.ndarray:
            first = counter["next"]
            counter["next"] += len(thetas)
            numbers = range(first, first + len(thetas))
            size = max(1, min(64, math.ceil(len(thetas) / (2 * pool.slots))))
            tasks = [[(n, tuple(map(float, th))) for n, th in zip(numbers[i:i + size], thetas[i:i + size])]
                     for i in range(0, len(thetas), size)]
            out_rows = np.zeros((len(thetas), len(observed)))
            for task, rows in pool.imap_unordered(tasks):
                out_rows[task[0][0] - first: task[0][0] - first + len(task)] = rows
            return out_rows

        bar = tqdm(total=cal.population, unit="accepted", disable=not progress, file=sys.stderr,
                   leave=False)

        def on_batch(t, kept, proposed, eps):
            bar.set_description(text("calibrate.progress", generation=t, tolerance=f"{eps:.3g}"))
            bar.n = kept
            bar.set_postfix_str(text("calibrate.progress_simulated", proposed=proposed))
            bar.refresh()

        def on_generation(g):
            bar.n = 0
            bar.clear()
            log(text("calibrate.generation", generation=g.index,
                         tolerance="∞" if math.isinf(g.tolerance) else f"{g.tolerance:.3g}",
                     passed=g.accepted, kept=len(g.thetas), proposed=g.proposed,
                     rate=f"{g.acceptance_rate:.1%}", ess=f"{g.ess:.0f}",
                     seconds=f"{g.seconds:.0f}"))

        with bar:
            result = abc_smc(simulate, observed, sd, low, high, population=cal.population,
                             generations=cal.generations, seed=cal.seed, quantile=cal.quantile,
                             final_tolerance=cal.tolerance, min_acceptance=cal.min_acceptance,
                             on_generation=on_generation, on_batch=on_batch)
        log(text(f"calibrate.stop_{result.stop_reason}", tolerance=f"{result.final.tolerance:.3g}",
                 generations=(result.final.index if result.stop_reason == "acceptance"
                              else len(result.generations)),
                 rate=f"{cal.min_acceptance:.0%}"))
        # posterior predictive check: fresh samples drawn from the posterior, fresh replicates
        predictive = None
        if cal.predictive_samples:
            from vcsim.experiments.posterior import resample
            log(text("calibrate.predictive", samples=cal.predictive_samples))
            picks = resample(result.final.weights, cal.seed, range(cal.predictive_samples))
            predictive = simulate(result.final.thetas[picks])
    seconds = time.perf_counter() - start
    return write_outputs(cal, result, predictive, out, roster=roster, engine=engine,
                         seconds=seconds, samples=counter["next"], where=where, charts=charts)


# ----------------------------------------------------------------------------- outputs


def posterior_frame(cal: Calibration, result) -> pd.DataFrame:
    g = result.final
    frame = pd.DataFrame({p.key: g.thetas[:, i] for i, p in enumerate(cal.parameters)})
    frame["weight"] = g.weights
    frame["distance"] = g.distances
    frame["generation"] = g.index
    return frame


def diagnostics_frame(result) -> pd.DataFrame:
    rows = [g for g in result.generations] + ([result.failed] if result.failed is not None else [])
    return pd.DataFrame({
        "generation": [g.index for g in rows],
        "tolerance": [g.tolerance for g in rows],
        "proposed": [g.proposed for g in rows],
        "accepted": [g.accepted for g in rows],
        "acceptance_rate": [g.acceptance_rate for g in rows],
        "ess": [g.ess if not np.isnan(g.weights).any() else np.nan for g in rows],
        "kept": [g is not result.failed for g in rows],
        "seconds": [round(g.seconds, 2) for g in rows],
    })


def weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs) -> list[float]:
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    cum = cum / cum[-1]
    return [float(values[order][min(np.searchsorted(cum, q), len(values) - 1)]) for q in qs]


def posterior_summary(cal: Calibration, posterior: pd.DataFrame) -> dict:
    w = posterior["weight"].to_numpy()
    out = {}
    for p in cal.parameters:
        x = posterior[p.key].to_numpy()
        mean = float(w @ x)
        q05, q50, q95 = weighted_quantiles(x, w, (0.05, 0.5, 0.95))
        out[p.key] = {"prior": [p.low, p.high], "mean": mean,
                      "sd": float(math.sqrt(max(w @ (x - mean) ** 2, 0.0))),
                      "p05": q05, "p50": q50, "p95": q95,
                      "interval_share_of_prior": (q95 - q05) / (p.high - p.low)}
    return out


def predictive_frame(cal: Calibration, predictive: np.ndarray | None) -> pd.DataFrame:
    observed, sd = cal.observed()
    rows = []
    for j, name in enumerate(cal.components()):
        target = _component_target(cal, j)
        row = {"target": name, "measure": target.measure, "year": target.year,
               "observed": observed[j], "sd": sd[j]}
        if predictive is not None:
            x = predictive[:, j]
            p05, p25, p50, p75, p95 = np.percentile(x, [5, 25, 50, 75, 95])
            # what an observation would show: simulated value plus the observation's error
            # (normal, sd), on a fixed grid of normal quantiles (no random numbers)
            replicated = (x[:, None] + sd[j] * _NORMAL_GRID[None, :]).ravel()
            r05, r95 = np.percentile(replicated, [5, 95])
            row.update(mean=float(x.mean()), p05=float(p05), p25=float(p25), p50=float(p50),
                       p75=float(p75), p95=float(p95),
                       replicated_p05=float(r05), replicated_p95=float(r95),
                       observed_in_90=bool(r05 <= observed[j] <= r95))
        rows.append(row)
    return pd.DataFrame(rows)


def _normal_grid(n: int = 99) -> np.ndarray:
    from scipy.special import ndtri
    return ndtri((np.arange(n) + 0.5) / n)


_NORMAL_GRID = _normal_grid()


def _component_target(cal: Calibration, j: int) -> Target:
    for t in cal.targets:
        if j < len(t.observed):
            return t
        j -= len(t.observed)
    raise IndexError(j)


def write_outputs(cal: Calibration, result, predictive, out: Path, *, roster, engine, seconds,
                  samples, where, charts: bool = True) -> CalibrationResult:
    import json

    from vcsim.experiments.posterior import write_posterior
    from vcsim.experiments.provenance import write_provenance
    from vcsim.experiments.store import json_ready, write_json, write_parquet
    posterior = posterior_frame(cal, result)
    diagnostics = diagnostics_frame(result)
    pred = predictive_frame(cal, predictive)
    summary = {
        "name": cal.name, "description": cal.description, "file": str(cal.path),
        "base": cal.scenario.name, "engine": engine, "seed": cal.seed,
        "replicates_per_sample": cal.replicates_per_sample, "population": cal.population,
        "samples_simulated": int(samples), "runs": int(samples * cal.replicates_per_sample),
        "seconds": round(seconds, 1), "where": where,
        "stop_reason": result.stop_reason, "final_tolerance": result.final.tolerance,
        "generations": json.loads(diagnostics.to_json(orient="records")),
        "posterior": posterior_summary(cal, posterior),
        "predictive_check": json.loads(pred.to_json(orient="records")),
        "calibration": cal.canonical(),
    }
    write_posterior(out / "posterior.parquet", posterior, calibration=cal.name,
                    base=cal.scenario.name, base_overrides=cal.scenario.overrides,
                    priors={p.key: {"low": p.low, "high": p.high, "kind": p.kind}
                            for p in cal.parameters}, seed=cal.seed)
    write_parquet(out / "diagnostics.parquet", diagnostics)
    write_parquet(out / "predictive_check.parquet", pred)
    write_json(out / "calibration.json", json_ready(summary))
    write_provenance(out, scenarios={cal.scenario.name: cal.scenario.overrides}, roster=roster,
                     seed=cal.seed, replicates=cal.replicates_per_sample, engine=engine,
                     extra={"calibration_file": str(cal.path), "calibration": cal.canonical()})
    made = []
    if charts:
        from vcsim.experiments.calibrate_charts import draw_charts
        made = draw_charts(cal, posterior, pred, out)
    res = CalibrationResult(cal, result, posterior, diagnostics, pred, summary, seconds,
                            samples, where, {"charts": made})
    return res


def format_result(res: CalibrationResult) -> str:
    """The table printed at the end: each parameter's prior and posterior, then each
    target's observed and posterior predictive values."""
    lines = [text("calibrate.table_title", name=res.calibration.name),
             text("calibrate.table_parameters")]
    for key, s in res.summary["posterior"].items():
        lines.append(f"  {key:<44} [{_g(s['prior'][0])}, {_g(s['prior'][1])}]  "
                     f"{_g(s['p50']):>10}  ({_g(s['p05'])} - {_g(s['p95'])})")
    lines.append(text("calibrate.table_targets"))
    for row in res.predictive.itertuples():
        pred = "" if not hasattr(row, "p50") else f"{_g(row.p50):>10}  ({_g(row.p05)} - {_g(row.p95)})"
        lines.append(f"  {row.target:<44} {_g(row.observed):>10} ± {_g(row.sd):<8} {pred}")
    lines.append(text("calibrate.table_footer", generations=len(res.abc.generations),
                      tolerance=f"{res.abc.final.tolerance:.3g}", runs=res.summary["runs"],
                      seconds=f"{res.seconds:.0f}"))
    return "\n".join(lines)


def _g(v: float) -> str:
    v = float(v)
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.3g}"
