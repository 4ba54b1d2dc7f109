"""``vcsim brief``: the subcommand (added to the ``vcsim`` parser by experiments.cli)."""

from __future__ import annotations

import argparse
from pathlib import Path

from vcsim.experiments.errors import InputError


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year such as 2021, got {text!r}") from None


def add_command(sub) -> None:
    p = sub.add_parser(
        "brief", help="briefing pack for a leadership meeting: charts, PDF, slides, key figures",
        description="Make a briefing pack from the output of vcsim compare (several "
                    "scenarios), vcsim run (one) or vcsim sweep (sensitivity): PNG charts "
                    "whose titles state the finding, brief.pdf, brief.pptx and "
                    "key_figures.csv/.xlsx. Chinese by default.")
    p.add_argument("results", type=Path, metavar="RESULTS_DIR",
                   help="folder written by vcsim compare, run or sweep")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="language: zh (Chinese, default) or en")
    p.add_argument("--year", type=_year,
                   help="year the brief is about (default: the clearance target 2021 if "
                        "simulated, else the last year)")
    p.add_argument("--out", "-o", type=Path, help="output folder (default RESULTS_DIR/brief)")
    p.add_argument("--sweep", type=Path,
                   help="a vcsim sweep folder whose sensitivity results to add (default: "
                        "looked for in RESULTS_DIR and its subfolders)")
    p.set_defaults(handler=cmd_brief)


def cmd_brief(args) -> int:
    from vcsim.experiments.brief.core import make_brief
    if args.sweep is not None and not args.sweep.is_dir():
        raise InputError(f"--sweep {args.sweep}: no such folder")
    result = make_brief(args.results, lang=args.lang, year=args.year, out=args.out,
                        sweep=args.sweep)
    made = ", ".join(p.name for p in result.files)
    print(f"brief for {result.year} ({result.lang}): {len(result.charts)} charts; {made}; "
          f"in {result.out}/")
    return 0
