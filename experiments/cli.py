"""The ``vcsim`` command line.

User mistakes (a bad scenario, a bad roster, a bad option) end with one clear message
and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import signal
import sys
import time
from pathlib import Path

from vcsim.experiments.errors import InputError

DEFAULT_REPLICATES = 50


def _whole_number(text: str, least: int) -> int:
    """An option's whole number of at least ``least``, or argparse's exit-2 message."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be at least {least}, got {value}")
    return value


def _positive_int(text: str) -> int:
    return _whole_number(text, 1)


def _seed(text: str) -> int:
    return _whole_number(text, 0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vcsim", description="Simulate a county's village collective-economy programme.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run one scenario for R replicates and write its outputs")
    run.add_argument("scenario", help="scenario .toml file, or a shipped name such as 'baseline'")
    run.add_argument("--replicates", "-r", type=_positive_int, default=DEFAULT_REPLICATES,
                     help=f"replicates to run (default {DEFAULT_REPLICATES})")
    run.add_argument("--seed", "-s", type=_seed, default=1, help="seed (default 1)")
    run.add_argument("--out", "-o", type=Path, help="output folder (default results/SCENARIO)")
    run.add_argument("--roster", type=Path, help="village roster (.csv or .xlsx); default: "
                     "the built-in county")
    from vcsim.experiments.engines import ENGINE_NAMES
    run.add_argument("--engine", choices=ENGINE_NAMES, default="agents",
                     help="agents: the Mesa agent model (reference, default); vector: the "
                     "array engine, same numbers, much faster")
    run.add_argument("--synthetic-villages", type=_positive_int, metavar="N",
                     help="instead of a roster, a synthetic region of N villages in counties "
                     "of the default county's size, each with its own pool, settings and "
                     "rollout (large regions: use --engine vector)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar or table")

    val = sub.add_parser("validate", help="check a scenario or a roster file without running")
    val.add_argument("file", help="scenario .toml, or roster .csv/.xlsx")
    val.add_argument("--roster", type=Path, help="village roster (.csv or .xlsx) the scenario's "
                     "settings that scale with the county are shown for; default: the "
                     "built-in county")

    par = sub.add_parser("params", help="list every parameter with unit, range and source")
    par.add_argument("--format", choices=("md", "csv"), default="md")

    from vcsim.experiments.experiment_cli import add_commands  # compare, sweep, bench
    add_commands(sub)
    from vcsim.experiments.dashboard.cli import add_command as add_dashboard  # dashboard
    add_dashboard(sub)
    from vcsim.experiments.brief.cli import add_command as add_brief  # brief
    add_brief(sub)
    from vcsim.experiments.calibrate_cli import add_command as add_calibrate  # calibrate
    add_calibrate(sub)
    from vcsim.experiments.replicates import add_command as add_replicates  # replicates
    add_replicates(sub)
    from vcsim.experiments.discover import add_command as add_discover  # discover
    add_discover(sub)
    from vcsim.experiments.watchlist_cli import add_command as add_watchlist  # watchlist
    add_watchlist(sub)
    from vcsim.experiments.plan_cli import add_command as add_plan  # plan
    add_plan(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from vcsim.experiments.execution import Stopped
    try:
        handlers = {"run": cmd_run, "validate": cmd_validate, "params": cmd_params}
        return (handlers.get(args.command) or args.handler)(args)
    except InputError as exc:
        print(f"vcsim: error: {exc}", file=sys.stderr)
        return 2
    except Stopped as stop:  # a command that stops on signals and says nothing more itself
        from vcsim.experiments.messages import text
        print(f"vcsim: {text('execution.stopped', signal=stop.signal_name)}", file=sys.stderr)
        return stop.exit_code
    except KeyboardInterrupt:  # Ctrl-C in any other command: its pools stopped on the way out
        from vcsim.experiments.messages import text
        print(f"\nvcsim: {text('execution.stopped', signal='SIGINT')}", file=sys.stderr)
        return 128 + int(signal.SIGINT)


def _load_roster(path: Path | None, seed: int):
    from vcsim.experiments.roster import load_default_roster, read_roster
    if path is None:
        return load_default_roster()
    roster = read_roster(path, seed=seed)
    filled = roster.attrs.get("filled", {})
    if filled:
        print(f"{path}: blank cells filled from the default county: "
              + ", ".join(f"{c} ({n})" for c, n in filled.items()), file=sys.stderr)
    return roster


def cmd_run(args) -> int:
    from vcsim.experiments.runner import run_scenario, write_outputs
    from vcsim.experiments.scenario import load_scenario
    scenario = load_scenario(args.scenario)  # check everything before any work
    if args.synthetic_villages:
        if args.roster:
            raise InputError("--roster and --synthetic-villages: give one or the other")
        from vcsim.experiments.default_county import synthetic_region
        roster = synthetic_region(args.synthetic_villages, seed=args.seed)
    else:
        roster = _load_roster(args.roster, args.seed)
    if not args.quiet:
        print_scaled_settings([scenario], roster)
    out = args.out or Path("results") / scenario.name
    try:  # find out now, not after the runs, if the results cannot be written there
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    start = time.perf_counter()
    result = run_scenario(scenario, roster, args.replicates, args.seed, progress=not args.quiet,
                          engine=args.engine)
    elapsed = time.perf_counter() - start
    try:
        write_outputs(result, out, roster=roster, engine=args.engine)
    except OSError as exc:
        raise InputError(f"{out}: cannot write the results there ({exc.strerror})") from None
    if not args.quiet:
        print(format_summary(result.summary))
        print(f"{args.replicates} replicates in {elapsed:.1f} s ({args.engine} engine); "
              f"outputs in {out}/")
    return 0


def format_summary(s: dict) -> str:
    """A short table a planner can read at a glance."""
    lines = [f"{s['title']['zh']} / {s['title']['en']}",
             f"{s['villages']} villages, {s['replicates']} replicates, seed {s['seed']}; "
             f"zero-income villages at the start of 2019: {s['initial_zero_income_villages']} "
             f"({s['initial_zero_income_share']:.0%})",
             "",
             f"{'year':>4}  {'zero-income villages (90% band)':>32}  {'P(cleared)':>10}  "
             f"{'median income':>13}  {'>= 50k':>6}"]
    for y in map(str, s["years"]):
        z = s["zero_income_villages"][y]
        lines.append(f"{y:>4}  {z['mean']:>14.1f} ({z['p05']:>5.0f} - {z['p95']:<5.0f})      "
                     f"{s['p_no_zero_income_at_year_end'][y]['p']:>10.0%}  {s['income_quantiles'][y]['p50']:>13,.0f}  "
                     f"{s['share_income_ge_50k'][y]['mean']:>6.0%}")
    cy = s["clearance_year"]
    med = cy["p50"] if cy["p50"] is not None else f"not by {s['years'][-1]}"
    lines.append("")
    lines.append(f"first year ending with no zero-income village: median {med}; "
                 f"{cy['share_never']:.0%} of replicates never get there")
    return "\n".join(lines)


def cmd_validate(args) -> int:
    path = Path(args.file)
    if path.suffix.lower() in (".csv", ".xlsx", ".xls"):
        if args.roster:
            raise InputError("scaled.roster_with_roster", file=path, roster=args.roster)
        from vcsim.experiments.roster import validate_roster_file
        print(f"{path}: ok: {validate_roster_file(path)}")
        return 0
    from vcsim.experiments.county_settings import scaled_settings_lines
    from vcsim.experiments.scenario import load_scenario
    scenario = load_scenario(path)
    roster = _load_roster(args.roster, seed=1)
    print(f"{path}: ok: scenario '{scenario.name}' sets {len(scenario.overrides)} parameters")
    print("\n".join(scaled_settings_lines([scenario], roster)))
    return 0


def print_scaled_settings(scenarios: list, roster) -> None:
    """The settings that scale with the county, their values on ``roster`` and where
    they came from, on stderr (a note before the runs, like the roster's filled cells)."""
    from vcsim.experiments.county_settings import scaled_settings_lines
    print("\n".join(scaled_settings_lines(scenarios, roster)), file=sys.stderr)


def cmd_params(args) -> int:
    print(params_table(args.format), end="")
    return 0


def params_table(fmt: str = "md") -> str:
    """Every parameter: name, meaning, unit, default, range, source (the registry)."""
    from vcsim.model.parameters import DEFAULT_COUNTY, PARAMETERS
    header = ["name", "meaning", "unit", "default", "range", "source"]
    rows = []
    for p in PARAMETERS.values():
        rng = "true/false" if p.kind == "bool" else f"{_num(p.low)} - {_num(p.high)}"
        default = (str(p.default).lower() if p.kind == "bool" else
                   ", ".join(_num(v) for v in p.default) if p.kind == "float_list" else _num(p.default))
        if p.per:  # a rate, scaled to the roster: say what it gives the default county
            default += f" ({_num(p.value_for(DEFAULT_COUNTY))} for the default county)"
        rows.append([p.key, p.meaning, p.rate_unit, default, rng, p.source])
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue()
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c).replace("|", "/") for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def _num(v) -> str:
    if v is None:
        return ""
    v = float(v)
    if v.is_integer() or abs(v) >= 1000:  # rates of yuan per village: to the yuan
        return f"{round(v):,}"
    return f"{v:g}"


if __name__ == "__main__":
    sys.exit(main())
