"""``vcsim plan``: the subcommand (added to the ``vcsim`` parser by experiments.cli).
The work is in ``experiments.plan``, imported when the command runs."""

from __future__ import annotations

import sys
from pathlib import Path

from vcsim.experiments.messages import text


def add_command(sub) -> None:
    from vcsim.experiments.experiment_cli import _add_execution
    p = sub.add_parser("plan", help=text("plan.help"), description=text("plan.description"))
    p.add_argument("plan", type=Path, metavar="PLAN.toml", help=text("plan.help_file"))
    p.add_argument("--out", "-o", type=Path, help=text("plan.help_out"))
    p.add_argument("--roster", type=Path, help=text("plan.help_roster"))
    _add_execution(p)
    p.set_defaults(handler=cmd_plan)


def cmd_plan(args) -> int:
    from vcsim.experiments.cli import _load_roster
    from vcsim.experiments.engines import check_engine
    from vcsim.experiments.errors import InputError
    from vcsim.experiments.execution import Stopped, stop_on_signals
    from vcsim.experiments.plan import format_result, load_plan, run_plan, write_outputs
    check_engine(args.engine)
    spec = load_plan(args.plan)  # everything checked before any run
    roster = _load_roster(args.roster or spec.roster, spec.seed)
    if not args.quiet:
        from vcsim.experiments.cli import print_scaled_settings
        print_scaled_settings([spec.base], roster)
    out = args.out or Path("results") / f"plan-{spec.name}"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("plan.cannot_write", folder=out, reason=exc.strerror) from None
    try:
        with stop_on_signals():
            result = run_plan(spec, roster, workers=args.workers, scheduler=args.scheduler,
                              progress=not args.quiet)
    except Stopped as stop:  # the pool's workers are stopped on the way out of run_plan
        print(f"\nvcsim: {text('plan.stopped', signal=stop.signal_name, out=out)}", file=sys.stderr)
        return stop.exit_code
    try:
        paths = write_outputs(result, out, roster, args.roster or spec.roster)
    except OSError as exc:
        raise InputError("plan.cannot_write", folder=out, reason=exc.strerror) from None
    if not args.quiet:
        print(format_result(result))
    print(text("plan.done", files=", ".join(p.name for p in paths), folder=out))
    return 0
