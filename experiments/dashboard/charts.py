"""The dashboard's pictures, drawn with matplotlib's object API (no pyplot: the page
draws from several threads) and returned as PNG bytes.

Chinese labels need a CJK font; without one the pictures fall back to English labels
(``cjk_font()`` is None) and the page says so once.
"""

from __future__ import annotations

import io
from functools import lru_cache

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from matplotlib.ticker import MaxNLocator
import matplotlib.patheffects as pe

from vcsim.experiments.dashboard.live import MONEY_SOURCES, DashboardModel
from vcsim.experiments.messages import text
from vcsim.experiments.placenames import place_name
from vcsim.model.business_models import MODEL_CODES, MODEL_NAMES
from vcsim.model.model import START_YEAR

WAN = 10_000
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
                "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Serif CJK SC")
STATUS_COLOURS = ("#d7301f", "#fdae61", "#a6d96a", "#1a9641")  # zero, <50k, 50-100k, >=100k
MARKERS = {"": "o", "solar": "s", "cluster": "h", "idle_assets": "D", "town_shop": "P",
           "attract_investor": "^", "enterprise_equity": "v", "cooperative": "p", "workshop": "X"}
MODEL_COLOURS = dict(zip(MODEL_CODES, ("#f1c40f", "#16a085", "#8e44ad", "#7f8c8d",
                                       "#e67e22", "#2980b9", "#a0522d", "#c0392b")))
COHORT_STYLE = {1: "#c0392b", 2: "#e67e22", 3: "#2980b9", 0: "#7f8c8d"}
MONEY_COLOURS = dict(zip(MONEY_SOURCES, ("#08519c", "#3182bd", "#6baed6", "#31a354",
                                         "#fd8d3c", "#9e9ac8")))

def tx(key: str, lang: str, **fields) -> str:
    """A text of the dashboard's pictures (catalogue key ``dashboard.chart.KEY``)."""
    return text(f"dashboard.chart.{key}", lang=lang, **fields)


STATUS_KEYS = ("status_zero", "status_low", "status_mid", "status_high")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed font with Chinese glyphs, or None."""
    for family in CJK_FAMILIES:
        try:
            font_manager.findfont(font_manager.FontProperties(family=family),
                                  fallback_to_default=False)
            return family
        except ValueError:
            continue
    return None


def chart_lang(lang: str) -> str:
    """The language the pictures can be drawn in (English without a CJK font)."""
    return lang if lang != "zh" or cjk_font() else "en"


def _rc() -> dict:
    families = [f for f in (cjk_font(), "DejaVu Sans") if f]
    return {"font.family": "sans-serif", "font.sans-serif": families,
            "axes.unicode_minus": False, "font.size": 9}


def _png(draw, *args) -> bytes:
    """The picture as PNG. The canvas is the drawing's own extent (``bbox_inches="tight"``),
    legends included, so a legend longer in one language than another is never clipped."""
    with matplotlib.rc_context(_rc()):
        fig = draw(*args)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", pad_inches=0.08)
    return buf.getvalue()


def status_index(model: DashboardModel, basis: str) -> np.ndarray:
    """0 zero income, 1 below 50k, 2 50k-100k, 3 100k and more."""
    idx = np.digitize(model.income_yuan(basis), [50_000, 100_000]) + 1
    return np.where(model.zero_income(basis), 0, idx)


def basis_text(model: DashboardModel, basis: str, lang: str) -> str:
    if basis == "last_year" and not model.annual_records:
        return tx("last_year_2018", lang)
    return tx(basis, lang)


# -- map ----------------------------------------------------------------------------------
def map_png(model: DashboardModel, lang: str, basis: str = "last12") -> bytes:
    return _png(_draw_map, model, chart_lang(lang), basis)


def _hull(points: np.ndarray) -> np.ndarray | None:
    if len(points) < 3:
        return None
    try:
        from scipy.spatial import ConvexHull
        return points[ConvexHull(points).vertices]
    except Exception:  # collinear or repeated points: no outline, the label still shows
        return None


def _draw_map(model: DashboardModel, lang: str, basis: str) -> Figure:
    roster = model.roster
    lon, lat = roster["lon"].to_numpy(float), roster["lat"].to_numpy(float)
    status = status_index(model, basis)
    codes = np.array([v.project.code if v.project is not None else "" for v in model.villages])
    fig = Figure(figsize=(4.8, 4.6))
    ax = fig.add_axes((0.0, 0.24, 1.0, 0.69))
    ax.set_aspect(1 / np.cos(np.radians(np.nanmean(lat))))
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    pad_x = 0.004 * (np.nanmax(lon) - np.nanmin(lon) + 0.1)
    pad_y = 0.004 * (np.nanmax(lat) - np.nanmin(lat) + 0.1)
    for i, (town, idx) in enumerate(roster.groupby("township", sort=True).indices.items()):
        pts = np.column_stack([lon[idx], lat[idx]])
        hull = _hull(pts)
        if hull is not None:
            centre = hull.mean(axis=0)
            grown = centre + (hull - centre) * 1.08 + np.sign(hull - centre) * (pad_x, pad_y)
            ax.add_patch(Polygon(grown, closed=True, facecolor=("#f4f4f4" if i % 2 else "#ebeff5"),
                                 edgecolor="#9aa5b1", linewidth=0.8, linestyle="--", zorder=0))
    for code, marker in MARKERS.items():
        sel = codes == code
        if not sel.any():
            continue
        ax.scatter(lon[sel], lat[sel], c=[STATUS_COLOURS[s] for s in status[sel]], marker=marker,
                   s=12 if code == "" else 34, edgecolors="#333333", linewidths=0.5, zorder=3)
    ax.margins(0.03)
    # township names where they cover no other name and as few villages as can be
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from vcsim.experiments.brief.charts import place_labels
    FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    towns = roster["township"].astype(str).to_numpy()
    names = [(place_name(t, lang), np.nanmean(lon[towns == t]), np.nanmean(lat[towns == t]))
             for t in dict.fromkeys(towns)]
    place_labels(ax, names, np.c_[lon, lat], np.ones(len(lon)), 4, fontsize=7,
                 color="#34495e", zorder=5,
                 path_effects=[pe.withStroke(linewidth=2.5, foreground="white")])
    fig.suptitle(tx("map_title", lang, basis=basis_text(model, basis, lang), month=model.month_text),
                 x=0.01, ha="left", fontsize=9.5, fontweight="bold")
    counts = [int((status == k).sum()) for k in range(4)]
    colour_handles = [Patch(facecolor=c, edgecolor="#333333", label=f"{tx(key, lang)} ({n})")
                      for c, key, n in zip(STATUS_COLOURS, STATUS_KEYS, counts)]
    leg1 = fig.legend(handles=colour_handles, loc="upper left", bbox_to_anchor=(0.0, 0.24),
                      title=tx("colour_title", lang, basis=basis_text(model, basis, lang)),
                      fontsize=7.5, title_fontsize=8, frameon=False, alignment="left")
    marker_handles = [Line2D([], [], linestyle="", marker=MARKERS[""], markersize=5,
                             markerfacecolor="#cccccc", markeredgecolor="#333333",
                             label=tx("no_project", lang))]
    names = MODEL_NAMES[lang if lang in MODEL_NAMES else "en"]
    for code in MODEL_CODES:
        n = int((codes == code).sum())
        marker_handles.append(Line2D([], [], linestyle="", marker=MARKERS[code], markersize=7,
                                     markerfacecolor="#cccccc", markeredgecolor="#333333",
                                     label=f"{names[code]} ({n})"))
    fig.legend(handles=marker_handles, loc="upper left", bbox_to_anchor=(0.37, 0.24), ncols=2,
               title=tx("marker_title", lang), fontsize=7.5, title_fontsize=8, frameon=False,
               alignment="left", columnspacing=0.8, handletextpad=0.3)
    fig.add_artist(leg1)
    return fig


# -- time series ----------------------------------------------------------------------------
def _time_axes(fig: Figure, model: DashboardModel, rect=(0.125, 0.12, 0.555, 0.74)):
    ax = fig.add_axes(rect)
    end = START_YEAR + model.n_months / 12
    ax.set_xlim(START_YEAR, end)
    years = np.arange(START_YEAR, int(end))
    ax.set_xticks(years + 0.5, [str(y) for y in years])
    ax.tick_params(axis="x", length=0)
    for y in range(START_YEAR + 1, int(end)):
        ax.axvline(y, color="#dddddd", linewidth=0.8, zorder=0)
    ax.grid(axis="y", color="#eeeeee")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def _x(frame) -> np.ndarray:
    return START_YEAR + frame["t"].to_numpy() / 12


def zero_png(model: DashboardModel, lang: str) -> bytes:
    return _png(_draw_zero, model, chart_lang(lang))


def _draw_zero(model: DashboardModel, lang: str) -> Figure:
    df = model.records_frame()
    fig = Figure(figsize=(4.8, 2.5))
    ax = _time_axes(fig, model)
    x = _x(df)
    for c in (1, 2, 3, 0):
        ax.plot(x, df[f"zero_cohort_{c}"], color=COHORT_STYLE[c], linewidth=1.6,
                label=tx(f"cohort_{c}", lang))
    ax.plot(x, df["zero_income_villages"], color="black", linewidth=1.0, linestyle="--",
            label=tx("total", lang))
    ye = model.year_end_zero()
    if ye:
        ax.scatter([y + 1 for y in ye], list(ye.values()), color="black", s=14, zorder=4,
                   label=tx("year_end", lang))
        for y, n in ye.items():
            ax.annotate(str(n), (y + 1, n), textcoords="offset points", xytext=(-3, 4),
                        ha="right", fontsize=7)
    ax.set_ylim(0, max(5, int(df["zero_income_villages"].max() * 1.08) + 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(tx("villages", lang))
    ax.set_title(tx("zero_title", lang, basis=tx("last12", lang)), loc="left", fontsize=8.5)
    fig.legend(loc="upper left", bbox_to_anchor=(0.69, 0.88), fontsize=7, frameon=False)
    return fig


def quantiles_png(model: DashboardModel, lang: str) -> bytes:
    return _png(_draw_quantiles, model, chart_lang(lang))


def _draw_quantiles(model: DashboardModel, lang: str) -> Figure:
    df = model.records_frame()
    fig = Figure(figsize=(4.8, 2.5))
    ax = _time_axes(fig, model)
    x = _x(df)
    q = {k: df[f"income_p{k}_yuan"].to_numpy() / WAN for k in (10, 25, 50, 75, 90)}
    ax.fill_between(x, q[10], q[90], color="#9ecae1", alpha=0.6, linewidth=0, label=tx("band80", lang))
    ax.fill_between(x, q[25], q[75], color="#4292c6", alpha=0.7, linewidth=0, label=tx("band50", lang))
    ax.plot(x, q[50], color="#08306b", linewidth=1.6, label=tx("median", lang))
    for level in (5, 10):
        ax.axhline(level, color="#888888", linewidth=0.8, linestyle=":")
    top = max(12.0, float(np.nanmax(q[90])) * 1.1)
    ax.set_ylim(0, top)
    ax.set_ylabel(tx("wan", lang))
    ax.set_title(tx("quant_title", lang), loc="left", fontsize=8.5)
    fig.legend(loc="upper left", bbox_to_anchor=(0.69, 0.88), fontsize=7, frameon=False)
    return fig


def mix_png(model: DashboardModel, lang: str) -> bytes:
    return _png(_draw_mix, model, chart_lang(lang))


def _draw_mix(model: DashboardModel, lang: str) -> Figure:
    df = model.records_frame()
    fig = Figure(figsize=(4.8, 2.5))
    ax = _time_axes(fig, model)
    names = MODEL_NAMES[lang]
    ys = [df[f"villages_{c}"].to_numpy() for c in MODEL_CODES]
    labels = [f"{names[c]} ({int(y[-1])})" for c, y in zip(MODEL_CODES, ys)]
    ax.stackplot(_x(df), *ys, colors=[MODEL_COLOURS[c] for c in MODEL_CODES], labels=labels,
                 linewidth=0)
    ax.set_ylim(0, len(model.villages))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(tx("villages", lang))
    ax.set_title(tx("mix_title", lang), loc="left", fontsize=8.5)
    handles, lab = ax.get_legend_handles_labels()
    fig.legend(handles[::-1], lab[::-1], loc="upper left", bbox_to_anchor=(0.69, 0.92),
               fontsize=7, frameon=False)
    return fig


def money_png(model: DashboardModel, lang: str) -> bytes:
    return _png(_draw_money, model, chart_lang(lang))


def _draw_money(model: DashboardModel, lang: str) -> Figure:
    df = model.records_frame()
    fig = Figure(figsize=(4.8, 2.5))
    ax = _time_axes(fig, model)
    ys = [df[f"spent_{k}_yuan"].to_numpy() / WAN for k in MONEY_SOURCES]
    labels = [f"{tx(f'money_{k}', lang)} ({y[-1]:,.0f})" for k, y in zip(MONEY_SOURCES, ys)]
    ax.stackplot(_x(df), *ys, colors=[MONEY_COLOURS[k] for k in MONEY_SOURCES], labels=labels,
                 linewidth=0)
    total = float(df["spent_yuan"].max()) / WAN
    ax.set_ylim(0, max(100.0, total * 1.1))
    ax.set_ylabel(tx("wan", lang))
    ax.set_title(tx("money_title", lang, pool=model.pool_left_yuan / WAN), loc="left",
                 fontsize=8.5)
    handles, lab = ax.get_legend_handles_labels()
    fig.legend(handles[::-1], lab[::-1], loc="upper left", bbox_to_anchor=(0.69, 0.92),
               fontsize=7, frameon=False)
    return fig
