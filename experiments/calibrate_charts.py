"""Charts of a calibration, in Chinese and English: the marginal posteriors and the
posterior predictive check (``vcsim calibrate`` writes them next to posterior.parquet)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from vcsim.experiments.messages import text

DPI = 200
NARROWED = 0.8  # a posterior 90% interval narrower than this share of the prior's width


def _font_family() -> str | None:
    from vcsim.experiments.brief.fonts import find_cjk_font
    entry = find_cjk_font()
    if entry is None:
        return None
    from matplotlib import font_manager as fm
    fm.fontManager.addfont(entry.fname)
    return entry.name


def draw_charts(cal, posterior: pd.DataFrame, predictive: pd.DataFrame, out: Path) -> list[str]:
    """Draw every chart in every language a font allows; return the file names."""
    import matplotlib
    matplotlib.use("Agg")
    from vcsim.experiments.brief.render import chart_style
    family = _font_family()
    langs = ["zh", "en"] if family else ["en"]
    if family is None:
        print(text("warning.prefix", message=text("calibrate.no_cjk_font")), file=sys.stderr)
        family = "DejaVu Sans"
    made = []
    for lang in langs:
        with chart_style(family):
            fig = marginals_figure(cal, posterior, lang)
            name = f"marginals_{lang}.png"
            fig.savefig(out / name, dpi=DPI)
            made.append(name)
            if "p50" in predictive:
                fig = predictive_figure(predictive, lang)
                name = f"predictive_check_{lang}.png"
                fig.savefig(out / name, dpi=DPI)
                made.append(name)
    return made


def _label(key: str, lang: str) -> str:
    from vcsim.experiments.brief.charts import param_label
    from vcsim.model.parameters import PARAMETERS
    unit = PARAMETERS[key].unit
    return f"{param_label(key, lang)} ({unit})" if unit not in ("-", "") else param_label(key, lang)


def marginals_figure(cal, posterior: pd.DataFrame, lang: str):
    from matplotlib.figure import Figure

    from vcsim.experiments.calibrate import posterior_summary, weighted_quantiles
    n = len(cal.parameters)
    cols = min(n, 3)
    rows = math.ceil(n / cols)
    fig = Figure(figsize=(4.6 * cols + 0.6, 3.6 * rows + 1.5), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, cols)).ravel()
    w = posterior["weight"].to_numpy()
    for ax, p in zip(axes, cal.parameters):
        x = posterior[p.key].to_numpy()
        bins = np.linspace(p.low, p.high, 16)
        q05, q50, q95 = weighted_quantiles(x, w, (0.05, 0.5, 0.95))
        ax.axvspan(q05, q95, color="#E69F00", alpha=0.22, lw=0, zorder=0)
        ax.hist(x, bins=bins, weights=w, density=True, color="#0072B2", zorder=2)
        ax.axhline(1.0 / (p.high - p.low), color="#888888", lw=2, ls="--", zorder=3)
        ax.axvline(q50, color="#1A1A1A", lw=1.5, zorder=3)
        ax.set_xlim(p.low, p.high)
        ax.set_ylim(bottom=0)
        ax.set_xlabel(_wrap(_label(p.key, lang), 34), fontsize=12)
        ax.set_ylabel(text("calibrate.chart_density", lang=lang), fontsize=12)
        ax.tick_params(labelsize=11)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    for ax in axes[n:]:
        ax.set_visible(False)
    narrowed = sum(s["interval_share_of_prior"] < NARROWED
                   for s in posterior_summary(cal, posterior).values())
    title = (text("calibrate.chart_marginals_title", lang=lang, k=narrowed, n=n) if narrowed
             else text("calibrate.chart_marginals_title_none", lang=lang))
    fig.suptitle(title, fontsize=17, fontweight="bold")
    fig.text(0.5, 0.005, _wrap(text("calibrate.chart_marginals_note", lang=lang, share=f"{NARROWED:.0%}"),
                                120 if lang == "en" else 130),
             ha="center", va="bottom", fontsize=10.5, color="#555555")
    fig.get_layout_engine().set(rect=(0, 0.08, 1, 0.92))
    return fig


def _scale(measure: str) -> tuple[float, str, str]:
    """Axis scale and unit of a measure: (factor, unit en, unit zh)."""
    if measure in ("share_with_operating_income", "p_cleared_by", "income_brackets") or "share" in measure:
        return 100.0, "%", "%"
    if measure.endswith("_yuan"):
        return 1e-4, "10,000 yuan", "万元"
    if measure == "gini":
        return 1.0, "", ""
    return 1.0, "villages" if "villages" in measure else "", "个村" if "villages" in measure else ""


def predictive_figure(pred: pd.DataFrame, lang: str):
    from matplotlib.figure import Figure
    n = len(pred)
    cols = min(n, 4)
    rows = math.ceil(n / cols)
    fig = Figure(figsize=(3.3 * cols + 0.6, 3.9 * rows + 1.5), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, cols)).ravel()
    for ax, row in zip(axes, pred.itertuples()):
        k, unit_en, unit_zh = _scale(row.measure)
        unit = unit_zh if lang == "zh" else unit_en
        stats = [{"med": row.p50 * k, "q1": row.p25 * k, "q3": row.p75 * k,
                  "whislo": row.p05 * k, "whishi": row.p95 * k, "label": ""}]
        ax.bxp(stats, positions=[0], widths=0.5, showfliers=False, patch_artist=True,
               boxprops={"facecolor": "#56B4E9", "edgecolor": "#1A1A1A"},
               medianprops={"color": "#1A1A1A", "lw": 2})
        from vcsim.experiments.calibrate import measure_domain
        least, most = measure_domain(row.measure, 10 ** 9)  # a count or share stays in its range
        lo = max(row.observed - 1.96 * row.sd, least) * k
        hi = min(row.observed + 1.96 * row.sd, most) * k
        ax.errorbar([0.6], [row.observed * k], yerr=[[row.observed * k - lo], [hi - row.observed * k]],
                    fmt="D", color="#D55E00", ms=9, capsize=6, lw=2)
        ax.set_xlim(-0.6, 1.1)
        ax.set_xticks([0, 0.6], [_wrap(text("calibrate.chart_simulated", lang=lang), 10),
                                 _wrap(text("calibrate.chart_observed", lang=lang), 10)], fontsize=10)
        top = max(row.p95 * k, hi)
        bottom = min(0.0, row.p05 * k, lo)
        ax.set_ylim(bottom, top * 1.12 if top > 0 else 1)
        ax.set_title(_wrap(target_label(row, lang), 26), fontsize=12)
        ax.set_ylabel(unit, fontsize=12)
        ax.tick_params(axis="y", labelsize=11)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    for ax in axes[n:]:
        ax.set_visible(False)
    ok = int(pred["observed_in_90"].sum())
    key = "calibrate.chart_check_title_ok" if ok == n else "calibrate.chart_check_title_some"
    fig.suptitle(text(key, lang=lang, k=ok, n=n), fontsize=17, fontweight="bold")
    fig.text(0.5, 0.005, _wrap(text("calibrate.chart_check_note", lang=lang), 130),
             ha="center", va="bottom", fontsize=10.5, color="#555555")
    fig.get_layout_engine().set(rect=(0, 0.08, 1, 0.92))
    return fig


MEASURE_LABEL = {
    "share_with_operating_income": ("有经营收入的村占比", "villages with operating income"),
    "p_cleared_by": ("清零概率", "probability of clearance"),
    "income_brackets": ("收入", "income"),
}


def target_label(row, lang: str) -> str:
    """A target component's name for a chart title: the measure in words, and the year."""
    from vcsim.experiments.brief.charts import output_label
    measure = row.measure
    pair = MEASURE_LABEL.get(measure)
    name = (pair[0] if lang == "zh" else pair[1]) if pair else output_label(measure, lang)
    if measure == "income_brackets":  # "income <50k 2021": keep the bracket, translate the word
        import re
        bracket = row.target.split(" ")[-2]
        if lang == "en":
            return f"{name} {bracket} ({row.year})"
        wan = re.sub(r"(\d+)k", lambda m: f"{int(m.group(1)) / 10:g}万", bracket)
        return f"{name} {wan}元（{row.year}年）"
    if row.target != f"{measure} {row.year}":  # the file gave a label
        return row.target
    return f"{name}（{row.year}年）" if lang == "zh" else f"{name} ({row.year})"


def _wrap(s: str, width: int) -> str:
    from vcsim.experiments.brief.texts import wrap_label
    return wrap_label(s, width)
