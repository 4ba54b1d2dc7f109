"""Chart style and rendering: titled PNG, untitled slide picture, PDF page."""

from __future__ import annotations

import io
from contextlib import contextmanager

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Text

from experiments.brief.texts import wrap

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


def _cols(width_in: float, pt: float) -> int:
    """Display columns (a CJK character = 2) that fit on a line ``width_in`` wide."""
    return max(20, int((width_in - 0.5) * 72 / pt * 2 * 0.92))


def decorate(fig: Figure, title: str | None, subtitle: str | None, caption: str | None = None,
             footer: str | None = None, note: str | None = None) -> None:
    """Put the title (the finding) and subtitle above the chart, the caption below it,
    and lay the chart out in the space left."""
    w, h = fig.get_size_inches()
    top = 0.12
    if title:
        lines = wrap(title, _cols(w, TITLE_PT))
        fig.text(0.3 / w, 1 - top / h, "\n".join(lines), ha="left", va="top",
                 fontsize=TITLE_PT, color=INK, linespacing=1.25)
        top += len(lines) * TITLE_PT * 1.25 / 72 + 0.1
    if subtitle:
        lines = wrap(subtitle, _cols(w, SUBTITLE_PT))
        fig.text(0.3 / w, 1 - top / h, "\n".join(lines), ha="left", va="top",
                 fontsize=SUBTITLE_PT, color=MUTED, linespacing=1.25)
        top += len(lines) * SUBTITLE_PT * 1.25 / 72 + 0.08
    bottom = 0.05
    if footer:
        fig.text(1 - 0.3 / w, 0.2 / h, footer, ha="right", va="bottom", fontsize=9, color=MUTED)
        bottom += 0.3
    if note:  # a footnote of the chart itself (e.g. what a hollow bar means)
        fig.text(1 - 0.3 / w, bottom / h, note, ha="right", va="bottom", fontsize=11,
                 color=MUTED)
        bottom += 11 * 1.3 / 72 + 0.1
    if caption:
        lines = wrap(caption, _cols(w, CAPTION_PT))
        fig.text(0.3 / w, bottom / h, "\n".join(lines), ha="left", va="bottom",
                 fontsize=CAPTION_PT, color=MUTED, linespacing=1.3)
        bottom += len(lines) * CAPTION_PT * 1.3 / 72 + 0.15
    # rect: (left, bottom, width, height) in figure coordinates
    fig.set_layout_engine("constrained", rect=(0.005, bottom / h, 0.99,
                                               1 - (top + 0.05 + bottom) / h),
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
    size = A4_LANDSCAPE if kind == "pdf" else chart.size
    fig = Figure(figsize=size)
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
