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
        return tr(f"{last}年底前未清零（所有模拟）", f"not by {last} (in any replicate)")
    if p50 is None:
        return tr(f"多数模拟{last}年底前未清零（最早{p05}年）",
                  f"not by {last} in most replicates (earliest {p05})")
    if p95 is None:
        return tr(f"{p50}年（90%区间：{p05}年至{last}年后）", f"{p50} (90% band: {p05} to after {last})")
    if p05 == p95:
        return tr(f"{p50}年", f"{p50}")
    return tr(f"{p50}年（90%区间：{p05}–{p95}年）", f"{p50} (90% band: {p05}–{p95})")


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
    band90 = tr("90%区间（各次模拟）", "90% band (replicates)")
    quart = tr("村间四分位（全部模拟）", "quartiles across villages")
    level = f"{100 * R.ci_level:.0f}% " if finite(R.ci_level) else ""
    ci = tr(f"{level}置信区间", f"{level}confidence interval")
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
            rows.append(Figure_(s, "p_cleared", tr("清零概率（年底无空白村）",
                                                   "Probability of clearance (no zero-income village)"),
                                Y, "share", pc[0], pc[1], pc[2],
                                tr("95%区间（Wilson，各次模拟）", "95% interval (Wilson, replicates)"),
                                f"{fmt_pct(pc[0])} ({fmt_pct_range(pc[1], pc[2])})"))
        add(s, "zero_income_villages", tr("年底空白村", "Zero-income villages at year end"), Y,
            "villages", m.get("zero_income_villages"), "count")
        add(s, "zero_income_share", tr("空白村比例", "Share of zero-income villages"), Y,
            "share", m.get("zero_income_share"), "pct")
        cy = summ.get("clearance_year")
        if cy:
            p50, p05, p95 = cy.get("p50"), cy.get("p05"), cy.get("p95")
            text = clearance_year_text(p50, p05, p95, R.years[-1] if R.years else None, lang)
            rows.append(Figure_(s, "clearance_year", tr("最后一个空白村清零的年份（中位数）",
                                                      "Year the last village clears (median)"),
                                whole, "year", p50, p05, p95, band90, text))
        q = (summ.get("income_quantiles") or {}).get(Y)
        if q and "p50" in q:
            rows.append(Figure_(s, "median_income_yuan", tr("村集体经营收入中位数", "Median village income"),
                                Y, "yuan", q["p50"], q.get("p25"), q.get("p75"), quart,
                                f"{fmt_money(q['p50'], lang)} ({fmt_money_range(q.get('p25'), q.get('p75'), lang)})"))
        add(s, "mean_income_yuan", tr("村均集体经营收入", "Mean village income"), Y, "yuan",
            m.get("mean_income_yuan"), "money")
        add(s, "share_income_ge_50k", tr("收入≥5万元的村", "Villages at ≥ 50,000 yuan"), Y,
            "share", m.get("share_income_ge_50k"), "pct")
        add(s, "share_income_ge_100k", tr("收入≥10万元的村", "Villages at ≥ 100,000 yuan"), Y,
            "share", m.get("share_income_ge_100k"), "pct")
        add(s, "gini", tr("收入基尼系数", "Gini of village income"), Y, "index", m.get("gini"), "gini")
        fiscal, programme = money_name("fiscal_total", lang), money_name("programme", lang)
        add(s, "fiscal_cost_yuan", tr(f"当年{fiscal}", f"{fiscal} in the year"),
            Y, "yuan", m.get("fiscal_cost_yuan"), "money")
        none = tr("0（未投入项目资金）", "0 (no programme money)")
        pb = programme_band(R, s, year)
        c = m.get("cumulative_fiscal_cost_yuan")
        if c and pb and pb["p95"] == 0:  # no programme: the fiscal total is part A alone
            c = dict(c)
            rows.append(Figure_(s, "cumulative_fiscal_cost_yuan", tr(f"累计{fiscal}", f"{fiscal}, cumulative"),
                                span, "yuan", c["mean"], c["p05"], c["p95"], band90,
                                _band_text(c, "money", lang) + tr("，仅A部分", ", part A only")))
        else:
            add(s, "cumulative_fiscal_cost_yuan", tr(f"累计{fiscal}", f"{fiscal}, cumulative"),
                span, "yuan", c, "money")
        add(s, "cumulative_programme_yuan", tr(f"累计{programme}", f"{programme}, cumulative"),
            span, "yuan", pb, "money", note=none)
        add(s, "cost_per_village_cleared_yuan",
            tr(f"每清零一个空白村的{programme}", f"{programme} per village cleared"),
            span, "yuan", R.cost(s, year), "money", note=none)
        for key, label in (("projects_started", tr("启动项目数", "Projects started")),
                           ("projects_failed", tr("失败项目数", "Projects failed"))):
            b = summ.get(key)
            if b:
                rows.append(Figure_(s, key, label, whole, "projects", b["mean"], b["p05"], b["p95"],
                                    band90, f"{fmt_count(b['mean'])} ({fmt_range(b['p05'], b['p95'])})"))
        d = R.differences.get(s, {}).get(Y, {}) if s != R.baseline else {}
        for key, label, kind in (
                ("zero_income_villages", tr("与基准之差：空白村（个村）", "vs baseline: zero-income villages"), "count"),
                ("p_cleared", tr("与基准之差：清零概率（百分点）", "vs baseline: P(cleared), points"), "pts"),
                ("cumulative_programme_yuan", tr(f"与基准之差：累计{money_name('programme', 'zh')}",
                                                 f"vs baseline: {money_name('programme', 'en', False)}, cumulative"), "money")):
            b = d.get(key)
            if not b or not finite(b.get("mean")):
                continue
            lo, hi = b.get("ci_low"), b.get("ci_high")
            if kind == "count":
                text = f"{fmt_signed(b['mean'])} ({fmt_signed(lo)} … {fmt_signed(hi)})"
                if _is_zero(b["mean"]) and _is_zero(lo) and _is_zero(hi):
                    text = tr("0（每次模拟都相同）", "0 (the same in every replicate)")
                unit = "villages"
            elif kind == "pts":
                text = (f"{fmt_signed(100 * b['mean'], 0)} ({fmt_signed(100 * lo, 0)} … "
                        f"{fmt_signed(100 * hi, 0)})") if finite(lo) and finite(hi) \
                    else fmt_signed(100 * b["mean"], 0)
                if _is_zero(b["mean"]) and _is_zero(lo) and _is_zero(hi):
                    text = tr("0（每次模拟都相同）", "0 (the same in every replicate)")
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
    from vcsim.experiments.brief.charts import index_table, output_label, param_label, pick_sensitivity
    sens = R.sensitivity
    if sens is None:
        return []
    out, yr, t = pick_sensitivity(sens.table, year)
    idx = index_table(sens, t)
    tr = Tr(lang)
    name = tr(idx.attrs.get("name_zh", ""), idx.attrs.get("name_en", ""))
    rows = []
    for _, r in idx.iterrows():
        lo, hi = (r["low"], r["high"]) if finite(r["low"]) else (None, None)
        text = f"{r['value']:.2f}" + (f" ({lo:.2f} … {hi:.2f})" if lo is not None else "")
        if lo is not None and not r["clear"]:
            text += tr("，不明显", ", not clear")
        rows.append(Figure_("", f"{INDEX_CODES[sens.method]}:{r['parameter']}",
                            tr(f"{param_label(r['parameter'], lang)}：{name}（{output_label(out, lang)}）",
                               f"{param_label(r['parameter'], lang)}: {name} ({output_label(out, lang)})"),
                            "" if yr is None else str(yr), "index", float(r["value"]), lo, hi,
                            tr("95%区间", "95% interval") if lo is not None else "", text))
    return rows


INDEX_CODES = {"sobol": "ST", "morris": "mu_star", "spearman": "spearman_rho"}


CSV_HEADERS = {
    "zh": ["情景代码", "情景", "指标代码", "指标", "年份", "单位", "均值", "下限", "上限", "区间", "文字"],
    "en": ["scenario", "scenario_title", "measure", "measure_label", "year", "unit", "mean",
           "low", "high", "interval", "text"],
}


def figures_frame(R: Results, rows: list[Figure_], lang: str) -> pd.DataFrame:
    data = [[f.scenario, R.title(f.scenario, lang) if f.scenario else "", f.measure, f.label,
             f.year, f.unit, f.mean,
             f.low, f.high, f.interval, f.text] for f in rows]
    return pd.DataFrame(data, columns=CSV_HEADERS[lang])


UNIT_WORDS = {  # the units of key_figures.csv, as a person reads them
    "villages": ("个村", "villages"), "share": ("比例", "share"), "yuan": ("元", "yuan"),
    "year": ("年", "year"), "projects": ("个项目", "projects"), "index": ("指数", "index"),
    "yuan/yuan": ("元/元", "yuan per yuan"),
}


def people_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """key_figures.csv for people (the xlsx "Data" sheet): units in words of the
    language, and without the program's measure codes, which the CSV keeps for
    programs (scenario codes stay: the user named the scenarios)."""
    head = CSV_HEADERS[lang]
    out = frame.drop(columns=[head[2]])
    unit = head[5]
    out[unit] = out[unit].map(lambda u: UNIT_WORDS.get(u, (u, u))[0 if lang == "zh" else 1])
    return out


def wide_table(R: Results, rows: list[Figure_], lang: str) -> pd.DataFrame:
    """Measures as rows, scenarios as columns, formatted text in the cells."""
    if not R.scenarios:  # sensitivity only: one column of values
        first = "指标" if lang == "zh" else "Measure"
        yr = "年份" if lang == "zh" else "Year"
        return pd.DataFrame([[f.label, f.year, f.text] for f in rows],
                            columns=[first, yr, "数值" if lang == "zh" else "Value"])
    labels = list(dict.fromkeys((f.measure, f.label, f.year) for f in rows))
    by = {(f.measure, f.scenario): f.text for f in rows}
    first = "指标" if lang == "zh" else "Measure"
    yr = "年份" if lang == "zh" else "Year"
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
                               tr(f"到{year}年底全部清零（没有空白村）的概率",
                                  f"Chance that no village has zero income at end-{year}"),
                               tr(f"95%区间 {fmt_pct_range(p[1], p[2])}；{n}次模拟中{hits}次清零",
                                  f"95% interval {fmt_pct_range(p[1], p[2])}; {hits} of {n} "
                                  f"replicates end {year} with none")))
    z = m.get("zero_income_villages")
    if z:
        init = summ.get("initial_zero_income_villages")
        start = tr(f"；{R.years[0]}年初{fmt_int(init)}个", f"; {fmt_int(init)} at the start of "
                   f"{R.years[0]}") if init is not None else ""
        out.append(CoverNumber("zero_income_villages", tr(f"{fmt_count(z['mean'])}个村",
                                                          f"{fmt_count(z['mean'])} villages"),
                               tr(f"{year}年底空白村（均值）", f"Zero-income villages at end-{year} (mean)"),
                               tr(f"90%区间 {fmt_range(z['p05'], z['p95'])}个{start}",
                                  f"90% band {fmt_range(z['p05'], z['p95'])}{start}")))
    c = m.get("cumulative_fiscal_cost_yuan")
    pb = programme_band(R, s, year)
    if c:
        fiscal = money_name("fiscal_total", lang)
        prog = (tr(f"；其中{money_name('programme', 'zh')}{fmt_money(pb['mean'], lang)}",
                   f"; of which programme money (part B) {fmt_money(pb['mean'], lang)}")
                if pb else "")
        out.append(CoverNumber("cumulative_fiscal_cost_yuan", fmt_money_short(c["mean"], lang),
                               tr(f"{R.years[0]}–{year}年{fiscal}",
                                  f"{fiscal}, {R.years[0]}–{year}"),
                               tr(f"90%区间 {fmt_money_range(c['p05'], c['p95'], lang)}{prog}",
                                  f"90% band {fmt_money_range(c['p05'], c['p95'], lang)}{prog}")))
    q = (summ.get("income_quantiles") or {}).get(str(year))
    if q and "p50" in q:
        out.append(CoverNumber("median_income_yuan", fmt_money_short(q["p50"], lang),
                               tr(f"{year}年村集体经营收入中位数",
                                  f"Median village collective income, {year}"),
                               tr(f"一半的村在 {fmt_money_range(q.get('p25'), q.get('p75'), lang)} 之间",
                                  f"half the villages between {fmt_money_range(q.get('p25'), q.get('p75'), lang)}")))
    return out


def sensitivity_numbers(R: Results, year: int, lang: str) -> list[CoverNumber]:
    """The cover of a sweep's brief: the design, the parameter that matters most (with
    its interval), how many parameters stand out from the noise, and the runs."""
    from vcsim.experiments.brief.charts import (index_table, output_label, param_label,
                                                pick_sensitivity)
    tr = Tr(lang)
    sens = R.sensitivity
    if sens is None:
        return []
    meta = sens.meta
    out_key, yr, t = pick_sensitivity(sens.table, year)
    idx = index_table(sens, t)
    if idx.empty:
        return []
    top = idx.iloc[0]
    when = "" if yr is None else tr(f"（{yr}年）", f" ({yr})")
    name = param_label(top["parameter"], lang)
    out = [CoverNumber("top_parameter", f"{top['value']:.2f}",
                       tr(f"“{name}”对{output_label(out_key, lang)}{when}的{idx.attrs['name_zh']}",
                          f"{idx.attrs['name_en']} of {name} for {output_label(out_key, lang)}{when}"),
                       tr(f"95%区间 {top['low']:.2f}–{top['high']:.2f}",
                          f"95% interval {top['low']:.2f} to {top['high']:.2f}")
                       if finite(top["low"]) else "")]
    clear = int(idx["clear"].sum())
    out.append(CoverNumber("parameters_clear", tr(f"{clear}个（共{len(idx)}个）", f"{clear} of {len(idx)}"),
                           tr("参数的影响明显（区间不含0）", "parameters with a clear effect (interval excludes 0)"),
                           tr("其余参数的影响小于模拟噪声，无法与0区分",
                              "the others' effects are smaller than the replicate noise")
                           if clear < len(idx) else ""))
    points, reps = meta.get("points"), meta.get("replicates_averaged")
    if points:
        out.append(CoverNumber("runs", f"{int(points) * int(reps or 1):,}",
                               tr("次模拟", "runs"),
                               tr(f"{points}个参数组合 × 每个{reps or 1}次重复",
                                  f"{points} parameter points × {reps or 1} replicates each")))
    return out


def reading(R: Results, year: int, lang: str, sensitivity_line: str | None = None,
            compare: bool = True) -> str:
    """One paragraph in plain language, generated from the numbers; ``compare=False``
    leaves out the scenarios' differences from the baseline (the cover table shows them)."""
    tr = Tr(lang)
    if not R.scenarios:
        return sensitivity_line or ""
    s = R.scenarios[0]
    name = R.title(s, lang)
    m = R.measures.get(s, {}).get(str(year), {})
    summ = R.data[s].summary or {}
    parts = []
    init, nv = summ.get("initial_zero_income_villages"), summ.get("villages")
    z = m.get("zero_income_villages")
    p = R.p_cleared(s, year)
    if init is not None and nv:
        parts.append(tr(f"按“{name}”方案，全县{nv}个村中{R.years[0]}年初有{init}个空白村（没有集体经营收入）",
                        f"Under \"{name}\", {init} of the county's {nv} villages had no collective "
                        f"operating income at the start of {R.years[0]}"))
    if z:
        if p and p[0] == 1:  # every replicate: no village left
            zt = tr(f"到{year}年底全部清零", f"by end-{year} every one of them has income")
        else:
            zt = tr(f"到{year}年底平均还剩{fmt_count(z['mean'])}个（90%区间{fmt_range(z['p05'], z['p95'])}个）",
                    f"by end-{year} {fmt_count(z['mean'])} remain on average (90% band "
                    f"{fmt_range(z['p05'], z['p95'])})")
        parts.append(zt)
    if p:
        parts.append(tr(f"{fmt_pct(p[0])}的模拟在{year}年底没有一个空白村（95%区间{fmt_pct_range(p[1], p[2])}）",
                        f"{fmt_pct(p[0])} of the replicates end {year} with none (95% interval "
                        f"{fmt_pct_range(p[1], p[2])})"))
    text = tr("，".join(parts) + "。", ("; ".join(parts) + ".") if parts else "")
    c = m.get("cumulative_fiscal_cost_yuan")
    pb = programme_band(R, s, year)
    q = (summ.get("income_quantiles") or {}).get(str(year))
    s50 = m.get("share_income_ge_50k")
    bits = []
    if c:
        prog = (tr(f"，其中{money_name('programme', 'zh')}约{fmt_money(pb['mean'], lang)}",
                   f", of which {fmt_money(pb['mean'], lang)} is programme money (part B)")
                if pb else "")
        bits.append(tr(f"{R.years[0]}–{year}年{money_name('fiscal_total', 'zh')}约"
                       f"{fmt_money(c['mean'], lang)}{prog}",
                       f"The fiscal total (parts A + B) for {R.years[0]}–{year} is about "
                       f"{fmt_money(c['mean'], lang)}{prog}"))
    if q and "p50" in q:
        bits.append(tr(f"{year}年村集体经营收入的中位数为{fmt_money(q['p50'], lang)}",
                       f"the median village earns {fmt_money(q['p50'], lang)} in {year}"))
    if s50:
        bits.append(tr(f"{fmt_pct(s50['mean'])}的村达到5万元",
                       f"{fmt_pct(s50['mean'])} of villages reach 50,000 yuan"))
    if bits:
        text += tr("；".join(bits) + "。", " " + "; ".join(bits) + ".")
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
                diff = tr("年底空白村与基准相同", "the same zero-income villages as the baseline")
            elif _is_zero(d["mean"]):
                diff = tr(f"空白村与基准几乎相同（平均差0.0个，95%区间{fmt_signed(d['ci_low'])}至"
                          f"{fmt_signed(d['ci_high'])}）",
                          f"about as many zero-income villages as the baseline (difference 0.0, "
                          f"95% interval {fmt_signed(d['ci_low'])} to {fmt_signed(d['ci_high'])})")
            else:
                sure = (d["ci_low"] > 0 or d["ci_high"] < 0)
                more = d["mean"] >= 0
                diff = tr(f"空白村平均{'多' if more else '少'}{abs(d['mean']):.1f}个"
                          f"（95%区间{fmt_signed(d['ci_low'])}至{fmt_signed(d['ci_high'])}"
                          f"{'' if sure else '，与基准差别不明显'}）",
                          f"{abs(d['mean']):.1f} {'more' if more else 'fewer'} zero-income "
                          f"villages on average (95% interval {fmt_signed(d['ci_low'])} to "
                          f"{fmt_signed(d['ci_high'])}{'' if sure else ', not clearly different'})")
        else:
            diff = tr(f"年底平均{fmt_count(zo['mean'])}个空白村", f"{fmt_count(zo['mean'])} "
                      f"zero-income villages on average")
        pc = tr(f"，清零概率{fmt_pct(po[0])}（{fmt_pct_range(po[1], po[2])}）",
                f", chance of clearance {fmt_pct(po[0])} ({fmt_pct_range(po[1], po[2])})") if po else ""
        comp.append(tr(f"“{oname}”{diff}{pc}", f'"{oname}": {diff}{pc}'))
    if comp:
        text += tr(f"与基准相比，" + "；".join(comp) + "。",
                   " Compared with the baseline, " + "; ".join(comp) + ".")
    if sensitivity_line:
        text += sensitivity_line
    text += tr("以上均为模拟结果，不是预测；区间反映模拟中的随机性。",
               " All figures are simulation results, not forecasts; bands show the spread "
               "across replicates.")
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
    head = [tr("方案", "Scenario"),
            tr(f"{year}年底清零概率（95%区间）", f"Chance of clearance, end-{year} (95% interval)"),
            tr(f"{year}年底空白村（90%区间）", f"Zero-income villages, end-{year} (90% band)"),
            tr("空白村与基准之差（95%区间）", "Difference from the baseline (95% interval)"),
            tr(f"{R.years[0]}–{year}年{money_name('fiscal_total', 'zh')}",
               f"{money_name('fiscal_total', 'en')}, {R.years[0]}–{year}"),
            tr(f"{year}年收入中位数", f"Median income {year}")]
    rows = [head]
    only_a = tr("（仅A部分）", " (part A only)")
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
            diff = tr("（基准）", "(baseline)")
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
    from vcsim.experiments.brief.charts import index_table, param_label, pick_sensitivity
    tr = Tr(lang)
    _, _, t = pick_sensitivity(R.sensitivity.table, year)
    idx = index_table(R.sensitivity, t)
    if idx.empty:
        return []
    rows = [[tr("参数", "Parameter"), tr(idx.attrs["name_zh"], idx.attrs["name_en"].capitalize()),
             tr("95%区间", "95% interval"), tr("影响", "Effect")]]
    for _, r in idx.iterrows():
        known = finite(r["low"])
        rows.append([param_label(r["parameter"], lang), f"{r['value']:.2f}",
                     f"{r['low']:.2f} … {r['high']:.2f}" if known else "–",
                     (tr("明显", "clear") if r["clear"] else tr("小于模拟噪声", "within the noise"))
                     if known else "–"])
    return rows
