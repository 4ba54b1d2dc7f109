"""Command-line part of ``vcsim calibrate`` (no heavy imports: ``vcsim --help`` stays fast)."""

from __future__ import annotations

import sys
from pathlib import Path


def add_command(sub) -> None:
    from vcsim.experiments.experiment_cli import _add_execution
    cal = sub.add_parser("calibrate", help="fit uncertain parameters to observed figures "
                         "(ABC-SMC) and write their posterior")
    cal.add_argument("calibration", type=Path, help="calibration .toml file (base scenario, "
                     "parameters with prior bounds, observed targets)")
    cal.add_argument("--out", "-o", type=Path,
                     help="output folder (default results/calibrate-NAME)")
    cal.add_argument("--roster", type=Path, help="village roster (.csv or .xlsx); overrides "
                     "the file's 'roster'; default: the built-in county")
    cal.add_argument("--no-charts", action="store_true", help="skip the charts")
    _add_execution(cal)
    cal.set_defaults(handler=cmd_calibrate)


def cmd_calibrate(args) -> int:
    from vcsim.experiments.calibrate import _roster, format_result, load_calibration, run_calibration
    from vcsim.experiments.engines import check_engine
    from vcsim.experiments.execution import Stopped, stop_on_signals
    from vcsim.experiments.messages import text
    check_engine(args.engine)
    roster = None
    if args.roster is not None:
        roster = _roster(args.roster, 0)
    cal = load_calibration(args.calibration, roster=roster)  # every input checked before any run
    out = args.out or Path("results") / f"calibrate-{cal.name}"
    log = (lambda msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr))
    try:
        with stop_on_signals():
            result = run_calibration(cal, out, workers=args.workers, scheduler=args.scheduler,
                                     engine=args.engine, progress=not args.quiet, roster=roster,
                                     charts=not args.no_charts, log=log)
    except Stopped as stop:  # the pool's workers are stopped on the way out of run_calibration
        print(f"\nvcsim: {text('calibrate.stopped', signal=stop.signal_name, out=out)}", file=sys.stderr)
        return stop.exit_code
    if not args.quiet:
        print(format_result(result))
        print(text("calibrate.done", folder=out))
    return 0
