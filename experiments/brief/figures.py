"""The numbers of the brief: cover figures, key-figures table, the plain reading.

Every number here is taken as it stands from the results files (``comparison.json``, or
``summary.json``, or computed from ``annual.parquet`` by ``inputs.measures_from_run``
when there is no ``comparison.json``) and formatted with ``texts``; nothing is rounded
before it is stored in the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from vcsim.experiments.messages import CATALOGUE, text
from vcsim.experiments.brief.inputs import Results, finite
from vcsim.experiments.brief.texts import (Tr, fmt_count, fmt_gini, fmt_int, fmt_money, fmt_money_range,
                                     fmt_money_short, fmt_pct, fmt_pct_range, fmt_range,
                                     fmt_signed, money_name)


@dataclass
class Figure_:
    """One key figure of one scenario."""
    scenario: str
    measure: str  # key, e.g. "zero_income_villages"
    label: str  # localised
    year: str  # "2021", or "2019–2021", or "2019–2025"
    unit: str  # unit of mean/low/high: villages, share, yuan, year, yuan/yuan
    mean: float | None
    low: float | None
    high: float | None
    interval: str  # what low-high is, localised
    text: str  # formatted for people


def _band_text(b, kind: str, lang: str) -> str:
    if not b:
        return "–"
    m, lo, hi = b.get("mean"), b.get("p05", b.get("ci_low")), b.get("p95", b.get("ci_high"))
    if kind == "count":
        return f"{fmt_count(m)} ({fmt_range(lo, hi)})"
    if kind == "pct":
        return f"{fmt_pct(m)} ({fmt_pct_range(lo, hi)})"
    if kind == "money":
        return f"{fmt_money(m, lang)} ({fmt_money_range(lo, hi, lang)})"
    if kind == "gini":
        return f"{fmt_gini(m)} ({fmt_gini(lo)}–{fmt_gini(hi)})"
    raise ValueError(kind)


def _is_zero(x) -> bool:
    """Rounds to zero as the brief shows it (one decimal)."""
    return finite(x) and abs(x) < 0.05


def clearance_year_text(p50, p05, p95, last: int | None, lang: str) -> str:
    """The year the last zero-income village clears: median and 90% band over the
    replicates, in words where replicates never clear by the last simulated year."""
    tr = Tr(lang)
    if p50 is None and p05 is None:
        return tr.text("brief.clearance_year.never", last=last)
    if p50 is None:
        return tr.text("brief.clearance_year.mostly_never", last=last, earliest=p05)
    if p95 is None:
        return tr.text("brief.clearance_year.band_open", median=p50, low=p05, last=last)
    if p05 == p95:
        return tr.text("brief.clearance_year.exact", median=p50)
    return tr.text("brief.clearance_year.band", median=p50, low=p05, high=p95)


def programme_band(R: Results, scenario: str, year: int) -> dict | None:
    """Band of cumulative programme money (compare's ``cumulative_programme_yuan``: 5025
    grants, integrated funds, demonstration extras) from the first year to ``year``."""
    d = R.derived(scenario)
    if d is None:
        return None
    x = d.loc[d["year"] == year, "cumulative_programme_yuan"].to_numpy(dtype=float)
    x = x[np.isfinite(x)]
    if not x.size:
        return None
    return {"mean": float(x.mean()), "p05": float(np.percentile(x, 5)),
            "p95": float(np.percentile(x, 95))}


def key_figures(R: Results, year: int, lang: str) -> list[Figure_]:
    tr = Tr(lang)
    Y = str(year)
    span = f"{R.years[0]}–{year}" if R.years else Y
    whole = f"{R.years[0]}–{R.years[-1]}" if R.years else ""
    band90 = tr.text("brief.table.band90")
    quart = tr.text("brief.table.quartiles")
    level = f"{100 * R.ci_level:.0f}% " if finite(R.ci_level) else ""
    ci = tr.text("brief.table.confidence_interval", level=level)
    rows: list[Figure_] = []

    def add(s, key, label, year_, unit, b, kind, interval=band90, note=""):
        if b is None or (isinstance(b, dict) and not finite(b.get("mean"))) \
                or (not isinstance(b, dict) and not finite(b)):
            return
        if isinstance(b, dict) and note and b.get("p95", b.get("ci_high")) == 0 == b.get("mean"):
            rows.append(Figure_(s, key, label, year_, unit, 0.0, 0.0, 0.0, interval, note))
            return
        if isinstance(b, (int, float)):
            rows.append(Figure_(s, key, label, year_, unit, float(b), None, None, "",
                                fmt_pct(b) if kind == "pct" else str(b)))
            return
        lo = b.get("p05", b.get("ci_low"))
        hi = b.get("p95", b.get("ci_high"))
        rows.append(Figure_(s, key, label, year_, unit, b.get("mean"), lo, hi, interval,
                            _band_text(b, kind, lang)))

    for s in R.scenarios:
        summ = R.data[s].summary or {}
        m = R.measures.get(s, {}).get(Y, {})
        pc = R.p_cleared(s, year)
        if pc:
            rows.append(Figure_(s, "p_cleared", tr.text("brief.table.p_cleared"),
                                Y, "share", pc[0], pc[1], pc[2],
                                tr.text("brief.table.wilson_interval"),
                                f"{fmt_pct(pc[0])} ({fmt_pct_range(pc[1], pc[2])})"))
        add(s, "zero_income_villages", tr.text("brief.table.zero_income_villages"), Y,
            "villages", m.get("zero_income_villages"), "count")
        add(s, "zero_income_share", tr.text("brief.table.zero_income_share"), Y,
            "share", m.get("zero_income_share"), "pct")
        cy = summ.get("clearance_year")
        if cy:
            p50, p05, p95 = cy.get("p50"), cy.get("p05"), cy.get("p95")
            text = clearance_year_text(p50, p05, p95, R.years[-1] if R.years else None, lang)
            rows.append(Figure_(s, "clearance_year", tr.text("brief.table.clearance_year"),
                                whole, "year", p50, p05, p95, band90, text))
        q = (summ.get("income_quantiles") or {}).get(Y)
        if q and "p50" in q:
            rows.append(Figure_(s, "median_income_yuan", tr.text("brief.table.median_income"),
                                Y, "yuan", q["p50"], q.get("p25"), q.get("p75"), quart,
                                f"{fmt_money(q['p50'], lang)} ({fmt_money_range(q.get('p25'), q.get('p75'), lang)})"))
        add(s, "mean_income_yuan", tr.text("brief.table.mean_income"), Y, "yuan",
            m.get("mean_income_yuan"), "money")
        add(s, "share_income_ge_50k", tr.text("brief.table.share_income_ge_50k"), Y,
            "share", m.get("share_income_ge_50k"), "pct")
        add(s, "share_income_ge_100k", tr.text("brief.table.share_income_ge_100k"), Y,
            "share", m.get("share_income_ge_100k"), "pct")
        add(s, "gini", tr.text("brief.table.gini"), Y, "index", m.get("gini"), "gini")
        fiscal, programme = money_name("fiscal_total", lang), money_name("programme", lang)
        add(s, "fiscal_cost_yuan", tr.text("brief.table.fiscal_cost", fiscal=fiscal),
            Y, "yuan", m.get("fiscal_cost_yuan"), "money")
        none = tr.text("brief.table.no_programme_money")
        pb = programme_band(R, s, year)
        c = m.get("cumulative_fiscal_cost_yuan")
        if c and pb and pb["p95"] == 0:  # no programme: the fiscal total is part A alone
            c = dict(c)
            rows.append(Figure_(s, "cumulative_fiscal_cost_yuan", tr.text("brief.table.cumulative_fiscal_cost",
                                                                          fiscal=fiscal),
                                span, "yuan", c["mean"], c["p05"], c["p95"], band90,
                                _band_text(c, "money", lang) + tr.text("brief.table.part_a_only")))
        else:
            add(s, "cumulative_fiscal_cost_yuan", tr.text("brief.table.cumulative_fiscal_cost",
                                                          fiscal=fiscal),
                span, "yuan", c, "money")
        add(s, "cumulative_programme_yuan", tr.text("brief.table.cumulative_programme",
                                                    programme=programme),
            span, "yuan", pb, "money", note=none)
        add(s, "cost_per_village_cleared_yuan",
            tr.text("brief.table.cost_per_village_cleared", programme=programme),
            span, "yuan", R.cost(s, year), "money", note=none)
        for key, label in (("projects_started", tr.text("brief.table.projects_started")),
                           ("projects_failed", tr.text("brief.table.projects_failed"))):
            b = summ.get(key)
            if b:
                rows.append(Figure_(s, key, label, whole, "projects", b["mean"], b["p05"], b["p95"],
                                    band90, f"{fmt_count(b['mean'])} ({fmt_range(b['p05'], b['p95'])})"))
        d = R.differences.get(s, {}).get(Y, {}) if s != R.baseline else {}
        for key, label, kind in (
                ("zero_income_villages", tr.text("brief.table.diff_zero_income_villages"), "count"),
                ("p_cleared", tr.text("brief.table.diff_p_cleared"), "pts"),
                ("cumulative_programme_yuan",
                 tr.text("brief.table.diff_cumulative_programme",
                         programme=money_name("programme", lang, False)), "money")):
            b = d.get(key)
            if not b or not finite(b.get("mean")):
                continue
            lo, hi = b.get("ci_low"), b.get("ci_high")
            if kind == "count":
                text = f"{fmt_signed(b['mean'])} ({fmt_signed(lo)} … {fmt_signed(hi)})"
                if _is_zero(b["mean"]) and _is_zero(lo) and _is_zero(hi):
                    text = tr.text("brief.table.same_in_every_replicate")
                unit = "villages"
            elif kind == "pts":
                text = (f"{fmt_signed(100 * b['mean'], 0)} ({fmt_signed(100 * lo, 0)} … "
                        f"{fmt_signed(100 * hi, 0)})") if finite(lo) and finite(hi) \
                    else fmt_signed(100 * b["mean"], 0)
                if _is_zero(b["mean"]) and _is_zero(lo) and _is_zero(hi):
                    text = tr.text("brief.table.same_in_every_replicate")
                unit = "share"
            else:
                sign = "" if _is_zero(b["mean"]) else "+" if b["mean"] > 0 else "−"
                text = f"{sign}{fmt_money(abs(b['mean']), lang)}"
                unit = "yuan"
            rows.append(Figure_(s, f"diff_{key}", label, span if "cumulative" in key else Y, unit,
                                b.get("mean"), lo, hi, ci, text))
    return rows


def sensitivity_figures(R: Results, year: int, lang: str) -> list[Figure_]:
    """The indices of the output and year the sensitivity chart shows, one row per
    parameter, with the 95% interval (for a sweep folder, where there are no scenario
    figures)."""
    from vcsim.experiments.brief.charts import (index_name, index_table, output_label, param_label,
                                                pick_sensitivity)
    sens = R.sensitivity
    if sens is None:
        return []
    out, yr, t = pick_sensitivity(sens.table, year)
    idx = index_table(sens, t)
    tr = Tr(lang)
    name = index_name(sens.method, lang)
    rows = []
    for _, r in idx.iterrows():
        lo, hi = (r["low"], r["high"]) if finite(r["low"]) else (None, None)
        text = f"{r['value']:.2f}" + (f" ({lo:.2f} … {hi:.2f})" if lo is not None else "")
        if lo is not None and not r["clear"]:
            text += tr.text("brief.table.not_clear")
        rows.append(Figure_("", f"{INDEX_CODES[sens.method]}:{r['parameter']}",
                            tr.text("brief.table.sensitivity_index",
                                    parameter=param_label(r['parameter'], lang), index=name,
                                    output=output_label(out, lang)),
                            "" if yr is None else str(yr), "index", float(r["value"]), lo, hi,
                            tr.text("brief.chart.sens.legend_interval") if lo is not None else "", text))
    return rows


INDEX_CODES = {"sobol": "ST", "morris": "mu_star", "spearman": "spearman_rho"}


CSV_COLUMNS = ("scenario", "scenario_title", "measure", "measure_label", "year", "unit", "mean",
               "low", "high", "interval", "text")
CSV_HEADERS = {lang: [text(f"brief.csv.{column}", lang) for column in CSV_COLUMNS]
               for lang in ("zh", "en")}


def figures_frame(R: Results, rows: list[Figure_], lang: str) -> pd.DataFrame:
    data = [[f.scenario, R.title(f.scenario, lang) if f.scenario else "", f.measure, f.label,
             f.year, f.unit, f.mean,
             f.low, f.high, f.interval, f.text] for f in rows]
    return pd.DataFrame(data, columns=CSV_HEADERS[lang])


def unit_word(unit: str, lang: str) -> str:
    """A unit of key_figures.csv as a person reads it (catalogue "brief.unit.*"):
    个村 / villages; yuan/yuan is "brief.unit.yuan_per_yuan"."""
    key = "brief.unit." + unit.replace("/", "_per_")
    return text(key, lang) if key in CATALOGUE else unit


def people_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """key_figures.csv for people (the xlsx "Data" sheet): units in words of the
    language, and without the program's measure codes, which the CSV keeps for
    programs (scenario codes stay: the user named the scenarios)."""
    head = CSV_HEADERS[lang]
    out = frame.drop(columns=[head[2]])
    unit = head[5]
    out[unit] = out[unit].map(lambda u: unit_word(u, lang))
    return out


def wide_table(R: Results, rows: list[Figure_], lang: str) -> pd.DataFrame:
    """Measures as rows, scenarios as columns, formatted text in the cells."""
    first, yr = text("brief.table.col_measure", lang), text("brief.table.col_year", lang)
    if not R.scenarios:  # sensitivity only: one column of values
        return pd.DataFrame([[f.label, f.year, f.text] for f in rows],
                            columns=[first, yr, text("brief.table.col_value", lang)])
    labels = list(dict.fromkeys((f.measure, f.label, f.year) for f in rows))
    by = {(f.measure, f.scenario): f.text for f in rows}
    data = [[label, year] + [by.get((key, s), "") for s in R.scenarios]
            for key, label, year in labels]
    return pd.DataFrame(data, columns=[first, yr] + [R.title(s, lang) for s in R.scenarios])


# ---------------------------------------------------------------------- cover
@dataclass
class CoverNumber:
    key: str
    value: str  # the big number
    label: str
    detail: str  # band or context
    alert: bool = False  # a warning the reader must not miss (drawn in warm colours)


def cover_numbers(R: Results, year: int, lang: str) -> list[CoverNumber]:
    tr = Tr(lang)
    if not R.scenarios:
        return sensitivity_numbers(R, year, lang)
    s = R.scenarios[0]
    m = R.measures.get(s, {}).get(str(year), {})
    summ = R.data[s].summary or {}
    out = []
    p = R.p_cleared(s, year)
    if p:
        n = R.replicates
        hits = round(p[0] * n)
        out.append(CoverNumber("p_cleared", fmt_pct(p[0]),
                               tr.text("brief.cover.p_cleared_label", year=year),
                               tr.text("brief.cover.p_cleared_detail",
                                       interval=fmt_pct_range(p[1], p[2]), hits=hits, n=n,
                                       year=year)))
    z = m.get("zero_income_villages")
    if z:
        init = summ.get("initial_zero_income_villages")
        start = tr.text("brief.cover.zero_at_start", year=R.years[0], count=fmt_int(init)) if init is not None else ""
        out.append(CoverNumber("zero_income_villages", tr.text("brief.cover.villages",
                                                               count=fmt_count(z['mean'])),
                               tr.text("brief.cover.zero_label", year=year),
                               tr.text("brief.cover.zero_detail",
                                       band=fmt_range(z['p05'], z['p95']), start=start)))
    c = m.get("cumulative_fiscal_cost_yuan")
    pb = programme_band(R, s, year)
    if c:
        fiscal = money_name("fiscal_total", lang)
        prog = (tr.text("brief.cover.of_which_programme",
                        programme=money_name("programme", lang, False),
                        money=fmt_money(pb["mean"], lang)) if pb else "")
        out.append(CoverNumber("cumulative_fiscal_cost_yuan", fmt_money_short(c["mean"], lang),
                               tr.text("brief.cover.fiscal_label", first_year=R.years[0],
                                       year=year, fiscal=fiscal),
                               tr.text("brief.cover.fiscal_detail",
                                       band=fmt_money_range(c['p05'], c['p95'], lang),
                                       programme=prog)))
    q = (summ.get("income_quantiles") or {}).get(str(year))
    if q and "p50" in q:
        out.append(CoverNumber("median_income_yuan", fmt_money_short(q["p50"], lang),
                               tr.text("brief.cover.median_label", year=year),
                               tr.text("brief.cover.median_detail",
                                       quartiles=fmt_money_range(q.get('p25'), q.get('p75'), lang))))
    return out


def sensitivity_numbers(R: Results, year: int, lang: str) -> list[CoverNumber]:
    """The cover of a sweep's brief: the design, the parameter that matters most (with
    its interval), how many parameters stand out from the noise, and the runs."""
    from vcsim.experiments.brief.charts import (index_name, index_table, noise_warning,
                                                output_label, param_label, pick_sensitivity)
    tr = Tr(lang)
    sens = R.sensitivity
    if sens is None:
        return []
    meta = sens.meta
    out_key, yr, t = pick_sensitivity(sens.table, year)
    idx = index_table(sens, t)
    if idx.empty:
        return []
    noise = noise_warning(sens, out_key, yr)
    if noise is not None:  # the indices shown mostly measure luck: that, and nothing else
        out = [noise_cover(noise, out_key, yr, lang)]
        points, reps = meta.get("points"), meta.get("replicates_averaged")
        if points:
            out.append(CoverNumber("runs", f"{int(points) * int(reps or 1):,}", tr.text("brief.cover.runs_label"),
                                   tr.text("brief.cover.runs_detail", points=points,
                                           replicates=reps or 1)))
        return out
    top = idx.iloc[0]
    when = "" if yr is None else tr.text("brief.cover.in_year", year=yr)
    name = param_label(top["parameter"], lang)
    out = [CoverNumber("top_parameter", f"{top['value']:.2f}",
                       tr.text("brief.cover.top_label", index=index_name(sens.method, lang),
                               parameter=name, output=output_label(out_key, lang), when=when),
                       tr.text("brief.cover.top_detail", low=top['low'], high=top['high'])
                       if finite(top["low"]) else "")]
    clear = int(idx["clear"].sum())
    out.append(CoverNumber("parameters_clear", tr.text("brief.cover.clear_value", count=clear,
                                                       total=len(idx)),
                           tr.text("brief.cover.clear_label"),
                           tr.text("brief.cover.clear_detail")
                           if clear < len(idx) else ""))
    points, reps = meta.get("points"), meta.get("replicates_averaged")
    if points:
        out.append(CoverNumber("runs", f"{int(points) * int(reps or 1):,}",
                               tr.text("brief.cover.runs_label"),
                               tr.text("brief.cover.runs_detail", points=points,
                                       replicates=reps or 1)))
    return out


def reading(R: Results, year: int, lang: str, sensitivity_line: str | None = None,
            compare: bool = True) -> str:
    """One paragraph in plain language, generated from the numbers; ``compare=False``
    leaves out the scenarios' differences from the baseline (the cover table shows them)."""
    tr = Tr(lang)
    if not R.scenarios:
        return (sensitivity_line or "") + noise_reading(R, lang)
    s = R.scenarios[0]
    name = R.title(s, lang)
    m = R.measures.get(s, {}).get(str(year), {})
    summ = R.data[s].summary or {}
    parts = []
    init, nv = summ.get("initial_zero_income_villages"), summ.get("villages")
    z = m.get("zero_income_villages")
    p = R.p_cleared(s, year)
    if init is not None and nv:
        parts.append(tr.text("brief.reading.start", name=name, villages=nv, first_year=R.years[0],
                             zero=init))
    if z:
        if p and p[0] == 1:  # every replicate: no village left
            zt = tr.text("brief.reading.all_cleared", year=year)
        else:
            zt = tr.text("brief.reading.remain", year=year, mean=fmt_count(z['mean']),
                         band=fmt_range(z['p05'], z['p95']))
        parts.append(zt)
    if p:
        parts.append(tr.text("brief.reading.p_cleared", chance=fmt_pct(p[0]), year=year,
                             interval=fmt_pct_range(p[1], p[2])))
    text = tr.text("brief.reading.sentence",
                   clauses=tr.text("brief.reading.comma").join(parts)) if parts else ""
    c = m.get("cumulative_fiscal_cost_yuan")
    pb = programme_band(R, s, year)
    q = (summ.get("income_quantiles") or {}).get(str(year))
    s50 = m.get("share_income_ge_50k")
    bits = []
    if c:
        prog = (tr.text("brief.reading.of_which_programme",
                        programme=money_name("programme", lang, False),
                        money=fmt_money(pb["mean"], lang)) if pb else "")
        bits.append(tr.text("brief.reading.fiscal", first_year=R.years[0], year=year,
                            fiscal=money_name("fiscal_total", lang, False),
                            money=fmt_money(c["mean"], lang), programme=prog))
    if q and "p50" in q:
        bits.append(tr.text("brief.reading.median_income", year=year,
                            median=fmt_money(q['p50'], lang)))
    if s50:
        bits.append(tr.text("brief.reading.share_50k", share=fmt_pct(s50['mean'])))
    if bits:
        text += tr.text("brief.reading.next_sentence",
                        clauses=tr.text("brief.reading.semicolon").join(bits))
    comp = []
    for o in R.scenarios[1:] if compare else []:
        mo = R.measures.get(o, {}).get(str(year), {})
        zo, po = mo.get("zero_income_villages"), R.p_cleared(o, year)
        if not zo:
            continue
        d = R.differences.get(o, {}).get(str(year), {}).get("zero_income_villages")
        oname = R.title(o, lang)
        if d and finite(d.get("ci_low")) and finite(d.get("ci_high")):
            if _is_zero(d["mean"]) and _is_zero(d["ci_low"]) and _is_zero(d["ci_high"]):
                diff = tr.text("brief.reading.diff_none")
            elif _is_zero(d["mean"]):
                diff = tr.text("brief.reading.diff_about_zero", low=fmt_signed(d['ci_low']),
                               high=fmt_signed(d['ci_high']))
            else:
                sure = (d["ci_low"] > 0 or d["ci_high"] < 0)
                more = d["mean"] >= 0
                diff = tr.text("brief.reading.diff_more" if more else "brief.reading.diff_fewer",
                               count=abs(d["mean"]), low=fmt_signed(d["ci_low"]),
                               high=fmt_signed(d["ci_high"]),
                               unclear="" if sure else tr.text("brief.reading.not_clearly_different"))
        else:
            diff = tr.text("brief.reading.other_zero", mean=fmt_count(zo['mean']))
        pc = tr.text("brief.reading.other_p_cleared", chance=fmt_pct(po[0]),
                     interval=fmt_pct_range(po[1], po[2])) if po else ""
        comp.append(tr.text("brief.reading.other", scenario=oname, diff=diff, p_cleared=pc))
    if comp:
        text += tr.text("brief.reading.compared",
                        clauses=tr.text("brief.reading.semicolon").join(comp))
    if sensitivity_line:
        text += sensitivity_line
    text += tr.text("brief.reading.not_forecasts")
    return text


def cover_table(R: Results, year: int, lang: str) -> list[list[str]]:
    """The scenarios side by side on the cover (several scenarios only): header row, then
    one row per scenario, formatted like the cover numbers."""
    tr = Tr(lang)
    if not R.scenarios and R.sensitivity is not None:
        return sensitivity_table(R, year, lang)
    if len(R.scenarios) < 2:
        return []
    Y = str(year)
    head = [tr.text("brief.cover_table.scenario"),
            tr.text("brief.cover_table.p_cleared", year=year),
            tr.text("brief.cover_table.zero_income_villages", year=year),
            tr.text("brief.cover_table.difference"),
            tr.text("brief.cover_table.fiscal", first_year=R.years[0], year=year,
                    fiscal=money_name('fiscal_total', tr.lang)),
            tr.text("brief.cover_table.median_income", year=year)]
    rows = [head]
    only_a = tr.text("brief.chart.cost.part_a_only")
    for s in R.scenarios:
        m = R.measures.get(s, {}).get(Y, {})
        z, c = m.get("zero_income_villages"), m.get("cumulative_fiscal_cost_yuan")
        q = ((R.data[s].summary or {}).get("income_quantiles") or {}).get(Y, {})
        pb = programme_band(R, s, year)
        p = R.p_cleared(s, year)
        money = "–"
        if c:
            money = fmt_money(c["mean"], lang) + (only_a if pb and pb["p95"] == 0 else "")
        d = R.differences.get(s, {}).get(Y, {}).get("zero_income_villages") or {}
        if s == R.baseline:
            diff = tr.text("brief.cover_table.baseline")
        elif finite(d.get("mean")) and finite(d.get("ci_low")):
            diff = f"{fmt_signed(d['mean'])} ({fmt_signed(d['ci_low'])} … {fmt_signed(d['ci_high'])})"
        else:
            diff = "–"
        rows.append([R.title(s, lang),
                     f"{fmt_pct(p[0])} ({fmt_pct_range(p[1], p[2])})" if p else "–",
                     f"{fmt_count(z['mean'])} ({fmt_range(z['p05'], z['p95'])})" if z else "–",
                     diff, money, fmt_money(q["p50"], lang) if "p50" in q else "–"])
    return rows


def sensitivity_table(R: Results, year: int, lang: str) -> list[list[str]]:
    """A sweep's cover table: every parameter with its index, 95% interval and whether
    its effect stands out from the replicate noise, most influential first."""
    from vcsim.experiments.brief.charts import (index_name, index_table, noise_warning, param_label,
                                                pick_sensitivity)
    tr = Tr(lang)
    out_key, yr, t = pick_sensitivity(R.sensitivity.table, year)
    idx = index_table(R.sensitivity, t)
    if idx.empty:
        return []
    noisy = noise_warning(R.sensitivity, out_key, yr) is not None
    index = index_name(R.sensitivity.method, lang)
    rows = [[tr.text("brief.cover_table.parameter"), index[:1].upper() + index[1:],
             tr.text("brief.chart.sens.legend_interval"), tr.text("brief.cover_table.effect")]]
    for _, r in idx.iterrows():
        known = finite(r["low"])
        rows.append([param_label(r["parameter"], lang), f"{r['value']:.2f}",
                     f"{r['low']:.2f} … {r['high']:.2f}" if known else "–",
                     tr.text("brief.cover_table.mostly_noise") if noisy else
                     (tr.text("brief.cover_table.clear") if r["clear"] else tr.text("brief.cover_table.within_noise"))
                     if known else "–"])
    return rows


def noise_cover(warning: dict, output: str, year, lang: str) -> CoverNumber:
    """The cover's warning that the indices shown mostly measure replicate noise
    (a ``noise_warnings`` entry of sensitivity.json, experiments.sensitivity)."""
    from vcsim.experiments.brief.charts import output_label
    from vcsim.experiments.messages import text
    share = warning.get("share")
    detail_key = {"noise.unreliable": "brief.noise.cover_unreliable",
                  "noise.no_signal": "brief.noise.cover_no_signal"}.get(
        warning.get("key"), "brief.noise.cover_one_replicate")
    when = "" if year is None else text("brief.noise.when", lang, year=year)
    return CoverNumber(
        "noise", text("brief.noise.cover_value", lang),
        text("brief.noise.cover_label", lang, output=output_label(output, lang), when=when),
        text(detail_key, lang, share=fmt_pct(share) if finite(share) else "–",
             limit=fmt_pct(warning.get("limit", 0.1)), needed=warning.get("needed") or "–",
             replicates=warning.get("replicates", "–")),
        alert=True)


def noise_reading(R: Results, lang: str) -> str:
    """A sentence on the outputs and years whose indices mostly measure noise, if any."""
    from vcsim.experiments.messages import text
    warnings_ = (R.sensitivity.meta.get("noise_warnings") or []) if R.sensitivity else []
    if not warnings_:
        return ""
    pairs = R.sensitivity.table[["output", "year"]].drop_duplicates()
    return text("brief.noise.reading", lang, count=len(warnings_), total=len(pairs))
