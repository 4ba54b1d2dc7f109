"""Experiment files for ``vcsim sweep``: what to vary, how to sample it, how often to run.

An experiment file is TOML::

    scenario = "../scenarios/baseline.toml"   # base scenario, relative to this file (or a
                                              # shipped name such as "baseline")
    design = "lhs"                            # grid | lhs | sobol | morris
    samples = 64                              # lhs: points; sobol: base samples N (points =
                                              # N (D+2), or N (2D+2) with second_order);
                                              # morris: trajectories (points = N (D+1));
                                              # grid: not used (every combination runs)
    replicates = 10                           # runs per point (default 10)
    seed = 1                                  # default 1; every point runs replicates
                                              # 0..R-1 of this seed (common random numbers)
    outputs = ["zero_income_villages", "mean_income_yuan"]   # default: every county measure
    # optional: levels (grid: values per [low, high] range, default 3; morris: grid
    # levels, default 4), second_order (sobol, default false), roster (a village roster
    # file, relative to this file), sensitivity_years (default: the clearance year
    # rollout.remaining_year and the last year), name, description, model.

    [parameters]                              # dotted scenario keys
    "funding.poor_village_yuan" = [300000, 800000]      # a range [low, high]
    "selection.review" = [true, false]                  # a list of values (grid only)
    "selection.candidates" = {values = [2, 3]}          # a list, said explicitly
    "models.solar.max_kw" = {low = 100, high = 500}     # a range, said explicitly

Two numbers ``[a, b]`` are a range; any other list (or ``{values = [...]}``) is a list of
values, which only ``grid`` accepts. Integer parameters are rounded to whole numbers
after sampling; true/false parameters can only be listed (grid). ``model = "ishigami"``
runs the Ishigami test function (parameters x1, x2, x3, default ranges [-pi, pi], output
``y``, one row per run with ``year`` 0) through the same machinery, to verify the
sensitivity analysis against known indices.

``load_experiment`` checks everything before any run and raises ``InputError`` naming the
file and key.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vcsim.experiments.errors import InputError, did_you_mean
from vcsim.experiments.messages import Msg, items, text
from vcsim.experiments.scenario import parameter_accepted, parameter_problem
from vcsim.experiments.tomlfile import read_toml

DESIGNS = ("grid", "lhs", "sobol", "morris")
MODELS = ("county", "ishigami")
TOP_KEYS = ("name", "description", "model", "scenario", "roster", "design", "samples",
            "levels", "second_order", "replicates", "seed", "outputs", "parameters",
            "sensitivity_years")
DEFAULT_REPLICATES = 10
DEFAULT_SEED = 1
FORMAT_VERSION = 1  # bump when the meaning of stored runs changes

ISHIGAMI_PARAMETERS = ("x1", "x2", "x3")
ISHIGAMI_OUTPUTS = ("y",)
ISHIGAMI_A, ISHIGAMI_B = 7.0, 0.1
# Known indices for a = 7, b = 0.1 (Ishigami and Homma 1990; Saltelli et al. 2008)
ISHIGAMI_S1 = (0.3139, 0.4424, 0.0)
ISHIGAMI_ST = (0.5576, 0.4424, 0.2437)

_LHS_STREAM = 0x1A5  # spawn key of the LHS generator, apart from the simulation's streams


@dataclass
class Factor:
    """One varied parameter: a range [low, high] or a list of values."""
    key: str
    kind: str  # "float" | "int" | "bool"
    low: float | None = None
    high: float | None = None
    values: list | None = None

    @property
    def is_range(self) -> bool:
        return self.values is None

    def cast(self, value):
        """A sampled value as the model gets it (whole numbers for int parameters)."""
        if self.kind == "int":
            return int(round(float(value)))
        if self.kind == "bool":
            return bool(value)
        return float(value)

    def canonical(self) -> dict:
        if self.is_range:
            return {"key": self.key, "kind": self.kind, "range": [self.low, self.high]}
        return {"key": self.key, "kind": self.kind, "values": list(self.values)}


@dataclass
class Experiment:
    path: Path
    name: str
    model: str
    design: str
    samples: int | None
    levels: int | None
    second_order: bool
    replicates: int
    seed: int
    outputs: list[str] | None  # None: every measure the model reports
    factors: list[Factor]
    sensitivity_years: list[int] | None
    description: str = ""
    scenario: Any = None  # experiments.scenario.Scenario for model "county"
    roster_path: Path | None = None
    _design_cache: tuple | None = field(default=None, repr=False)

    # -- what it is -----------------------------------------------------------------------
    @property
    def parameter_names(self) -> list[str]:
        return [f.key for f in self.factors]

    def canonical(self) -> dict:
        """Everything that decides which runs exist and what they compute, nothing else
        (not comments, not the scenario's file name, not sensitivity_years)."""
        return {
            "format": FORMAT_VERSION, "model": self.model, "design": self.design,
            "samples": self.samples, "levels": self.levels,
            "second_order": self.second_order if self.design == "sobol" else None,
            "replicates": self.replicates, "seed": self.seed, "outputs": self.outputs,
            "parameters": [f.canonical() for f in self.factors],
        }

    def problem(self) -> dict:
        """The SALib problem (ranges only)."""
        return {"num_vars": len(self.factors), "names": self.parameter_names,
                "bounds": [[f.low, f.high] for f in self.factors]}

    # -- the design -------------------------------------------------------------------------
    def design_matrix(self) -> tuple[np.ndarray, pd.DataFrame]:
        """(X, points): X is the design as sampled (float, one row per point, for the
        sensitivity analysis); ``points`` has a ``point`` column and one column per
        parameter with the values the model gets (ints rounded)."""
        if self._design_cache is None:
            x = self._sample()
            points = pd.DataFrame({"point": np.arange(len(x), dtype="int64")})
            for j, f in enumerate(self.factors):
                col = [f.cast(v) for v in x[:, j]]
                points[f.key] = pd.Series(col, dtype={"int": "int64", "bool": "bool",
                                                      "float": "float64"}[f.kind])
            self._design_cache = (x, points)
        return self._design_cache

    def n_points(self) -> int:
        d = len(self.factors)
        if self.design == "grid":
            return math.prod(len(_grid_values(f, self.levels)) for f in self.factors)
        if self.design == "lhs":
            return self.samples
        if self.design == "sobol":
            return self.samples * ((2 * d + 2) if self.second_order else (d + 2))
        return self.samples * (d + 1)  # morris

    def _sample(self) -> np.ndarray:
        d = len(self.factors)
        if self.design == "grid":
            axes = [_grid_values(f, self.levels) for f in self.factors]
            rows = list(itertools.product(*axes))
            return np.array(rows, dtype=float).reshape(len(rows), d)
        if self.design == "lhs":
            from scipy.stats import qmc
            rng = np.random.default_rng(np.random.SeedSequence(self.seed, spawn_key=(_LHS_STREAM,)))
            unit = qmc.LatinHypercube(d=d, rng=rng).random(self.samples)
            return qmc.scale(unit, [f.low for f in self.factors], [f.high for f in self.factors])
        if self.design == "sobol":
            from SALib.sample import sobol
            with warnings.catch_warnings():  # the power-of-two advice is given in load_experiment
                warnings.simplefilter("ignore")
                return sobol.sample(self.problem(), self.samples,
                                    calc_second_order=self.second_order, seed=self.seed)
        from SALib.sample import morris
        return morris.sample(self.problem(), self.samples, num_levels=self.levels, seed=self.seed)


def _grid_values(f: Factor, levels: int | None) -> list:
    if not f.is_range:
        return list(f.values)
    raw = np.linspace(f.low, f.high, levels or 3)
    out = []
    for v in raw:
        v = f.cast(v) if f.kind == "int" else float(f"{v:.12g}")
        if v not in out:
            out.append(v)
    return out


def experiment_hash(experiment: Experiment, base_overrides: dict, roster: pd.DataFrame | None,
                    engine: str, posterior: str | None = None) -> str:
    """SHA-256 of the canonical experiment, the base scenario's settings, the roster, the
    engine and the posterior the runs draw from (its hash, if any): two sweeps with the
    same hash compute the same runs."""
    roster_digest = None
    if roster is not None:
        roster_digest = hashlib.sha256(roster.to_csv(index=False).encode("utf-8")).hexdigest()
    blob = json.dumps({"experiment": experiment.canonical(),
                       "base_overrides": {k: base_overrides[k] for k in sorted(base_overrides)},
                       "roster": roster_digest, "engine": engine,
                       **({"posterior": posterior} if posterior else {})},
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------- loading


def load_experiment(path: str | Path) -> Experiment:
    """Read and check an experiment file; InputError (file and key named) on any problem."""
    path = Path(path)
    data = read_toml(path, "experiment")
    where = str(path)

    for key in data:
        if key not in TOP_KEYS:
            raise InputError("experiment.unknown_key", file=where, key=key,
                             hint=did_you_mean(key, TOP_KEYS), accepted=items(TOP_KEYS))

    model = _choice(data, "model", MODELS, where, default="county")
    design = _choice(data, "design", DESIGNS, where, default=None)
    name = _text(data, "name", where, default=path.stem)
    description = _text(data, "description", where, default="")

    replicates = _whole(data, "replicates", where, default=DEFAULT_REPLICATES, least=1)
    seed = _whole(data, "seed", where, default=DEFAULT_SEED, least=0)
    if design == "grid":
        if "samples" in data:
            raise InputError("experiment.samples_with_grid", file=where)
        samples = None
    else:
        samples = _whole(data, "samples", where, default=None, least=1)
    levels = None
    if design == "grid":
        levels = _whole(data, "levels", where, default=3, least=2)
    elif design == "morris":
        levels = _whole(data, "levels", where, default=4, least=2)
    elif "levels" in data:
        raise InputError("experiment.levels_unused", file=where)
    second_order = False
    if "second_order" in data:
        if design != "sobol":
            raise InputError("experiment.second_order_unused", file=where)
        second_order = data["second_order"]
        if not isinstance(second_order, bool):
            raise InputError("experiment.not_bool", file=where, key="second_order",
                             got=second_order)

    scenario = None
    roster_path = None
    if model == "county":
        if "scenario" not in data:
            raise InputError("experiment.missing_scenario", file=where)
        scenario = _scenario(data["scenario"], path)
        if "roster" in data:
            roster_path = _relative_file(data["roster"], path, "roster")
    else:
        for key in ("scenario", "roster"):
            if key in data:
                raise InputError("experiment.key_unused_for_model", file=where, key=key,
                                 model=model)

    factors = _factors(data, model, design, where)
    if design in ("lhs", "sobol", "morris"):
        for f in factors:
            if not f.is_range:
                what = Msg("experiment.what_bool" if f.kind == "bool" else "experiment.what_list")
                raise InputError("experiment.values_need_grid", file=where, key=f.key, what=what,
                                 design=design)
    if design == "sobol" and samples & (samples - 1):
        warnings.warn(text("experiment.sobol_power_of_two", file=where, samples=samples,
                           example=1 << samples.bit_length()), stacklevel=2)
    if design == "morris" and levels % 2:
        warnings.warn(text("experiment.morris_even_levels", file=where, levels=levels),
                      stacklevel=2)

    outputs = None
    if "outputs" in data:
        outputs = data["outputs"]
        if (not isinstance(outputs, list) or not outputs
                or not all(isinstance(o, str) for o in outputs)):
            raise InputError("experiment.outputs_not_list", file=where, got=outputs)
        dup = [o for o in outputs if outputs.count(o) > 1]
        if dup:
            raise InputError("experiment.outputs_twice", file=where, name=dup[0])
        if model == "ishigami":
            check_outputs(outputs, list(ISHIGAMI_OUTPUTS), where)

    years = None
    if "sensitivity_years" in data:
        years = data["sensitivity_years"]
        if (not isinstance(years, list) or not years
                or not all(isinstance(y, int) and not isinstance(y, bool) for y in years)):
            raise InputError("experiment.years_not_list", file=where, got=years)

    exp = Experiment(path=path, name=name, model=model, design=design, samples=samples,
                     levels=levels, second_order=second_order, replicates=replicates,
                     seed=seed, outputs=outputs, factors=factors, sensitivity_years=years,
                     description=description, scenario=scenario, roster_path=roster_path)
    if model == "county":
        _check_points(exp)
    return exp


def check_outputs(outputs: list[str], available: list[str], where: str) -> None:
    for o in outputs:
        if o not in available:
            raise InputError("experiment.unknown_output", file=where, name=o,
                             hint=did_you_mean(o, available), accepted=items(available))





def _choice(data, key, choices, where, default):
    if key not in data:
        if default is None:
            raise InputError("experiment.missing_choice", file=where, key=key,
                             accepted=items(choices))
        return default
    value = data[key]
    if value not in choices:
        raise InputError("experiment.unknown_choice", file=where, key=key, got=value,
                         hint=did_you_mean(value, choices), accepted=items(choices))
    return value


def _text(data, key, where, default):
    value = data.get(key, default)
    if not isinstance(value, str):
        raise InputError("scenario.meta_not_text", file=where, key=key, got=value)
    return value


def _whole(data, key, where, default, least):
    if key not in data:
        if default is None:
            raise InputError("experiment.missing_whole", file=where, key=key, least=least)
        return default
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InputError("experiment.not_whole", file=where, key=key, got=value, least=least)
    return value


def _relative_file(spec, exp_path: Path, key: str) -> Path:
    if not isinstance(spec, str) or not spec.strip():
        raise InputError("experiment.file_not_text", file=exp_path, key=key, got=spec)
    target = exp_path.parent / spec
    if not target.is_file():
        raise InputError("experiment.no_such_file", file=exp_path, key=key, got=spec,
                         looked=target)
    return target


def _scenario(spec, exp_path: Path):
    from vcsim.experiments.scenario import SCENARIO_DIR, load_scenario
    if not isinstance(spec, str) or not spec.strip():
        raise InputError("experiment.file_not_text", file=exp_path, key="scenario", got=spec)
    target = exp_path.parent / spec
    if not target.is_file():
        shipped = SCENARIO_DIR / f"{spec}.toml"
        if Path(spec).suffix == "" and shipped.is_file():
            target = shipped
        else:
            raise InputError("experiment.no_such_scenario", file=exp_path, got=spec,
                             looked=target)
    try:
        return load_scenario(target)
    except InputError as exc:
        raise InputError("experiment.in_scenario", file=exp_path, message=exc.msg) from None


def _flatten_parameters(node: dict, prefix: str, where: str) -> dict[str, Any]:
    """TOML lets a user write "funding.poor_village_yuan" = ... or funding.poor_village_yuan
    = ... or [parameters.funding]; all mean the same dotted key."""
    out = {}
    for key, value in node.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and not (set(value) <= {"low", "high", "values"} and value):
            out.update(_flatten_parameters(value, dotted + ".", where))
        else:
            out[dotted] = value
    return out


def _factors(data: dict, model: str, design: str, where: str) -> list[Factor]:
    raw = data.get("parameters")
    if raw is None:
        if model == "ishigami":
            return [Factor(k, "float", -math.pi, math.pi) for k in ISHIGAMI_PARAMETERS]
        raise InputError("experiment.missing_parameters", file=where)
    if not isinstance(raw, dict) or not raw:
        raise InputError("experiment.parameters_not_table", file=where)
    flat = _flatten_parameters(raw, "", where)
    factors = []
    for key, spec in flat.items():
        label = Msg("experiment.parameter_label", file=where, key=key)
        if model == "ishigami":
            if key not in ISHIGAMI_PARAMETERS:
                raise InputError("experiment.unknown_ishigami", label=label,
                                 hint=did_you_mean(key, ISHIGAMI_PARAMETERS, '"{}"'),
                                 accepted=items(ISHIGAMI_PARAMETERS))
            kind, param = "float", None
        else:
            from vcsim.model.parameters import PARAMETERS, nearest_keys
            if key not in PARAMETERS:
                hint = nearest_keys(key)
                raise InputError("experiment.unknown_parameter", label=label,
                                 hint=Msg("hint.did_you_mean", name=f'"{hint[0]}"') if hint
                                 else Msg("hint.see_params"))
            param = PARAMETERS[key]
            kind = param.kind
            if kind == "float_list":
                raise InputError("experiment.list_setting", label=label)
        factors.append(_factor(key, kind, param, spec, label))
    return factors


def _factor(key, kind, param, spec, label) -> Factor:
    low = high = values = None
    if isinstance(spec, dict):
        if "values" in spec:
            if set(spec) != {"values"}:
                raise InputError("experiment.values_or_range", label=label)
            values = spec["values"]
            if not isinstance(values, list):
                raise InputError("experiment.values_not_list", label=label, got=values)
        else:
            if set(spec) != {"low", "high"}:
                raise InputError("experiment.range_keys", label=label, got=sorted(spec))
            low, high = spec["low"], spec["high"]
    elif isinstance(spec, list):
        if (len(spec) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                   for v in spec) and kind != "bool"):
            low, high = spec
        else:
            values = spec
    else:
        raise InputError("experiment.not_range_or_list", label=label, got=spec)

    def check(value, what):
        if param is not None:
            problem = parameter_problem(param, value)
            if problem:
                raise InputError("experiment.bad_value", label=label, what=Msg(what), got=value,
                                 problem=problem, accepted=parameter_accepted(param))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InputError("experiment.not_finite", label=label, what=Msg(what), got=value)

    if values is not None:
        if not values:
            raise InputError("experiment.empty_values", label=label)
        for v in values:
            check(v, "experiment.what_value")
        norm = [Factor(key, kind).cast(v) for v in values]
        dup = [v for v in norm if norm.count(v) > 1]
        if dup:
            raise InputError("experiment.value_twice", label=label, got=dup[0])
        return Factor(key, kind, values=norm)
    if kind == "bool":
        raise InputError("experiment.bool_range", label=label)
    check(low, "experiment.what_low")
    check(high, "experiment.what_high")
    if low == high:
        raise InputError("experiment.empty_range", label=label, low=low, high=high)
    if low > high:
        raise InputError("experiment.range_reversed", label=label, low=low, high=high)
    if kind == "int" and math.floor(high) - math.ceil(low) < 1:
        raise InputError("experiment.range_too_narrow", label=label, low=low, high=high)
    return Factor(key, kind, float(low), float(high))


def _check_points(exp: Experiment) -> None:
    """Every point must be a valid scenario (years inside the simulated span, rollout
    order); found here, not half-way through a sweep."""
    from vcsim.experiments.scenario import Scenario, _check_years
    from vcsim.model.parameters import make_params
    _, points = exp.design_matrix()
    base = exp.scenario.overrides
    cols = exp.parameter_names
    seen = set()
    for row in points[cols].itertuples(index=False, name=None):
        overrides = {**base, **dict(zip(cols, (_plain(v) for v in row)))}
        key = tuple(sorted((k, repr(v)) for k, v in overrides.items()
                           if k.startswith(("rollout.", "shocks.", "simulation."))))
        try:
            make_params(overrides)
        except ValueError as exc:
            raise InputError("experiment.point_invalid", file=exp.path, reason=exc) from None
        if key in seen:
            continue
        seen.add(key)
        try:
            _check_years(Scenario(exp.name, exp.scenario.path, overrides))
        except InputError as exc:
            raise InputError("experiment.point_not_scenario", file=exp.path,
                             message=exc.msg) from None


def _plain(v):
    """numpy scalars to Python ones (make_params checks types)."""
    return v.item() if hasattr(v, "item") else v
