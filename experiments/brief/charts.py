"""The brief's charts: one message each, the title states the finding.

Each ``make_*`` function returns a ``Chart`` (title, subtitle, caption and a ``draw``
function that fills a matplotlib Figure without its title, so the same chart can be
rendered as a titled PNG, an untitled slide picture and a PDF page), or a ``Skip``
saying why the chart cannot be made from these results.

Colours: Okabe-Ito (colour-blind safe), each scenario also with its own line style and
marker so the charts read in greyscale; scenario i has the same style in every chart
(baseline first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from vcsim.experiments.brief.inputs import Results, finite
from vcsim.experiments.brief.texts import Tr, fmt_money, fmt_pct, fmt_ratio, money_unit, wrap_label
from vcsim.model.business_models import MODEL_CODES, MODEL_NAMES

# Okabe-Ito colours with a line style and marker each (baseline first).
SCENARIO_STYLES = [
    ("#0072B2", "-", "o"), ("#D55E00", "--", "s"), ("#009E73", ":", "^"),
    ("#CC79A7", "-.", "D"), ("#E69F00", (0, (5, 1, 1, 1)), "v"),
    ("#56B4E9", (0, (1, 1)), "P"), ("#000000", (0, (3, 1, 1, 1, 1, 1)), "X"),
]
GREY = "#555555"
LIGHT = "#BBBBBB"
TARGET_YEAR = 2021  # the clearance target (清零) of the county report
INCOME_LINES = (50_000, 100_000)
COHORTS = (1, 2, 3, 0)


@dataclass
class Chart:
    key: str
    title: str
    subtitle: str
    caption: str
    draw: Callable[[Figure], None]
    size: tuple[float, float] = (11.0, 6.2)
    note: str | None = None  # footnote drawn under the chart in every rendering


@dataclass
class Skip:
    key: str
    message: str


@dataclass
class Ctx:
    results: Results
    lang: str
    year: int
    font_cjk: bool
    can_draw: Callable[[str], bool] = lambda text: True  # the font has every glyph
    tr: Tr = field(init=False)

    def __post_init__(self):
        self.tr = Tr(self.lang)

    @property
    def scenarios(self) -> list[str]:
        return self.results.scenarios

    @property
    def focus(self) -> str:
        return self.results.scenarios[0]

    def style(self, scenario: str) -> tuple:
        i = self.scenarios.index(scenario)
        return SCENARIO_STYLES[i % len(SCENARIO_STYLES)]

    def title(self, scenario: str) -> str:
        return self.results.title(scenario, self.lang)

    def short(self, scenario: str, capital: bool = False) -> str:
        """How a title calls a scenario: 基准方案 / “取消县乡联合评审”."""
        tr = self.tr
        if scenario == "baseline":
            return tr("基准方案", "The baseline" if capital else "the baseline")
        return tr(f"“{self.title(scenario)}”", f'"{self.title(scenario)}"')

    def model_name(self, code: str) -> str:
        return MODEL_NAMES[self.lang][code]

    def summary(self, scenario: str) -> dict | None:
        return self.results.data[scenario].summary

    @property
    def first_year(self) -> int:
        return self.results.years[0]



def band_error(mean, lo, hi):
    """Error-bar lengths from a mean to its 90% band. A skewed spread can put the mean
    outside its 5th-95th percentile band (most replicates alike, a few far off); the bar
    then starts at the mean rather than pointing backwards."""
    return [[max(mean - lo, 0.0)], [max(hi - mean, 0.0)]]

def _band(ctx: Ctx, s: str, measure: str, year: int | None = None):
    return ctx.results.band(s, ctx.year if year is None else year, measure)


def _ylabel_kw():
    return {"labelpad": 8}


def _clean(ax, grid_axis: str = "y") -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis=grid_axis, color="#DDDDDD", linewidth=0.8)
    ax.grid(axis="x" if grid_axis == "y" else "y", visible=False)
    ax.set_axisbelow(True)


def _legend(ax, **kw):
    kw.setdefault("frameon", False)
    return ax.legend(**kw)


def _scenario_legend(ax, n: int):
    """Scenario legend in a row above the plot, so it never hides a line."""
    return ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=min(n, 3),
                     frameon=False, borderaxespad=0.2, handlelength=3.0, columnspacing=2.0)


# ---------------------------------------------------------------------- 1
def make_zero_income(ctx: Ctx):
    tr, R, Y = ctx.tr, ctx.results, ctx.year
    have = [s for s in ctx.scenarios if _band(ctx, s, "zero_income_villages")]
    if not have:
        return Skip("zero_income", "no zero-income village counts")
    focus = have[0]
    m = _band(ctx, focus, "zero_income_villages")
    if m["p95"] == 0:
        title = tr(f"到{Y}年底，{ctx.short(focus)}下空白村全部清零",
                   f"By end-{Y} {ctx.short(focus)} clears every village")
    elif m["mean"] < 1:
        title = tr(f"到{Y}年底，{ctx.short(focus)}下空白村基本清零",
                   f"By end-{Y} {ctx.short(focus)} clears almost every village")
    else:
        title = tr(f"到{Y}年底，{ctx.short(focus)}下仍有约{m['mean']:.0f}个空白村",
                   f"At end-{Y} about {m['mean']:.0f} villages still have no income "
                   f"under {ctx.short(focus)}")
    others = [(s, _band(ctx, s, "zero_income_villages")["mean"]) for s in have[1:]]
    if others:
        s2, v2 = max(others, key=lambda t: abs(t[1] - m["mean"]))
        if abs(v2 - m["mean"]) >= 1:
            if v2 >= 1:
                title += tr(f"；{ctx.short(s2)}仍剩约{v2:.0f}个",
                            f"; {ctx.short(s2)} leaves about {v2:.0f}")
            else:
                title += tr(f"；{ctx.short(s2)}也基本清零",
                            f"; so does {ctx.short(s2)}")
    n = R.replicates
    subtitle = tr(f"年底空白村数量（个村）：线为均值，阴影为{n}次模拟的90%区间",
                  f"Villages with zero collective income at year end: mean (line) and 90% "
                  f"band over {n} replicates")
    caption = tr("空白村：当年村集体经营收入为零的行政村。起点为2019年初的数量；竖虚线为清零目标年。",
                 "Zero-income village: no collective operating income in the year. "
                 "The first point is the count at the start of 2019; the dashed line "
                 "marks the clearance target year.")
    years = R.years

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        start_x = years[0] - 1
        top = 0.0
        for s in have:
            c, ls, mk = ctx.style(s)
            b = [R.band(s, y, "zero_income_villages") for y in years]
            xs = [y for y, v in zip(years, b) if v]
            mean = np.array([v["mean"] for v in b if v])
            lo = np.array([v["p05"] for v in b if v])
            hi = np.array([v["p95"] for v in b if v])
            init = (ctx.summary(s) or {}).get("initial_zero_income_villages")
            if init is not None:
                xs, mean = [start_x, *xs], np.r_[init, mean]
                lo, hi = np.r_[init, lo], np.r_[init, hi]
            ax.fill_between(xs, lo, hi, color=c, alpha=0.18, linewidth=0)
            ax.plot(xs, mean, color=c, linestyle=ls, marker=mk, markersize=7, linewidth=2.5,
                    label=wrap_label(ctx.title(s), 30))
            top = max(top, float(np.max(hi)))
        if ctx.results.years[0] <= TARGET_YEAR <= ctx.results.years[-1]:
            ax.axvline(TARGET_YEAR, color=GREY, linestyle=(0, (4, 3)), linewidth=1.5)
            ax.annotate(tr(f"清零目标\n{TARGET_YEAR}年底", f"clearance target\nend-{TARGET_YEAR}"),
                        xy=(TARGET_YEAR, top * 0.98), xytext=(8, 0),
                        textcoords="offset points", ha="left", va="top", color=GREY,
                        fontsize="small")
        ax.set_ylim(-0.02 * top - 0.5, top * 1.08 + 1)
        ticks = [start_x, *years]
        ax.set_xticks(ticks, [tr(f"{years[0]}年初", f"Jan {years[0]}"), *map(str, years)])
        ax.set_xlabel(tr("年底", "Year end"))
        ax.set_ylabel(tr("空白村（个村）", "Zero-income villages"), **_ylabel_kw())
        _clean(ax)
        _scenario_legend(ax, len(have))

    return Chart("zero_income", title, subtitle, caption, draw)


# ---------------------------------------------------------------------- 2
def make_p_cleared(ctx: Ctx):
    tr, R, Y = ctx.tr, ctx.results, ctx.year
    have = [s for s in ctx.scenarios
            if any(finite(R.measures.get(s, {}).get(str(y), {}).get("p_cleared"))
                   for y in R.years)]
    if not have:
        return Skip("p_cleared", "no clearance probabilities")
    p = {s: R.measures[s].get(str(Y), {}).get("p_cleared") for s in have}
    focus = have[0]
    title = tr(f"{ctx.short(focus)}到{Y}年底全部清零的概率为{fmt_pct(p[focus])}",
               f"{ctx.short(focus, True)} has a {fmt_pct(p[focus])} chance of no "
               f"zero-income village at end-{Y}")
    others = [s for s in have[1:] if finite(p[s])]
    if others and finite(p[focus]):
        s2 = max(others, key=lambda s: abs(p[s] - p[focus]))
        title += tr(f"，{ctx.short(s2)}为{fmt_pct(p[s2])}", f"; {ctx.short(s2)}: {fmt_pct(p[s2])}")
    n = R.replicates
    subtitle = tr(f"年底没有一个空白村的模拟所占比例（{n}次模拟）",
                  f"Share of the {n} replicates with no zero-income village at year end")
    caption = tr("清零：全县没有一个集体经营收入为零的村。概率 = 当年底清零的模拟次数 ÷ 模拟总次数；"
                 "已有收入的村也可能因项目失败再次变为空白村，所以概率可能回落。",
                 "Cleared: not a single village with zero collective operating income. "
                 "Probability = replicates cleared at that year's end ÷ all replicates; a village "
                 "can lose its income again when a project fails, so it can fall.")

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        for s in have:
            c, ls, mk = ctx.style(s)
            pts = [(y, R.measures[s].get(str(y), {}).get("p_cleared")) for y in R.years]
            pts = [(y, v) for y, v in pts if finite(v)]
            ax.plot([y for y, _ in pts], [100 * v for _, v in pts], color=c, linestyle=ls,
                    marker=mk, markersize=8, linewidth=2.5, label=wrap_label(ctx.title(s), 30))
        if finite(p[focus]):
            ax.annotate(fmt_pct(p[focus]), xy=(Y, 100 * p[focus]), xytext=(-10, 10),
                        textcoords="offset points", ha="right", va="bottom",
                        color=ctx.style(focus)[0], fontsize="large")
        ax.set_ylim(-3, 105)
        ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xticks(R.years, [str(y) for y in R.years])
        ax.set_ylabel(tr("清零概率", "Probability of clearance"), **_ylabel_kw())
        ax.set_xlabel(tr("年底", "Year end"))
        _clean(ax)
        _scenario_legend(ax, len(have))

    return Chart("p_cleared", title, subtitle, caption, draw)


# ---------------------------------------------------------------------- 3
def make_income_spread(ctx: Ctx):
    tr, R, Y = ctx.tr, ctx.results, ctx.year
    data = {}
    for s in ctx.scenarios:
        v = R.data[s].frame("villages")
        if v is None or "income_yuan" not in v.columns:
            continue
        v = v[v["year"] == Y]
        if len(v):
            data[s] = v
    if not data:
        return Skip("income_spread", "no villages.parquet: the income spread needs it")
    focus = next(iter(data))
    q = ((ctx.summary(focus) or {}).get("income_quantiles") or {}).get(str(Y), {})
    median = q.get("p50", float(np.percentile(data[focus]["income_yuan"], 50)))
    s50 = _band(ctx, focus, "share_income_ge_50k")
    share50 = s50["mean"] if s50 else float((data[focus]["income_yuan"] >= 50_000).mean())
    title = tr(f"{Y}年{ctx.short(focus)}下村集体经营收入中位数为{fmt_money(median, 'zh')}，"
               f"{fmt_pct(share50)}的村达到5万元",
               f"In {Y} the median village earns {fmt_money(median, 'en')} under "
               f"{ctx.short(focus)}; {fmt_pct(share50)} reach 50,000 yuan")
    subtitle = tr(f"{Y}年各村集体经营收入（万元）：箱体为全部模拟的四分位数，点为每个村各次模拟的中位数",
                  f"Village collective operating income in {Y} (10k yuan): box = quartiles "
                  f"over all replicates, dots = each village's median")
    caption = tr("虚线：5万元和10万元。箱体中线为中位数，须线为第5和第95百分位。",
                 "Dashed lines: 50,000 and 100,000 yuan. Box line = median; whiskers = "
                 "5th and 95th percentiles.")
    names = list(data)

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        rng = np.random.default_rng(0)
        top = 0.0
        for i, s in enumerate(names):
            c, ls, mk = ctx.style(s)
            inc = data[s]["income_yuan"].to_numpy() / 1e4
            per_village = data[s].groupby("village_id")["income_yuan"].median().to_numpy() / 1e4
            ax.boxplot([inc], positions=[i], widths=0.5, whis=(5, 95), showfliers=False,
                       patch_artist=True, zorder=2,
                       boxprops={"facecolor": "none", "edgecolor": "#222222", "linewidth": 1.8},
                       medianprops={"color": "#222222", "linewidth": 3},
                       whiskerprops={"color": "#222222", "linewidth": 1.5},
                       capprops={"color": "#222222", "linewidth": 1.5})
            x = i + rng.uniform(-0.33, 0.33, size=per_village.size)
            ax.scatter(x, per_village, s=16, color=c, marker=mk, alpha=0.55, linewidths=0,
                       zorder=1)
            top = max(top, float(np.percentile(inc, 95)), float(per_village.max()))
        for yv in INCOME_LINES:
            ax.axhline(yv / 1e4, color=GREY, linestyle=(0, (4, 3)), linewidth=1.3, zorder=0)
            ax.annotate(tr(f"{yv // 10_000}万元", f"{yv:,} yuan"), xy=(1, yv / 1e4),
                        xycoords=("axes fraction", "data"), xytext=(4, 0),
                        textcoords="offset points", va="center", ha="left", color=GREY,
                        fontsize="small")
        ax.set_xticks(range(len(names)), [wrap_label(ctx.title(s), 22 if len(names) > 2 else 34)
                                         for s in names])
        ax.set_xlim(-0.6, len(names) - 0.4)
        ax.set_ylim(min(0, ax.get_ylim()[0]), top * 1.05)
        ax.set_ylabel(tr("村集体经营收入（万元）", "Collective income (10k yuan)"), **_ylabel_kw())
        _clean(ax)

    return Chart("income_spread", title, subtitle, caption, draw)


# ---------------------------------------------------------------------- 4
def make_models(ctx: Ctx):
    tr, Y = ctx.tr, ctx.year
    focus = next((s for s in ctx.scenarios if (ctx.summary(s) or {}).get("model_mix")), None)
    if focus is None:
        return Skip("models", "no business-model mix in summary.json")
    summ = ctx.summary(focus)
    mix = summ["model_mix"]
    by_cohort = summ.get("model_mix_by_cohort") or {}
    total = {c: mix.get(c, {}).get("projects_mean", 0.0) or 0.0 for c in MODEL_CODES}
    if sum(total.values()) <= 0:
        return Skip("models", f"{focus}: no projects")
    order = sorted(MODEL_CODES, key=lambda c: -total[c])
    top = order[0]
    solid = [c for c in order if total[c] >= 1 and finite(mix[c].get("income_per_yuan"))]
    best = max(solid, key=lambda c: mix[c]["income_per_yuan"]) if solid else None
    years = summ.get("years") or ctx.results.years
    span = f"{years[0]}–{years[-1]}"
    if best and best != top:
        title = tr(f"村里最常选{ctx.model_name(top)}，{ctx.model_name(best)}每元投入收入最高",
                   f"Villages chose {ctx.model_name(top)} most; {ctx.model_name(best)} earned "
                   f"most per yuan invested")
    elif best:
        title = tr(f"{ctx.model_name(top)}既最常被选，每元投入收入也最高",
                   f"{ctx.model_name(top)} was chosen most and earned most per yuan invested")
    else:
        title = tr(f"村里最常选{ctx.model_name(top)}", f"Villages chose {ctx.model_name(top)} most")
    scen = "" if len(ctx.scenarios) == 1 else tr(f"（{ctx.title(focus)}）", f" ({ctx.title(focus)})")
    subtitle = tr(f"八种模式的项目数（每次模拟平均，按批次）、{span}年每元投入累计收入和失败比例{scen}",
                  f"Projects per replicate by model and cohort, income per yuan invested "
                  f"{span}, and share failed{scen}")
    caption = tr("第一批：2019年贫困村；第二批：2020年重点村；第三批：2021年其余空白村；"
                 "自发：未纳入计划的村自己启动的项目。",
                 "Cohort 1: poor villages (2019); 2: priority villages (2020); 3: remaining "
                 "zero-income villages (2021); self-started: villages outside the programme.")
    cohort_label = {1: tr("第一批", "Cohort 1"), 2: tr("第二批", "Cohort 2"),
                    3: tr("第三批", "Cohort 3"), 0: tr("自发", "Self-started")}
    cohort_style = {1: ("#08306B", None), 2: ("#4A90C8", None), 3: ("#A6CBE8", None),
                    0: ("#FFFFFF", "///")}

    def draw(fig: Figure) -> None:
        axes = fig.subplots(1, 3, sharey=True, gridspec_kw={"width_ratios": [2.0, 1.1, 1.1]})
        y = np.arange(len(order))[::-1]
        left = np.zeros(len(order))
        ax = axes[0]
        for c in COHORTS:
            vals = np.array([(by_cohort.get(str(c)) or {}).get(m, 0.0) for m in order])
            if not vals.any():
                continue
            col, hatch = cohort_style[c]
            ax.barh(y, vals, left=left, color=col, hatch=hatch, edgecolor="#222222",
                    linewidth=0.8, height=0.7, label=cohort_label[c])
            left += vals
        for yi, v in zip(y, left):
            ax.annotate(f"{v:.1f}", xy=(v, yi), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize="small")
        ax.set_yticks(y, [ctx.model_name(m) for m in order])
        ax.set_xlim(0, left.max() * 1.18)
        ax.set_xlabel(tr("项目数（个/每次模拟）", "Projects per replicate"))
        _legend(ax, loc="lower right", fontsize="small")
        _clean(ax, "x")
        ax.tick_params(axis="y", length=0)

        ipy = np.array([mix[m].get("income_per_yuan") or np.nan for m in order], dtype=float)
        thin = np.array([total[m] < 1 for m in order])
        ax = axes[1]
        ax.barh(y, np.nan_to_num(ipy), color=np.where(thin, "#FFFFFF", "#0072B2"),
                edgecolor="#0072B2", hatch=None, height=0.7, linewidth=1.2)
        for yi, v, t in zip(y, ipy, thin):
            label = fmt_ratio(v) if np.isfinite(v) else "–"
            ax.annotate(label + ("*" if t and np.isfinite(v) else ""), xy=(np.nan_to_num(v), yi),
                        xytext=(4, 0), textcoords="offset points", va="center",
                        fontsize="small")
        ax.set_xlim(0, np.nanmax(np.r_[ipy, 0.1]) * 1.35)
        ax.set_xlabel(tr("每元投入累计收入（元）", "Income per yuan invested"))
        _clean(ax, "x")
        ax.tick_params(axis="y", length=0)

        fail = np.array([mix[m].get("failed_share") for m in order], dtype=float)
        ax = axes[2]
        ax.barh(y, 100 * np.nan_to_num(fail), color=np.where(thin, "#FFFFFF", "#D55E00"),
                edgecolor="#D55E00", height=0.7, linewidth=1.2)
        for yi, v, t in zip(y, fail, thin):
            label = fmt_pct(v) if np.isfinite(v) else "–"
            ax.annotate(label + ("*" if t and np.isfinite(v) else ""),
                        xy=(100 * np.nan_to_num(v), yi), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize="small")
        ax.set_xlim(0, max(10.0, np.nanmax(np.r_[100 * fail, 0]) * 1.35))
        ax.set_xlabel(tr("失败项目比例（%）", "Projects failed (%)"))
        _clean(ax, "x")
        ax.tick_params(axis="y", length=0)

    thin_any = any(total[m] < 1 for m in order)
    note = tr("* 空心条：每次模拟不到1个项目，数值不可靠",
              "* hollow bar: under 1 project per replicate, unreliable") if thin_any else None
    return Chart("models", title, subtitle, caption, draw, note=note)


# ---------------------------------------------------------------------- 5
COST_PARTS = (("grants_5025_yuan", "#0072B2", None), ("integrated_yuan", "#56B4E9", None),
              ("demonstration_yuan", "#E69F00", None), ("part_a_yuan", "#DDDDDD", "//"))


def _q(values) -> tuple[float, float, float] | None:
    """(mean, 5th, 95th percentile) of per-replicate values, NaN left out."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if not x.size:
        return None
    return float(x.mean()), float(np.percentile(x, 5)), float(np.percentile(x, 95))


def make_cost(ctx: Ctx):
    tr, R, Y = ctx.tr, ctx.results, ctx.year
    have = [s for s in ctx.scenarios if _band(ctx, s, "cumulative_fiscal_cost_yuan")]
    if not have:
        return Skip("cost", "no fiscal cost in the results")
    Y0 = R.years[0]
    focus = have[0]
    parts_label = {"grants_5025_yuan": tr("5025补助", "5025 grants"),
                   "integrated_yuan": tr("整合资金", "Integrated funds"),
                   "demonstration_yuan": tr("示范村奖补", "Demonstration extras"),
                   "part_a_yuan": tr("党建保障（不计入每村成本）", "Party-branch guarantees (A)")}
    rows = []
    for s in have:
        d = R.derived(s)
        parts = programme = cleared = income = None
        if d is not None:
            upto = d[d["year"] <= Y]
            tot = upto.groupby("replicate").sum(numeric_only=True)
            parts = {k: float(tot[k].mean()) for k, *_ in COST_PARTS if k in tot}
            at = d[d["year"] == Y]
            programme = _q(at["cumulative_programme_yuan"])
            cleared = _q(at["villages_cleared"])
            if "project_income_yuan" in tot:
                income = _q(tot["project_income_yuan"])
        else:
            init = R.initial_zero.get(s)
            z = _band(ctx, s, "zero_income_villages")
            cleared = (init - z["mean"], init - z["p95"], init - z["p05"]) \
                if init is not None and z else None
        rows.append((s, _band(ctx, s, "cumulative_fiscal_cost_yuan"), parts, cleared, income,
                     programme))
    cum = rows[0][1]
    prog = rows[0][5]
    cpv = R.cost(focus, Y)
    if cpv and prog:
        title = tr(f"{ctx.short(focus)}{Y0}–{Y}年投入集体经济计划资金{fmt_money(prog[0], 'zh')}，"
                   f"每清零一个空白村约{fmt_money(cpv['mean'], 'zh')}",
                   f"{ctx.short(focus, True)} spends {fmt_money(prog[0], 'en')} of programme "
                   f"money in {Y0}–{Y}: about {fmt_money(cpv['mean'], 'en')} per village cleared")
    else:
        title = tr(f"{ctx.short(focus)}{Y0}–{Y}年财政成本{fmt_money(cum['mean'], 'zh')}",
                   f"{ctx.short(focus, True)} costs {fmt_money(cum['mean'], 'en')} in {Y0}–{Y}")
    subtitle = tr(f"{Y0}–{Y}年累计：财政成本（计划资金 + 党建保障）、清零的空白村、项目收入；"
                  f"点为均值，线为90%区间",
                  f"{Y0}–{Y} totals: fiscal cost (programme money + party-branch guarantees), "
                  f"villages cleared, project income; dot = mean, line = 90% band")
    caption = tr("每清零一村的成本 = 计划资金（5025补助、整合资金、示范村奖补；不含党建保障）÷ 清零的空白村"
                 "（2019年初空白村数 − 当年底空白村数），每次模拟分别计算后取平均。",
                 "Cost per village cleared = programme money (5025 grants, integrated funds, "
                 "demonstration extras; not Part A) ÷ villages cleared (zero-income villages at "
                 "the start of 2019 minus those at the year's end), per replicate, then averaged.")
    cost_unit = money_unit([r[1]["p95"] for r in rows], ctx.lang)
    inc_unit = money_unit([r[4][2] for r in rows if r[4]], ctx.lang)

    def draw(fig: Figure) -> None:
        ncol = 1 + any(r[3] for r in rows) + any(r[4] for r in rows)
        axes = fig.subplots(1, ncol, sharey=True,
                            gridspec_kw={"width_ratios": [2.0] + [1.0] * (ncol - 1)})
        axes = np.atleast_1d(axes)
        y = np.arange(len(rows))[::-1]
        ax = axes[0]
        div = cost_unit[0]
        for yi, (s, cb, parts, *_) in zip(y, rows):
            left = 0.0
            if parts:
                for k, col, hatch in COST_PARTS:
                    v = parts.get(k, 0.0) / div
                    ax.barh(yi, v, left=left, color=col, hatch=hatch, edgecolor="#333333",
                            linewidth=0.6, height=0.55,
                            label=parts_label[k] if yi == y[0] else None)
                    left += v
            else:
                ax.barh(yi, cb["mean"] / div, color=LIGHT, height=0.55)
            ax.errorbar(cb["mean"] / div, yi, xerr=band_error(cb["mean"] / div, cb["p05"] / div,
                                                              cb["p95"] / div),
                        color="#000000", capsize=5, linewidth=1.5)
            ax.annotate(fmt_money(cb["mean"], ctx.lang, cost_unit, False),
                        xy=(cb["p95"] / div, yi), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize="small")
        ax.set_xlim(0, max(r[1]["p95"] for r in rows) / div * 1.22)
        ax.set_xlabel(tr(f"财政成本（{cost_unit[1]}）", f"Fiscal cost ({cost_unit[1]})"))
        ax.set_yticks(y, [wrap_label(ctx.title(s), 22) for s, *_ in rows])
        ax.set_ylim(y.min() - 0.8, y.max() + 0.6)
        _legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2,
                fontsize="small")
        _clean(ax, "x")
        ax.tick_params(axis="y", length=0)
        k = 1
        for idx, unit, label in ((3, None, tr("清零的空白村（个村）", "Villages cleared")),
                                 (4, inc_unit, None)):
            if not any(r[idx] for r in rows):
                continue
            ax = axes[k]
            k += 1
            div2 = unit[0] if unit else 1.0
            for yi, r in zip(y, rows):
                if not r[idx]:
                    continue
                mean, lo, hi = (v / div2 for v in r[idx])
                c, ls, mk = ctx.style(r[0])
                ax.errorbar(mean, yi, xerr=band_error(mean, lo, hi), color=c, marker=mk,
                            markersize=10, capsize=5, linewidth=2)
                ax.annotate(f"{mean:,.0f}" if unit is None else f"{mean:,.{1 if div2 >= 1e6 else 0}f}",
                            xy=(mean, yi), xytext=(0, 10), textcoords="offset points",
                            ha="center", va="bottom", fontsize="small")
            lo_all = min(r[idx][1] for r in rows if r[idx]) / div2
            hi_all = max(r[idx][2] for r in rows if r[idx]) / div2
            pad = max((hi_all - lo_all) * 0.25, abs(hi_all) * 0.05, 1e-9)
            ax.set_xlim(max(0, lo_all - pad) if lo_all >= 0 else lo_all - pad, hi_all + pad)
            ax.set_xlabel(wrap_label(label or tr(f"项目收入（{unit[1]}）",
                                                 f"Project income ({unit[1]})"), 18))
            _clean(ax, "x")
            ax.tick_params(axis="y", length=0)

    return Chart("cost", title, subtitle, caption, draw, size=(11.0, 6.6))


# ---------------------------------------------------------------------- 6
STATUS_STYLE = (  # key, colour, marker, size
    ("zero", "#D55E00", "X", 110), ("risk", "#E69F00", "D", 60),
    ("low", "#C6DBEF", "o", 45), ("mid", "#4292C6", "o", 45), ("high", "#08306B", "o", 45))


def village_status(villages: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per village in ``year``: share of replicates with zero income, median income and a
    status: zero (zero income in at least half the replicates), risk (in some), else
    low / mid / high by median income (< 50,000, 50,000-100,000, >= 100,000 yuan)."""
    v = villages[villages["year"] == year]
    g = v.groupby("village_id").agg(p_zero=("zero_income", "mean"),
                                    median_yuan=("income_yuan", "median"))
    status = np.select([g["p_zero"] >= 0.5, g["p_zero"] > 0, g["median_yuan"] < 50_000,
                        g["median_yuan"] < 100_000], ["zero", "risk", "low", "mid"], "high")
    return g.assign(status=status)


def _hull(x: np.ndarray, y: np.ndarray, pad: float) -> np.ndarray | None:
    """Convex hull of the points, pushed out by ``pad`` (rounded corners), or None."""
    pts = np.c_[x, y]
    if len(pts) < 3:
        return None
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    ring = np.c_[np.cos(angles), np.sin(angles)] * pad
    cloud = (pts[:, None, :] + ring[None, :, :]).reshape(-1, 2)
    try:
        from scipy.spatial import ConvexHull
        hull = ConvexHull(cloud)
    except Exception:  # degenerate (collinear) points: no outline
        return None
    return cloud[hull.vertices]


def _strip_undrawable(text: str, ctx: Ctx) -> str:
    """A title without the clause naming a township the font cannot draw."""
    head, sep, tail = text.rpartition(", most in ")
    return head if sep and not ctx.can_draw(tail) else text


def make_map(ctx: Ctx, roster: pd.DataFrame | None):
    tr, R, Y = ctx.tr, ctx.results, ctx.year
    focus = next((s for s in ctx.scenarios if R.data[s].frame("villages") is not None), None)
    if focus is None:
        return Skip("map", "no villages.parquet: the map needs it")
    if roster is None or not {"lon", "lat", "township"} <= set(roster.columns):
        return Skip("map", "no roster with coordinates: map skipped")
    st = village_status(R.data[focus].frame("villages"), Y)
    ids = set(st.index)
    known = set(roster["village_id"])
    if not ids <= known:
        return Skip("map", f"the village ids in villages.parquet do not match the default "
                           f"county ({len(ids - known)} of {len(ids)} unknown): the run probably "
                           f"used another roster, whose coordinates are not stored with the "
                           f"results; map skipped")
    geo = roster.set_index("village_id").loc[sorted(ids)]
    st = st.loc[geo.index]
    counts = st["status"].value_counts()
    zero = st[st["status"] == "zero"]
    risk = st[st["status"].isin(["zero", "risk"])]
    unnamed = not all(ctx.can_draw(str(t)) for t in geo["township"].unique())
    if len(zero):
        town = geo.loc[zero.index, "township"].value_counts().index[0]
        title = tr(f"{Y}年底{ctx.short(focus)}下{len(zero)}个村仍可能是空白村，{town}最多",
                   f"At end-{Y}, {len(zero)} villages are likely still without income under "
                   f"{ctx.short(focus)}, most in {town}")
    elif len(risk):
        towns = geo.loc[risk.index, "township"].value_counts()
        title = tr(f"{Y}年底各村大概率都有收入，{len(risk)}个村仍有风险，{towns.index[0]}最多",
                   f"At end-{Y} every village most likely has income; {len(risk)} are at risk, "
                   f"most in {towns.index[0]}")
    else:
        title = tr(f"{Y}年底所有村都有集体收入，{counts.get('high', 0)}个村超过10万元",
                   f"At end-{Y} every village has income; {counts.get('high', 0)} earn "
                   f"100,000 yuan or more")
    scen = "" if len(ctx.scenarios) == 1 else tr(f"（{ctx.title(focus)}）", f" ({ctx.title(focus)})")
    subtitle = tr(f"{Y}年各村状况{scen}，按各次模拟汇总",
                  f"Each village's status in {Y}{scen}, over all replicates")
    if unnamed:
        subtitle += tr("（没有中文字体，乡镇名称略去）",
                       " (township names left out: no Chinese font on this machine)")
        title = _strip_undrawable(title, ctx)
    caption = tr("空白村：一半以上的模拟中收入为零；有风险：部分模拟中收入为零；其余按收入中位数分档。"
                 "位置为示意坐标。",
                 "Zero income: in at least half of the replicates; at risk: in some; the rest "
                 "by median income. Positions are schematic.")
    labels = {"zero": tr("空白村", "Zero income"), "risk": tr("有风险", "At risk"),
              "low": tr("有收入，<5万元", "Income < 50k yuan"),
              "mid": tr("5万–10万元", "50k–100k yuan"), "high": tr("≥10万元", "≥ 100k yuan")}

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        lat0 = float(geo["lat"].mean())
        for key, col, mk, size in STATUS_STYLE:
            sel = st["status"] == key
            n = int(sel.sum())
            ax.scatter(geo.loc[sel, "lon"], geo.loc[sel, "lat"], s=size, c=col, marker=mk,
                       edgecolors="#333333", linewidths=0.6, zorder=3 if key in ("zero", "risk") else 2,
                       label=f"{labels[key]}（{n}）" if ctx.lang == "zh" else f"{labels[key]} ({n})")
        halo = [patheffects.withStroke(linewidth=4, foreground="white")]
        aspect = 1 / np.cos(np.radians(lat0))
        for town, g in geo.groupby("township"):  # each township's area: a padded hull
            outline = _hull(g["lon"].to_numpy(), g["lat"].to_numpy() * aspect, pad=0.012)
            if outline is not None:
                ax.add_patch(Polygon(np.c_[outline[:, 0], outline[:, 1] / aspect],
                                     closed=True, facecolor="#F2F2F2", edgecolor="#AAAAAA",
                                     linewidth=1.0, zorder=0))
        for town, g in geo.groupby("township"):
            if not ctx.can_draw(str(town)):  # no CJK font: leave the names out
                continue
            ax.annotate(str(town), xy=(g["lon"].mean(), g["lat"].max()), xytext=(0, 6),
                        textcoords="offset points", ha="center", va="bottom",
                        fontsize="medium", color="#222222",
                        path_effects=halo, zorder=4)
        ax.set_aspect(1 / np.cos(np.radians(lat0)))
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_visible(False)
        # scale bar: 10 km
        km_per_deg = 111.32 * np.cos(np.radians(lat0))
        x0, x1 = geo["lon"].min(), geo["lon"].max()
        y0, y1 = geo["lat"].min(), geo["lat"].max()
        ax.set_xlim(x0 - 0.03 * (x1 - x0), x1 + 0.03 * (x1 - x0))
        ax.set_ylim(y0 - 0.08 * (y1 - y0), y1 + 0.08 * (y1 - y0))
        bx, by = x0, y0 - 0.05 * (y1 - y0)
        ax.plot([bx, bx + 10 / km_per_deg], [by, by], color="#222222", linewidth=3)
        ax.annotate(tr("10公里", "10 km"), xy=(bx + 5 / km_per_deg, by), xytext=(0, 5),
                    textcoords="offset points", ha="center", va="bottom", fontsize="small")
        _legend(ax, loc="upper left", bbox_to_anchor=(1.0, 1.0), title=None, markerscale=1.2,
                labelspacing=0.9)

    return Chart("map", title, subtitle, caption, draw, size=(11.0, 7.0))


# ---------------------------------------------------------------------- 7
SECTION_ZH = {"funding": "资金", "rollout": "三步走", "selection": "选项目", "first_secretary": "第一书记",
              "demonstration": "示范村", "tourism": "旅游", "organisation": "组织保障",
              "party": "党建保障", "village": "村", "shocks": "冲击", "simulation": "模拟",
              "programme": "计划"}
FIELD_ZH = {
    "poor_village_yuan": "贫困村补助", "nonpoor_village_yuan": "非贫困村补助",
    "grant_pool_yuan": "资金池", "integrated_yuan_per_year": "整合资金/年",
    "failure_per_year": "年失败率", "build_months": "建设期", "quality_sd": "项目质量差异",
    "proposal_noise_sd": "村自评误差", "review_noise_sd": "评审误差",
    "review_min_return": "评审最低回报", "occupancy_mean": "平均入住率",
    "room_rate_yuan": "房价", "rent_yield": "租金回报率", "dividend_rate": "分红率",
    "skip_per_year": "不分红概率", "default_per_year": "违约概率", "tariff_yuan_per_kwh": "上网电价",
    "capex_yuan_per_w": "单瓦造价", "full_load_hours": "满发小时", "arrival_per_month": "到位概率/月",
    "relocation_per_year": "迁走概率/年", "money_mean_yuan": "带来资金", "pull": "带动",
    "learning": "学习", "extra_yuan": "奖补", "capacity_failure_effect": "能力对失败的影响",
    "quality_failure_effect": "质量对失败的影响", "reinvest_share": "再投入比例",
    "self_start_per_year": "自发启动概率", "index_2021": "2021年恢复", "index_2022": "2022年恢复",
    "multiplier": "倍数", "profit_per_bag_yuan": "每袋利润", "village_share": "村分成",
    "priority_poor_households": "第二批贫困户门槛", "candidates": "候选项目数",
    "deadline_min_chance": "年内见效要求", "training_effect": "培训效果",
    "instructor_effect": "指导员效果", "performance_effect": "绩效工资效果",
    "misuse_share": "挪用比例", "service_yield": "服务收益率", "give_up_months": "放弃期限",
    "price_sd": "价格波动", "vacancy_per_year": "空置概率", "cost_per_room_yuan": "每间造价",
    "contacts_effect": "人脉效果", "nonpoor_share": "非贫困村覆盖",
}
OUTPUT_LABEL = {
    "zero_income_villages": ("空白村数量", "zero-income villages"),
    "zero_income_share": ("空白村比例", "share of zero-income villages"),
    "p_cleared": ("清零概率", "probability of clearance"),
    "mean_income_yuan": ("村均收入", "mean village income"),
    "median_income_yuan": ("收入中位数", "median village income"),
    "share_income_ge_50k": ("收入≥5万元的村", "villages at 50k yuan or more"),
    "share_income_ge_100k": ("收入≥10万元的村", "villages at 100k yuan or more"),
    "gini": ("基尼系数", "Gini"), "fiscal_cost_yuan": ("财政成本", "fiscal cost"),
    "cumulative_fiscal_cost_yuan": ("累计财政成本", "cumulative fiscal cost"),
}
OUTPUT_PREFERENCE = ("zero_income_villages", "zero_income_share", "p_cleared",
                     "mean_income_yuan")


def param_label(key: str, lang: str) -> str:
    if lang != "zh":
        return key
    parts = str(key).split(".")
    if len(parts) >= 3 and parts[0] == "models" and parts[1] in MODEL_NAMES["zh"]:
        head = MODEL_NAMES["zh"][parts[1]]
    elif len(parts) >= 3 and parts[0] == "shocks":
        head = "冲击·" + parts[1]
    else:
        head = SECTION_ZH.get(parts[0], parts[0])
    tail = parts[-1]
    return f"{head}·{FIELD_ZH.get(tail, tail)}" if len(parts) > 1 else FIELD_ZH.get(tail, tail)


def output_label(key: str, lang: str) -> str:
    pair = OUTPUT_LABEL.get(str(key))
    return (pair[0] if lang == "zh" else pair[1]) if pair else str(key)


def pick_sensitivity(table: pd.DataFrame, year: int) -> tuple[str, object, pd.DataFrame]:
    outputs = list(dict.fromkeys(table["output"].astype(str)))
    out = next((o for o in OUTPUT_PREFERENCE if o in outputs), outputs[0])
    t = table[table["output"].astype(str) == out]
    years = pd.to_numeric(t["year"], errors="coerce")
    if years.notna().any():
        chosen = year if (years == year).any() else int(years.max())
        t = t[years == chosen]
    else:
        chosen = None
    return out, chosen, t


def make_sensitivity(ctx: Ctx):
    tr = ctx.tr
    sens = ctx.results.sensitivity
    if sens is None:
        return Skip("sensitivity", "no sensitivity results (sensitivity.json or "
                                   "sensitivity.parquet from vcsim sweep) in the folder")
    out, year, t = pick_sensitivity(sens.table, ctx.year)
    main, conf, second = {"sobol": ("ST", "ST_conf", "S1"),
                          "morris": ("mu_star", "mu_star_conf", "sigma"),
                          "spearman": ("spearman_rho", None, None)}[sens.method]
    if main not in t.columns or t[main].isna().all():
        return Skip("sensitivity", f"{sens.source}: no {main} values")
    t = t.groupby("parameter", as_index=False).mean(numeric_only=True)
    t = t.dropna(subset=[main])
    t = t.reindex(t[main].abs().sort_values(ascending=False).index).head(10)
    top = param_label(t["parameter"].iloc[0], ctx.lang)
    ylab = output_label(out, ctx.lang)
    when = "" if year is None else tr(f"（{year}年）", f" ({year})")
    title = tr(f"“{top}”对{ylab}{when}影响最大", f"{top} matters most for {ylab}{when}")
    if sens.method == "spearman":
        title = tr(f"“{top}”与{ylab}{when}关系最密切", f"{top} goes most closely with {ylab}{when}")
        subtitle = tr(f"Spearman 秩相关系数（正：参数越大结果越大）；前{len(t)}个参数",
                      f"Spearman rank correlation (positive: larger parameter, larger output); "
                      f"top {len(t)} parameters")
        caption = tr("筛选用的相关系数，不是方差分解；要分解请用 Sobol 设计。",
                     "A screening measure, not a variance decomposition; use a Sobol design "
                     "for that.")
    elif sens.method == "sobol":
        subtitle = tr(f"Sobol 总效应指数（条）及其置信区间，菱形为一阶指数；前{len(t)}个参数",
                      f"Sobol total-order index (bar) with its confidence interval; diamond = "
                      f"first-order index; top {len(t)} parameters")
        caption = tr("总效应：该参数单独及与其他参数共同造成的结果变化所占比例。",
                     "Total order: the share of the output's variance due to the parameter, "
                     "alone or with others.")
    else:
        subtitle = tr(f"Morris μ*（条）及其置信区间，菱形为σ；前{len(t)}个参数",
                      f"Morris μ* (bar) with its confidence interval; diamond = σ; top "
                      f"{len(t)} parameters")
        caption = tr("μ*：参数在其范围内变化时结果的平均绝对变化；σ大表示有交互或非线性。",
                     "μ*: mean absolute change of the output per step of the parameter; a large "
                     "σ means interactions or non-linearity.")

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        y = np.arange(len(t))[::-1]
        vals = t[main].to_numpy(dtype=float)
        err = t[conf].to_numpy(dtype=float) if conf and conf in t.columns else None
        if sens.method == "spearman":
            ax.barh(y, vals, color=np.where(vals >= 0, "#0072B2", "#FFFFFF"), height=0.65,
                    edgecolor="#0072B2", linewidth=1.2)
            ax.axvline(0, color="#333333", linewidth=1)
            ax.set_xlim(-1.05, 1.05)
        else:
            ax.barh(y, vals, color="#0072B2", height=0.65,
                    label=tr("总效应 ST", "Total order ST") if sens.method == "sobol" else "μ*")
        if err is not None:
            ax.errorbar(vals, y, xerr=np.nan_to_num(err), fmt="none", color="#000000",
                        capsize=4, linewidth=1.3)
        if second and second in t.columns:
            ax.scatter(t[second].to_numpy(dtype=float), y, marker="D", s=60, color="#E69F00",
                       edgecolors="#000000", zorder=3,
                       label=tr("一阶 S1", "First order S1") if sens.method == "sobol" else "σ")
        ax.set_yticks(y, [param_label(p, ctx.lang) for p in t["parameter"]])
        ax.set_xlabel({"sobol": tr("总效应指数", "Total-order index"),
                       "morris": tr(f"μ*（{ylab}的单位）", f"μ* (units of {ylab})"),
                       "spearman": tr("秩相关系数", "Rank correlation")}[sens.method])
        if sens.method != "spearman":
            ax.set_xlim(left=0)
            _legend(ax, loc="lower right")
        _clean(ax, "x")
        ax.tick_params(axis="y", length=0)

    caption += _noise_caption(sens.source.parent / "sensitivity.json", ctx.lang)
    return Chart("sensitivity", title, subtitle, caption, draw, size=(11.0, 6.6))


def _noise_caption(path, lang: str) -> str:
    """One more caption line when the sweep warned that replicate noise makes indices
    unreliable (experiments.sensitivity.replicate_noise)."""
    import json
    try:
        warnings_ = json.loads(path.read_text(encoding="utf-8")).get("noise_warnings") or []
    except (OSError, ValueError):
        return ""
    from vcsim.experiments.messages import text
    return ("\n" + text("noise.caption", lang=lang, count=len(warnings_))) if warnings_ else ""


ORDER = ("zero_income", "p_cleared", "income_spread", "models", "cost", "map", "sensitivity")


def make_charts(ctx: Ctx, roster: pd.DataFrame | None) -> list:
    if not ctx.scenarios:
        return [make_sensitivity(ctx)]
    return [make_zero_income(ctx), make_p_cleared(ctx), make_income_spread(ctx),
            make_models(ctx), make_cost(ctx), make_map(ctx, roster), make_sensitivity(ctx)]
