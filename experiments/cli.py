"""The ``vcsim`` command line.

User mistakes (a bad scenario, a bad roster, a bad option) end with one clear message
and exit code 2, never a traceback. Every message, table and help text is in the user's
language: ``vcsim --lang zh|en COMMAND``, else ``VCSIM_LANG``, else the locale
(``experiments.messages``).
"""

from __future__ import annotations

import argparse
import csv
import io
import signal
import sys
import time
import warnings
from pathlib import Path

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import (ARGPARSE_KEYS, LANGUAGES, language, set_language, table,
                                        text)

DEFAULT_REPLICATES = 50


def _whole_number(value: str, least: int) -> int:
    """An option's whole number of at least ``least``, or argparse's exit-2 message."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.bad_whole_number", got=value)) from None
    if number < least:
        raise argparse.ArgumentTypeError(text("cli.too_small", least=least, got=number))
    return number


def _positive_int(value: str) -> int:
    return _whole_number(value, 1)


def _seed(value: str) -> int:
    return _whole_number(value, 0)


def build_parser() -> argparse.ArgumentParser:
    """The ``vcsim`` parser, its help in the current language (``messages.language``)."""
    parser = argparse.ArgumentParser(prog="vcsim", description=text("cli.description"))
    parser.add_argument("--lang", choices=LANGUAGES, help=text("cli.lang_help"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help=text("help.run"))
    run.add_argument("scenario", help=text("help.scenario"))
    run.add_argument("--replicates", "-r", type=_positive_int, default=DEFAULT_REPLICATES,
                     help=text("help.replicates", default=DEFAULT_REPLICATES))
    run.add_argument("--seed", "-s", type=_seed, default=1, help=text("help.seed"))
    run.add_argument("--out", "-o", type=Path, help=text("help.out_run"))
    run.add_argument("--roster", type=Path, help=text("help.roster"))
    from vcsim.experiments.engines import ENGINE_NAMES
    run.add_argument("--engine", choices=ENGINE_NAMES, default="agents",
                     help=text("help.engine_run"))
    run.add_argument("--synthetic-villages", type=_positive_int, metavar="N",
                     help=text("help.synthetic"))
    run.add_argument("--quiet", "-q", action="store_true", help=text("help.quiet"))

    val = sub.add_parser("validate", help=text("help.validate"))
    val.add_argument("file", help=text("help.validate_file"))
    val.add_argument("--roster", type=Path, help=text("help.validate_roster"))

    par = sub.add_parser("params", help=text("help.params"))
    par.add_argument("--format", choices=("md", "csv"), default="md", help=text("help.params_format"))
    par.add_argument("--lang", dest="params_lang", choices=LANGUAGES, default=None,
                     help=text("help.params_lang"))

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


def _language_option(argv: list[str]) -> str | None:
    """The value of the global ``--lang`` in ``argv`` (before the command), read before the
    parser is built so that its help and argparse's own messages are in that language."""
    for k, arg in enumerate(argv):
        if not arg.startswith("-"):
            return None  # the command: options after it are the command's own
        if arg == "--lang" and k + 1 < len(argv):
            return argv[k + 1] if argv[k + 1] in LANGUAGES else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in LANGUAGES else None
    return None


def _argparse_text(message: str) -> str:
    """argparse's own words ("usage:", "invalid choice: ...") from the catalogue: argparse
    looks them up through gettext's ``_`` at the moment it prints them."""
    key = ARGPARSE_KEYS.get(message)
    return text(key) if key else message


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings (an ignored roster column, a design's advice) as one line in the user's
    language, not Python's "file:line: UserWarning:" form."""
    print(text("warning.prefix", message=message), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(_language_option(argv))
    argparse._ = _argparse_text
    warnings.showwarning = _show_warning
    args = build_parser().parse_args(argv)
    from vcsim.experiments.execution import Stopped
    try:
        handlers = {"run": cmd_run, "validate": cmd_validate, "params": cmd_params}
        return (handlers.get(args.command) or args.handler)(args)
    except InputError as exc:
        print(text("error.prefix", message=exc.msg), file=sys.stderr)
        return 2
    except Stopped as stop:  # a command that stops on signals and says nothing more itself
        print(f"vcsim: {text('execution.stopped', signal=stop.signal_name)}", file=sys.stderr)
        return stop.exit_code
    except KeyboardInterrupt:  # Ctrl-C in any other command: its pools stopped on the way out
        print(f"\nvcsim: {text('execution.stopped', signal='SIGINT')}", file=sys.stderr)
        return 128 + int(signal.SIGINT)


def _load_roster(path: Path | None, seed: int):
    from vcsim.experiments.roster import filled_columns, load_default_roster, read_roster
    if path is None:
        return load_default_roster()
    roster = read_roster(path, seed=seed)
    filled = roster.attrs.get("filled", {})
    if filled:
        print(text("roster.filled_notice", file=path, columns=filled_columns(filled)),
              file=sys.stderr)
    return roster


def cmd_run(args) -> int:
    from vcsim.experiments.runner import run_scenario, write_outputs
    from vcsim.experiments.scenario import load_scenario
    scenario = load_scenario(args.scenario)  # check everything before any work
    if args.synthetic_villages:
        if args.roster:
            raise InputError("run.roster_and_synthetic")
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
        raise InputError("file.cannot_create_folder", file=out, reason=exc.strerror) from None
    start = time.perf_counter()
    result = run_scenario(scenario, roster, args.replicates, args.seed, progress=not args.quiet,
                          engine=args.engine)
    elapsed = time.perf_counter() - start
    try:
        write_outputs(result, out, roster=roster, engine=args.engine)
    except OSError as exc:
        raise InputError("file.cannot_write", file=out, reason=exc.strerror) from None
    if not args.quiet:
        print(format_summary(result.summary))
        print(text("run.done", replicates=args.replicates, seconds=elapsed, engine=args.engine,
                   out=out))
    return 0


def format_summary(s: dict) -> str:
    """A short table a planner can read at a glance, in the current language; the chance
    of clearance with its 95% interval over the replicates."""
    lang = language()
    lines = [f"{s['title']['zh']} / {s['title']['en']}",
             text("run.summary_head", villages=s["villages"], replicates=s["replicates"],
                  seed=s["seed"], zero=s["initial_zero_income_villages"],
                  share=s["initial_zero_income_share"]),
             ""]
    rows = [[text("run.col.year"), text("run.col.zero"), text("run.col.band"),
             text("run.col.p_cleared"), text("run.col.median"), text("run.col.ge50k")]]
    for y in map(str, s["years"]):
        z = s["zero_income_villages"][y]
        p = s["p_no_zero_income_at_year_end"][y]
        rows.append([y, f"{z['mean']:.1f}", f"{z['p05']:.0f}-{z['p95']:.0f}",
                     f"{p['p']:.0%} ({p['ci_low']:.0%}-{p['ci_high']:.0%})",
                     f"{s['income_quantiles'][y]['p50']:,.0f}",
                     f"{s['share_income_ge_50k'][y]['mean']:.0%}"])
    lines += table(rows, "<>>>>>")
    cy = s["clearance_year"]
    median = (cy["p50"] if cy["p50"] is not None
              else text("run.not_by", year=s["years"][-1], lang=lang))
    lines += ["", text("run.summary_foot", median=median, never=cy["share_never"])]
    return "\n".join(lines)


def cmd_validate(args) -> int:
    path = Path(args.file)
    if path.suffix.lower() in (".csv", ".xlsx", ".xls"):
        if args.roster:
            raise InputError("scaled.roster_with_roster", file=path, roster=args.roster)
        from vcsim.experiments.roster import validate_roster_file
        print(text("validate.roster_ok", file=path, summary=validate_roster_file(path)))
        return 0
    from vcsim.experiments.county_settings import scaled_settings_lines
    from vcsim.experiments.scenario import load_scenario
    scenario = load_scenario(path)
    print(text("validate.scenario_ok", file=path, name=scenario.name,
               count=len(scenario.overrides)))
    roster = _load_roster(args.roster, seed=1)
    print("\n".join(scaled_settings_lines([scenario], roster)))
    return 0


def print_scaled_settings(scenarios: list, roster) -> None:
    """The settings that scale with the county, their values on ``roster`` and where
    they came from, on stderr (a note before the runs, like the roster's filled cells)."""
    from vcsim.experiments.county_settings import scaled_settings_lines
    print("\n".join(scaled_settings_lines(scenarios, roster)), file=sys.stderr)


def cmd_params(args) -> int:
    # `vcsim params --lang zh` as well as `vcsim --lang zh params`
    print(params_table(args.format, args.params_lang), end="")
    return 0


def params_table(fmt: str = "md", lang: str | None = None) -> str:
    """Every parameter: name, meaning, unit, default, range, source (the registry). The
    table for people (md) gives meanings and units in the user's language; the sources
    stay the registry's English (they cite the English calibration notes). The CSV, for
    programs, keeps the registry's English units and meanings. ``lang``: "zh" or "en"
    (default: the user's language)."""
    from vcsim.experiments.messages import language, unit_text
    from vcsim.model.parameters import DEFAULT_COUNTY, PARAMETERS
    lang = lang or language()
    header = ["name", "meaning", "unit", "default", "range", "source"]
    rows = []
    for p in PARAMETERS.values():
        num = _year if p.unit == "year" else _num  # 2021, not 2,021
        rng = "true/false" if p.kind == "bool" else f"{num(p.low)} - {num(p.high)}"
        default = (str(p.default).lower() if p.kind == "bool" else
                   ", ".join(num(v) for v in p.default) if p.kind == "float_list" else num(p.default))
        if p.per:  # a rate, scaled to the roster: say what it gives the default county
            default += text("params.default_county_value", lang,
                            value=_num(p.value_for(DEFAULT_COUNTY)))
        unit = p.rate_unit if fmt == "csv" else unit_text(p.rate_unit, lang)
        meaning = p.meaning if fmt == "csv" else p.meaning_in(lang)
        rows.append([p.key, meaning, unit, default, rng, p.source])
    if fmt == "md":  # for people: headings in their language; the CSV's are column names
        header = text("params.header", lang).split("|")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue()
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c).replace("|", "/") for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def _year(v) -> str:
    return "" if v is None else f"{float(v):.0f}"


def _num(v) -> str:
    if v is None:
        return ""
    v = float(v)
    if v.is_integer() or abs(v) >= 1000:  # rates of yuan per village: to the yuan
        return f"{round(v):,}"
    return f"{v:g}"


if __name__ == "__main__":
    sys.exit(main())
