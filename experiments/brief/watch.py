"""The brief's watch-list page (台账): the villages most at risk of ending the brief's
year with no collective operating income, and a township summary.

The lists are ``vcsim watchlist``'s own (``experiments.watchlist.build_watchlist`` on
each scenario's run folder, for the brief's year), so the page, the slide, the sheet of
``key_figures.xlsx`` and ``watchlist.xlsx`` say the same thing. The page shows the
first scenario (the baseline); the sheet holds every scenario's villages at risk.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vcsim.experiments.brief.document import TablePage, TextTable
from vcsim.experiments.brief.inputs import Results
from vcsim.experiments.brief.texts import fmt_expected, fmt_int, fmt_pct, fmt_pct_range
from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import Msg, items, text
from vcsim.experiments.placenames import place_name

VILLAGE_ROWS = 10  # the top of the list a page shows
TOWNSHIP_ROWS = 10


@dataclass
class WatchSection:
    """The watch lists of a brief: every scenario's (``lists``, baseline first), the page."""
    lists: list  # experiments.watchlist.WatchList
    page: TablePage
    manifest: dict


def watch_lists(R: Results, roster: pd.DataFrame | None, year: int) -> tuple[list, list[Msg]]:
    """Every scenario's watch list at the end of ``year``, and notes on the scenarios
    left out (no village or project tables, or results of other villages than the
    roster's)."""
    from vcsim.experiments.watchlist import RUN_FILES, build_watchlist
    if roster is None:
        return [], [Msg("brief.note.watch_no_roster")] if R.scenarios else []
    lists, notes = [], []
    for s in R.scenarios:
        folder = R.data[s].folder
        missing = [f for f in RUN_FILES if folder is None or not (folder / f).is_file()]
        if missing:
            notes.append(Msg("brief.note.watch_missing", name=s, files=", ".join(missing)))
            continue
        try:
            lists.append(build_watchlist(s, folder, roster, year))
        except InputError as exc:
            notes.append(Msg("brief.note.watch_skipped", name=s, reason=exc.msg))
    return lists, notes


def _scenario_name(w, lang: str) -> str:
    """How a title calls a scenario (as the charts do): 基准方案 / “取消评审”."""
    if w.scenario == "baseline":
        return text("brief.watch.the_baseline", lang)
    title = w.title.get(lang) or w.scenario
    return text("brief.chart.quoted_scenario", lang, title=title)


def _reason(row, lang: str) -> str:
    if not isinstance(row.reason, str):
        return "–"
    return text("brief.watch.reason_share", lang, reason=text(f"watchlist.reason.{row.reason}", lang),
                share=fmt_pct(row.reason_share))


def watch_section(lists: list, lang: str) -> WatchSection:
    """The page of the first scenario's list: its villages at risk, riskiest first (the
    first ``VILLAGE_ROWS``), and its townships with any risk."""
    from vcsim.experiments.watchlist import RISK_LINE
    w = lists[0]
    v = w.villages
    at_risk = v[v["p_zero"] > 0]
    above = v[v["p_zero"] > RISK_LINE]
    towns = w.townships
    n, year, scen = w.replicates, w.year, _scenario_name(w, lang)
    place = lambda name: place_name(name, lang)  # noqa: E731
    if len(above):
        crowded = towns.sort_values(["villages_above_risk_line", "expected_zero_villages"],
                                    ascending=False, kind="stable").iloc[0]
        title = text("brief.watch.title_above", lang, year=year, scenario=scen, count=len(above),
                     town=place(crowded["township"]))
    elif len(at_risk):
        title = text("brief.watch.title_some", lang, year=year, scenario=scen, count=len(at_risk))
    else:
        title = text("brief.watch.title_none", lang, year=year, scenario=scen, n=n)
    shown = (at_risk if len(at_risk) else v).head(VILLAGE_ROWS)
    subtitle = text("brief.watch.subtitle", lang, title=w.title.get(lang) or w.scenario, n=n,
                    year=year, shown=len(shown), at_risk=len(at_risk), villages=len(v))
    villages = TextTable(
        columns=[text(f"brief.watch.col.{c}", lang) for c in
                 ("village", "township", "p_zero", "p_below_50k", "reason")],
        rows=[[place(r.name), place(r.township),
               f"{fmt_pct(r.p_zero)} ({fmt_pct_range(r.p_zero_low, r.p_zero_high)})",
               fmt_pct(r.p_below_50k), _reason(r, lang)] for r in shown.itertuples()],
        widths=[1.05, 1.05, 1.3, 1.0, 2.7], share=0.66,
        heading=text("brief.watch.villages_heading", lang, shown=len(shown)))
    risky = towns[towns["expected_zero_villages"] > 0]
    tables = [villages]
    if len(risky):
        tables.append(TextTable(
            columns=[text(f"brief.watch.col.{c}", lang) for c in
                     ("town", "villages", "expected_zero", "above_line")],
            rows=[[place(t.township), fmt_int(t.villages),
                   f"{fmt_expected(t.expected_zero_villages)} ({fmt_int(t.zero_villages_p05)}–"
                   f"{fmt_int(t.zero_villages_p95)})", fmt_int(t.villages_above_risk_line)]
                  for t in risky.head(TOWNSHIP_ROWS).itertuples()],
            widths=[1.15, 0.85, 1.3, 1.0], share=0.34,
            heading=text("brief.watch.townships_heading", lang)))
    else:
        villages.share = 1.0
    notes = [text("brief.watch.note", lang, n=n, year=year)]
    if len(risky) > TOWNSHIP_ROWS:
        notes.append(text("brief.watch.note_more_towns", lang, count=len(risky) - TOWNSHIP_ROWS))
    if lists[1:]:
        notes.append(text("brief.watch.note_others", lang, items=items(
            Msg("brief.watch.note_other", scenario=_scenario_name(o, lang),
                count=int((o.villages["p_zero"] > RISK_LINE).sum())) for o in lists[1:])))
    notes.append(text("brief.watch.note_sheet", lang))
    sep = "" if lang == "zh" else " "
    page = TablePage(title=title, subtitle=subtitle, tables=tables, note=sep.join(notes))
    manifest = {"scenario": w.scenario, "year": year, "replicates": n, "title": title,
                "villages_at_risk": int(len(at_risk)), "villages_above_10pct": int(len(above)),
                "villages_shown": [str(x) for x in shown["village_id"]]}
    return WatchSection(lists=lists, page=page, manifest=manifest)


def watch_sheets(lists: list, lang: str) -> dict[str, pd.DataFrame]:
    """Sheets for ``key_figures.xlsx``: every scenario's villages at risk (zero income in
    at least one replicate), riskiest first, and its townships; headers and words as
    ``vcsim watchlist`` writes them."""
    from vcsim.experiments.watchlist import presented
    villages = pd.concat([w.villages[w.villages["p_zero"] > 0].assign(scenario=w.scenario)
                          for w in lists], ignore_index=True)
    towns = pd.concat([w.townships.assign(scenario=w.scenario) for w in lists], ignore_index=True)
    out = {}
    for key, frame, kind in (("brief.watch.sheet_villages", villages, "villages"),
                             ("brief.watch.sheet_townships", towns, "townships")):
        frame = frame[["scenario"] + [c for c in frame.columns if c != "scenario"]]
        out[text(key, lang)] = presented(frame, kind, lang)
    return out
