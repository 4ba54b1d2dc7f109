"""``vcsim sweep``: run an experiment's design points x replicates into a results store.

Every run is identified by (point, replicate). Run (p, r) uses the base scenario with
point p's parameter values, seed ``experiment.seed`` and replicate r, so its numbers
depend only on those (common random numbers across points) and never on which worker
ran it, how the runs were chunked, or whether the sweep was interrupted and resumed.

Runs are grouped into chunks (several runs per task, sized so a task takes a few
seconds) and sent to a local process pool or a Dask cluster (``experiments.execution``);
each finished chunk comes back as a small table of county measures (no village rows)
and is written at once as one Parquet part (``experiments.store``), so memory stays
bounded however many runs there are. A run's row set is one row per year with columns
``point``, ``replicate``, ``year``, the varied parameters, and the outputs.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from vcsim.experiments.engines import (DEFAULT_ENGINE, check_engine, run_cost_seconds, simulate_runs,
                                       warm_up_worker)
from vcsim.experiments.errors import InputError
from vcsim.experiments import execution
from vcsim.experiments.messages import text
from vcsim.experiments.execution import WorkPool
from vcsim.experiments.experiment import (ISHIGAMI_A, ISHIGAMI_B, ISHIGAMI_OUTPUTS, ISHIGAMI_PARAMETERS, Experiment,
                                    check_outputs, experiment_hash, load_experiment)
from vcsim.experiments.store import (MANIFEST, POINTS, ResultsStore, read_parquet, read_runs, write_json,
                                     write_parquet)

ID_COLUMNS = ["point", "replicate", "year"]


# ------------------------------------------------------------------------------ worker side


@dataclass
class SweepContext:
    """What every worker needs, sent once per worker."""
    model: str
    engine: str
    seed: int
    base_overrides: dict
    roster: pd.DataFrame | None
    outputs: list[str]
    factors: list[tuple[str, str]]  # (key, kind)
    posterior: Any = None  # experiments.posterior.Posterior: the other parameters drawn per replicate


_DTYPES = {"float": "float64", "int": "int64", "bool": "bool"}


def run_chunk(ctx: SweepContext, task: list[tuple[int, int, tuple]]) -> pd.DataFrame:
    """Run every (point, replicate, values) of a task; one row per run and year. The
    task's runs go to the engine together (the vector engine runs them as one batch,
    whatever their points)."""
    keys = [k for k, _ in ctx.factors]
    if ctx.model == "ishigami":
        tables = [{"year": [0], "y": [ishigami(*(dict(zip(keys, values))[x] for x in ISHIGAMI_PARAMETERS))]}
                  for _, _, values in task]
        years = np.concatenate([np.asarray(t["year"], dtype="int64") for t in tables])
        run = np.arange(len(task))
        outs = {"y": np.array([t["y"][0] for t in tables])}
    else:
        from vcsim.model.parameters import make_params
        if ctx.posterior is None:
            params = {}  # one parameter set per point
            for point, _, values in task:
                if point not in params:
                    params[point] = make_params({**ctx.base_overrides, **dict(zip(keys, values))})
            runs = [(params[point], replicate) for point, replicate, _ in task]
        else:  # each replicate draws the calibrated parameters; the point's own values win
            from vcsim.experiments.posterior import replicate_overrides
            runs = [(make_params({**replicate_overrides(ctx.posterior, ctx.base_overrides, ctx.seed, [replicate])[0],
                                  **dict(zip(keys, values))}), replicate) for _, replicate, values in task]
        results = simulate_runs(runs, ctx.roster, ctx.seed, ctx.engine)
        annual, run = results.annual, results.run_of["annual"]
        years = annual["year"].to_numpy("int64")
        outs = {out: annual[out].to_numpy() for out in ctx.outputs}
    columns = {"point": np.array([point for point, _, _ in task], dtype="int64")[run],
               "replicate": np.array([replicate for _, replicate, _ in task], dtype="int64")[run],
               "year": years}
    for j, (key, kind) in enumerate(ctx.factors):
        columns[key] = np.array([values[j] for _, _, values in task], dtype=_DTYPES[kind])[run]
    columns.update(outs)
    return pd.DataFrame(columns)


def ishigami(x1: float, x2: float, x3: float, a: float = ISHIGAMI_A, b: float = ISHIGAMI_B) -> float:
    """The Ishigami test function, whose Sobol' indices are known exactly."""
    return math.sin(x1) + a * math.sin(x2) ** 2 + b * x3 ** 4 * math.sin(x1)


# ------------------------------------------------------------------------------ parent side


@dataclass
class SweepResult:
    out: Path
    experiment_hash: str
    points: int
    replicates: int
    runs_total: int
    runs_before: int  # already stored when this call started (resume)
    runs_now: int
    seconds: float
    where: str
    sensitivity: dict | None


def county_measures() -> list[str]:
    """Names of the county measures every engine reports (``model.outputs``)."""
    from vcsim.model.outputs import COUNTY_MEASURES
    return list(COUNTY_MEASURES)


def prepare(experiment: Experiment, roster_path: Path | None = None, engine: str = DEFAULT_ENGINE):
    """(roster, outputs, years) of an experiment, every input checked."""
    check_engine(engine)
    if experiment.model == "ishigami":
        outputs = experiment.outputs or list(ISHIGAMI_OUTPUTS)
        return None, outputs, [0]
    from vcsim.experiments.roster import load_default_roster, read_roster
    path = roster_path or experiment.roster_path
    roster = load_default_roster() if path is None else read_roster(path, seed=experiment.seed)
    available = county_measures()
    if experiment.outputs:
        check_outputs(experiment.outputs, available, str(experiment.path))
    outputs = experiment.outputs or available
    end = experiment.scenario.params().simulation.end_year
    if "simulation.end_year" in experiment.parameter_names:
        _, points = experiment.design_matrix()
        end = int(points["simulation.end_year"].max())
    years = list(range(2019, end + 1))
    return roster, outputs, years


def sensitivity_years(experiment: Experiment, years: list[int]) -> list[int]:
    if experiment.model == "ishigami":
        return [0]
    if experiment.sensitivity_years:
        bad = [y for y in experiment.sensitivity_years if y not in years]
        if bad:
            raise InputError("sweep.year_not_simulated", file=experiment.path, year=bad[0],
                             first=years[0], last=years[-1])
        return list(experiment.sensitivity_years)
    clearance = experiment.scenario.params().rollout.remaining_year
    return sorted({y for y in (clearance, years[-1]) if y in years})


def chunk_size_for(experiment: Experiment, roster, years, runs_missing: int, slots: int,
                   engine: str) -> int:
    if experiment.model == "ishigami":
        per_run = 1e-4
    else:
        per_run = run_cost_seconds(len(roster), len(years), engine)
    return execution.chunk_size(per_run, runs_missing, slots)


def run_sweep(experiment: Experiment | str | Path, out: Path | None = None, *,
              workers: int | None = None, scheduler: str | None = None, resume: bool = False,
              roster_path: Path | None = None, engine: str = DEFAULT_ENGINE,
              chunk_size: int | None = None, progress: bool = True,
              log=None, posterior=None) -> SweepResult:
    """Run (or finish, with ``resume``) a sweep and write its results store.

    ``posterior`` (``experiments.posterior.Posterior``, from ``--posterior``): every run
    draws the calibrated parameters it does not vary from it, by (seed, replicate)."""
    if not isinstance(experiment, Experiment):
        experiment = load_experiment(experiment)
    log = log or (lambda msg: print(msg, file=sys.stderr))
    out = Path(out) if out is not None else Path("results") / f"sweep-{experiment.name}"
    roster, outputs, years = prepare(experiment, roster_path, engine)
    if progress and experiment.scenario is not None:  # the base's settings scaled to the roster
        from vcsim.experiments.county_settings import scaled_settings_lines
        log("\n".join(scaled_settings_lines([experiment.scenario], roster)))
    x, points = experiment.design_matrix()
    base = experiment.scenario.overrides if experiment.scenario is not None else {}
    digest = experiment_hash(experiment, base, roster, engine,
                             posterior=None if posterior is None else posterior.digest())
    n_points, reps = len(points), experiment.replicates
    sens_years = sensitivity_years(experiment, years)  # checked before any run
    manifest = {
        "experiment_hash": digest,
        "experiment_file": str(experiment.path),
        "experiment_name": experiment.name,
        "description": experiment.description,
        "experiment": experiment.canonical(),
        "base_scenario": None if experiment.scenario is None else {
            "name": experiment.scenario.name, "file": str(experiment.scenario.path),
            "overrides": {k: base[k] for k in sorted(base)}},
        "roster": None if roster is None else {
            "source": str(roster_path or experiment.roster_path or "default county"),
            "villages": int(len(roster))},
        "engine": engine,
        **({} if posterior is None else {"posterior": {
            "file": str(posterior.path), "sha256": posterior.digest(),
            "calibration": posterior.calibration, "parameters": posterior.keys}}),
        "points": int(n_points), "replicates": int(reps), "runs": int(n_points * reps),
        "years": years, "parameters": experiment.parameter_names, "outputs": outputs,
        "columns": ID_COLUMNS + experiment.parameter_names + outputs,
        "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "complete": False,
    }
    store = ResultsStore(out)
    try:
        resumed = store.open(manifest, resume)
        if resumed and (out / POINTS).exists():
            _check_same_design(store, points)
        else:  # a new sweep, or one killed between writing its manifest and its design
            write_parquet(out / POINTS, points)
        _record_provenance(out, experiment, base, roster, engine, digest, resumed)
        done = store.done_runs()
        n_missing = n_points * reps - len(done)

        def missing():  # lazily, in (point, replicate) order: no list of every run
            for p in range(n_points):
                for r in range(reps):
                    if (p, r) not in done:
                        yield p, r

        keys = experiment.parameter_names
        values = [tuple(_plain(v) for v in row) for row in points[keys].itertuples(index=False, name=None)]
        ctx = SweepContext(model=experiment.model, engine=engine, seed=experiment.seed,
                           base_overrides=base, roster=roster, outputs=outputs,
                           factors=[(f.key, f.kind) for f in experiment.factors],
                           posterior=posterior)
        start = time.perf_counter()
        where = text("sweep.nothing_to_run")
        if n_missing:
            with WorkPool(run_chunk, ctx, workers=workers, scheduler=scheduler, warm_up=warm_up_worker) as pool:
                where = pool.describe()
                size = chunk_size or chunk_size_for(experiment, roster, years, n_missing,
                                                    pool.slots, engine)
                tasks = ([(p, r, values[p]) for p, r in chunk] for chunk in _batched(missing(), size))
                log(text("sweep.plan", name=experiment.name, points=n_points, replicates=reps,
                         runs=n_points * reps, missing=n_missing, size=size, where=where,
                         done=text("sweep.already_done", runs=len(done)) if done else ""))
                with tqdm(total=n_points * reps, initial=len(done), unit=text("progress.unit"),
                          desc=experiment.name, disable=not progress, smoothing=0.1,
                          file=sys.stderr) as bar:
                    for task, frame in pool.imap_unordered(tasks):
                        store.write_part(frame)
                        bar.update(len(task))
        seconds = time.perf_counter() - start
        store.update_manifest(complete=True, finished=dt.datetime.now().astimezone()
                              .isoformat(timespec="seconds"))
        sens = None
        if n_points > 1:
            sens = write_sensitivity(experiment, out, x, outputs, sens_years)
        return SweepResult(out, digest, n_points, reps, n_points * reps, len(done),
                           n_missing, seconds, where, sens)
    finally:
        store.close()


def _record_provenance(out: Path, experiment: Experiment, base: dict, roster, engine: str,
                       digest: str, resumed: bool) -> None:
    """``provenance.json``: the command that started the sweep; a resumed sweep keeps it
    and adds its own record under ``resumed_by`` (the runs must come out the same, which
    the experiment hash checks, but the installation may have changed)."""
    from vcsim.experiments.provenance import FILE, provenance
    scenarios = None if experiment.scenario is None else {experiment.scenario.name: base}
    record = provenance(scenarios=scenarios, roster=roster, seed=experiment.seed,
                        replicates=experiment.replicates, engine=engine,
                        extra={"experiment_hash": digest, "experiment_file": str(experiment.path)})
    path = out / FILE
    if resumed and path.is_file():
        import json
        try:
            first = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            first = None
        if isinstance(first, dict):
            first.setdefault("resumed_by", []).append(record)
            record = first
    write_json(path, record)


def _check_same_design(store: ResultsStore, points: pd.DataFrame) -> None:
    path = store.root / POINTS
    try:
        stored = read_parquet(path)
    except (OSError, ValueError) as exc:
        raise InputError("sweep.bad_stored_design", file=path, reason=exc) from None
    same = (list(stored.columns) == list(points.columns) and len(stored) == len(points)
            and all(np.allclose(stored[c].to_numpy(float), points[c].to_numpy(float),
                                rtol=0, atol=0, equal_nan=True) for c in points.columns))
    if not same:
        raise InputError("sweep.design_differs", file=store.root, points=POINTS)


def write_sensitivity(experiment: Experiment, out: Path, x: np.ndarray, outputs: list[str],
                      years: list[int]) -> dict:
    from vcsim.experiments.sensitivity import analyse
    runs = read_runs(out, columns=outputs, years=years)
    frame, summary = analyse(experiment, x, runs, outputs, years)
    write_parquet(out / "sensitivity.parquet", frame)
    write_json(out / "sensitivity.json", summary)
    return summary


def _batched(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _plain(v):
    return v.item() if hasattr(v, "item") else v


__all__ = ["run_sweep", "run_chunk", "read_runs", "SweepContext", "SweepResult", "ishigami",
           "MANIFEST"]
