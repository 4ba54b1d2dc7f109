"""Command-line parts of ``vcsim compare``, ``vcsim sweep`` and ``vcsim bench``.

``experiments.cli`` builds the parser and calls :func:`add_commands`; each command sets
``handler`` so the main dispatcher needs no list of them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from vcsim.experiments.errors import InputError


def _positive_int(text: str) -> int:
    from vcsim.experiments.cli import _positive_int as check
    return check(text)


def _seed(text: str) -> int:
    from vcsim.experiments.cli import _seed as check
    return check(text)


def _add_execution(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", "-w", type=_positive_int,
                       help="local worker processes, this one included (default: the number "
                            "of cores; 1 runs in this process alone)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--engine", default="vector",
                        help="simulation engine: vector (default; the same numbers as the "
                             "agents, faster) or agents (the Mesa agent model)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")


def _add_posterior(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--posterior", type=Path, metavar="FILE",
                        help="posterior.parquet from `vcsim calibrate`: each replicate draws the "
                             "calibrated parameters from it (the same draw in every scenario), "
                             "so results carry parameter uncertainty as well as luck")


def add_commands(sub) -> None:
    from vcsim.experiments.cli import DEFAULT_REPLICATES

    cmp = sub.add_parser("compare", help="run several scenarios on the same replicates and "
                         "compare them with paired differences")
    cmp.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                     help="scenario .toml files or shipped names; the first is the baseline")
    cmp.add_argument("--baseline", "-b", help="name of the baseline scenario (default: the first)")
    cmp.add_argument("--replicates", "-r", type=_positive_int, default=DEFAULT_REPLICATES,
                     help=f"replicates per scenario (default {DEFAULT_REPLICATES})")
    cmp.add_argument("--seed", "-s", type=_seed, default=1, help="seed (default 1)")
    cmp.add_argument("--out", "-o", type=Path,
                     help="output folder (default results/compare-NAME1-NAME2...)")
    cmp.add_argument("--roster", type=Path, help="village roster (.csv or .xlsx); default: "
                     "the built-in county")
    _add_posterior(cmp)
    _add_execution(cmp)
    cmp.set_defaults(handler=cmd_compare)

    swp = sub.add_parser("sweep", help="run an experiment file (grid, LHS, Sobol, Morris) "
                         "into a resumable results store, with sensitivity indices")
    swp.add_argument("experiment", type=Path, help="experiment .toml file")
    swp.add_argument("--out", "-o", type=Path,
                     help="output folder (default results/sweep-EXPERIMENT)")
    swp.add_argument("--resume", action="store_true",
                     help="continue an interrupted sweep in --out: run only the missing runs")
    swp.add_argument("--roster", type=Path, help="village roster (.csv or .xlsx); overrides "
                     "the experiment's 'roster'; default: the built-in county")
    swp.add_argument("--chunk-size", type=_positive_int,
                     help="runs per task (default: about 4 seconds of work)")
    _add_posterior(swp)
    _add_execution(swp)
    swp.set_defaults(handler=cmd_sweep)

    bench = sub.add_parser("bench", help="benchmarks: --engines (agent vs vector engine), "
                           "--sweep (this sweep runner against mesa.batch_run); default both")
    bench.add_argument("--engines", action="store_true",
                       help="agent vs vector engine on the default county, and a "
                            f"{500_000:,}-village region")
    bench.add_argument("--sweep", action="store_true",
                       help="sweep runner vs mesa.batch_run on a 3x3 funding grid x 4 replicates")
    bench.add_argument("--plan", action="store_true",
                       help="vcsim plan on experiments/example_plan.toml, verification included, "
                            "in one process and on --workers workers")
    bench.add_argument("--sweep-throughput", action="store_true",
                       help="an LHS sweep of 400 points x 8 replicates on the vector engine: "
                            "village-months per second per worker")
    bench.add_argument("--workers", "-w", type=_positive_int, default=2,
                       help="processes for both runners (default 2)")
    bench.add_argument("--repeat", type=_positive_int, default=1,
                       help="alternate the runners this many times and keep each one's "
                            "fastest run (default 1)")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.set_defaults(handler=cmd_bench)


def cmd_compare(args) -> int:
    from vcsim.experiments.cli import _load_roster, print_scaled_settings
    from vcsim.experiments.compare import default_out, format_comparison, run_compare
    from vcsim.experiments.engines import check_engine
    from vcsim.experiments.scenario import load_scenario
    check_engine(args.engine)
    scenarios = [load_scenario(s) for s in args.scenarios]  # check everything first
    posterior = None
    if args.posterior is not None:
        from vcsim.experiments.posterior import load_posterior
        posterior = load_posterior(args.posterior)
    roster = _load_roster(args.roster, args.seed)
    if not args.quiet:
        print_scaled_settings(scenarios, roster)
    out = args.out or default_out([s.name for s in scenarios])
    start = time.perf_counter()
    comparison = run_compare(scenarios, roster, args.replicates, args.seed, out,
                             baseline=args.baseline, workers=args.workers,
                             scheduler=args.scheduler, engine=args.engine,
                             progress=not args.quiet, posterior=posterior)
    if not args.quiet:
        print(format_comparison(comparison))
        print(f"{len(scenarios)} x {args.replicates} runs in {time.perf_counter() - start:.1f} s; "
              f"outputs in {out}/")
    return 0


def cmd_sweep(args) -> int:
    from vcsim.experiments.engines import check_engine
    from vcsim.experiments.experiment import load_experiment
    from vcsim.experiments.sensitivity import format_table
    from vcsim.experiments.sweep import run_sweep
    check_engine(args.engine)
    experiment = load_experiment(args.experiment)
    posterior = None
    if args.posterior is not None:
        from vcsim.experiments.posterior import load_posterior
        posterior = load_posterior(args.posterior)
    out = args.out or Path("results") / f"sweep-{experiment.name}"
    try:
        result = run_sweep(experiment, out, workers=args.workers, scheduler=args.scheduler,
                           resume=args.resume, roster_path=args.roster, engine=args.engine,
                           chunk_size=args.chunk_size, progress=not args.quiet,
                           posterior=posterior)
    except KeyboardInterrupt:
        print(f"\nvcsim: interrupted; finished runs are kept in {out}/. Continue with: "
              f"vcsim sweep {args.experiment} --out {out} --resume", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        from vcsim.experiments.execution import WorkerLost
        if isinstance(exc, WorkerLost):
            print(f"vcsim: {exc}; finished runs are kept in {out}/. Continue with: "
                  f"vcsim sweep {args.experiment} --out {out} --resume", file=sys.stderr)
            return 1
        raise
    if not args.quiet:
        if result.runs_now == 0:
            print(f"all {result.runs_total} runs were already done in {out}/")
        else:
            rate = result.runs_now / result.seconds if result.seconds else float("inf")
            print(f"{result.runs_now} runs in {result.seconds:.1f} s ({rate:.1f} runs/s) on "
                  f"{result.where}" + (f"; {result.runs_before} were already done"
                                       if result.runs_before else ""))
        if result.sensitivity:
            print(f"sensitivity ({result.sensitivity['method']}):")
            print(format_table(result.sensitivity))
        print(f"results in {out}/ (runs/: pandas.read_parquet('{out}/runs'))")
    if result.sensitivity:  # shown even with --quiet: the indices may not mean what they say
        from vcsim.experiments.messages import text
        from vcsim.experiments.sensitivity import noise_messages
        for msg in noise_messages(result.sensitivity):
            print(text("warning.prefix", message=msg), file=sys.stderr)
    return 0


def cmd_bench(args) -> int:
    from vcsim.experiments import bench
    parts = [name for name in bench.PARTS if getattr(args, name, False)] or list(bench.PARTS)
    import inspect
    options = {"workers": args.workers, "repeat": args.repeat}
    report = {}
    for name in parts:  # each part gets the options it takes
        accepted = inspect.signature(bench.PARTS[name]).parameters
        report[name] = bench.PARTS[name](**{k: v for k, v in options.items() if k in accepted})
    if args.json:  # one object holding every part's fields
        print(json.dumps({k: v for r in report.values() for k, v in r.items()}, ensure_ascii=False))
    else:
        for name in parts:
            print(bench.FORMATTERS[name](report[name]))
    return 0


__all__ = ["add_commands", "cmd_compare", "cmd_sweep", "cmd_bench", "InputError"]
