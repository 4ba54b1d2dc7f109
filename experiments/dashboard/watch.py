"""The dashboard's watch list (台账): the villages most at risk of having no operating
income at the end of the clearance year in the replicate panel's runs of the settings on
screen, with the replicate count and 95% intervals, in the page's language.

The list is ``experiments.watchlist``'s (``PairedResult.watchlist``, made by
``watchlist_of`` from the runs' village and project tables), so the page and
``vcsim watchlist`` compute it the same way; this module only words it.
"""

from __future__ import annotations

from dataclasses import dataclass

from vcsim.experiments.brief.texts import fmt_expected, fmt_int, fmt_pct, fmt_pct_range
from vcsim.experiments.messages import text
from vcsim.experiments.placenames import place_name

WATCH_ROWS = 10  # villages listed
TOWNS_LISTED = 3  # townships named in the summary line


@dataclass
class WatchView:
    """What the watch-list panel shows, in one language."""
    heading: str
    columns: list[str]
    rows: list[list[str]]  # village, township, probability (95% interval), main reason
    towns: str  # the townships with the most expected zero-income villages
    note: str  # how the probabilities were estimated


def ui(key: str, lang: str, **fields) -> str:
    return text(f"dashboard.ui.{key}", lang=lang, **fields)


def watch_view(result, lang: str, rows: int = WATCH_ROWS) -> WatchView:
    """The panel's words for ``result`` (a ``replicates.PairedResult``)."""
    from vcsim.experiments.watchlist import RISK_LINE
    w = result.watchlist
    v = w.villages
    at_risk = v[v["p_zero"] > 0]
    place = lambda name: place_name(name, lang)  # noqa: E731
    body = []
    for r in at_risk.head(rows).itertuples():
        reason = ui("watch_reason", lang, reason=text(f"watchlist.reason.{r.reason}", lang),
                    share=fmt_pct(r.reason_share)) if isinstance(r.reason, str) else "–"
        body.append([place(r.name), place(r.township),
                     ui("watch_p", lang, p=fmt_pct(r.p_zero),
                        interval=fmt_pct_range(r.p_zero_low, r.p_zero_high)), reason])
    towns = w.townships[w.townships["expected_zero_villages"] > 0].head(TOWNS_LISTED)
    sep = "；" if lang == "zh" else "; "
    town_line = ui("watch_towns", lang, items=sep.join(
        ui("watch_town", lang, town=place(t.township), expected=fmt_expected(t.expected_zero_villages),
           low=fmt_int(t.zero_villages_p05), high=fmt_int(t.zero_villages_p95))
        for t in towns.itertuples())) if len(towns) else ""
    return WatchView(
        heading=ui("watch_heading", lang, year=w.year, n=w.replicates, seed=result.seed,
                   at_risk=len(at_risk), above=int((v["p_zero"] > RISK_LINE).sum())),
        columns=[ui(f"watch_col_{c}", lang) for c in ("village", "township", "p", "reason")],
        rows=body, towns=town_line,
        note=ui("watch_note" if len(at_risk) else "watch_none", lang, n=w.replicates,
                year=w.year, last=w.replicates - 1, seed=result.seed))


def table_html(view: WatchView) -> str:
    """The rows as an HTML table (names escaped)."""
    from html import escape
    head = "".join(f"<th>{escape(c)}</th>" for c in view.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in view.rows)
    return f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
