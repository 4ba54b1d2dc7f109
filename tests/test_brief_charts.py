"""Every chart of the brief, rendered in both languages, is checked as drawn: no text
overlaps other text, no label sits on the data it labels, and the Chinese charts have no
English words except units, numbers, method names and the scenario codes the user typed.

The checks read matplotlib's own text extents (``Text.get_window_extent`` with the
figure's renderer) after the chart is laid out exactly as it is saved."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.text import Annotation, Text

from _brief_fixtures import SHIPPED_FIVE, make_compare, write_sensitivity
from vcsim.experiments.brief import charts as C
from vcsim.experiments.brief.core import results_roster
from vcsim.experiments.brief.fonts import prepare_font
from vcsim.experiments.brief.inputs import load_results
from vcsim.experiments.brief.render import chart_style, render

# English allowed in the Chinese charts: method and index names, units and symbols
ALLOWED_ZH = {"Sobol", "Morris", "Wilson", "ST", "S1", "A", "B", "kW"}


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    """A compare folder of five shipped scenarios, with Sobol indices (made only for the
    tests that use it: the quick subset does not)."""
    five = tmp_path_factory.mktemp("five")
    make_compare(five, names=SHIPPED_FIVE, replicates=4)
    write_sensitivity(five, "sobol")
    return five


@pytest.fixture(scope="module")
def sensitivity_folders(tmp_path_factory) -> dict:
    sweep = tmp_path_factory.mktemp("sweep")
    write_sensitivity(sweep, "lhs")
    noisy = tmp_path_factory.mktemp("noisy")  # indices that mostly measure replicate noise
    write_sensitivity(noisy, "sobol", noise_warnings=[{
        "output": "zero_income_villages", "year": 2021, "key": "noise.unreliable", "share": 0.42,
        "needed": 12, "replicates": 2, "limit": 0.1}])
    return {"sweep": sweep, "noisy": noisy}


@pytest.fixture
def folders(request) -> dict:
    """The folder ``which`` (the test's parameter) names."""
    which = request.getfixturevalue("which")
    if which == "five":
        return {"five": request.getfixturevalue("five")}
    return request.getfixturevalue("sensitivity_folders")


def drawn_charts(folder, lang):
    """(chart, figure) for every chart made from ``folder``, drawn as the PNG is."""
    R = load_results(folder)
    roster = results_roster(R)
    font = prepare_font("".join(t for s in R.scenarios for t in R.data[s].title.values())
                        + "".join(roster["township"].unique()), lang)
    ctx = C.Ctx(results=R, lang=lang, year=2021, font_cjk=font.cjk,
                can_draw=lambda text: not font.missing_chars([text]))
    out = []
    with chart_style(font.family):
        for chart in C.make_charts(ctx, roster):
            if isinstance(chart, C.Skip):
                continue
            fig = render(chart, "png")
            fig.canvas.draw()
            out.append((chart, fig))
    return R, out


def visible_texts(fig) -> list[Text]:
    """Every drawn, non-empty text of the figure, legends' own texts included. Tick labels
    count only for the ticks the last draw showed: an axis keeps the tick objects of an
    earlier layout pass (constrained layout draws more than once), with their old labels."""
    stale = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            shown = ax.axison and axis.get_visible()
            drawn = {id(t) for t in axis.get_ticklabels() + axis.get_ticklabels(minor=True)} \
                if shown else set()
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                stale |= {id(t) for t in (tick.label1, tick.label2) if id(t) not in drawn}
    texts = []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip() or id(t) in stale:
            continue
        if any(not a.get_visible() for a in _ancestors(t)):
            continue
        texts.append(t)
    return texts


def _ancestors(artist):
    axes = artist.axes
    return [axes] if axes is not None else []


def overlapping_texts(fig) -> list[tuple[str, str]]:
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in visible_texts(fig)]
    found = []
    for (a, ba), (b, bb) in itertools.combinations(boxes, 2):
        inter_w = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
        inter_h = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
        if inter_w > 1 and inter_h > 1:  # more than a pixel's touch
            found.append((a, b))
    return found


def labels_on_data(fig) -> list[str]:
    """Annotations (labels placed on a chart) covering a drawn line or a marker of
    their axes; markers a chart declares coverable (gid "coverable") excepted."""
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        points = []
        for line in ax.lines:
            if not line.get_visible() or line.get_gid() == "coverable":
                continue
            xy = line.get_transform().transform(line.get_xydata())
            xy = xy[np.isfinite(xy).all(axis=1)]
            for p, q in zip(xy[:-1], xy[1:]):  # the segments, every 2 pixels
                n = max(2, int(np.hypot(*(q - p)) / 2))
                points.append(p + np.linspace(0, 1, n)[:, None] * (q - p))
            points.append(xy)
        for coll in ax.collections:
            if isinstance(coll, PathCollection) and coll.get_gid() != "coverable" \
                    and coll.get_visible() and len(coll.get_offsets()):
                points.append(coll.get_offset_transform().transform(coll.get_offsets()))
        if not points:
            continue
        pts = np.concatenate(points)
        for t in ax.texts:
            if not isinstance(t, Annotation) or not t.get_visible() or not t.get_text().strip():
                continue
            box = t.get_window_extent(renderer)
            inside = ((pts[:, 0] > box.x0 + 1) & (pts[:, 0] < box.x1 - 1) &
                      (pts[:, 1] > box.y0 + 1) & (pts[:, 1] < box.y1 - 1))
            if inside.any():
                found.append(t.get_text())
    return found


def english_words(text: str, allowed: set[str]) -> list[str]:
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]*", text)
    return [w for w in words if w not in allowed]


# The five scenarios' folder: every chart of the pack drawn (several seconds a language);
# the sensitivity folders: the same checks on one chart each, in the quick subset.
FOLDERS = [pytest.param("five", marks=pytest.mark.slow), "sweep", "noisy"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("which", FOLDERS)
def test_no_text_overlaps_text_or_data(folders, which, lang):
    R, charts = drawn_charts(folders[which], lang)
    assert charts
    keys = {c.key for c, _ in charts}
    assert keys == (set(C.ORDER) if which == "five" else {"sensitivity"})
    for chart, fig in charts:
        assert overlapping_texts(fig) == [], (chart.key, lang)
        assert labels_on_data(fig) == [], (chart.key, lang)


@pytest.mark.parametrize("which", FOLDERS)
def test_chinese_charts_have_no_english_words(folders, which):
    R, charts = drawn_charts(folders[which], "zh")
    allowed = ALLOWED_ZH | set(R.scenarios)  # the scenario codes the user typed
    for chart, fig in charts:
        for t in visible_texts(fig):
            assert english_words(t.get_text(), allowed) == [], (chart.key, t.get_text())
        for text in (chart.title, chart.subtitle, chart.caption, chart.note or ""):
            assert english_words(text, allowed) == [], (chart.key, text)


def test_the_checks_find_what_they_look_for():
    """The checks themselves: an overlap, a label on a line and an English word are found."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    ax.annotate("on the line", xy=(0.5, 0.5), ha="center", va="center")
    ax.text(0.5, 0.5, "twice", ha="center", va="center")
    fig.canvas.draw()
    assert overlapping_texts(fig)
    assert labels_on_data(fig) == ["on the line"]
    assert english_words("清零概率 by 2021", set()) == ["by"]
    assert english_words("Sobol 总效应指数 5万元", {"Sobol"}) == []


# ---------------------------------------------------------------------- pages of text
@pytest.fixture(scope="module")
def text_pages(five, tmp_path_factory) -> dict:
    """The watch-list page of the five-scenario brief and the pages of a plan's pack
    (cover, frontier chart, best plans, how to run), drawn as they are saved, per language."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from _brief_fixtures import make_plan
    from vcsim.experiments.brief import plan_pack
    from vcsim.experiments.brief.document import cover_figure, table_page_figures, text_page_figure
    from vcsim.experiments.brief.watch import watch_lists, watch_section
    plan = plan_pack.load_plan_folder(make_plan(tmp_path_factory.mktemp("plan")))
    R = load_results(five)
    roster = results_roster(R)
    out = {}
    for lang in ("zh", "en"):
        font = prepare_font("".join(roster["name"]) + "".join(roster["township"]), lang)
        with chart_style(font.family):
            lists, _ = watch_lists(R, roster, 2021)
            figs = {"watchlist": table_page_figures(watch_section(lists, lang).page, "footer")}
            subtitle, numbers, paragraph = plan_pack.plan_cover(plan, lang)
            figs["plan_cover"] = [cover_figure("title", subtitle, numbers, paragraph, "footer")[0]]
            figs["plan_frontier"] = [render(plan_pack.frontier_chart(plan, lang), "png")]
            figs["plan_best"] = table_page_figures(plan_pack.best_plans_page(plan, lang), "footer")
            figs["plan_how_to"] = [text_page_figure(plan_pack.how_to_page(plan, lang, plan.root), "footer")]
            for pages in figs.values():
                for fig in pages:
                    if not isinstance(fig.canvas, FigureCanvasAgg):  # pages made without one
                        FigureCanvasAgg(fig)
                    fig.canvas.draw()  # once: a second layout may leave stale tick labels
        out[lang] = (figs, {R.baseline, *R.scenarios, plan.record["base"], plan.record["plan"]})
    return out


@pytest.mark.slow  # a plan searched, every scenario's watch list
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_of_text_overlap_nothing(text_pages, lang):
    figs, _ = text_pages[lang]
    for key, pages in figs.items():
        for fig in pages:
            assert overlapping_texts(fig) == [], (key, lang)
            assert labels_on_data(fig) == [], (key, lang)


@pytest.mark.slow  # a plan searched, every scenario's watch list
def test_chinese_pages_of_text_have_no_english_words(text_pages):
    figs, codes = text_pages["zh"]
    allowed = ALLOWED_ZH | codes | {"key_figures", "xlsx", "footer", "title", "Clopper", "Pearson",
                                    "evaluations", "parquet"}
    for key, pages in figs.items():
        if key == "plan_how_to":  # commands and file names to type
            continue
        for fig in pages:
            for t in visible_texts(fig):
                assert english_words(t.get_text(), allowed) == [], (key, t.get_text())
