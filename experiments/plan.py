"""``vcsim plan``: the cheapest plan that meets a target with a stated certainty.

A plan file names a base scenario, a target ("P(no zero-income village at the end of
2021) at least 0.9"), an objective ("the least programme money") and the levers a
planner controls, each with its bounds::

    base = "baseline"           # a shipped scenario name or a .toml path (relative to this file)
    replicates = 100            # runs per plan tried (replicates 0..R-1 of `seed`: common random numbers)
    seed = 1
    trials = 60                 # plans tried (optional; default 60)
    [target]
    measure = "p_cleared_by"    # P(no zero-income village at the end of `year`)
    year = 2021
    at_least = 0.9
    # confidence = 0.95         # optional: the plan must meet the target with its one-sided
    #                           # lower bound at this confidence on the search replicates
    [objective]
    minimise = "programme_cost_yuan"   # 5025 grants + integrated + demonstration money to `year`
    [levers]                    # any number, whole-number, year or true/false setting
    "funding.grant_pool_yuan" = [20_000_000, 120_000_000]
    "funding.poor_village_yuan" = [300_000, 800_000]

Optional keys: ``name``, ``description``, ``roster`` (relative to the file),
``verify_replicates`` (default 4 x replicates), ``verify_seed`` (default seed + 1).

How it searches. Every plan tried runs the same replicates 0..R-1 of one seed on the
vector engine (common random numbers), so two plans differ by their settings, not by
luck, and a plan's result is a deterministic function of its levers. The search is
optuna's TPE sampler with ``constraints_func`` (constrained TPE): the objective is the
mean cost over the replicates, the constraint "target minus the plan's probability (or
its lower bound) is at most zero". TPE rather than NSGA-II or a Gaussian process: the
budget is tens of evaluations, not the thousands a genetic algorithm needs to
converge; levers may be continuous, whole numbers or yes/no, which TPE samples
natively (CMA-ES does not); it supports constraints and asking several plans at once
(``constant_liar``), so plans can be evaluated in batches and on several workers; and
it needs no extra heavy library (optuna's GP sampler needs PyTorch). The first plans
tried are the one with every lever at its upper bound and the base scenario's own
(inside the bounds): anchors the sampler learns from, and references in the results.
A later rollout step never starts before an earlier one: a plan whose years go
backwards is evaluated with the later steps moved up (and recorded so).

The answer is not the optimiser's luck: the cheapest plan that met the target on the
search replicates is run again on ``verify_replicates`` fresh replicates (another
seed), and its probability is reported with its exact (Clopper-Pearson) one-sided 95%
lower bound. If no plan in the bounds met the target, that is said, and the best found
(highest probability, then least cost) is verified and reported instead.

Outputs in the output folder: ``plan.json`` (levers, cost, probability and bound, the
verification, references), ``best.toml`` (a scenario that ``extends`` the base, for
``vcsim run`` and ``vcsim compare``), ``evaluations.parquet`` (every plan tried),
``frontier_zh.png`` and ``frontier_en.png`` (cost against certainty) and
``provenance.json``.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vcsim.experiments.errors import InputError, did_you_mean
from vcsim.experiments.messages import Msg, text
from vcsim.model.model import START_YEAR

MEASURES = ("p_cleared_by", "p_cleared_ever_by")
OBJECTIVES = ("programme_cost_yuan", "fiscal_cost_yuan")
# public programme money (the same as vcsim compare's cost per village cleared)
PROGRAMME_COLUMNS = ("grant_central_yuan", "grant_province_yuan", "grant_city_county_yuan",
                     "integrated_yuan", "demonstration_yuan")
TOP_KEYS = ("base", "replicates", "seed", "trials", "name", "description", "roster",
            "verify_replicates", "verify_seed", "target", "objective", "levers")
TARGET_KEYS = ("measure", "year", "at_least", "confidence")
DEFAULT_TRIALS = 60
ROLLOUT_ORDER = ("rollout.poor_year", "rollout.priority_year", "rollout.remaining_year")
MONEY_STEP_YUAN = 10_000  # money levers move in 万元, the unit county planners budget in
BATCH = 4  # plans asked of the sampler at once, evaluated together (on the workers)


# ------------------------------------------------------------------------------ the file


@dataclass(frozen=True)
class Lever:
    key: str
    low: Any
    high: Any
    kind: str  # "float", "int" or "bool"

    def values_at(self, where: str) -> Any:
        return self.high if where == "high" else self.low


@dataclass
class PlanSpec:
    path: Path
    name: str
    description: str
    base: Any  # experiments.scenario.Scenario
    replicates: int
    seed: int
    trials: int
    verify_replicates: int
    verify_seed: int
    measure: str
    year: int
    at_least: float
    confidence: float | None
    objective: str
    levers: list[Lever]
    roster: Path | None = None


def _int_setting(path: Path, data: dict, key: str, default: int | None, least: int) -> int:
    value = data.get(key, default)
    if value is None:
        raise InputError("plan.missing_key", file=path, key=key)
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InputError("plan.bad_whole_number", file=path, key=key, got=repr(value), least=least)
    return int(value)


def load_plan(path: Path) -> PlanSpec:
    """Read and check a plan file; InputError naming the file, key and what is accepted."""
    from vcsim.experiments.scenario import load_scenario, read_toml
    path = Path(path)
    data = read_toml(path, what="plan")
    for key in data:
        if key not in TOP_KEYS:
            raise InputError("plan.unknown_key", file=path, key=key,
                             hint=did_you_mean(key, TOP_KEYS, "{}"), accepted=", ".join(TOP_KEYS))
    if "base" not in data:
        raise InputError("plan.missing_key", file=path, key="base")
    base_spec = data["base"]
    if not isinstance(base_spec, str):
        raise InputError("plan.bad_text", file=path, key="base", got=repr(base_spec))
    relative = path.parent / base_spec
    base = load_scenario(relative if relative.suffix.lower() == ".toml" and relative.exists() else base_spec)
    replicates = _int_setting(path, data, "replicates", None, 2)
    seed = _int_setting(path, data, "seed", None, 0)
    trials = _int_setting(path, data, "trials", DEFAULT_TRIALS, 1)
    verify_replicates = _int_setting(path, data, "verify_replicates", 4 * replicates, 2)
    verify_seed = _int_setting(path, data, "verify_seed", seed + 1, 0)
    if verify_seed == seed:
        raise InputError("plan.same_verify_seed", file=path, seed=seed)
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            raise InputError("plan.bad_text", file=path, key=key, got=repr(data[key]))
    end_year = int(base.params().simulation.end_year)

    target = _section(path, data, "target")
    for key in target:
        if key not in TARGET_KEYS:
            raise InputError("plan.unknown_key", file=path, key=f"[target] {key}",
                             hint=did_you_mean(key, TARGET_KEYS, "{}"), accepted=", ".join(TARGET_KEYS))
    measure = target.get("measure")
    if measure not in MEASURES:
        raise InputError("plan.unknown_measure", file=path, got=repr(measure),
                         hint=did_you_mean(measure, MEASURES, "{}"), accepted=", ".join(MEASURES))
    year = target.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not START_YEAR <= year <= end_year:
        raise InputError("plan.year_outside", file=path, got=repr(year), first=START_YEAR, last=end_year)
    probability = {}
    for key in ("at_least", "confidence"):
        value = target.get(key)
        if value is None and key == "confidence":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
            raise InputError("plan.probability_outside", file=path, key=f"[target] {key}", got=repr(value))
        probability[key] = float(value)

    objective_section = _section(path, data, "objective")
    objective = objective_section.get("minimise")
    if set(objective_section) - {"minimise"} or objective not in OBJECTIVES:
        raise InputError("plan.unknown_objective", file=path, got=repr(objective),
                         hint=did_you_mean(objective, OBJECTIVES, "{}"), accepted=", ".join(OBJECTIVES))

    lever_section = _section(path, data, "levers")
    if not lever_section:
        raise InputError("plan.no_levers", file=path)
    levers = [_lever(path, key, bounds, end_year) for key, bounds in lever_section.items()]
    roster = data.get("roster")
    if roster is not None and not isinstance(roster, str):
        raise InputError("plan.bad_text", file=path, key="roster", got=repr(roster))
    return PlanSpec(path=path, name=data.get("name", path.stem), description=data.get("description", ""),
                    base=base, replicates=replicates, seed=seed, trials=trials,
                    verify_replicates=verify_replicates, verify_seed=verify_seed, measure=measure,
                    year=int(year), at_least=probability["at_least"],
                    confidence=probability.get("confidence"), objective=objective, levers=levers,
                    roster=(path.parent / roster) if roster else None)


def _section(path: Path, data: dict, name: str) -> dict:
    section = data.get(name)
    if section is None:
        raise InputError("plan.missing_key", file=path, key=f"[{name}]")
    if not isinstance(section, dict):
        raise InputError("plan.not_a_section", file=path, key=name)
    return section


def _lever(path: Path, key: str, bounds: Any, end_year: int) -> Lever:
    """One lever, checked: a known setting, two bounds, lower <= upper, both accepted."""
    from vcsim.model.parameters import PARAMETERS, nearest_keys
    if key not in PARAMETERS or key == "simulation.end_year":
        hint = nearest_keys(key)
        raise InputError("plan.unknown_lever", file=path, key=key,
                         hint=text("hint.did_you_mean", name=hint[0]) if hint else "")
    p = PARAMETERS[key]
    if p.kind == "float_list":
        raise InputError("plan.lever_kind", file=path, key=key)
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise InputError("plan.bounds_not_pair", file=path, key=key, got=repr(bounds),
                         accepted=_accepted(p, end_year))
    low, high = bounds
    if p.kind == "bool":
        if not all(isinstance(b, bool) for b in bounds) or low == high:
            raise InputError("plan.bounds_not_pair", file=path, key=key, got=repr(bounds),
                             accepted="[false, true]")
        return Lever(key, False, True, "bool")
    for bound in bounds:
        problem = p.check(bound)
        if not problem and p.unit == "year" and not START_YEAR <= bound <= end_year:
            problem = Msg("plan.outside_run", first=START_YEAR, last=end_year)
        if problem:
            raise InputError("plan.bound_outside", file=path, key=key, got=repr(bound), problem=problem,
                             accepted=_accepted(p, end_year))
    if low > high:
        raise InputError("plan.bounds_reversed", file=path, key=key, low=low, high=high)
    kind = "int" if p.kind == "int" else "float"
    return Lever(key, int(low) if kind == "int" else float(low), int(high) if kind == "int" else float(high), kind)


def _accepted(p, end_year: int):
    if p.unit == "year":
        return Msg("plan.accepted_years", first=START_YEAR, last=end_year)
    return Msg("plan.accepted_range", accepted=p.accepted())


# ------------------------------------------------------------------------------ one plan's result


@dataclass
class PlanContext:
    """What every evaluation needs (sent to each worker once)."""
    base_overrides: dict
    roster: pd.DataFrame
    year: int
    measure: str
    objective: str
    engine: str = "vector"


def measure_and_cost(annual: pd.DataFrame, year: int, measure: str, objective: str) -> tuple[bool, float]:
    """One run's success (the target's event happened) and cost, from its annual table
    (plain arrays: this runs for every replicate of every plan tried)."""
    upto = annual["year"].to_numpy() <= year
    zero = annual["zero_income_villages"].to_numpy()[upto]
    success = bool(zero[-1] == 0) if measure == "p_cleared_by" else bool((zero == 0).any())
    columns = PROGRAMME_COLUMNS if objective == "programme_cost_yuan" else ("fiscal_cost_yuan",)
    cost = float(sum(annual[c].to_numpy()[upto].sum() for c in columns))
    return success, cost


def evaluate(ctx: PlanContext, task: tuple[list[tuple[int, dict]], int, list[int]]):
    """Plans (tag, lever values) on some replicates of one seed: per plan, per replicate,
    success and cost. The runs stop at the end of the target year (what comes later
    cannot change the target or the cost up to it)."""
    from vcsim.experiments.engines import simulate_runs
    from vcsim.model.parameters import make_params
    plans, seed, replicates = task
    params = [make_params({**ctx.base_overrides, **values, "simulation.end_year": ctx.year})
              for _, values in plans]
    tables = simulate_runs([(p, r) for p in params for r in replicates], ctx.roster, seed, ctx.engine)
    out = []
    for k, (tag, _) in enumerate(plans):
        runs = tables[k * len(replicates):(k + 1) * len(replicates)]
        results = [measure_and_cost(t, ctx.year, ctx.measure, ctx.objective) for t in runs]
        out.append((tag, np.array([s for s, _ in results]), np.array([c for _, c in results])))
    return out


def lower_bound(successes: int, n: int, confidence: float = 0.95) -> float:
    """Exact (Clopper-Pearson) one-sided lower confidence bound of a probability."""
    from scipy.stats import beta
    return 0.0 if successes == 0 else float(beta.ppf(1 - confidence, successes, n - successes + 1))


def exact_interval(successes: int, n: int) -> tuple[float, float]:
    """Exact (Clopper-Pearson) two-sided 95% interval."""
    from scipy.stats import binomtest
    ci = binomtest(successes, n).proportion_ci(0.95, method="exact")
    return float(ci.low), float(ci.high)


# ------------------------------------------------------------------------------ the search


@dataclass
class PlanResult:
    spec: PlanSpec
    evaluations: pd.DataFrame
    chosen: dict
    found: bool
    verification: dict
    references: dict
    seconds: dict = field(default_factory=dict)


def rollout_in_order(values: dict, base_flat: dict) -> tuple[dict, dict]:
    """A later rollout step never starts before an earlier one. Returns the levers'
    values (a later step's lever raised to an earlier one's where they cross) and the
    other rollout years moved to fit between them (empty if none moves)."""
    levers = {k: v for k, v in values.items()}
    years = {k: int(levers.get(k, base_flat[k])) for k in ROLLOUT_ORDER}
    earliest = START_YEAR
    for k in ROLLOUT_ORDER:  # levers in order: a later one at least an earlier one
        if k in levers:
            years[k] = max(years[k], earliest)
            earliest = years[k]
    adjusted = {}
    for i, k in enumerate(ROLLOUT_ORDER):  # the others between their neighbours
        if k in levers:
            continue
        lower = max([years[j] for j in ROLLOUT_ORDER[:i]], default=START_YEAR)
        upper = min([years[j] for j in ROLLOUT_ORDER[i + 1:] if j in levers], default=10_000)
        fitted = min(max(years[k], lower), upper)
        if fitted != base_flat[k]:
            adjusted[k] = fitted
        years[k] = fitted
    for k in ROLLOUT_ORDER:
        if k in levers:
            levers[k] = years[k]
    return levers, adjusted


def _distributions(levers: list[Lever]) -> dict:
    import optuna
    out = {}
    for lv in levers:
        if lv.kind == "bool":
            out[lv.key] = optuna.distributions.CategoricalDistribution([False, True])
        elif lv.kind == "int":
            out[lv.key] = optuna.distributions.IntDistribution(lv.low, lv.high)
        else:
            from vcsim.model.parameters import PARAMETERS
            money = PARAMETERS[lv.key].unit.startswith("yuan") and lv.high - lv.low >= 10 * MONEY_STEP_YUAN
            step = MONEY_STEP_YUAN if money else None
            high = lv.low + math.floor((lv.high - lv.low) / step) * step if step else lv.high
            out[lv.key] = optuna.distributions.FloatDistribution(lv.low, high, step=step)
    return out


def _base_values(spec: PlanSpec, levers: list[Lever]) -> dict:
    """The base scenario's value of each lever, moved into its bounds."""
    flat = spec.base.params().flat
    out = {}
    for lv in levers:
        v = flat[lv.key]
        out[lv.key] = v if lv.kind == "bool" else min(max(v, lv.low), lv.high)
    return out


def run_plan(spec: PlanSpec, roster: pd.DataFrame, *, workers: int | None = None,
             scheduler: str | None = None, progress: bool = True, log=None) -> PlanResult:
    """Search, then verify; see the module docstring."""
    import optuna
    from tqdm import tqdm

    from vcsim.experiments.engines import warm_up_worker
    from vcsim.experiments.execution import WorkPool
    log = log or (lambda msg: print(msg, file=sys.stderr))
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    seconds = {"simulation": 0.0, "optimiser": 0.0, "verification": 0.0}
    started = time.perf_counter()
    levers = spec.levers
    distributions = _distributions(levers)
    tau = spec.at_least

    def effective(successes: int, n: int) -> float:
        return lower_bound(successes, n, spec.confidence) if spec.confidence else successes / n

    sampler = optuna.samplers.TPESampler(
        seed=spec.seed, n_startup_trials=min(10, max(2, spec.trials // 4)), multivariate=True,
        constant_liar=True)
    study = optuna.create_study(direction="minimize", sampler=sampler)
    upper = {k: getattr(d, "high", True) for k, d in distributions.items()}  # True: a yes/no lever
    base_values = _base_values(spec, levers)
    study.enqueue_trial(upper)  # trial 0
    if base_values != upper:
        study.enqueue_trial(base_values)  # trial 1

    ctx = PlanContext(dict(spec.base.overrides), roster, spec.year, spec.measure, spec.objective)
    base_flat = spec.base.params().flat
    replicates = list(range(spec.replicates))
    cache: dict[str, tuple] = {}  # a plan's numbers, by its settings
    rows: list[dict] = []

    def record(trial, values: dict, adjusted: dict, success: np.ndarray, cost: np.ndarray,
               cached: bool) -> None:
        k, n = int(success.sum()), len(success)
        constraint = tau - effective(k, n)
        trial.set_constraint("target", constraint)  # feasible when <= 0
        t0 = time.perf_counter()
        study.tell(trial, float(cost.mean()))
        seconds["optimiser"] += time.perf_counter() - t0
        rows.append({"trial": trial.number, **{f"lever:{key}": v for key, v in values.items()},
                     "probability": k / n, "successes": k, "replicates": n,
                     "probability_lower_95": lower_bound(k, n), "cost_yuan": float(cost.mean()),
                     "cost_p05_yuan": float(np.percentile(cost, 5)),
                     "cost_p95_yuan": float(np.percentile(cost, 95)),
                     "meets_target": constraint <= 0, "repeat_of_earlier": cached,
                     "adjusted": json.dumps(adjusted, sort_keys=True) if adjusted else ""})

    with WorkPool(evaluate, ctx, workers=workers, scheduler=scheduler, warm_up=warm_up_worker) as pool:
        log(text("plan.searching", name=spec.name, trials=spec.trials, replicates=spec.replicates,
                 seed=spec.seed, where=pool.describe()))
        with tqdm(total=spec.trials, desc="plan", unit="plan", disable=not progress, file=sys.stderr) as bar:
            asked = 0
            while asked < spec.trials:
                # a batch asked at once (the sampler's constant liar keeps them apart),
                # run on the workers, and told in trial order: the same plans are tried
                # whatever the number of workers
                t0 = time.perf_counter()
                batch = [study.ask(distributions) for _ in range(min(BATCH, spec.trials - asked))]
                seconds["optimiser"] += time.perf_counter() - t0
                asked += len(batch)
                plans = {}
                for trial in batch:
                    values, adjusted = rollout_in_order(trial.params, base_flat)
                    plans[trial.number] = (trial, values, adjusted, json.dumps({**values, **adjusted}, sort_keys=True))
                new = {key: {**values, **adjusted} for _, values, adjusted, key in plans.values() if key not in cache}
                tasks = [([(key, settings)], spec.seed, replicates) for key, settings in new.items()]
                t0 = time.perf_counter()
                for _, results in pool.imap_unordered(tasks, inflight=pool.slots):
                    for key, success, cost in results:
                        cache[key] = (success, cost)
                seconds["simulation"] += time.perf_counter() - t0
                for number in sorted(plans):
                    trial, values, adjusted, key = plans[number]
                    record(trial, values, adjusted, *cache[key], cached=key not in new)
                    new.pop(key, None)  # a plan asked twice in one batch is simulated once
                bar.update(len(batch))
                bar.set_postfix_str(_best_so_far(rows), refresh=False)
        evaluations = pd.DataFrame(rows).sort_values("trial").reset_index(drop=True)
        chosen, found = _choose(evaluations, levers, spec)
        t0 = time.perf_counter()
        verification = _verify(pool, chosen, spec)
        seconds["verification"] = time.perf_counter() - t0
    references = {
        "upper_bounds": _row_summary(evaluations.iloc[0], levers),
        "base_in_bounds": _row_summary(evaluations.iloc[1 if base_values != upper else 0], levers),
    }
    seconds["total"] = time.perf_counter() - started
    return PlanResult(spec, evaluations, chosen, found, verification, references, seconds)


def _best_so_far(rows: list[dict]) -> str:
    ok = [r for r in rows if r["meets_target"]]
    if not ok:
        best = max(rows, key=lambda r: r["probability"]) if rows else None
        return "" if best is None else text("plan.progress_none", p=f"{best['probability']:.0%}")
    best = min(ok, key=lambda r: r["cost_yuan"])
    return text("plan.progress_best", cost=f"{best['cost_yuan'] / 1e4:,.0f}", p=f"{best['probability']:.0%}")


def _choose(evaluations: pd.DataFrame, levers: list[Lever], spec: PlanSpec) -> tuple[dict, bool]:
    """The cheapest plan that met the target (ties: higher probability, then the least
    generous levers); if none did, the most likely (then cheapest)."""
    e = evaluations.copy()
    e["_generosity"] = sum(((e[f"lever:{lv.key}"].astype(float) - float(lv.low))
                            / max(float(lv.high) - float(lv.low), 1e-12)) for lv in levers)
    met = e[e["meets_target"]]
    if len(met):
        row = met.sort_values(["cost_yuan", "probability", "_generosity", "trial"],
                              ascending=[True, False, True, True]).iloc[0]
        return _row_summary(row, levers), True
    row = e.sort_values(["probability", "cost_yuan", "_generosity", "trial"],
                        ascending=[False, True, True, True]).iloc[0]
    return _row_summary(row, levers), False


def _plain(v):
    return v.item() if isinstance(v, np.generic) else v


def _row_summary(row: pd.Series, levers: list[Lever]) -> dict:
    values = {c.split(":", 1)[1]: _plain(row[c]) for c in row.index if str(c).startswith("lever:")}
    adjusted = json.loads(row["adjusted"]) if row.get("adjusted") else {}
    return {"trial": int(row["trial"]), "levers": values, "adjusted": adjusted,
            "probability": float(row["probability"]),
            "successes": int(row["successes"]), "replicates": int(row["replicates"]),
            "probability_lower_95": float(row["probability_lower_95"]),
            "cost_yuan": float(row["cost_yuan"]), "cost_p05_yuan": float(row["cost_p05_yuan"]),
            "cost_p95_yuan": float(row["cost_p95_yuan"])}


def _verify(pool, chosen: dict, spec: PlanSpec) -> dict:
    """The chosen plan on fresh replicates (another seed): probability, exact bounds, cost."""
    reps = list(range(spec.verify_replicates))
    chunk = max(1, math.ceil(len(reps) / pool.slots))
    settings = {**chosen["levers"], **chosen["adjusted"]}
    tasks = [([(i, settings)], spec.verify_seed, reps[i:i + chunk]) for i in range(0, len(reps), chunk)]
    success, cost = [], []
    for _, results in sorted(pool.imap_unordered(tasks), key=lambda done: done[0][2][0]):
        for _, s, c in results:
            success.append(s)
            cost.append(c)
    success, cost = np.concatenate(success), np.concatenate(cost)
    k, n = int(success.sum()), len(success)
    low, high = exact_interval(k, n)
    bound = lower_bound(k, n)
    return {"seed": spec.verify_seed, "replicates": n, "successes": k, "probability": k / n,
            "lower_bound_95_one_sided": bound, "interval_95": [low, high],
            "meets_target": k / n >= spec.at_least, "bound_meets_target": bound >= spec.at_least,
            "cost_yuan": float(cost.mean()), "cost_p05_yuan": float(np.percentile(cost, 5)),
            "cost_p95_yuan": float(np.percentile(cost, 95)),
            "method": "exact (Clopper-Pearson) binomial bounds over fresh replicates"}


# ------------------------------------------------------------------------------ outputs


def plan_record(result: PlanResult, roster_file: Path | None = None) -> dict:
    spec = result.spec
    return {
        "plan": spec.name, "description": spec.description, "file": str(spec.path),
        "base": spec.base.name, "roster": None if roster_file is None else str(roster_file),
        "target": {"measure": spec.measure, "year": spec.year, "at_least": spec.at_least,
                   "confidence": spec.confidence,
                   "meaning": text(f"plan.measure.{spec.measure}", "en", year=spec.year)},
        "objective": {"minimise": spec.objective,
                      "meaning": text(f"plan.objective.{spec.objective}", "en", year=spec.year)},
        "levers": {lv.key: [lv.low, lv.high] for lv in spec.levers},
        "search": {"sampler": "optuna TPESampler (constrained, multivariate, constant liar)",
                   "trials": spec.trials, "replicates": spec.replicates, "seed": spec.seed,
                   "plans_simulated": int((~result.evaluations["repeat_of_earlier"]).sum()),
                   "common_random_numbers": True, "engine": "vector"},
        "found": result.found,
        "chosen": result.chosen,
        "verification": result.verification,
        "references": result.references,
        "seconds": {k: round(v, 2) for k, v in result.seconds.items()},
    }


def best_scenario_toml(result: PlanResult, out: Path) -> str:
    """``best.toml``: the base scenario with the chosen levers, runnable as it stands."""
    spec = result.spec
    base_path = Path(spec.base.path).resolve()
    try:
        extends = os.path.relpath(base_path, out.resolve())
    except ValueError:  # another drive (Windows)
        extends = str(base_path)
    v = result.verification
    lines = [f"# {text('plan.best_comment', 'zh', name=spec.name)}",
             f"# {text('plan.best_comment', 'en', name=spec.name)}",
             f"# P = {v['probability']:.3f} on {v['replicates']} fresh replicates (seed {v['seed']}); "
             f"one-sided 95% lower bound {v['lower_bound_95_one_sided']:.3f}",
             f'extends = {json.dumps(Path(extends).as_posix(), ensure_ascii=False)}',
             f'name = {json.dumps(spec.name + "_best", ensure_ascii=False)}',
             f'title_zh = {json.dumps(text("plan.best_title", "zh", name=spec.name), ensure_ascii=False)}',
             f'title_en = {json.dumps(text("plan.best_title", "en", name=spec.name), ensure_ascii=False)}']
    sections: dict[str, list[str]] = {}
    for key, value in {**result.chosen["levers"], **result.chosen["adjusted"]}.items():
        section, _, leaf = key.rpartition(".")
        if isinstance(value, bool):
            literal = "true" if value else "false"
        elif isinstance(value, float) and value.is_integer():
            literal = f"{value:.1f}"
        else:
            literal = repr(value)
        sections.setdefault(section, []).append(f"{leaf} = {literal}")
    for section, entries in sections.items():
        lines += ["", f"[{section}]", *entries]
    return "\n".join(lines) + "\n"


def write_outputs(result: PlanResult, out: Path, roster: pd.DataFrame,
                  roster_file: Path | None = None) -> list[Path]:
    """The plan's files in ``out``; ``roster_file``: the roster it ran on (None: the
    built-in county), recorded so that best.toml can be run on it again."""
    from vcsim.experiments.provenance import write_provenance
    from vcsim.experiments.store import atomic_write, write_json, write_parquet
    out.mkdir(parents=True, exist_ok=True)
    record = plan_record(result, roster_file)
    write_json(out / "plan.json", record)
    toml_text = best_scenario_toml(result, out).encode("utf-8")
    atomic_write(out / "best.toml", lambda f: f.write(toml_text))
    write_parquet(out / "evaluations.parquet", result.evaluations)
    charts = [draw_frontier(result, out / f"frontier_{lang}.png", lang) for lang in ("zh", "en")]
    spec = result.spec
    write_provenance(out, scenarios={spec.base.name: spec.base.overrides}, roster=roster,
                     seed=spec.seed, replicates=spec.replicates, engine="vector",
                     extra={"plan_file": str(spec.path), "verify_seed": spec.verify_seed,
                            "verify_replicates": spec.verify_replicates})
    return [out / "plan.json", out / "best.toml", out / "evaluations.parquet", *charts,
            out / "provenance.json"]


def frontier(evaluations: pd.DataFrame) -> pd.DataFrame:
    """The plans no other beats on both counts (more likely and cheaper): the least cost
    found for each level of certainty, as probability rises."""
    e = evaluations.sort_values(["probability", "cost_yuan"], ascending=[False, True])
    best = np.inf
    keep = []
    for i, cost in zip(e.index, e["cost_yuan"]):
        if cost < best:
            keep.append(i)
            best = cost
    return evaluations.loc[keep].sort_values("probability")


def draw_frontier(result: PlanResult, path: Path, lang: str) -> Path:
    """Cost against certainty: every plan tried, the frontier, the target, the chosen
    plan with its verification interval; money from zero."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    family = _chart_font(lang)
    spec, v, chosen = result.spec, result.verification, result.chosen
    e = result.evaluations
    wan = lang == "zh"
    scale = 1e4 if wan else 1e6
    with plt.rc_context({"font.family": family}):  # before the figure: its texts take the font then
        fig, ax = plt.subplots(figsize=(8, 5.2), dpi=150)
        ax.scatter(e["probability"], e["cost_yuan"] / scale, s=16, color="#BBBBBB", zorder=2,
                   label=text("plan.chart.tried", lang, n=len(e)))
        f = frontier(e)
        ax.step(f["probability"], f["cost_yuan"] / scale, where="pre", color="#0072B2", lw=1.8, zorder=3,
                label=text("plan.chart.frontier", lang))
        ax.axvline(spec.at_least, color="#D55E00", ls="--", lw=1.2, zorder=1,
                   label=text("plan.chart.target", lang, p=f"{spec.at_least:.0%}"))
        base = result.references.get("base_in_bounds")
        if base:
            ax.scatter([base["probability"]], [base["cost_yuan"] / scale], marker="^", s=60, color="#555555",
                       zorder=4, label=text("plan.chart.base", lang, name=spec.base.title(lang)))
        low, high = v["interval_95"]
        ax.errorbar([v["probability"]], [chosen["cost_yuan"] / scale],
                    xerr=[[v["probability"] - low], [high - v["probability"]]], fmt="*", ms=14,
                    color="#009E73", ecolor="#009E73", capsize=4, zorder=5,
                    label=text("plan.chart.chosen", lang, p=f"{v['probability']:.0%}", n=v["replicates"]))
        ax.set_xlim(max(0.0, min(e["probability"].min(), low) - 0.05), 1.0)
        ax.set_ylim(0, max(e["cost_yuan"].max(), chosen["cost_yuan"]) / scale * 1.12)
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        ax.set_xlabel(text(f"plan.chart.x.{spec.measure}", lang, year=spec.year))
        ax.set_ylabel(text(f"plan.chart.y.{spec.objective}", lang, year=spec.year))
        if result.found:
            title = text("plan.chart.title", lang, cost=f"{chosen['cost_yuan'] / scale:,.0f}",
                         p=f"{spec.at_least:.0%}", year=spec.year)
        else:
            title = text("plan.chart.title_none", lang, p=f"{spec.at_least:.0%}", year=spec.year,
                         best=f"{chosen['probability']:.0%}")
        ax.set_title(title, fontsize=12, loc="left")
        ax.text(0.0, -0.17, text("plan.chart.note", lang, n=spec.replicates, seed=spec.seed,
                                 vn=v["replicates"], vseed=v["seed"], bound=f"{v['lower_bound_95_one_sided']:.0%}"),
                transform=ax.transAxes, fontsize=8, color="#555555", va="top", wrap=True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.grid(axis="y", color="#EEEEEE", zorder=0)
        ax.legend(loc="upper left", fontsize=8, frameon=False)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)
    return path


_FONTS: dict[str, str] = {}


def _chart_font(lang: str) -> str:
    """A CJK font family for Chinese charts (the brief's finder), else DejaVu Sans."""
    if lang != "zh":
        return "DejaVu Sans"
    if "zh" not in _FONTS:
        from matplotlib import font_manager as fm

        from vcsim.experiments.brief.fonts import find_cjk_font
        entry = find_cjk_font()
        if entry is None:
            print(text("plan.no_cjk_font"), file=sys.stderr)
            _FONTS["zh"] = "DejaVu Sans"
        else:
            fm.fontManager.addfont(str(entry.fname))
            _FONTS["zh"] = entry.name
    return _FONTS["zh"]


def format_result(result: PlanResult, lang: str | None = None) -> str:
    spec, c, v = result.spec, result.chosen, result.verification
    lines = [text("plan.result_found" if result.found else "plan.result_none", lang, name=spec.name,
                  p=f"{spec.at_least:.0%}", year=spec.year, measure=text(f"plan.measure.{spec.measure}", lang,
                                                                          year=spec.year))]
    for key, value in c["levers"].items():
        lines.append(f"  {key} = {_show(value)}")
    lines.append(text("plan.result_cost", lang, cost=f"{c['cost_yuan']:,.0f}",
                      objective=text(f"plan.objective.{spec.objective}", lang, year=spec.year)))
    lines.append(text("plan.result_search", lang, p=f"{c['probability']:.1%}", n=c["replicates"], seed=spec.seed))
    lines.append(text("plan.result_verified" if v["meets_target"] else "plan.result_not_verified", lang,
                      p=f"{v['probability']:.1%}", n=v["replicates"], seed=v["seed"],
                      bound=f"{v['lower_bound_95_one_sided']:.1%}", target=f"{spec.at_least:.0%}"))
    up = result.references["upper_bounds"]
    lines.append(text("plan.result_upper", lang, cost=f"{up['cost_yuan']:,.0f}", p=f"{up['probability']:.1%}"))
    return "\n".join(lines)


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)
