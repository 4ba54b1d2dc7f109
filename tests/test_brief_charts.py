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
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
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
def folders(tmp_path_factory) -> dict:
    five = tmp_path_factory.mktemp("five")
    make_compare(five, names=SHIPPED_FIVE, replicates=4)
    write_sensitivity(five, "sobol")
    sweep = tmp_path_factory.mktemp("sweep")
    write_sensitivity(sweep, "lhs")
    return {"five": five, "sweep": sweep}


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
    """Every drawn, non-empty text of the figure, legends' own texts included."""
    texts = []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip():
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


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("which", ["five", "sweep"])
def test_no_text_overlaps_text_or_data(folders, which, lang):
    R, charts = drawn_charts(folders[which], lang)
    assert charts
    keys = {c.key for c, _ in charts}
    assert keys == (set(C.ORDER) if which == "five" else {"sensitivity"})
    for chart, fig in charts:
        assert overlapping_texts(fig) == [], (chart.key, lang)
        assert labels_on_data(fig) == [], (chart.key, lang)


@pytest.mark.parametrize("which", ["five", "sweep"])
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
