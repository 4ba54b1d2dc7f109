"""``vcsim watchlist``: the subcommand (added to the ``vcsim`` parser by experiments.cli).
The work is in ``experiments.watchlist``, imported when the command runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from vcsim.experiments.messages import text


def _year(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("watchlist.year_not_a_number", got=value)) from None


def add_command(sub) -> None:
    p = sub.add_parser("watchlist", help=text("watchlist.help"), description=text("watchlist.description"))
    p.add_argument("results", type=Path, metavar="RESULTS_DIR", help=text("watchlist.help_results"))
    p.add_argument("--year", type=_year, help=text("watchlist.help_year"))
    # dest watchlist_lang: a global --lang (the messages' language) keeps its own value
    p.add_argument("--lang", dest="watchlist_lang", choices=("zh", "en"), default=None,
                   help=text("watchlist.help_lang"))
    p.add_argument("--out", "-o", type=Path, help=text("watchlist.help_out"))
    p.add_argument("--roster", type=Path, help=text("watchlist.help_roster"))
    p.set_defaults(handler=cmd_watchlist)


def cmd_watchlist(args) -> int:
    from vcsim.experiments.cli import _load_roster
    from vcsim.experiments.provenance import write_provenance
    from vcsim.experiments.watchlist import format_top, load_watchlists, write_watchlist
    lang = args.watchlist_lang or getattr(args, "lang", None) or "zh"
    roster = _load_roster(args.roster, seed=1)
    lists = load_watchlists(args.results, roster, args.year, roster_file=str(args.roster or ""))
    out = args.out or Path(args.results) / "watchlist"
    try:
        paths = write_watchlist(lists, out, lang)
    except OSError as exc:
        from vcsim.experiments.errors import InputError
        raise InputError("watchlist.cannot_write", folder=out, reason=exc.strerror) from None
    write_provenance(out, roster=roster, replicates=lists[0].replicates,
                     extra={"results": str(args.results), "year": lists[0].year,
                            "scenarios": [w.scenario for w in lists], "language": lang})
    for w in lists:
        print(format_top(w, lang))
        print()
    print(text("watchlist.done", lang, files=", ".join(p.name for p in paths), folder=out))
    return 0
