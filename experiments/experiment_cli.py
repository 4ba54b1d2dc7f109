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
from vcsim.experiments.messages import text


def _positive_int(text: str) -> int:
    from vcsim.experiments.cli import _positive_int as check
    return check(text)


def _seed(text: str) -> int:
    from vcsim.experiments.cli import _seed as check
    return check(text)


def _add_execution(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", "-w", type=_positive_int,
                       help=text("help.workers"))
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help=text("help.scheduler"))
    parser.add_argument("--engine", default="vector",
                        help=text("help.engine"))
    parser.add_argument("--quiet", "-q", action="store_true", help=text("help.quiet"))


def _add_posterior(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--posterior", type=Path, metavar="FILE",
                        help=text("help.posterior"))


def add_commands(sub) -> None:
    from vcsim.experiments.cli import DEFAULT_REPLICATES

    cmp = sub.add_parser("compare", help=text("help.compare"))
    cmp.add_argument("scenarios", nargs="+", metavar="SCENARIO", help=text("help.scenarios"))
    cmp.add_argument("--baseline", "-b", help=text("help.baseline"))
    cmp.add_argument("--replicates", "-r", type=_positive_int, default=DEFAULT_REPLICATES,
                     help=text("help.replicates", default=DEFAULT_REPLICATES))
    cmp.add_argument("--seed", "-s", type=_seed, default=1, help=text("help.seed"))
    cmp.add_argument("--out", "-o", type=Path, help=text("help.out_compare"))
    cmp.add_argument("--roster", type=Path, help=text("help.roster"))
    _add_posterior(cmp)
    _add_execution(cmp)
    cmp.set_defaults(handler=cmd_compare)

    swp = sub.add_parser("sweep", help=text("help.sweep"))
    swp.add_argument("experiment", type=Path, help=text("help.experiment"))
    swp.add_argument("--out", "-o", type=Path, help=text("help.out_sweep"))
    swp.add_argument("--resume", action="store_true", help=text("help.resume"))
    swp.add_argument("--roster", type=Path, help=text("help.roster_sweep"))
    swp.add_argument("--chunk-size", type=_positive_int, help=text("help.chunk_size"))
    _add_posterior(swp)
    _add_execution(swp)
    swp.set_defaults(handler=cmd_sweep)

    bench = sub.add_parser("bench", help=text("help.bench"))
    bench.add_argument("--engines", action="store_true", help=text("help.bench_engines"))
    bench.add_argument("--sweep", action="store_true", help=text("help.bench_sweep"))
    bench.add_argument("--plan", action="store_true", help=text("help.bench_plan"))
    bench.add_argument("--sweep-throughput", action="store_true",
                       help=text("help.bench_sweep_throughput"))
    bench.add_argument("--workers", "-w", type=_positive_int, default=2,
                       help=text("help.bench_workers"))
    bench.add_argument("--repeat", type=_positive_int, default=1, help=text("help.bench_repeat"))
    bench.add_argument("--json", action="store_true", help=text("help.bench_json"))
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
        print(text("compare.done", scenarios=len(scenarios), replicates=args.replicates,
                   seconds=time.perf_counter() - start, out=out))
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
        print("\n" + text("sweep.interrupted", out=out, experiment=args.experiment),
              file=sys.stderr)
        return 130
    except RuntimeError as exc:
        from vcsim.experiments.execution import WorkerLost
        if isinstance(exc, WorkerLost):
            print(text("sweep.worker_lost", reason=exc.msg, out=out,
                       experiment=args.experiment), file=sys.stderr)
            return 1
        raise
    if not args.quiet:
        if result.runs_now == 0:
            print(text("sweep.all_done", runs=result.runs_total, out=out))
        else:
            rate = result.runs_now / result.seconds if result.seconds else float("inf")
            before = (text("sweep.before", runs=result.runs_before) if result.runs_before
                      else "")
            print(text("sweep.done", runs=result.runs_now, seconds=result.seconds, rate=rate,
                       where=result.where, before=before))
        if result.sensitivity:
            print(text("sweep.sensitivity", method=result.sensitivity["method"]))
            print(format_table(result.sensitivity))
        print(text("sweep.results_in", out=out))
    if result.sensitivity:  # shown even with --quiet: the indices may not mean what they say
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
