"""``vcsim brief``: the subcommand (added to the ``vcsim`` parser by experiments.cli)."""

from __future__ import annotations

import argparse
from pathlib import Path

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import items, text


def _year(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("brief.bad_year_option", got=value)) from None


def add_command(sub) -> None:
    p = sub.add_parser("brief", help=text("help.brief"), description=text("help.brief_long"))
    p.add_argument("results", type=Path, metavar="RESULTS_DIR", help=text("help.brief_results"))
    # dest brief_lang: the global --lang (messages) keeps its own value in the namespace
    p.add_argument("--lang", dest="brief_lang", choices=("zh", "en"), default=None,
                   help=text("help.brief_lang"))
    p.add_argument("--year", type=_year, help=text("help.brief_year"))
    p.add_argument("--out", "-o", type=Path, help=text("help.brief_out"))
    p.add_argument("--sweep", type=Path, help=text("help.brief_sweep"))
    p.set_defaults(handler=cmd_brief)


def cmd_brief(args) -> int:
    from vcsim.experiments.brief.core import make_brief
    if args.sweep is not None and not args.sweep.is_dir():
        raise InputError("brief.no_sweep_folder", folder=args.sweep)
    # the brief's language: its own --lang, else the global one if given, else Chinese
    lang = args.brief_lang or getattr(args, "lang", None) or "zh"
    result = make_brief(args.results, lang=lang, year=args.year, out=args.out, sweep=args.sweep)
    print(text("brief.done", year=result.year, language=result.lang, charts=len(result.charts),
               files=items(p.name for p in result.files), out=result.out))
    return 0
