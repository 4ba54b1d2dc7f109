"""Chart style and rendering: titled PNG, untitled slide picture, PDF page."""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from functools import lru_cache

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Text

from vcsim.experiments.brief.texts import wrap_by

DPI = 200
TITLE_PT = 20
SUBTITLE_PT = 13.5
CAPTION_PT = 12
A4_LANDSCAPE = (11.69, 8.27)
INK = "#1A1A1A"
MUTED = "#555555"


def style(family: str) -> dict:
    """rcParams for a leadership meeting: large type, little clutter, TrueType in PDFs."""
    return {
        "font.family": [family],
        "font.size": 15,
        "axes.titlesize": 16,
        "axes.labelsize": 15,
        "xtick.labelsize": 14,
        "ytick.labelsize": 14,
        "legend.fontsize": 14,
        "axes.edgecolor": "#333333",
        "axes.labelcolor": INK,
        "text.color": INK,
        "xtick.color": "#333333",
        "ytick.color": "#333333",
        "axes.linewidth": 1.0,
        "pdf.fonttype": 42,  # TrueType: the font is embedded, the text stays text
        "ps.fonttype": 42,
        "svg.fonttype": "none",
        "axes.unicode_minus": True,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "hatch.linewidth": 0.8,
    }


@contextmanager
def chart_style(family: str):
    with matplotlib.rc_context(style(family)):
        yield


_FONT_KEYS = ("font.family", "font.sans-serif", "font.serif", "font.monospace", "font.style",
              "font.variant", "font.weight", "font.stretch")


def text_width_in(text: str, fontsize: float) -> float:
    """Width of one line of text in inches, in the current font (rcParams)."""
    if not text:
        return 0.0
    from matplotlib.font_manager import fontManager
    rc = matplotlib.rcParams
    font = tuple(tuple(v) if isinstance(v, list) else v for v in (rc[k] for k in _FONT_KEYS))
    return _width_in(text, float(fontsize), (font, len(fontManager.ttflist)))


@lru_cache(maxsize=65536)
def _width_in(text: str, fontsize: float, font: tuple) -> float:
    # (wrapping measures the same words again and again, and the brief wraps a title for
    # its chart, its page and its slide: remembered by text, size, the font settings and
    # the fonts matplotlib knows, which the brief adds to)
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath
    w, _, _ = TextToPath().get_text_width_height_descent(
        text, FontProperties(size=fontsize), ismath=False)
    return w / 72.0


@lru_cache(maxsize=256)
def _line_metrics(fontsize: float, linespacing: float, family: str) -> tuple[float, float]:
    """(height of one line, advance per extra line) in inches, as matplotlib lays out
    multi-line text in the current font."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig = Figure()
    renderer = FigureCanvasAgg(fig).get_renderer()
    one = fig.text(0, 0, "国Ag", fontsize=fontsize, linespacing=linespacing)
    two = fig.text(0, 0, "国Ag\n国Ag", fontsize=fontsize, linespacing=linespacing)
    with warnings.catch_warnings():  # a font without 国 measures the Latin letters
        warnings.simplefilter("ignore")
        h1 = one.get_window_extent(renderer).height / fig.dpi
        h2 = two.get_window_extent(renderer).height / fig.dpi
    return h1, h2 - h1


def block_height_in(lines: int, fontsize: float, linespacing: float = 1.2) -> float:
    """Height in inches of ``lines`` lines of text at ``fontsize`` and ``linespacing``."""
    if lines <= 0:
        return 0.0
    first, advance = _line_metrics(float(fontsize), float(linespacing),
                                   str(matplotlib.rcParams["font.family"][0]))
    return first + (lines - 1) * advance


def wrap_to_width(text: str, width_in: float, fontsize: float) -> list[str]:
    """Wrap text to lines no wider than ``width_in`` at ``fontsize``, measured in the
    current font; same rules as ``texts.wrap`` (numbers and words stay whole)."""
    return wrap_by(text, lambda line: text_width_in(line, fontsize) <= width_in)


def decorate(fig: Figure, title: str | None, subtitle: str | None, caption: str | None = None,
             footer: str | None = None, note: str | None = None) -> None:
    """Put the title (the finding) and subtitle above the chart, the caption below it,
    and lay the chart out in the space left."""
    w, h = fig.get_size_inches()
    top = 0.12
    if title:
        lines = wrap_to_width(title, w - 0.6, TITLE_PT)
        fig.text(0.3 / w, 1 - top / h, "\n".join(lines), ha="left", va="top",
                 fontsize=TITLE_PT, color=INK, linespacing=1.25)
        top += block_height_in(len(lines), TITLE_PT, 1.25) + 0.12
    if subtitle:
        lines = wrap_to_width(subtitle, w - 0.6, SUBTITLE_PT)
        fig.text(0.3 / w, 1 - top / h, "\n".join(lines), ha="left", va="top",
                 fontsize=SUBTITLE_PT, color=MUTED, linespacing=1.25)
        top += block_height_in(len(lines), SUBTITLE_PT, 1.25) + 0.1
    bottom = 0.05
    if footer:
        fig.text(1 - 0.3 / w, 0.2 / h, footer, ha="right", va="bottom", fontsize=9, color=MUTED)
        bottom += 0.3
    if note:  # a footnote of the chart itself (e.g. what a hollow bar means)
        fig.text(1 - 0.3 / w, bottom / h, note, ha="right", va="bottom", fontsize=11,
                 color=MUTED)
        bottom += block_height_in(1, 11) + 0.1
    if caption:
        lines = wrap_to_width(caption, w - 0.6, CAPTION_PT)
        fig.text(0.3 / w, bottom / h, "\n".join(lines), ha="left", va="bottom",
                 fontsize=CAPTION_PT, color=MUTED, linespacing=1.3)
        bottom += block_height_in(len(lines), CAPTION_PT, 1.3) + 0.15
    # rect: (left, bottom, width, height) in figure coordinates
    fig.set_layout_engine("constrained", rect=(0.005, bottom / h, 0.99,
                                               1 - (top + 0.15 + bottom) / h),
                          w_pad=0.08, h_pad=0.08)


def texts_of(fig: Figure) -> list[str]:
    """Every string drawn on a figure (after it was drawn): titles, labels, tick labels,
    legends, annotations."""
    out = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text():
            out.append(t.get_text())
    return out


def render(chart, kind: str, caption_footer: str | None = None) -> Figure:
    """``kind``: "png" (titled), "slide" (no title or subtitle: the slide holds them as
    editable text) or "pdf" (A4 landscape page with title, subtitle and caption)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    size = A4_LANDSCAPE if kind == "pdf" else chart.size
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)  # a renderer for charts that measure their text while drawing
    if kind == "png":
        decorate(fig, chart.title, chart.subtitle, note=chart.note)
    elif kind == "slide":
        decorate(fig, None, None, note=chart.note)
    else:
        decorate(fig, chart.title, chart.subtitle, chart.caption, caption_footer, chart.note)
    chart.draw(fig)
    return fig


def png_bytes(fig: Figure, dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
