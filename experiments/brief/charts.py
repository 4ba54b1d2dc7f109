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

import matplotlib
import matplotlib.font_manager
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from vcsim.experiments.brief.inputs import Results, finite
from vcsim.experiments.brief.render import wrap_to_width
from vcsim.experiments.messages import CATALOGUE, Msg, text
from vcsim.experiments.placenames import place_name
from vcsim.experiments.brief.texts import (Tr, fmt_money, fmt_money_whole, fmt_pct,
                                           fmt_pct_range, fmt_ratio, money_name, money_unit,
                                           wrap_label)
from vcsim.model.business_models import MODEL_CODES, MODEL_NAMES
from vcsim.model.parameters import PARAMETERS

# Okabe-Ito colours with a line style and marker each (baseline first).
SCENARIO_STYLES = [
    ("#0072B2", "-", "o"), ("#D55E00", "--", "s"), ("#009E73", ":", "^"),
    ("#CC79A7", "-.", "D"), ("#E69F00", (0, (5, 1, 1, 1)), "v"),
    ("#56B4E9", (0, (1, 1)), "P"), ("#000000", (0, (3, 1, 1, 1, 1, 1)), "X"),
]
GREY = "#8C8C8C"  # the baseline in every panel; text in MUTED
LIGHT = "#BBBBBB"
TARGET_COLOUR = "#333333"
INK_TEXT, GREY_TEXT = "#1A1A1A", "#555555"
REFERENCE_COLOUR = "#A6611A"  # reference lines (50,000 yuan): not mistaken for a gridline
# the clearance target (清零) of the county report: the year the last villages enter
TARGET_YEAR = PARAMETERS["rollout.remaining_year"].default
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
    message: Msg  # why, in the user's message language


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
            name = tr.text("brief.watch.the_baseline")
            return name[:1].upper() + name[1:] if capital else name
        return tr.text("brief.chart.quoted_scenario", title=self.title(scenario))

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


def _side_by_side(axes) -> None:
    """Panels in a row: the last x tick label of each is left out, so that it never
    runs into the first of the panel to its right."""
    from matplotlib.ticker import MaxNLocator
    for ax in list(axes)[:-1]:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, prune="upper"))


def _clean(ax, grid_axis: str = "y") -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis=grid_axis, color="#E6E6E6", linewidth=0.7)
    ax.grid(axis="x" if grid_axis == "y" else "y", visible=False)
    ax.set_axisbelow(True)


def _legend(ax, **kw):
    kw.setdefault("frameon", False)
    return ax.legend(**kw)


def _scenario_legend(ax, n: int):
    """Scenario legend in a row above the plot, so it never hides a line."""
    return ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=min(n, 3),
                     frameon=False, borderaxespad=0.2, handlelength=3.0, columnspacing=2.0)


def _scenario_and_base(ax, ctx: Ctx, scenario: str, base: str | None, series) -> None:
    """One panel of a per-scenario chart: the scenario's mean and band over its baseline's
    (grey, behind; none on the baseline's own panel). ``series(name)`` gives (years,
    mean, low, high)."""
    for who, colour, width, z in ((base, GREY, 2.0, 2), (scenario, ctx.style(scenario)[0], 2.5, 3)):
        if who is None:
            continue
        xs, mean, lo, hi = series(who)
        ax.fill_between(xs, lo, hi, color=colour, alpha=0.15 if who == base else 0.25,
                        linewidth=0, zorder=z - 1)
        ax.plot(xs, mean, color=colour, linewidth=width, zorder=z,
                marker=None if who == base else ctx.style(who)[2], markersize=6)


# ---------------------------------------------------------------------- 1, 2
def scenario_panels(fig: Figure, ctx: Ctx, have: list[str]) -> tuple[list[tuple], object]:
    """One panel per scenario compared with the baseline (the baseline drawn in grey in
    each), so that lines that coincide are never drawn on top of each other, and a row
    above them for the legend: ([(axes, scenario in colour, baseline or None)], legend
    axes). A single scenario gets one panel."""
    base = have[0]
    others = have[1:] or [base]
    n = len(others)
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    rows = -(-n // cols)
    grid = fig.add_gridspec(rows + 1, cols, height_ratios=[0.28] + [1.0] * rows)
    legend_ax = fig.add_subplot(grid[0, :])
    legend_ax.axis("off")
    first = None
    panels = []
    for k, s in enumerate(others):
        ax = fig.add_subplot(grid[1 + k // cols, k % cols], sharex=first, sharey=first)
        first = first or ax
        panels.append((ax, s, None if s == base else base))
        if n > 1:
            ax.set_title(wrap_label(ctx.title(s), 34 if cols == 2 else 24), loc="left",
                         fontsize="medium", color=ctx.style(s)[0])
        if k // cols < rows - 1 and k + cols < n:  # a panel below shows the years
            ax.tick_params(labelbottom=False)
        if k % cols:
            ax.tick_params(labelleft=False)
    return panels, legend_ax


def _panel_legend(legend_ax, ctx: Ctx, base: str | None, band: str, target: bool) -> None:
    """One legend above the panels: the baseline (grey), the scenario of each panel (its
    colour), the band and the clearance target line."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    tr = ctx.tr
    handles = []
    if base is not None and len(ctx.scenarios) > 1:
        name = ctx.title(base)
        named = "基准" in name or "baseline" in name.lower()  # the title says it already
        handles.append(Line2D([], [], color=GREY, linewidth=2.5,
                              label=name if named else tr.text("brief.chart.legend_baseline",
                                                               name=name)))
        handles.append(Line2D([], [], color="#333333", linewidth=2.5, marker="o",
                              label=tr.text("brief.chart.legend_panel_scenario")))
    handles.append(Patch(color="#999999", alpha=0.35, label=band))
    if target:
        handles.append(Line2D([], [], color=TARGET_COLOUR, linestyle=(0, (4, 3)), linewidth=1.5,
                              label=tr.text("brief.chart.legend_target", target_year=TARGET_YEAR)))
    legend_ax.legend(handles=handles, loc="center left", ncol=2, frameon=False,
                     fontsize="small", handlelength=2.6, borderaxespad=0)


def _year_ticks(ax, ctx: Ctx, years: list[int], start: int | None, many: bool) -> None:
    """Every year as a tick; in small panels only the first, the target and the last
    are labelled, so the labels never run together."""
    tr = ctx.tr
    ticks = ([start] if start is not None else []) + list(years)
    # the start on two lines: as narrow as a year, clear of the y axis's labels
    first = tr.text("brief.chart.axis_first_year_start", year=years[0]) if start is not None else str(years[0])
    keep = {ticks[0], TARGET_YEAR, years[-1]} if many else set(ticks)
    labels = [(first if t == ticks[0] else str(t)) if t in keep else "" for t in ticks]
    ax.set_xticks(ticks, labels)


def _target_line(ax, ctx: Ctx) -> bool:
    if ctx.results.years[0] <= TARGET_YEAR <= ctx.results.years[-1]:
        ax.axvline(TARGET_YEAR, color=TARGET_COLOUR, linestyle=(0, (4, 3)), linewidth=1.5,
                   zorder=1)
        return True
    return False


def make_zero_income(ctx: Ctx):
    tr, R, Y = ctx.tr, ctx.results, ctx.year
    have = [s for s in ctx.scenarios if _band(ctx, s, "zero_income_villages")]
    if not have:
        return Skip("zero_income", Msg("brief.skip.no_zero_counts"))
    focus = have[0]
    m = _band(ctx, focus, "zero_income_villages")
    p = R.p_cleared(focus, Y)
    if m["mean"] == 0 or (p and p[0] == 1):  # no village left in any replicate
        title = tr.text("brief.chart.zero.title_cleared", year=Y, scenario=ctx.short(focus))
    elif m["mean"] < 1:
        title = tr.text("brief.chart.zero.title_almost", year=Y, scenario=ctx.short(focus),
                        mean=m['mean'])
    else:
        title = tr.text("brief.chart.zero.title_left", year=Y, scenario=ctx.short(focus),
                        mean=m['mean'])
    others = [(s, _band(ctx, s, "zero_income_villages")["mean"]) for s in have[1:]]
    if others:
        s2, v2 = max(others, key=lambda t: abs(t[1] - m["mean"]))
        if abs(v2 - m["mean"]) >= 1:
            if v2 >= 1:
                title += tr.text("brief.chart.zero.title_second_left", scenario=ctx.short(s2),
                                 left=v2)
            else:
                title += tr.text("brief.chart.zero.title_second_cleared", scenario=ctx.short(s2))
    n = R.replicates
    panels = len(have) > 2
    subtitle = tr.text("brief.chart.zero.subtitle", n=n) \
        + (tr.text("brief.chart.panels_note") if panels else "")
    caption = tr.text("brief.chart.zero.caption")
    years = R.years

    def series(s):
        b = [R.band(s, y, "zero_income_villages") for y in years]
        xs = [y for y, v in zip(years, b) if v]
        mean = np.array([v["mean"] for v in b if v])
        lo = np.array([v["p05"] for v in b if v])
        hi = np.array([v["p95"] for v in b if v])
        init = (ctx.summary(s) or {}).get("initial_zero_income_villages")
        if init is not None:
            xs, mean = [years[0] - 1, *xs], np.r_[init, mean]
            lo, hi = np.r_[init, lo], np.r_[init, hi]
        return xs, mean, lo, hi

    def draw(fig: Figure) -> None:
        top = max(float(np.max(series(s)[3])) for s in have)
        target = False
        panels, legend_ax = scenario_panels(fig, ctx, have)
        for ax, s, base in panels:
            _scenario_and_base(ax, ctx, s, base, series)
            target = _target_line(ax, ctx) or target
            ax.set_ylim(0, top * 1.08 + 1)  # counts start at zero
            _year_ticks(ax, ctx, years, years[0] - 1, many=len(have) > 2)
            _clean(ax)
        fig.supxlabel(tr.text("brief.chart.axis_year_end"), fontsize="medium")
        fig.supylabel(tr.text("brief.chart.zero.axis"), fontsize="medium")
        _panel_legend(legend_ax, ctx, have[0], tr.text("brief.chart.legend_band"), target)

    return Chart("zero_income", title, subtitle, caption, draw,
                 size=(11.0, 7.4) if len(have) > 2 else (11.0, 6.2))


def make_p_cleared(ctx: Ctx):
    tr, R, Y = ctx.tr, ctx.results, ctx.year
    have = [s for s in ctx.scenarios if any(R.p_cleared(s, y) for y in R.years)]
    if not have:
        return Skip("p_cleared", Msg("brief.skip.no_p_cleared"))
    p = {s: R.p_cleared(s, Y) for s in have}
    focus = have[0]
    n = R.replicates
    if p[focus]:
        title = tr.text("brief.chart.clear.title", scenario=ctx.short(focus, True), year=Y,
                        chance=fmt_pct(p[focus][0]), interval=fmt_pct_range(*p[focus][1:]))
    else:
        title = tr.text("brief.chart.clear.title_no_year", scenario=ctx.short(focus, True))
    others = [s for s in have[1:] if p[s]]
    if others and p[focus]:
        s2 = max(others, key=lambda s: abs(p[s][0] - p[focus][0]))
        title += tr.text("brief.chart.clear.title_second", scenario=ctx.short(s2),
                         chance=fmt_pct(p[s2][0]))
    panels = len(have) > 2
    subtitle = tr.text("brief.chart.clear.subtitle", n=n) \
        + (tr.text("brief.chart.panels_note") if panels else "")
    caption = tr.text("brief.chart.clear.caption")

    def series(s):
        pts = [(y, R.p_cleared(s, y)) for y in R.years]
        pts = [(y, v) for y, v in pts if v]
        return ([y for y, _ in pts], *(np.array([100 * v[k] for _, v in pts]) for k in range(3)))

    def draw(fig: Figure) -> None:
        target = False
        panels, legend_ax = scenario_panels(fig, ctx, have)
        for ax, s, base in panels:
            _scenario_and_base(ax, ctx, s, base, series)
            target = _target_line(ax, ctx) or target
            ax.set_ylim(0, 104)
            ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
            _year_ticks(ax, ctx, R.years, None, many=len(have) > 2)
            _clean(ax)
        fig.supxlabel(tr.text("brief.chart.axis_year_end"), fontsize="medium")
        fig.supylabel(tr.text("brief.chart.clear.axis"), fontsize="medium")
        _panel_legend(legend_ax, ctx, have[0], tr.text("brief.chart.legend_interval"), target)

    return Chart("p_cleared", title, subtitle, caption, draw,
                 size=(11.0, 7.4) if len(have) > 2 else (11.0, 6.2))


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
        return Skip("income_spread", Msg("brief.skip.no_villages"))
    focus = next(iter(data))
    q = ((ctx.summary(focus) or {}).get("income_quantiles") or {}).get(str(Y), {})
    median = q.get("p50", float(np.percentile(data[focus]["income_yuan"], 50)))
    s50 = _band(ctx, focus, "share_income_ge_50k")
    share50 = s50["mean"] if s50 else float((data[focus]["income_yuan"] >= 50_000).mean())
    title = tr.text("brief.chart.income.title", year=Y, scenario=ctx.short(focus),
                    median=fmt_money(median, tr.lang), share=fmt_pct(share50))
    subtitle = tr.text("brief.chart.income.subtitle", year=Y)
    caption = tr.text("brief.chart.income.caption")
    names = list(data)
    incomes = {s: data[s]["income_yuan"].to_numpy() / 1e4 for s in names}
    medians = {s: data[s].groupby("village_id")["income_yuan"].median().to_numpy() / 1e4
               for s in names}
    # village incomes are heavy-tailed (a few villages earn a hundred times the median): a
    # linear axis up to 1 (10k yuan), logarithmic above, from zero, shows every village
    # and still spreads out the bulk between 0 and 200,000 yuan
    top = max(max(float(m.max()) for m in medians.values()),
              max(float(np.percentile(i, 95)) for i in incomes.values()), 12.0) * 1.3
    note = None

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        rng = np.random.default_rng(0)
        for i, s in enumerate(names):
            c, ls, mk = ctx.style(s)
            inc, per_village = incomes[s], medians[s]
            ax.boxplot([inc], positions=[i], widths=0.5, whis=(5, 95), showfliers=False,
                       patch_artist=True, zorder=2,
                       boxprops={"facecolor": "none", "edgecolor": "#222222", "linewidth": 1.8},
                       medianprops={"color": "#222222", "linewidth": 3},
                       whiskerprops={"color": "#222222", "linewidth": 1.5},
                       capprops={"color": "#222222", "linewidth": 1.5})
            x = i + rng.uniform(-0.33, 0.33, size=per_village.size)
            ax.scatter(x, per_village, s=16, color=c, marker=mk, alpha=0.55, linewidths=0,
                       zorder=1)
        for yv in INCOME_LINES:  # coloured and long-dashed: not read as a gridline
            ax.axhline(yv / 1e4, color=REFERENCE_COLOUR, linestyle=(0, (7, 3)), linewidth=1.8,
                       zorder=0.5)
            ax.annotate(fmt_money_whole(yv, ctx.lang), xy=(1, yv / 1e4),
                        xycoords=("axes fraction", "data"), xytext=(4, 0),
                        textcoords="offset points", va="center", ha="left",
                        color=REFERENCE_COLOUR, fontsize="small")
        # each name wrapped to the width of its slot (at the tick labels' size), so that
        # neighbouring names never run together
        slot_in = 0.82 * fig.get_size_inches()[0] / len(names) - 0.25
        size = matplotlib.rcParams["xtick.labelsize"]
        size = matplotlib.font_manager.FontProperties(size=size).get_size_in_points()
        ax.set_xticks(range(len(names)), ["\n".join(wrap_to_width(ctx.title(s), slot_in, size))
                                         for s in names])
        ax.set_xlim(-0.6, len(names) - 0.4)
        ax.set_yscale("symlog", linthresh=1.0, linscale=0.6)
        ax.set_ylim(0, top)  # money from zero
        ticks = [t for t in (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000) if t <= top]
        ax.set_yticks(ticks, [f"{t:,}" for t in ticks])
        ax.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax.set_ylabel(tr.text("brief.chart.income.axis"),
                      **_ylabel_kw())
        _clean(ax)

    return Chart("income_spread", title, subtitle, caption, draw, note=note)


# ---------------------------------------------------------------------- 4
def make_models(ctx: Ctx):
    tr = ctx.tr
    focus = next((s for s in ctx.scenarios if (ctx.summary(s) or {}).get("model_mix")), None)
    if focus is None:
        return Skip("models", Msg("brief.skip.no_model_mix"))
    summ = ctx.summary(focus)
    mix = summ["model_mix"]
    by_cohort = summ.get("model_mix_by_cohort") or {}
    total = {c: mix.get(c, {}).get("projects_mean", 0.0) or 0.0 for c in MODEL_CODES}
    if sum(total.values()) <= 0:
        return Skip("models", Msg("brief.skip.no_projects", name=focus))
    order = sorted(MODEL_CODES, key=lambda c: -total[c])
    top = order[0]
    solid = [c for c in order if total[c] >= 1 and finite(mix[c].get("income_per_yuan"))]
    best = max(solid, key=lambda c: mix[c]["income_per_yuan"]) if solid else None
    years = summ.get("years") or ctx.results.years
    span = f"{years[0]}–{years[-1]}"
    if best and best != top:
        title = tr.text("brief.chart.models.title_top_and_best", top=ctx.model_name(top),
                        best=ctx.model_name(best))
    elif best:
        title = tr.text("brief.chart.models.title_top_is_best", top=ctx.model_name(top))
    else:
        title = tr.text("brief.chart.models.title_top", top=ctx.model_name(top))
    scen = "" if len(ctx.scenarios) == 1 else tr.text("brief.chart.scenario_in_brackets",
                                                      title=ctx.title(focus))
    subtitle = tr.text("brief.chart.models.subtitle", span=span, scen=scen)
    caption = tr.text("brief.chart.models.caption")
    cohort_label = {1: tr.text("brief.chart.models.cohort_1"), 2: tr.text("brief.chart.models.cohort_2"),
                    3: tr.text("brief.chart.models.cohort_3"), 0: tr.text("brief.chart.models.self_started")}
    cohort_style = {1: ("#08306B", None), 2: ("#4A90C8", None), 3: ("#A6CBE8", None),
                    0: ("#FFFFFF", "///")}

    def draw(fig: Figure) -> None:
        axes = fig.subplots(1, 3, sharey=True, gridspec_kw={"width_ratios": [2.0, 1.1, 1.1]})
        _side_by_side(axes)
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
        ax.set_xlabel(tr.text("brief.chart.models.axis_projects"))
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
        ax.set_xlabel(tr.text("brief.chart.models.axis_income_per_yuan"))
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
        ax.set_xlabel(tr.text("brief.chart.models.axis_failed"))
        _clean(ax, "x")
        ax.tick_params(axis="y", length=0)

    thin_any = any(total[m] < 1 for m in order)
    note = tr.text("brief.chart.models.note_hollow") if thin_any else None
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
        return Skip("cost", Msg("brief.skip.no_cost"))
    Y0 = R.years[0]
    focus = have[0]
    parts_label = {"grants_5025_yuan": tr.text("brief.chart.cost.part_b_grants"),
                   "integrated_yuan": tr.text("brief.chart.cost.part_b_integrated"),
                   "demonstration_yuan": tr.text("brief.chart.cost.part_b_demonstration"),
                   "part_a_yuan": money_name("part_a", ctx.lang)}
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
        title = tr.text("brief.chart.cost.title", scenario=ctx.short(focus, True),
                        first_year=Y0, year=Y, programme=money_name("programme", ctx.lang, False),
                        money=fmt_money(prog[0], ctx.lang),
                        per_village=fmt_money(cpv["mean"], ctx.lang))
    else:
        title = tr.text("brief.chart.cost.title_fiscal", scenario=ctx.short(focus, True),
                        first_year=Y0, year=Y, fiscal=money_name("fiscal_total", ctx.lang, False),
                        money=fmt_money(cum["mean"], ctx.lang))
    subtitle = tr.text("brief.chart.cost.subtitle", first_year=Y0, year=Y,
                       fiscal=money_name("fiscal_total", ctx.lang, False))
    caption = tr.text("brief.chart.cost.caption")
    cost_unit = money_unit([r[1]["p95"] for r in rows], ctx.lang)
    inc_unit = money_unit([r[4][2] for r in rows if r[4]], ctx.lang)
    only_a = tr.text("brief.chart.cost.part_a_only")

    def draw(fig: Figure) -> None:
        ncol = 1 + any(r[3] for r in rows) + any(r[4] for r in rows)
        axes = fig.subplots(1, ncol, sharey=True,
                            gridspec_kw={"width_ratios": [2.2] + [1.0] * (ncol - 1)})
        axes = np.atleast_1d(axes)
        _side_by_side(axes)
        y = np.arange(len(rows))[::-1]
        ax = axes[0]
        div = cost_unit[0]
        for yi, (s, cb, parts, *rest) in zip(y, rows):
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
            programme_free = parts is not None and sum(
                parts.get(k, 0.0) for k, *_ in COST_PARTS if k != "part_a_yuan") == 0
            ax.annotate(fmt_money(cb["mean"], ctx.lang, cost_unit, False)
                        + (only_a if programme_free else ""),
                        xy=(cb["p95"] / div, yi), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize="small")
        ax.set_xlim(0, max(r[1]["p95"] for r in rows) / div * 1.35)
        ax.set_xlabel(tr.text("brief.chart.cost.axis_fiscal", unit=cost_unit[1]))
        ax.set_yticks(y, [wrap_label(ctx.title(s), 22) for s, *_ in rows])
        ax.set_ylim(y.min() - 0.8, y.max() + 0.6)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower left", ncol=4,
                   frameon=False, fontsize="small")
        _clean(ax, "x")
        ax.tick_params(axis="y", length=0)
        k = 1
        for idx, unit, label in ((3, None, tr.text("brief.chart.cost.axis_cleared")),
                                 (4, inc_unit, None)):
            if not any(r[idx] for r in rows):
                continue
            ax = axes[k]
            k += 1
            div2 = unit[0] if unit else 1.0
            hi_all = max(r[idx][2] for r in rows if r[idx]) / div2
            for yi, r in zip(y, rows):
                if not r[idx]:
                    continue
                mean, lo, hi = (v / div2 for v in r[idx])
                c, ls, mk = ctx.style(r[0])
                ax.errorbar(mean, yi, xerr=band_error(mean, lo, hi), color=c, marker=mk,
                            markersize=9, capsize=5, linewidth=2)
                # the value to the right of the band's end: inside the panel, on no mark
                ax.annotate(f"{mean:,.0f}" if unit is None else f"{mean:,.{1 if div2 >= 1e6 else 0}f}",
                            xy=(max(hi, mean), yi), xytext=(6, 0), textcoords="offset points",
                            ha="left", va="center", fontsize="small")
            # counts and money from zero, with room on the right for the value labels
            ax.set_xlim(0, max(hi_all, 1e-9) * 1.45)
            ax.set_xlabel(wrap_label(label or tr.text("brief.chart.cost.axis_income", unit=unit[1]), 18))
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


def township_cells(x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """Each village's Voronoi cell (the area nearer to it than to any other village), as
    a polygon. Cells never overlap, so townships drawn as the union of their villages'
    cells tile the county without overlapping. Points far around the villages close
    the outer cells; the drawing clips them to the villages' padded outline."""
    from scipy.spatial import Voronoi
    pts = np.c_[x, y]
    span = float(np.ptp(pts, axis=0).max()) or 1.0
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    ring = pts.mean(axis=0) + 10 * span * np.c_[np.cos(angles), np.sin(angles)]
    vor = Voronoi(np.r_[pts, ring])
    return [vor.vertices[vor.regions[vor.point_region[i]]] for i in range(len(pts))]


def _outline(x: np.ndarray, y: np.ndarray, pad: float) -> np.ndarray:
    """The convex hull of discs of radius ``pad`` round the villages: the county's
    schematic outline, which clips the township cells."""
    from scipy.spatial import ConvexHull
    angles = np.linspace(0, 2 * np.pi, 32, endpoint=False)
    cloud = (np.c_[x, y][:, None, :] + pad * np.c_[np.cos(angles), np.sin(angles)][None]
             ).reshape(-1, 2)
    return cloud[ConvexHull(cloud).vertices]


def place_labels(ax, labels: list[tuple[str, float, float]], avoid: np.ndarray,
                 weights: np.ndarray, avoid_radius_pt: float, away: float = 0.0,
                 home: Callable[[int, float, float], bool] | None = None, **text_kw) -> list:
    """Put each label (text, x, y in data coordinates) at the position near its point
    where it covers the least: the points of ``avoid`` (data coordinates, each a disc of
    ``avoid_radius_pt``, counted with its weight) and the labels already placed (never
    covered where any position avoids them). Positions are tried on rings around the
    point, nearest first; the first that covers nothing is taken. Needs the figure laid
    out (``Figure.draw_without_rendering``). ``home(k, x, y)`` says whether a label's
    centre (data coordinates) lies in its own area; a position outside costs ``away``."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    scale = fig.dpi / 72.0
    marks = ax.transData.transform(avoid) if len(avoid) else np.empty((0, 2))
    r = avoid_radius_pt * scale
    offsets = [(0.0, 0.0)] + [(radius * np.cos(a), radius * np.sin(a))
                              for radius in (14, 26, 38, 52, 66)
                              for a in np.radians([90, 270, 0, 180, 45, 135, 225, 315])]
    # what is already written in the axes (a scale bar's label) is never covered either
    placed_boxes = [t.get_window_extent(renderer).padded(2 * scale) for t in ax.texts]
    artists = []
    for k, (label, x, y) in enumerate(labels):
        best = None
        for dx, dy in offsets:
            art = ax.annotate(label, xy=(x, y), xytext=(dx, dy), textcoords="offset points",
                              ha="center", va="center", annotation_clip=False, **text_kw)
            art.set_in_layout(False)
            box = art.get_window_extent(renderer).padded(2 * scale)
            hit = ((marks[:, 0] > box.x0 - r) & (marks[:, 0] < box.x1 + r) &
                   (marks[:, 1] > box.y0 - r) & (marks[:, 1] < box.y1 + r))
            cost = float(weights[hit].sum()) + 1e6 * sum(box.overlaps(b) for b in placed_boxes)
            inside = (box.x0 >= ax.bbox.x0 and box.x1 <= ax.bbox.x1 and box.y0 >= ax.bbox.y0
                      and box.y1 <= ax.bbox.y1)
            cost += 0.0 if inside else 1e5  # never onto the title or the legend
            if home is not None:
                cx, cy = ax.transData.inverted().transform(((box.x0 + box.x1) / 2,
                                                            (box.y0 + box.y1) / 2))
                cost += 0.0 if home(k, cx, cy) else away
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, art, box)
            else:
                art.remove()
            if cost == 0:
                break
        placed_boxes.append(best[2])
        artists.append(best[1])
    return artists


def _strip_undrawable(text: str, ctx: Ctx) -> str:
    """A title without the clause naming a township the font cannot draw."""
    head, sep, tail = text.rpartition(", most in ")
    return head if sep and not ctx.can_draw(tail) else text


def _coordinates_given(roster: pd.DataFrame) -> int:
    """How many villages of the roster have coordinates the user gave (not filled)."""
    filled = (roster.attrs.get("filled") or {})
    return len(roster) - max(int(filled.get("lon", 0)), int(filled.get("lat", 0)))


def make_map(ctx: Ctx, roster: pd.DataFrame | None):
    tr, R, Y = ctx.tr, ctx.results, ctx.year
    focus = next((s for s in ctx.scenarios if R.data[s].frame("villages") is not None), None)
    if focus is None:
        return Skip("map", Msg("brief.skip.no_villages"))
    if roster is None:
        return Skip("map", Msg("brief.skip.no_roster"))
    st = village_status(R.data[focus].frame("villages"), Y)
    geo = roster.set_index("village_id").reindex(st.index)
    if geo["township"].isna().any():  # the results are of other villages than the roster
        return Skip("map", Msg("brief.skip.no_roster"))
    zero = st[st["status"] == "zero"]
    risk = st[st["status"].isin(["zero", "risk"])]
    counts = st["status"].value_counts()
    place = lambda t: place_name(t, ctx.lang)  # noqa: E731
    unnamed = not all(ctx.can_draw(place(t)) for t in geo["township"].unique())
    if len(zero):
        town = place(geo.loc[zero.index, "township"].value_counts().index[0])
        title = tr.text("brief.chart.map.title_zero" if len(zero) != 1
                        else "brief.chart.map.title_zero_one",
                        year=Y, scenario=ctx.short(focus), count=len(zero), town=town)
    elif len(risk):
        town = place(geo.loc[risk.index, "township"].value_counts().index[0])
        title = tr.text("brief.chart.map.title_risk", year=Y, count=len(risk), town=town)
    else:
        title = tr.text("brief.chart.map.title_all_income", year=Y, count=counts.get('high', 0))
    if unnamed:
        title = _strip_undrawable(title, ctx)
    scen = "" if len(ctx.scenarios) == 1 else tr.text("brief.chart.scenario_in_brackets",
                                                      title=ctx.title(focus))
    labels = {"zero": tr.text("brief.chart.map.status_zero"), "risk": tr.text("brief.chart.map.status_risk"),
              "low": tr.text("brief.chart.map.status_low"),
              "mid": tr.text("brief.chart.map.status_mid"), "high": tr.text("brief.chart.map.status_high")}
    given = _coordinates_given(roster)
    if given == 0:  # no coordinates in the roster: the townships as a table instead
        return _township_table(ctx, focus, st, geo, title, scen, labels)
    subtitle = tr.text("brief.chart.map.subtitle", year=Y, scen=scen)
    if unnamed:
        subtitle += tr.text("brief.chart.map.no_township_names")
    caption = tr.text("brief.chart.map.caption")
    if given < len(roster):
        caption += tr.text("brief.chart.map.caption_no_coordinates", count=len(roster) - given)
    town_fill = ["#F2F2F2", "#E4E4E4", "#EDEDED", "#DADADA"]

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        lat0 = float(geo["lat"].mean())
        aspect = 1 / np.cos(np.radians(lat0))
        lon, lat = geo["lon"].to_numpy(float), geo["lat"].to_numpy(float)
        towns = geo["township"].astype(str).to_numpy()
        # townships: the union of their villages' cells, clipped to the county outline
        outline = _outline(lon, lat * aspect, pad=0.012)
        clip = Polygon(np.c_[outline[:, 0], outline[:, 1] / aspect], closed=True,
                       facecolor="none", edgecolor="#888888", linewidth=1.2, zorder=1)
        ax.add_patch(clip)
        shade = {t: town_fill[k % len(town_fill)] for k, t in enumerate(dict.fromkeys(towns))}
        # the cells and the borders each as one collection: with a patch or a line per
        # cell, laying the chart out measured hundreds of artists (the map took 1.2 s to
        # draw, now 0.5 s)
        fill = [shade[t] for t in towns]
        cells = PolyCollection([np.c_[cell[:, 0], cell[:, 1] / aspect]
                                for cell in township_cells(lon, lat * aspect)],
                               facecolors=fill, edgecolors=fill, linewidths=0.5, zorder=0)
        ax.add_collection(cells, autolim=False)
        cells.set_clip_path(clip)
        from scipy.spatial import Voronoi  # borders: the cell edges between townships
        vor = Voronoi(np.c_[lon, lat * aspect])
        borders = [vor.vertices[ridge] / (1.0, aspect)
                   for (i, j), ridge in zip(vor.ridge_points, vor.ridge_vertices)
                   if -1 not in ridge and towns[i] != towns[j]]
        lines = LineCollection(borders, colors="#9A9A9A", linewidths=1.0, zorder=0.5,
                               gid="coverable")  # a name may cross a border
        ax.add_collection(lines, autolim=False)
        lines.set_clip_path(clip)
        for key, col, mk, size in STATUS_STYLE:
            sel = (st["status"] == key).to_numpy()
            n = int(sel.sum())
            # a township's name may cover a village with income, never one at risk
            ax.scatter(lon[sel], lat[sel], s=size, c=col, marker=mk, edgecolors="#333333",
                       linewidths=0.6, zorder=3 if key in ("zero", "risk") else 2,
                       gid=None if key in ("zero", "risk") else "coverable",
                       label=tr.text("brief.chart.map.legend_count", label=labels[key], count=n))
        ax.set_aspect(aspect)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_visible(False)
        km_per_deg = 111.32 * np.cos(np.radians(lat0))  # scale bar: 10 km
        x0, x1 = lon.min(), lon.max()
        y0, y1 = lat.min(), lat.max()
        ax.set_xlim(x0 - 0.04 * (x1 - x0), x1 + 0.04 * (x1 - x0))
        ax.set_ylim(y0 - 0.10 * (y1 - y0), y1 + 0.06 * (y1 - y0))
        bx, by = x0, y0 - 0.07 * (y1 - y0)
        ax.plot([bx, bx + 10 / km_per_deg], [by, by], color="#222222", linewidth=3)
        ax.annotate(tr.text("brief.chart.map.scale_10km"), xy=(bx + 5 / km_per_deg, by), xytext=(0, 5),
                    textcoords="offset points", ha="center", va="bottom", fontsize="small",
                    bbox={"boxstyle": "square,pad=0.6", "facecolor": "none",
                          "edgecolor": "none"})  # its box covers the bar: kept free
        _legend(ax, loc="upper left", bbox_to_anchor=(1.0, 1.0), title=None, markerscale=1.2,
                labelspacing=0.9)
        # township names last, where they cover no at-risk village and no other name
        fig.draw_without_rendering()
        named = [t for t in dict.fromkeys(towns) if ctx.can_draw(place(t))]
        names = [(place(t), lon[towns == t].mean(), lat[towns == t].mean()) for t in named]

        def home(k: int, x: float, y: float) -> bool:  # in its township's cells
            nearest = np.argmin((lon - x) ** 2 + ((lat - y) * aspect) ** 2)
            return towns[nearest] == named[k]

        # an at-risk village weighs as much as a hundred others: never covered if avoidable
        weight = np.where(st["status"].isin(["zero", "risk"]).to_numpy(), 100.0, 1.0)
        place_labels(ax, names, np.c_[lon, lat], weight, 6, away=30.0, home=home,
                     fontsize="medium" if ctx.lang == "zh" else "small", color="#222222", zorder=4,
                     path_effects=[patheffects.withStroke(linewidth=4, foreground="white")])

    return Chart("map", title, subtitle, caption, draw, size=(11.0, 7.0))


def _township_table(ctx: Ctx, focus: str, st: pd.DataFrame, geo: pd.DataFrame, title: str,
                    scen: str, labels: dict) -> Chart:
    """Instead of the map, for a roster without coordinates: per township, its villages
    by status, the townships with the most villages at risk first."""
    tr, Y = ctx.tr, ctx.year
    table = (st.assign(township=geo["township"].astype(str)).groupby("township")["status"]
             .value_counts().unstack(fill_value=0)
             .reindex(columns=[k for k, *_ in STATUS_STYLE], fill_value=0))
    table = table.assign(n=table.sum(axis=1)).sort_values(["zero", "risk", "n"],
                                                          ascending=False)
    subtitle = tr.text("brief.chart.map.table_subtitle", year=Y, scen=scen)
    caption = tr.text("brief.chart.map.table_caption")
    head = [tr.text("brief.watch.col.township")] + [labels[k] for k, *_ in STATUS_STYLE] + [tr.text("brief.chart.map.total")]
    body = [[place_name(t, ctx.lang)] + [str(int(r[k])) for k, *_ in STATUS_STYLE] + [str(int(r["n"]))]
            for t, r in table.iterrows()]

    def draw(fig: Figure) -> None:
        # the table as text in the axes (not matplotlib's Table, whose cells the brief's
        # text checks and glyph checks could not see)
        from matplotlib.patches import Rectangle
        ax = fig.add_subplot()
        ax.axis("off")
        shown = body[:16]
        ax.set_xlim(0, 1)
        ax.set_ylim(max(len(shown), 12) + 1, 0)  # rows of one height, however few
        xs = [0.0] + list(np.linspace(0.28, 1.0, len(head) - 1, endpoint=False))
        ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="#EEF4FA", edgecolor="none"))
        for j, h in enumerate(head):
            ax.text(xs[j] + 0.01, 0.5, wrap_label(h, 10), va="center", ha="left",
                    fontsize="small", fontweight="bold")
        for i, row in enumerate(shown, start=1):
            if i % 2 == 0:
                ax.add_patch(Rectangle((0, i), 1, 1, facecolor="#F5F5F5", edgecolor="none"))
            for j, cell in enumerate(row):
                risky = j in (1, 2) and cell != "0"
                ax.text(xs[j] + 0.01, i + 0.5, cell, va="center", ha="left", fontsize="small",
                        color="#B03000" if risky else INK_TEXT,
                        fontweight="bold" if risky else "normal")
        rest = body[len(shown):]
        if rest:
            calm = all(r[1] == "0" and r[2] == "0" for r in rest)
            ax.text(0.01, len(shown) + 0.9,
                    tr.text("brief.chart.map.more_calm_townships" if calm
                            else "brief.chart.map.more_townships", count=len(rest)),
                    fontsize="small", color=GREY_TEXT, va="bottom")

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
OUTPUT_PREFERENCE = ("zero_income_villages", "zero_income_share", "p_cleared",
                     "mean_income_yuan")


def param_label(key: str, lang: str) -> str:
    """A parameter as a person reads it: in Chinese from its section and field; in
    English the registry's meaning (its key when it has none)."""
    if lang != "zh":
        from vcsim.model.parameters import PARAMETERS
        import re
        p = PARAMETERS.get(str(key))
        if not p or not p.meaning:
            return str(key)
        meaning = re.sub(r"\s*\([^)]*[\u4e00-\u9fff][^)]*\)", "", p.meaning)  # "(整合资金)"
        return meaning[:1].upper() + meaning[1:]
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
    """An output of a sweep as a person reads it (catalogue "brief.output.*"), else its key."""
    name = f"brief.output.{key}"
    return text(name, lang) if name in CATALOGUE else str(key)


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


INDEX_COLUMN = {"sobol": "ST", "morris": "mu_star", "spearman": "spearman_rho"}  # method: index


def index_name(method: str, lang: str) -> str:
    """The name of a design's sensitivity index: 总效应指数 / total-order index."""
    return text(f"brief.index.{method}", lang)


def index_table(sens, t: pd.DataFrame) -> pd.DataFrame:
    """One row per parameter, most influential first: the index (``value``), its 95%
    interval (``low``, ``high``; Sobol and Morris: the estimator's confidence interval;
    rank correlation: Fisher's z over the sweep's points) and whether the interval
    leaves out zero (``clear``): an effect smaller than the noise is not called one."""
    main = INDEX_COLUMN[sens.method]
    conf = {"sobol": "ST_conf", "morris": "mu_star_conf"}.get(sens.method)
    if main not in t.columns:
        return pd.DataFrame(columns=["parameter", "value", "low", "high", "clear"])
    g = t.groupby("parameter", as_index=False).mean(numeric_only=True).dropna(subset=[main])
    value = g[main].to_numpy(float)
    if conf and conf in g.columns:
        half = np.nan_to_num(g[conf].to_numpy(float), nan=np.inf)
        low, high = value - half, value + half
    else:
        points = sens.meta.get("points")
        if points and int(points) > 3:
            z, se = np.arctanh(np.clip(value, -0.999999, 0.999999)), 1.959964 / np.sqrt(int(points) - 3)
            low, high = np.tanh(z - se), np.tanh(z + se)
        else:
            low = high = np.full(len(value), np.nan)
    clear = (low > 0) | (high < 0)
    out = pd.DataFrame({"parameter": g["parameter"], "value": value, "low": low, "high": high,
                        "clear": clear})
    if sens.method == "sobol" and "S1" in g.columns:
        out["first"] = g["S1"].to_numpy(float)
    if sens.method == "morris" and "sigma" in g.columns:
        out["first"] = g["sigma"].to_numpy(float)
    out = out.reindex(out["value"].abs().sort_values(ascending=False).index).reset_index(drop=True)
    return out


def make_sensitivity(ctx: Ctx):
    tr = ctx.tr
    sens = ctx.results.sensitivity
    if sens is None:
        return Skip("sensitivity", Msg("brief.skip.no_sensitivity"))
    out, year, t = pick_sensitivity(sens.table, ctx.year)
    main = INDEX_COLUMN[sens.method]
    idx = index_table(sens, t)
    if idx.empty:
        return Skip("sensitivity", Msg("brief.skip.no_index_values", file=sens.source, index=main))
    idx = idx.head(10)
    name = index_name(sens.method, ctx.lang)
    top = param_label(idx["parameter"].iloc[0], ctx.lang)
    ylab = output_label(out, ctx.lang)
    when = "" if year is None else tr.text("brief.noise.when", year=year)
    noise = tr.text("brief.chart.sens.pale_note") if not idx["clear"].all() else ""
    luck = noise_warning(sens, out, year)
    if luck is not None:  # the indices mostly measure luck: no winner to name
        title = text("brief.noise.title", ctx.lang, output=ylab, when=when)
        noise = text("brief.noise.subtitle", ctx.lang,
                     share=fmt_pct(luck["share"]) if finite(luck.get("share")) else "–",
                     limit=fmt_pct(luck.get("limit", 0.1)))
    elif not idx["clear"].iloc[0]:
        title = tr.text("brief.chart.sens.title_none", ylab=ylab, when=when)
    elif len(idx) > 1 and _overlaps_runner_up(idx):
        second = param_label(idx["parameter"].iloc[1], ctx.lang)
        title = tr.text("brief.chart.sens.title_two_overlap", top=top, second=second, ylab=ylab,
                        when=when)
        if len(title) > 120:  # long English names: the bars name them
            title = tr.text("brief.chart.sens.title_leading_overlap", ylab=ylab, when=when)
    elif sens.method == "spearman":
        up = idx["value"].iloc[0] > 0
        title = tr.text("brief.chart.sens.title_rising" if up else "brief.chart.sens.title_falling",
                        top=top, output=ylab[0].upper() + ylab[1:], when=when)
    else:
        title = tr.text("brief.chart.sens.title_top", top=top, ylab=ylab, when=when)
    points = sens.meta.get("points")
    if sens.method == "spearman":
        subtitle = tr.text("brief.chart.sens.subtitle_screening") \
            + (tr.text("brief.chart.sens.points", count=points) if points else "") + noise
        caption = tr.text("brief.chart.sens.caption_screening")
    elif sens.method == "sobol":
        subtitle = tr.text("brief.chart.sens.subtitle_sobol", count=len(idx), noise=noise)
        caption = tr.text("brief.chart.sens.caption_sobol")
    else:
        subtitle = tr.text("brief.chart.sens.subtitle_morris", count=len(idx), noise=noise)
        caption = tr.text("brief.chart.sens.caption_morris")

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        y = np.arange(len(idx))[::-1]
        vals = idx["value"].to_numpy(float)
        colours = np.where(vals >= 0, "#0072B2", "#D55E00")
        # pale: an effect not told from zero, or every bar when the indices are mostly noise
        alpha = np.where(idx["clear"].to_numpy(bool) & (luck is None), 1.0, 0.35)
        for yi, v, c, a in zip(y, vals, colours, alpha):
            ax.barh(yi, v, color=c, alpha=a, height=0.6, edgecolor=c, linewidth=1.2)
        lo, hi = idx["low"].to_numpy(float), idx["high"].to_numpy(float)
        ok = np.isfinite(lo) & np.isfinite(hi)
        if ok.any():
            ax.errorbar(vals[ok], y[ok], xerr=[vals[ok] - lo[ok], hi[ok] - vals[ok]], fmt="none",
                        color="#000000", capsize=4, linewidth=1.3,
                        label=tr.text("brief.chart.sens.legend_interval"))
        if "first" in idx.columns:
            ax.scatter(idx["first"].to_numpy(float), y, marker="D", s=60, color="#E69F00",
                       edgecolors="#000000", zorder=3,
                       label=tr.text("brief.chart.sens.legend_first_order") if sens.method == "sobol" else "σ")
        ax.set_yticks(y, [wrap_label(param_label(p, ctx.lang), 40) for p in idx["parameter"]])
        ax.set_xlabel(name if sens.method != "morris" else
                      tr.text("brief.chart.sens.axis_morris", ylab=ylab))
        if sens.method == "spearman":
            ax.axvline(0, color="#333333", linewidth=1)
            ax.set_xlim(-1.05, 1.05)
        else:
            ax.set_xlim(left=0)
        # above the bars, in a row: never on a bar or a tick label
        _legend(ax, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=2, borderaxespad=0.2)
        _clean(ax, "x")
        ax.tick_params(axis="y", length=0)

    caption += _noise_caption(sens.source.parent / "sensitivity.json", ctx.lang)
    return Chart("sensitivity", title, subtitle, caption, draw, size=(11.0, 6.6))


def noise_warning(sens, output: str, year) -> dict | None:
    """The replicate-noise warning of ``output`` in ``year`` (sensitivity.json's
    ``noise_warnings``, experiments.sensitivity.replicate_noise), or None."""
    for w in sens.meta.get("noise_warnings") or []:
        if str(w.get("output")) == str(output) and (year is None or str(w.get("year")) == str(year)):
            return w
    return None


def _overlaps_runner_up(idx: pd.DataFrame) -> bool:
    """The first parameter's interval reaches the second's (in size, whatever the sign):
    the ranking of the two is within the noise."""
    def size_interval(r):
        low, high = float(r["low"]), float(r["high"])
        return (low, high) if r["value"] >= 0 else (-high, -low)
    first, second = idx.iloc[0], idx.iloc[1]
    if not (finite(first["low"]) and finite(second["high"])):
        return False
    return size_interval(first)[0] <= size_interval(second)[1]


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
