"""``vcsim bench``: benchmarks, one function per part, each returning a JSON-able dict.

Part ``plan`` (``vcsim bench --plan``): ``vcsim plan`` on the example plan file
(``experiments/example_plan.toml``), verification and output files included, each in a
fresh Python process (wall time from its start), once in one process and once on the
``--workers`` local workers; seconds by stage, plans tried and runs simulated.

Part ``sweep`` (``vcsim bench --sweep``): this project's sweep runner
(``experiments.sweep.run_sweep``) against ``mesa.batch_run`` on the same small sweep, a
3 x 3 grid of 5025 grant levels (poor villages 400k/500k/600k yuan, others
150k/250k/350k) x 4 replicates on the default county, both with the agent engine and
the same number of worker processes. Each side runs in a fresh Python subprocess, which
reports its own wall time (from just before the sweep starts to just after it returns,
so interpreter start-up is excluded; pool start-up is included), CPU time of the process
and its workers (``resource.getrusage``), and peak resident memory: the process's own
high-water mark (``VmHWM``) and, sampled every 50 ms from ``/proc``, the peak of its
worker processes together and of everything together. Ratios are batch_run / sweep runner: above 1 means the sweep runner
is faster or smaller.

What the two produce differs in ways that matter more than speed: the sweep runner
stores every year of every run (7 years x 36 runs) on disk as it goes, can resume, and
runs replicate r of every point on the same random numbers; ``batch_run`` keeps every
row in memory, gives every iteration the same seed if a seed is passed (so here no seed
is passed and each iteration draws its own, unreproducibly), and with yearly collection
(``data_collection_period=12``) never records the last year, whose accounts close on the
final step after its data were collected.

Other parts (engine benchmarks) are added as functions in ``PARTS`` with a formatter in
``FORMATTERS``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mesa
import numpy as np

from vcsim.model import CollectiveEconomyModel, make_params

POOR = [400_000, 500_000, 600_000]
NONPOOR = [150_000, 250_000, 350_000]
REPLICATES = 4
SEED = 1
BATCH_MEASURES = ("zero_income_villages", "zero_income_share", "mean_income_yuan", "gini",
                  "share_income_ge_50k", "share_income_ge_100k", "fiscal_cost_yuan")

EXPERIMENT_TOML = f"""\
# vcsim bench --sweep: a 3 x 3 funding grid x {REPLICATES} replicates on the default county
scenario = "baseline"
design = "grid"
replicates = {REPLICATES}
seed = {SEED}
[parameters]
"funding.poor_village_yuan" = {{values = {POOR}}}
"funding.nonpoor_village_yuan" = {{values = {NONPOOR}}}
"""


# ------------------------------------------------------------------------------ batch_run side

_ROSTER = None
_BASE = None


def _roster_and_base():
    global _ROSTER, _BASE
    if _ROSTER is None:
        from vcsim.experiments.roster import load_default_roster
        from vcsim.experiments.scenario import load_scenario
        _ROSTER = load_default_roster()
        _BASE = load_scenario("baseline").overrides
    return _ROSTER, _BASE


def _last_year(measure: str):
    return lambda m: m.annual_records[-1][measure] if m.annual_records else None


class BatchRunCounty(CollectiveEconomyModel):
    """CollectiveEconomyModel with keyword parameters, as mesa.batch_run calls it: maps
    batch_run's kwargs to make_params overrides on top of the baseline scenario."""

    def __init__(self, poor_village_yuan=500_000, nonpoor_village_yuan=250_000, seed=None):
        roster, base = _roster_and_base()
        params = make_params({**base, "funding.poor_village_yuan": poor_village_yuan,
                              "funding.nonpoor_village_yuan": nonpoor_village_yuan})
        if seed is None:  # batch_run passes no per-iteration seed: draw one
            seed = int(np.random.SeedSequence().generate_state(1)[0])
        super().__init__(roster, params, replicate=0, seed=seed)
        # batch_run reads model.datacollector; report the last closed year's measures
        self.datacollector = mesa.DataCollector(model_reporters={
            "year_closed": _last_year("year"), **{k: _last_year(k) for k in BATCH_MEASURES}})


def _proc_kb(pid, field: str) -> int:
    """A memory field (kB) of /proc/PID/status, 0 if the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    out = list(children)
    for c in children:
        out += _descendants(c)
    return out


class MemorySampler:
    """Samples the resident memory of this process and all its descendants (worker
    processes) every ``interval`` seconds and keeps the peak of the total.

    ``ru_maxrss`` alone would mislead here: Linux carries a process's peak across fork
    and exec, so a fresh process started from a large one reports the large one's size."""

    def __init__(self, interval: float = 0.05):
        import threading
        self.interval = interval
        self.peak_total_kb = 0
        self.peak_workers_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = os.getpid()
        while not self._stop.is_set():
            workers = sum(_proc_kb(c, "VmRSS") for c in _descendants(me))
            self.peak_workers_kb = max(self.peak_workers_kb, workers)
            self.peak_total_kb = max(self.peak_total_kb, workers + _proc_kb(me, "VmRSS"))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _usage(sampler: MemorySampler) -> dict:
    """Peak memory (this process's own high-water mark, its workers together, and the
    total) and the CPU time of this process and its workers (CPU time is less disturbed
    than wall time when other work shares the machine)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers already joined
    return {"peak_rss_mb": round(_proc_kb("self", "VmHWM") / 1024, 1),
            "peak_workers_rss_mb": round(sampler.peak_workers_kb / 1024, 1),
            "peak_total_rss_mb": round(sampler.peak_total_kb / 1024, 1),
            "cpu_s": round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 2)}


def _replicates_argument() -> dict:
    """batch_run's replicates: ``rng`` (one seed per replicate; None draws one) from Mesa
    3.4, where ``iterations`` is deprecated; ``iterations`` before, which has no ``rng``."""
    import inspect
    if "rng" in inspect.signature(mesa.batch_run).parameters:
        return {"rng": [None] * REPLICATES}
    return {"iterations": REPLICATES}


def child_batch_run(workers: int) -> dict:
    with MemorySampler() as sampler:
        start = time.perf_counter()
        rows = mesa.batch_run(BatchRunCounty, parameters={"poor_village_yuan": POOR,
                                                          "nonpoor_village_yuan": NONPOOR},
                              number_processes=workers, **_replicates_argument(),
                              data_collection_period=12, max_steps=10_000, display_progress=False)
        wall = time.perf_counter() - start
    years = sorted({r["year_closed"] for r in rows if r["year_closed"] is not None})
    return {"wall_s": round(wall, 2), **_usage(sampler), "rows": len(rows),
            "years": [int(y) for y in years]}


def child_sweep(workers: int, engine: str = "agents") -> dict:
    from vcsim.experiments.sweep import read_runs, run_sweep
    with tempfile.TemporaryDirectory() as tmp:
        exp = Path(tmp) / "bench_grid.toml"
        exp.write_text(EXPERIMENT_TOML, encoding="utf-8")
        with MemorySampler() as sampler:
            start = time.perf_counter()
            run_sweep(exp, Path(tmp) / "out", workers=workers, progress=False,
                      log=lambda m: None, engine=engine)  # agents: as batch_run
            wall = time.perf_counter() - start
        runs = read_runs(Path(tmp) / "out", columns=["zero_income_villages"])
    return {"wall_s": round(wall, 2), **_usage(sampler), "rows": int(len(runs)),
            "years": sorted(int(y) for y in runs["year"].unique())}


def _in_fresh_process(func: str, workers: int, *args) -> dict:
    call = ", ".join(repr(a) for a in (workers, *args))
    code = (f"import json; from vcsim.experiments.bench import {func}; "
            f"print('BENCH ' + json.dumps({func}({call})))")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    total = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark {func} failed:\n{proc.stderr[-3000:]}")
    line = [x for x in proc.stdout.splitlines() if x.startswith("BENCH ")][-1]
    return {**json.loads(line[6:]), "process_wall_s": round(total, 2)}


def bench_sweep(workers: int = 2, repeat: int = 1) -> dict:
    """Sweep runner vs mesa.batch_run, each in a fresh subprocess, same sweep and engine.

    With ``repeat`` > 1 the two alternate and each keeps its fastest run (the machine may
    be busy with other work; the fastest run is the least disturbed)."""
    ours_runs, theirs_runs = [], []
    for _ in range(max(1, repeat)):
        ours_runs.append(_in_fresh_process("child_sweep", workers))
        theirs_runs.append(_in_fresh_process("child_batch_run", workers))
    ours = min(ours_runs, key=lambda r: r["wall_s"])
    theirs = min(theirs_runs, key=lambda r: r["wall_s"])
    vector = _in_fresh_process("child_sweep", workers, "vector")  # for information

    def ratio(key):
        return round(theirs[key] / ours[key], 2) if ours[key] else None

    return {
        "setup": f"3x3 funding grid x {REPLICATES} replicates = {9 * REPLICATES} runs, default "
                 f"county, agent engine, {workers} worker processes"
                 + (f", fastest of {repeat}" if repeat > 1 else ", one run each"),
        "vcsim_sweep": ours, "mesa_batch_run": theirs, "vcsim_sweep_vector_engine": vector,
        "ratios_batch_run_over_sweep": {"wall_s": ratio("wall_s"), "cpu_s": ratio("cpu_s"),
                                        "peak_rss_mb": ratio("peak_rss_mb"),
                                        "peak_workers_rss_mb": ratio("peak_workers_rss_mb"),
                                        "peak_total_rss_mb": ratio("peak_total_rss_mb")},
        "notes": ["batch_run: iterations share one seed if a seed is given, so none is "
                  "given and each iteration draws its own (not reproducible)",
                  "batch_run: the last year is never recorded (collected before the final "
                  "step closes the year); all rows stay in memory; no resume",
                  "vcsim sweep: includes writing the Parquet store and the sensitivity "
                  "table; peak memory of the parent includes pyarrow"],
    }


def format_sweep(r: dict) -> str:
    """The sweep benchmark as a table in the current language."""
    from vcsim.experiments.messages import table, text
    o, b, q = r["vcsim_sweep"], r["mesa_batch_run"], r["ratios_batch_run_over_sweep"]
    rows = [["", *text("bench.sweep_columns").split("|")]]
    rows += [[label, f"{x['wall_s']:.2f}", f"{x['cpu_s']:.2f}", f"{x['peak_rss_mb']:.1f}",
              f"{x['peak_workers_rss_mb']:.1f}", f"{x['peak_total_rss_mb']:.1f}", x["rows"],
              f"{x['years'][0]}-{x['years'][-1]}"]
             for label, x in (("vcsim sweep", o), ("mesa.batch_run", b),
                              (text("bench.sweep_vector"), r["vcsim_sweep_vector_engine"]))]
    return "\n".join([
        text("bench.sweep_head", setup=r["setup"]),
        *table(rows, "<>>>>>><"),
        text("bench.sweep_ratios", wall=q["wall_s"], cpu=q["cpu_s"], main=q["peak_rss_mb"],
             workers=q["peak_workers_rss_mb"], total=q["peak_total_rss_mb"]),
        text("bench.sweep_vector_note"),
        *(text("bench.note", note=n) for n in r["notes"]),
    ])


# ------------------------------------------------------------------------------ engines

LARGE_REGION = 500_000


def child_large_region(n_villages: int, rounds: int = 3) -> dict:
    """One replicate of a synthetic region on the vector engine, set up and run
    ``rounds`` times in a fresh process (so its peak memory is its own): the fastest run,
    as for the other figures (the machine's load changes by the minute), and the first,
    which alone pays for touching fresh memory (later runs reuse it, vcsim.memory)."""
    from vcsim.experiments.default_county import synthetic_region
    from vcsim.model.vector import VectorEngine
    VectorEngine(synthetic_region(500, seed=SEED), make_params(), SEED, [0]).run()  # compiled, not timed
    roster = synthetic_region(n_villages, seed=SEED)
    runs = []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        VectorEngine(roster, make_params(), SEED, [0], keep_villages=False).run()
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    return {"seconds": round(min(runs)[0], 3), "cpu_s": round(min(c for _, c in runs), 3),
            "first_run_seconds": round(runs[0][0], 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def bench_engines(workers: int = 1, large_region: int = LARGE_REGION) -> dict:
    """The agent and the vector engine side by side in this process, on the default
    county (village-months per second, one replicate, and 100 replicates batched), and
    one run of a large synthetic region in a fresh process. One core throughout."""
    from vcsim.experiments.roster import load_default_roster
    from vcsim.model.vector import VectorEngine
    roster, params = load_default_roster(), make_params()
    months = (params.simulation.end_year - 2018) * 12
    vm = len(roster) * months  # village-months of one replicate

    def timed(run):
        start, cpu = time.perf_counter(), time.process_time()
        out = run()
        return time.perf_counter() - start, out, time.process_time() - cpu

    # the three interleaved, three rounds, each keeping its fastest run: the machine's
    # load changes by the minute, and a ratio needs both sides measured under the same
    runs = {"agents": lambda: CollectiveEconomyModel(roster, params, 0, SEED).run(),
            "vector1": lambda: VectorEngine(roster, params, SEED, [0]).run(),
            "vector100": lambda: VectorEngine(roster, params, SEED, range(100)).run()}
    best, least_cpu = {}, {}
    for _ in range(3):
        for name, run in runs.items():
            seconds, out, cpu = timed(run)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, out)
            least_cpu[name] = min(cpu, least_cpu.get(name, cpu))
    agents, vector1 = best["agents"][0], best["vector1"][0]
    vector100 = best["vector100"][0]
    # where the time goes: the same 100 replicates a month at a time, each kernel timed
    # (the fastest of three runs, part by part)
    parts = {}
    for _ in range(3):
        seconds = VectorEngine(roster, params, SEED, range(100)).run(by_part=True).seconds
        parts = {k: min(v, parts.get(k, v)) for k, v in seconds.items()}
    agents_cpu, vector100_cpu = least_cpu["agents"], least_cpu["vector100"]
    code = (f"import json; from vcsim.experiments.bench import child_large_region; "
            f"print('BENCH ' + json.dumps(child_large_region({large_region})))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"large-region benchmark failed:\n{proc.stderr[-3000:]}")
    large = json.loads([x for x in proc.stdout.splitlines() if x.startswith("BENCH ")][-1][6:])
    return {
        "agents_village_months_per_s": round(vm / agents),
        "vector_village_months_per_s": round(vm / vector1),
        "vector_batched_village_months_per_s": round(100 * vm / vector100),
        "speedup": round(agents / vector1, 1),
        "speedup_batched": round(agents * 100 / vector100, 1),
        # CPU time of the same runs (the least of the three rounds): less disturbed than
        # wall time on a shared machine
        "agents_village_months_per_cpu_s": round(vm / agents_cpu),
        "vector_batched_village_months_per_cpu_s": round(100 * vm / vector100_cpu),
        "speedup_batched_cpu": round(agents_cpu * 100 / vector100_cpu, 1),
        "load_average": _load_average(),
        # the 100 batched replicates run a month at a time, by part, all compiled: the
        # counties' decisions, the month (partners, takings, failures, payments,
        # assessment), the year's end (with the calls from Python of each month)
        "batched_seconds_by_part": {k: round(v, 3) for k, v in parts.items()},
        "compiled_month_village_months_per_s": round(100 * vm / parts["month"]),
        "large_region_villages": large_region,
        "large_region_seconds": large["seconds"],  # the fastest of three runs in one process
        "large_region_cpu_s": large["cpu_s"],
        "large_region_first_run_seconds": large["first_run_seconds"],
        "peak_rss_mb": large["peak_rss_mb"],
        "default_county": f"{len(roster)} villages x {months} months",
    }


def _load_average() -> float | None:
    """The machine's load over the last minute (None where unknown): beside a time
    measured on a shared machine, it says how much others were using it."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def format_engines(r: dict) -> str:
    """The engine benchmark in the current language."""
    from vcsim.experiments.messages import text
    parts = ", ".join(f"{k} {v}" for k, v in r["batched_seconds_by_part"].items())
    return "\n".join([
        text("bench.engines_head", county=r["default_county"], load=r["load_average"]),
        text("bench.engines_agents", rate=r["agents_village_months_per_s"],
             per_cpu=r["agents_village_months_per_cpu_s"]),
        text("bench.engines_vector", rate=r["vector_village_months_per_s"], speedup=r["speedup"]),
        text("bench.engines_batched", rate=r["vector_batched_village_months_per_s"],
             speedup=r["speedup_batched"], per_cpu=r["vector_batched_village_months_per_cpu_s"],
             speedup_cpu=r["speedup_batched_cpu"]),
        text("bench.engines_compiled", rate=r["compiled_month_village_months_per_s"], parts=parts),
        text("bench.engines_region", villages=r["large_region_villages"],
             seconds=r["large_region_seconds"], cpu=r["large_region_cpu_s"],
             first=r["large_region_first_run_seconds"], memory=r["peak_rss_mb"]),
    ])


# ------------------------------------------------------------------------------ vcsim plan

PLAN_TARGET_SECONDS = 120  # issue 11: the example search, verification included, within 2 minutes


EXAMPLE_PLAN = Path(__file__).resolve().parent / "example_plan.toml"


def child_plan(workers: int, plan: str = str(EXAMPLE_PLAN)) -> dict:
    """A plan file (default the example, ``experiments/example_plan.toml``) as ``vcsim
    plan`` runs it, in this (fresh) process, timed by stage."""
    start = time.perf_counter()
    from vcsim.experiments.plan import load_plan, run_plan, write_outputs
    from vcsim.experiments.roster import load_default_roster
    from vcsim.model.vector import VectorEngine
    imported = time.perf_counter()
    spec = load_plan(Path(plan))
    roster = load_default_roster()
    # the compiled kernel is loaded from numba's cache by the first run: timed apart
    VectorEngine(roster, make_params({"simulation.end_year": 2019}), SEED, [0], keep_villages=False).run()
    loaded = time.perf_counter()
    result = run_plan(spec, roster, workers=workers, progress=False, log=lambda message: None)
    searched = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_outputs(result, Path(tmp), roster)
    done = time.perf_counter()
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    e = result.evaluations
    simulated = int((~e["repeat_of_earlier"]).sum())
    return {
        "trials": spec.trials, "plans_simulated": simulated, "replicates_per_plan": spec.replicates,
        "verification_replicates": spec.verify_replicates,
        "runs": simulated * spec.replicates + spec.verify_replicates,
        "years_per_run": spec.year - 2018,
        "found": result.found, "verified_probability": result.verification["probability"],
        "seconds": {"imports": round(imported - start, 2), "engine_load": round(loaded - imported, 2),
                    "search_simulation": round(result.seconds["simulation"], 2),
                    "search_optimiser": round(result.seconds["optimiser"], 2),
                    "verification": round(result.seconds["verification"], 2),
                    "outputs": round(done - searched, 2),
                    "in_process": round(done - start, 2)},
        "cpu_s": round(own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime, 2),
    }


def bench_plan(workers: int = 2, plan: Path = EXAMPLE_PLAN) -> dict:
    """``vcsim plan`` on the example plan file (or ``plan``) in a fresh process
    (interpreter start-up included), once in one process and once on ``workers`` local
    workers."""
    out = {"target_s": PLAN_TARGET_SECONDS, "plan": str(plan), "runs": {}}
    for w in sorted({1, workers}):
        out["runs"][str(w)] = _in_fresh_process("child_plan", w, str(plan))
    out["within_target"] = all(r["process_wall_s"] <= PLAN_TARGET_SECONDS for r in out["runs"].values())
    return out


def format_plan(r: dict) -> str:
    """The plan benchmark in the current language."""
    from vcsim.experiments.messages import Msg, text
    lines = [text("bench.plan_head", plan=Path(r["plan"]).name, target=r["target_s"])]
    for w, run in r["runs"].items():
        s = run["seconds"]
        where = Msg("bench.plan_in_process") if w == "1" else Msg("bench.plan_workers", workers=w)
        lines += [
            text("bench.plan_run", where=where, wall=run["process_wall_s"], cpu=run["cpu_s"],
                 trials=run["trials"], simulated=run["plans_simulated"],
                 replicates=run["replicates_per_plan"], verify=run["verification_replicates"],
                 runs=run["runs"], years=run["years_per_run"],
                 probability=run["verified_probability"]),
            text("bench.plan_seconds",
                 startup=round(run["process_wall_s"] - s["in_process"] + s["imports"], 2),
                 load=s["engine_load"], simulation=s["search_simulation"],
                 optimiser=s["search_optimiser"], verification=s["verification"],
                 outputs=s["outputs"]),
        ]
    lines.append(text("bench.plan_within" if r["within_target"] else "bench.plan_not_within"))
    return "\n".join(lines)



# ------------------------------------------------------------------------------ sweep throughput

THROUGHPUT_POINTS, THROUGHPUT_REPLICATES = 400, 8
THROUGHPUT_TOML = """\
# vcsim bench --sweep-throughput: a Latin hypercube over two continuous parameters
scenario = "baseline"
design = "lhs"
samples = {points}
replicates = {replicates}
seed = {seed}
[parameters]
"models.cooperative.failure_per_year" = [0.0, 0.15]
"tourism.room_rate_yuan" = [200.0, 600.0]
"""


def child_sweep_throughput(workers: int, points: int, replicates: int) -> dict:
    """The LHS sweep on the vector engine, timed from just before ``run_sweep`` to just
    after it returns (pool start-up, the store and the sensitivity table included), with
    the CPU time of this process and its workers over the same span."""
    from vcsim.experiments.roster import load_default_roster
    from vcsim.experiments.sweep import read_runs, run_sweep
    villages = len(load_default_roster())
    with tempfile.TemporaryDirectory() as tmp:
        exp = Path(tmp) / "bench_lhs.toml"
        exp.write_text(THROUGHPUT_TOML.format(points=points, replicates=replicates, seed=SEED),
                       encoding="utf-8")
        cpu = _cpu_seconds()
        start = time.perf_counter()
        run_sweep(exp, Path(tmp) / "out", workers=workers, progress=False,
                  log=lambda m: None, engine="vector")
        wall = time.perf_counter() - start
        cpu = _cpu_seconds() - cpu  # (the workers are joined when run_sweep returns)
        runs = read_runs(Path(tmp) / "out", columns=["zero_income_villages"])
    village_months = points * replicates * villages * runs["year"].nunique() * 12
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "rows": int(len(runs)),
            "village_months": village_months}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def bench_sweep_throughput(workers: int = 2, points: int = THROUGHPUT_POINTS,
                           replicates: int = THROUGHPUT_REPLICATES) -> dict:
    """``vcsim bench --sweep-throughput``: a Latin-hypercube sweep of 400 points x 8
    replicates over ``models.cooperative.failure_per_year`` and ``tourism.room_rate_yuan``
    on the vector engine, in a fresh process (kernels compiled beforehand): village-months
    per second per worker = village-months / wall time / workers."""
    _in_fresh_process("child_sweep_throughput", 1, 2, 1)  # compiles and caches, not timed
    r = _in_fresh_process("child_sweep_throughput", workers, points, replicates)
    return {"sweep_throughput_setup": f"LHS {points} points x {replicates} replicates, default "
                                      f"county, vector engine, {workers} workers",
            "sweep_throughput_wall_s": r["wall_s"],
            # CPU time of the sweep's processes: less disturbed than wall time on a shared machine
            "sweep_throughput_cpu_s": r["cpu_s"],
            "sweep_village_months_per_cpu_s": round(r["village_months"] / r["cpu_s"]),
            "sweep_throughput_workers": workers,
            "load_average": _load_average(),
            "sweep_throughput_rows": r["rows"],
            "sweep_village_months_per_s_per_worker": round(r["village_months"] / r["wall_s"] / workers)}


def format_sweep_throughput(r: dict) -> str:
    """The sweep throughput benchmark in the current language."""
    from vcsim.experiments.messages import text
    return text("bench.sweep_throughput", setup=r["sweep_throughput_setup"],
                wall=r["sweep_throughput_wall_s"], cpu=r["sweep_throughput_cpu_s"],
                rate=r["sweep_village_months_per_s_per_worker"],
                per_cpu=r["sweep_village_months_per_cpu_s"], load=r["load_average"])


PARTS = {"engines": bench_engines, "sweep": bench_sweep, "sweep_throughput": bench_sweep_throughput,
         "plan": bench_plan}
FORMATTERS = {"engines": format_engines, "sweep": format_sweep,
              "sweep_throughput": format_sweep_throughput, "plan": format_plan}
