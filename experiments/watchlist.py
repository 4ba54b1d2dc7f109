"""The watch list (台账): which villages are at risk of having no collective operating
income at the end of a year, how likely, and why.

From a ``vcsim run`` folder (or each scenario of a ``vcsim compare`` folder), per village
over the R replicates, at the end of year Y:

* ``p_zero``: the share of replicates in which it is a zero-income village (空白村), with
  a 95% Wilson interval (``scipy.stats.binomtest``);
* ``p_below_50k``: the share in which its collective income is below 50,000 yuan;
* its mean income and 90% band (5th and 95th percentiles over replicates);
* its most common business model at the year's end, and in what share of replicates;
* the main reason it is at risk: over the replicates in which it has zero income, the
  most common of the reasons below, derived from ``villages.parquet`` (cohort, zero
  income), ``projects.parquet`` (which projects it owns, when they started, began to
  operate and ended, and why) and ``annual.parquet`` (the pool left):

  ``building``          its project is still under construction at the year's end;
  ``dividend_skipped``  its enterprise equity operated but the firm skipped the dividend;
  ``no_factory``        its workshop stood empty (no factory, or the factory left);
  ``waiting_investor``  its packaged project still waits for an investor;
  ``no_receipts``       another project operated but took in nothing that year;
  ``partner_default``, ``failed``, ``no_investor``, ``closed_no_income``, ``closed_loss``:
                        its last project ended that way (its end_reason) and none replaced it;
  ``waiting_capacity``  it was selected but waits for a later round: the county's
                        capacity for the year was used up (``waiting_for`` in villages.parquet);
  ``waiting_money``     it was selected but waits: the money released so far could not
                        cover its grant;
  ``not_entered``       it has not entered the programme (no project, cohort 0);
  ``pool_empty``        it entered but got no project, and the pool left could not pay its grant;
  ``no_fundable``       it entered but no candidate project passed the review.

Plus, per township: villages, poor villages, expected zero-income villages (the mean
over replicates of the township's count, with its 90% band) and villages whose risk is
above 10%.

Files (``vcsim watchlist``): ``watchlist.xlsx`` (per scenario a sheet of villages sorted
by risk and a sheet of townships; headers in Chinese by default), ``watchlist.csv``
and ``watchlist_townships.csv`` (UTF-8 with BOM, every scenario, a ``scenario`` column
first) and ``provenance.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import text
from vcsim.experiments.store import read_parquet
from vcsim.model.business_models import MODEL_NAMES

LOW_INCOME_YUAN = 50_000.0  # the "weak village" line of the design brief and N1
RISK_LINE = 0.10  # a township counts its villages above this risk
REASONS = ("building", "dividend_skipped", "no_factory", "waiting_investor", "no_receipts",
           "partner_default", "failed", "no_investor", "closed_no_income", "closed_loss",
           "waiting_capacity", "waiting_money", "not_entered", "pool_empty", "no_fundable")
END_REASON_KEYS = {"failed": "failed", "partner default": "partner_default",
                   "no investor came": "no_investor", "closed: no income": "closed_no_income",
                   "closed: loss over the year": "closed_loss"}
OPERATING_WITHOUT_RECEIPTS = {"enterprise_equity": "dividend_skipped", "workshop": "no_factory",
                              "attract_investor": "waiting_investor"}
RUN_FILES = ("summary.json", "villages.parquet", "projects.parquet", "annual.parquet")

# canonical columns of the village table, in the order written
VILLAGE_COLUMNS = ("village_id", "name", "township", "poor", "cohort", "p_zero", "p_zero_low",
                   "p_zero_high", "p_below_50k", "income_mean_yuan", "income_p05_yuan",
                   "income_p95_yuan", "model", "model_share", "reason", "reason_share")
TOWNSHIP_COLUMNS = ("township", "villages", "poor_villages", "expected_zero_villages",
                    "zero_villages_p05", "zero_villages_p95", "villages_above_risk_line")


@dataclass
class WatchList:
    """One scenario's watch list at the end of ``year``."""
    scenario: str
    title: dict[str, str]
    folder: Path | None  # the run folder it was read from (None: tables in memory)
    year: int
    replicates: int
    villages: pd.DataFrame  # VILLAGE_COLUMNS, sorted by risk
    townships: pd.DataFrame  # TOWNSHIP_COLUMNS, most expected zero-income villages first


# ----------------------------------------------------------------------------- reading


def run_folders(results: Path) -> list[tuple[str, Path]]:
    """(scenario name, folder) of a ``vcsim run`` folder, or of every scenario of a
    ``vcsim compare`` folder (baseline first); InputError naming what is missing."""
    results = Path(results)
    if not results.is_dir():
        raise InputError("watchlist.not_a_folder", folder=results)
    comparison = results / "comparison.json"
    if comparison.is_file():
        c = json.loads(comparison.read_text(encoding="utf-8"))
        names = [c["baseline"]] + [n for n in c["scenarios"] if n != c["baseline"]]
        found = [(n, results / c["folders"][n]) for n in names]
    else:
        found = [(None, results)]
    out = []
    for name, folder in found:
        missing = [f for f in RUN_FILES if not (folder / f).is_file()]
        if missing:
            raise InputError("watchlist.no_villages", folder=folder, missing=", ".join(missing))
        if name is None:
            name = json.loads((folder / "summary.json").read_text(encoding="utf-8"))["scenario"]
        out.append((name, folder))
    return out


def default_year(summary: dict) -> int:
    """The clearance deadline (``rollout.remaining_year``) of the scenario, if simulated."""
    settings = summary.get("settings", {})
    year = settings.get("rollout.remaining_year", {}).get("value")
    if year is None:
        year = summary.get("overrides", {}).get("rollout.remaining_year", 2021)
    return int(year) if int(year) in summary["years"] else int(summary["years"][-1])


def _grants(summary: dict) -> tuple[float, float]:
    """The scenario's grant per poor and per non-poor village."""
    from vcsim.model.parameters import make_params
    settings = summary.get("settings")
    if settings:
        return (settings["funding.poor_village_yuan"]["value"],
                settings["funding.nonpoor_village_yuan"]["value"])
    p = make_params(summary.get("overrides", {}))
    return p.funding.poor_village_yuan, p.funding.nonpoor_village_yuan


# ----------------------------------------------------------------------------- computing


def build_watchlist(name: str, folder: Path, roster: pd.DataFrame, year: int | None = None,
                    roster_file: str = "") -> WatchList:
    """One scenario's watch list from its ``vcsim run`` folder and the roster it ran on."""
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    year = default_year(summary) if year is None else int(year)
    return watchlist_of(name, summary.get("title", {"zh": name, "en": name}),
                        read_parquet(folder / "villages.parquet"),
                        read_parquet(folder / "projects.parquet"),
                        read_parquet(folder / "annual.parquet"), roster, year, _grants(summary),
                        folder=folder, roster_file=roster_file)


def watchlist_of(name: str, title: dict[str, str], villages: pd.DataFrame, projects: pd.DataFrame,
                 annual: pd.DataFrame, roster: pd.DataFrame, year: int,
                 grants: tuple[float, float], folder: Path | None = None,
                 roster_file: str = "") -> WatchList:
    """A watch list from the tables of some replicates (``villages``, ``projects`` and
    ``annual`` with a ``replicate`` column, as ``vcsim run`` writes them or
    ``engines.simulate_detail`` returns them), for the end of ``year``; ``grants``: the
    grant per poor and per non-poor village. ``folder`` names the results in messages."""
    where = folder if folder is not None else name
    years = sorted(int(y) for y in villages["year"].unique())
    if year not in years:
        raise InputError("watchlist.bad_year", folder=where, year=year, first=years[0], last=years[-1])
    info = roster.reset_index(drop=True)[["village_id", "name", "township", "poor"]].copy()
    info["village_id"] = info["village_id"].astype(str)
    unknown = sorted(set(villages["village_id"].astype(str)) - set(info["village_id"]))
    if unknown:
        raise InputError("watchlist.roster_mismatch", folder=where, roster=roster_file or "-",
                         example=unknown[0], count=len(unknown))
    at = villages[villages["year"] == year].copy()
    at["village_id"] = at["village_id"].astype(str)
    at["model"] = at["model"].where(at["model"].notna() & (at["model"] != ""), None)
    replicates = int(at["replicate"].nunique())
    reasons = zero_income_reasons(at, projects, annual, year, info, grants)
    table = _village_table(at, reasons, info, replicates)
    townships = _township_table(at, table, info, replicates)
    return WatchList(name, title, folder, year, replicates, table, townships)


def zero_income_reasons(at: pd.DataFrame, projects: pd.DataFrame, annual: pd.DataFrame, year: int,
                        info: pd.DataFrame, grants: tuple[float, float]) -> pd.Series:
    """For every (replicate, village) with zero income at the end of ``year`` (rows of
    ``at``), why: one of ``REASONS`` (see the module docstring), indexed like ``at``."""
    # (results written before the county's capacity was modelled have no waiting_for)
    at = at if "waiting_for" in at else at.assign(waiting_for=None)
    zero = at[at["zero_income"].astype(bool)][["replicate", "village_id", "cohort", "waiting_for"]]
    if zero.empty:
        return pd.Series(dtype=object)
    owned = projects[projects["start_year"] <= year].copy()
    owned["village_id"] = owned["village_ids"].astype(str).str.split(";")
    owned = owned.explode("village_id")
    ended = owned["failed_year"].notna() & (owned["failed_year"] <= year)
    keys = ["replicate", "village_id"]
    # the project it runs at the year's end (its latest one not ended), and its last ended one
    current = (owned[~ended].sort_values("project_id").groupby(keys).last()
               [["model", "operating_from"]].rename(columns={"model": "current_model"}))
    last_ended = (owned[ended].sort_values(["failed_year", "project_id"]).groupby(keys).last()
                  [["end_reason"]])
    rows = zero.join(current, on=keys).join(last_ended, on=keys)
    pool = annual[annual["year"] == year].set_index("replicate")["pool_left_yuan"]
    poor = rows["village_id"].map(info.set_index("village_id")["poor"].astype(bool))
    grant = np.where(poor, grants[0], grants[1])
    has_current = rows["current_model"].notna()
    building = has_current & (rows["operating_from"].astype(str) > f"{year}-12")
    operating = has_current & ~building
    reason = pd.Series("no_fundable", index=rows.index, dtype=object)
    reason[rows["replicate"].map(pool).to_numpy() < grant] = "pool_empty"
    reason[rows["cohort"] == 0] = "not_entered"
    reason[rows["end_reason"].notna()] = rows["end_reason"].map(END_REASON_KEYS)
    waiting = rows["waiting_for"].notna()
    reason[waiting] = "waiting_" + rows.loc[waiting, "waiting_for"].astype(str)
    reason[operating] = rows["current_model"].map(OPERATING_WITHOUT_RECEIPTS).fillna("no_receipts")
    reason[building] = "building"
    return reason


def _mode_with_share(values: pd.DataFrame, column: str, replicates: int) -> pd.DataFrame:
    """Per village, the most common non-null value of ``column`` (ties: alphabetical) and
    the share of the ``replicates`` it occurs in."""
    counts = values.dropna(subset=[column]).groupby(["village_id", column]).size().rename("n").reset_index()
    counts = counts.sort_values(["village_id", "n", column], ascending=[True, False, True])
    top = counts.groupby("village_id").first()
    return pd.DataFrame({column: top[column], f"{column}_share": top["n"] / replicates})


def _village_table(at: pd.DataFrame, reasons: pd.Series, info: pd.DataFrame, replicates: int) -> pd.DataFrame:
    from vcsim.experiments.statistics import wilson_interval
    g = at.groupby("village_id")
    zeros = g["zero_income"].sum().astype(int)
    below = at.assign(low=at["income_yuan"] < LOW_INCOME_YUAN).groupby("village_id")["low"].sum()
    out = pd.DataFrame({
        "cohort": _mode_with_share(at, "cohort", replicates)["cohort"],  # ties: the lowest
        "p_zero": zeros / replicates,
        "p_below_50k": below / replicates,
        "income_mean_yuan": g["income_yuan"].mean(),
        "income_p05_yuan": g["income_yuan"].quantile(0.05),
        "income_p95_yuan": g["income_yuan"].quantile(0.95),
    })
    interval = {v: wilson_interval(int(k), replicates) for v, k in zeros.items()}
    out["p_zero_low"] = [interval[v][0] for v in out.index]
    out["p_zero_high"] = [interval[v][1] for v in out.index]
    out = out.join(_mode_with_share(at, "model", replicates))
    # the reason is counted over the replicates in which the village has zero income
    why = at.loc[reasons.index, ["village_id"]].assign(reason=reasons)
    main = _mode_with_share(why, "reason", replicates)
    main["reason_share"] = main["reason_share"] * replicates / zeros.reindex(main.index)
    out = out.join(main)
    out = info.set_index("village_id").join(out, how="inner").reset_index()
    out["model_share"] = out["model_share"].fillna(0.0)
    out = out.sort_values(["p_zero", "p_below_50k", "income_mean_yuan", "village_id"],
                          ascending=[False, False, True, True], kind="stable")
    return out[list(VILLAGE_COLUMNS)].reset_index(drop=True)


def _township_table(at: pd.DataFrame, table: pd.DataFrame, info: pd.DataFrame, replicates: int) -> pd.DataFrame:
    town = info.set_index("village_id")["township"]
    counts = (at.assign(township=at["village_id"].map(town)).groupby(["township", "replicate"])
              ["zero_income"].sum().unstack(fill_value=0))
    t = table.groupby("township", sort=False)
    out = pd.DataFrame({
        "villages": t.size(),
        "poor_villages": t["poor"].sum().astype(int),
        "expected_zero_villages": counts.mean(axis=1),
        "zero_villages_p05": counts.quantile(0.05, axis=1).round(2),
        "zero_villages_p95": counts.quantile(0.95, axis=1).round(2),
        "villages_above_risk_line": t["p_zero"].apply(lambda p: int((p > RISK_LINE).sum())),
    })
    out.index.name = "township"
    out = out.reset_index().sort_values(["expected_zero_villages", "villages_above_risk_line", "township"],
                                        ascending=[False, False, True], kind="stable")
    return out[list(TOWNSHIP_COLUMNS)].reset_index(drop=True)


def load_watchlists(results: Path, roster: pd.DataFrame, year: int | None = None,
                    roster_file: str = "") -> list[WatchList]:
    """The watch list of every scenario in a ``vcsim run`` or ``vcsim compare`` folder,
    all for one year (default: the first scenario's clearance deadline)."""
    folders = run_folders(results)
    if year is None:
        year = default_year(json.loads((folders[0][1] / "summary.json").read_text(encoding="utf-8")))
    return [build_watchlist(name, folder, roster, year, roster_file) for name, folder in folders]


# ----------------------------------------------------------------------------- writing


def presented(frame: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """A village or township table as people read it: headers, yes/no, model names and
    reasons in ``lang``."""
    out = frame.copy()
    if kind == "villages":
        out["poor"] = out["poor"].map({True: text("watchlist.yes", lang), False: text("watchlist.no", lang)})
        out["model"] = out["model"].map(lambda c: MODEL_NAMES[lang].get(c, "") if isinstance(c, str) else "")
        out["reason"] = out["reason"].map(lambda r: text(f"watchlist.reason.{r}", lang) if isinstance(r, str) else "")
    return out.rename(columns={c: text(f"watchlist.col.{c}", lang) for c in out.columns})


def _sheet_names(lists: list[WatchList], lang: str) -> list[tuple[str, str]]:
    """(villages sheet, townships sheet) per scenario: Excel allows 31 characters, no []:*?/\\."""
    out, used = [], set()
    for w in lists:
        base = "".join(ch for ch in w.scenario if ch not in "[]:*?/\\")[:20] or "scenario"
        while base in used:
            base = base[:18] + f"{len(used)}"
        used.add(base)
        if len(lists) == 1:
            out.append((text("watchlist.sheet_villages", lang), text("watchlist.sheet_townships", lang)))
        else:
            out.append((base, f"{base} {text('watchlist.sheet_townships', lang)}"[:31]))
    return out


def write_watchlist(lists: list[WatchList], out: Path, lang: str = "zh") -> list[Path]:
    """``watchlist.xlsx``, ``watchlist.csv``, ``watchlist_townships.csv`` in ``out``."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from vcsim.experiments.store import atomic_write
    out.mkdir(parents=True, exist_ok=True)
    villages = pd.concat([w.villages.assign(scenario=w.scenario) for w in lists], ignore_index=True)
    townships = pd.concat([w.townships.assign(scenario=w.scenario) for w in lists], ignore_index=True)
    paths = []
    for name, frame, kind in (("watchlist.csv", villages, "villages"),
                              ("watchlist_townships.csv", townships, "townships")):
        frame = frame[["scenario"] + [c for c in frame.columns if c != "scenario"]]
        data = presented(frame, kind, lang).to_csv(index=False).encode("utf-8-sig")
        atomic_write(out / name, lambda f, d=data: f.write(d))
        paths.append(out / name)

    percent = {"p_zero", "p_zero_low", "p_zero_high", "p_below_50k", "model_share", "reason_share"}
    money = {"income_mean_yuan", "income_p05_yuan", "income_p95_yuan"}

    def write_book(f):
        with pd.ExcelWriter(f, engine="openpyxl") as book:
            for w, (v_sheet, t_sheet) in zip(lists, _sheet_names(lists, lang)):
                for sheet, frame, kind in ((v_sheet, w.villages, "villages"), (t_sheet, w.townships, "townships")):
                    presented(frame, kind, lang).to_excel(book, sheet_name=sheet, index=False)
                    ws = book.sheets[sheet]
                    ws.freeze_panes = "A2"
                    for k, column in enumerate(frame.columns, start=1):
                        letter = get_column_letter(k)
                        ws.column_dimensions[letter].width = 16 if column not in ("name", "reason") else 24
                        ws[f"{letter}1"].font = Font(bold=True)
                        fmt = "0.0%" if column in percent else "#,##0" if column in money else \
                            "0.0" if column.startswith(("expected", "zero_villages")) else None
                        if fmt:
                            for cell in ws[letter][1:]:
                                cell.number_format = fmt
    atomic_write(out / "watchlist.xlsx", write_book)
    paths.insert(0, out / "watchlist.xlsx")
    return paths


def format_top(w: WatchList, lang: str, rows: int = 10) -> str:
    """The head of a watch list, for the terminal."""
    at_risk = w.villages[w.villages["p_zero"] > 0]
    lines = [text("watchlist.top_header", lang, scenario=w.title.get(lang) or w.scenario, year=w.year,
                  replicates=w.replicates, at_risk=len(at_risk),
                  above=int((w.villages["p_zero"] > RISK_LINE).sum()))]
    for r in at_risk.head(rows).itertuples():
        lines.append(text("watchlist.top_row", lang, name=r.name, township=r.township,
                          p=f"{r.p_zero:.0%}", low=f"{r.p_zero_low:.0%}", high=f"{r.p_zero_high:.0%}",
                          reason=text(f"watchlist.reason.{r.reason}", lang)))
    return "\n".join(lines)
