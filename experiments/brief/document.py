"""brief.pdf (matplotlib PdfPages, TrueType fonts embedded) and brief.pptx (python-pptx)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from vcsim.experiments.store import atomic_write
from vcsim.experiments.brief.render import (A4_LANDSCAPE, INK, MUTED, block_height_in, text_width_in,
                                      texts_of, wrap_to_width)


ACCENT = "#0072B2"
BOX_FILL = "#EEF4FA"


# ---------------------------------------------------------------------- PDF
def _fit(text: str, width_in: float, start: float, smallest: float = 16) -> float:
    """Largest font size from ``start`` down at which ``text`` fits on one line."""
    size = start
    while size > smallest and text_width_in(text, size) > width_in:
        size -= 1
    return size


def _table_layout(table: list[list[str]], width_in: float, fs: float):
    """Column x positions, wrapped cells and row heights of a small text table."""
    name_w = min(3.4, max(text_width_in(r[0], fs) for r in table) + 0.3)
    rest = width_in - name_w
    ncol = len(table[0]) - 1
    col_w = rest / max(ncol, 1)
    xs = [0.0, name_w] + [name_w + k * col_w for k in range(1, ncol)]
    widths = [name_w - 0.2] + [col_w - 0.15] * ncol
    cells = [[wrap_to_width(c, widths[j], fs) for j, c in enumerate(row)] for row in table]
    heights = [0.08 + block_height_in(max(len(c) for c in row), fs, 1.3) for row in cells]
    return xs, cells, heights


def draw_text_table(fig: Figure, table, x0: float, y: float, width_in: float, fs: float) -> float:
    """Draw ``table`` (header row first) with its top-left at (x0, y) inches; returns
    the y below it."""
    w, h = fig.get_size_inches()
    xs, cells, heights = _table_layout(table, width_in, fs)
    for i, (row, rh) in enumerate(zip(cells, heights)):
        for j, lines in enumerate(row):
            fig.text((x0 + xs[j]) / w, y / h, "\n".join(lines), fontsize=fs,
                     color=MUTED if i == 0 else INK, va="top", ha="left", linespacing=1.3)
        if i == 0:
            fig.add_artist(_hline(x0, x0 + width_in, y - rh + 0.03, w, h))
        y -= rh + 0.04
    return y


def table_height(table, width_in: float, fs: float) -> float:
    return sum(rh + 0.04 for rh in _table_layout(table, width_in, fs)[2])


def cover_figure(title: str, subtitle: str, numbers, paragraph: str, footer: str,
                 table: list[list[str]] | None = None) -> tuple[Figure, bool]:
    """The cover page; returns (figure, whether ``table`` fitted on it)."""
    w, h = A4_LANDSCAPE
    fig = Figure(figsize=(w, h))
    inner = w - 1.0
    fig.text(0.5 / w, 1 - 0.45 / h, title, fontsize=28, color=INK, va="top", ha="left")
    y = h - 1.05
    sub = wrap_to_width(subtitle, inner, 12)
    fig.text(0.5 / w, y / h, "\n".join(sub), fontsize=12, color=MUTED, va="top", ha="left",
             linespacing=1.3)
    y -= block_height_in(len(sub), 12, 1.3) + 0.25
    if not numbers:  # a sweep folder: no scenario figures, straight to the reading
        lines = wrap_to_width(paragraph, inner, 12.5)
        fig.text(0.5 / w, y / h, "\n".join(lines), fontsize=12.5, color=INK, va="top",
                 ha="left", linespacing=1.45)
        fig.text(1 - 0.5 / w, 0.3 / h, footer, fontsize=9, color=MUTED, ha="right", va="bottom")
        return fig, False
    n = len(numbers)
    gap = 0.25
    box_w = (w - 1.0 - gap * (n - 1)) / n
    text_w = box_w - 0.4
    value_pt = min([_fit(num.value, text_w, 32, 20) for num in numbers] or [32])
    blocks = []
    for num in numbers:
        label = wrap_to_width(num.label, text_w, 12.5)
        detail = wrap_to_width(num.detail, text_w, 11)
        blocks.append((label, detail))
    label_h = block_height_in(max([len(b[0]) for b in blocks] + [1]), 12.5, 1.3)
    detail_h = block_height_in(max([len(b[1]) for b in blocks] + [1]), 11, 1.3)
    value_h = block_height_in(1, value_pt)
    box_h = 0.18 + value_h + 0.18 + label_h + 0.12 + detail_h + 0.18
    for i, (num, (label, detail)) in enumerate(zip(numbers, blocks)):
        x = 0.5 + i * (box_w + gap)
        fig.add_artist(FancyBboxPatch((x / w, (y - box_h) / h), box_w / w, box_h / h,
                                      boxstyle="round,pad=0,rounding_size=0.012",
                                      transform=fig.transFigure, facecolor=BOX_FILL,
                                      edgecolor="none"))
        yy = y - 0.18
        fig.text((x + 0.2) / w, yy / h, num.value, fontsize=value_pt, color=ACCENT,
                 va="top", ha="left")
        yy -= value_h + 0.18
        fig.text((x + 0.2) / w, yy / h, "\n".join(label), fontsize=12.5, color=INK,
                 va="top", ha="left", linespacing=1.3)
        yy -= label_h + 0.12
        fig.text((x + 0.2) / w, yy / h, "\n".join(detail), fontsize=11, color=MUTED,
                 va="top", ha="left", linespacing=1.3)
    y -= box_h + 0.25
    lines = wrap_to_width(paragraph, inner, 12.5)
    fig.text(0.5 / w, y / h, "\n".join(lines), fontsize=12.5, color=INK, va="top",
             ha="left", linespacing=1.45)
    y -= block_height_in(len(lines), 12.5, 1.45) + 0.2
    fitted = False
    for fs in (11.5, 10.5) if table else ():
        if y - table_height(table, inner, fs) > 0.45:
            draw_text_table(fig, table, 0.5, y, inner, fs)
            fitted = True
            break
    fig.text(1 - 0.5 / w, 0.3 / h, footer, fontsize=9, color=MUTED, ha="right", va="bottom")
    return fig, fitted


def comparison_figure(title: str, table: list[list[str]], footer: str) -> Figure:
    """The scenarios side by side on a page of their own (when the cover is full)."""
    w, h = A4_LANDSCAPE
    fig = Figure(figsize=(w, h))
    fig.text(0.5 / w, 1 - 0.45 / h, title, fontsize=20, color=INK, va="top")
    fs = 13 if len(table) <= 10 else 11
    draw_text_table(fig, table, 0.5, h - 1.2, w - 1.0, fs)
    fig.text(1 - 0.5 / w, 0.3 / h, footer, fontsize=9, color=MUTED, ha="right", va="bottom")
    return fig


def table_figures(title: str, table: pd.DataFrame, note: str, per_page: int = 4) -> list[Figure]:
    """The key-figures table: measures as rows, up to ``per_page`` scenarios a page; a
    cell too wide for its column wraps, and rows that do not fit go on the next page."""
    w, h = A4_LANDSCAPE
    scen_cols = list(table.columns[2:])
    # as many pages as needed, the columns shared evenly (5 scenarios: 3 + 2, not 4 + 1)
    pages_needed = max(1, -(-len(scen_cols) // per_page))
    size = max(1, -(-len(scen_cols) // pages_needed))
    groups = [scen_cols[i:i + size] for i in range(0, len(scen_cols), size)] or [[]]
    left, label_w, year_w = 0.5, 3.1, 1.0
    note_lines = wrap_to_width(note, w - 1.0, 9.5)
    bottom = 0.35 + block_height_in(len(note_lines), 9.5, 1.3) + 0.15

    def paginate(fs: float) -> list:
        pages = []  # (scenario columns, column width, header cells and height, rows)
        for cols in groups:
            col_w = (w - 1.0 - label_w - year_w) / max(len(cols), 1)
            widths = [label_w - 0.15, year_w - 0.1] + [col_w - 0.15] * len(cols)
            head = [wrap_to_width(str(c), wd, fs) for c, wd in
                    zip([table.columns[0], table.columns[1], *cols], widths)]
            head_h = block_height_in(max(len(x) for x in head), fs, 1.2) + 0.12
            rows = []
            for row in table.itertuples(index=False):
                values = [row[0], row[1]] + [row[2 + scen_cols.index(c)] for c in cols]
                cells = [wrap_to_width(str(v), wd, fs) for v, wd in zip(values, widths)]
                rows.append((cells, block_height_in(max(len(c) for c in cells), fs, 1.2) + 0.07))
            chunk, y = [], h - 1.15 - head_h
            for r in rows:
                if chunk and y - r[1] < bottom:
                    pages.append((cols, col_w, head, head_h, chunk))
                    chunk, y = [], h - 1.15 - head_h
                chunk.append(r)
                y -= r[1]
            pages.append((cols, col_w, head, head_h, chunk))
        return pages

    for fs in (10.5, 9.5, 8.5):  # the smallest that still needs no extra page, if any
        pages = paginate(fs)
        if len(pages) == len(groups):
            break
    figs = []
    for k, (cols, col_w, head, head_h, chunk) in enumerate(pages):
        fig = Figure(figsize=(w, h))
        suffix = f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""
        fig.text(0.5 / w, 1 - 0.45 / h, title + suffix, fontsize=20, color=INK, va="top")
        xs = [left, left + label_w] + [left + label_w + year_w + j * col_w for j in range(len(cols))]
        y = h - 1.15
        for j, cell in enumerate(head):
            fig.text(xs[j] / w, y / h, "\n".join(cell), fontsize=fs,
                     color=MUTED if j < 2 else INK, va="top", linespacing=1.2)
        y -= head_h
        fig.add_artist(_hline(left, w - 0.5, y + 0.05, w, h))
        for i, (cells, rh) in enumerate(chunk):
            if i % 2 == 0:
                fig.add_artist(FancyBboxPatch((left / w, (y - rh + 0.05) / h), (w - 1.0) / w,
                                              rh / h, boxstyle="square,pad=0",
                                              transform=fig.transFigure, facecolor="#F3F3F3",
                                              edgecolor="none"))
            for j, cell in enumerate(cells):
                fig.text(xs[j] / w, (y - 0.02) / h, "\n".join(cell), fontsize=fs,
                         color=MUTED if j == 1 else INK, va="top", linespacing=1.2)
            y -= rh
        fig.text(left / w, 0.35 / h, "\n".join(note_lines), fontsize=9.5, color=MUTED,
                 va="bottom", linespacing=1.3)
        figs.append(fig)
    return figs


def _hline(x0, x1, y, w, h):
    from matplotlib.lines import Line2D
    return Line2D([x0 / w, x1 / w], [y / h, y / h], color="#333333", linewidth=0.8)


def write_pdf(path: Path, cover: Figure, chart_pages: list[Figure], tables: list[Figure],
              meta: dict) -> list[str]:
    """Write the PDF; returns every string drawn on it."""
    drawn: list[str] = []

    def write(handle) -> None:
        with PdfPages(handle, metadata=meta) as pdf:
            for fig in [cover, *chart_pages, *tables]:
                pdf.savefig(fig)
                drawn.extend(texts_of(fig))

    atomic_write(path, write)
    return drawn


# ---------------------------------------------------------------------- PPTX
SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5
TABLE_TOP_IN, TABLE_BOTTOM_IN = 1.35, 7.0  # the key-figures table stays between these
CELL_MARGIN_EMU = 20000  # top and bottom margin of a table cell (0.022 in)
TABLE_SCENARIOS_PER_SLIDE = 3


def fitting_size(parts: list[tuple[str, float]], width_in: float, height_in: float,
                 size: float, smallest: float = 9) -> float:
    """The largest font size up to ``size`` at which paragraphs ``parts`` (text, size
    relative to the base size) wrapped in a box ``width_in`` wide fill at most
    ``height_in``: judged like ``_row_height_in``, on 90% of the width, because the office
    suite's substitute font may run wider than the brief's."""
    inner = 0.9 * (width_in - 0.2)  # a text box's left and right insets: 0.1 in each
    while size > smallest:
        height = sum(len(wrap_to_width(text, inner, size * rel)) * size * rel * 1.2 / 72
                     for text, rel in parts) + 0.1
        if height <= height_in:
            break
        size -= 1
    return size


def table_column_widths(n_columns: int) -> list[float]:
    """Widths in inches of the key-figures table's columns on a slide: the measure, the
    year, then the scenarios sharing what is left."""
    first, year = 3.4, 1.1
    rest = (SLIDE_W_IN - 0.8 - first - year) / max(n_columns - 2, 1)
    return [first, year] + [rest] * (n_columns - 2)


def _row_height_in(values: list[str], widths: list[float], size: float) -> float:
    """A table row's height as an office suite lays it out: its tallest cell's wrapped
    lines (measured in the brief's font, on 90% of the cell's width, because the office
    suite's substitute font may run wider) at 1.2 line spacing, plus the cell margins."""
    inner = [w - 0.2 for w in widths]  # the default left and right cell margins, 0.1 in
    lines = max(len(wrap_to_width(str(v), 0.9 * w, size)) for v, w in zip(values, inner))
    return lines * size * 1.2 / 72 + 2 * CELL_MARGIN_EMU / 914400 + 0.04


def table_slides(table: pd.DataFrame, size: float) -> list[tuple[list[str], list]]:
    """The key-figures table cut into slides: [(column headings, [(cells, row height in
    inches)])], each slide's rows fitting between ``TABLE_TOP_IN`` and
    ``TABLE_BOTTOM_IN`` below its heading row."""
    scen = list(table.columns[2:])
    n_groups = max(1, -(-len(scen) // TABLE_SCENARIOS_PER_SLIDE))
    per = max(1, -(-len(scen) // n_groups))
    slides = []
    for g in range(0, max(len(scen), 1), per):
        cols = list(table.columns[:2]) + scen[g:g + per]
        widths = table_column_widths(len(cols))
        head_h = _row_height_in(cols, widths, size)
        room = TABLE_BOTTOM_IN - TABLE_TOP_IN - head_h
        chunk, used = [], 0.0
        for row in table[cols].itertuples(index=False):
            values = [str(v) for v in row]
            height = _row_height_in(values, widths, size)
            if chunk and used + height > room:
                slides.append((cols, chunk))
                chunk, used = [], 0.0
            chunk.append((values, height))
            used += height
        slides.append((cols, chunk))
    return slides


def write_pptx(path: Path, lang: str, title: str, subtitle: str, numbers, paragraph: str,
               slides: list[tuple[str, str, str, bytes]], table: pd.DataFrame,
               table_title: str) -> None:
    """One chart a slide (title placeholder + picture + subtitle and caption text boxes),
    the cover numbers on the first slide, the key-figures table last."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Inches, Pt

    font_name = "Microsoft YaHei" if lang == "zh" else "Calibri"
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title_only = prs.slide_layouts[5]
    W = prs.slide_width
    TABLE_TOP = Inches(TABLE_TOP_IN)

    def style_run(run, size, color="1A1A1A", bold=False):
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = font_name
        run.font.color.rgb = RGBColor.from_string(color)
        rpr = run._r.get_or_add_rPr()
        for tag in ("a:ea", "a:cs"):  # East Asian and complex-script typefaces too
            el = rpr.find(qn(tag))
            if el is None:
                el = rpr.makeelement(qn(tag), {})
                rpr.append(el)
            el.set("typeface", font_name)

    def set_title(slide, text, size=26):
        """The slide title, at the largest size up to ``size`` at which it takes at most
        two lines in its box (a third line would run into the subtitle)."""
        width_in = (W - Inches(1.0)) / 914400 * 0.92  # LibreOffice's font may run wider
        while size > 18 and len(wrap_to_width(text, width_in, size)) > 2:
            size -= 2
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = Inches(0.5), Inches(0.2), W - Inches(1.0), Inches(1.0)
        tf = shape.text_frame
        tf.clear()
        tf.word_wrap = True
        tf.vertical_anchor = MSO_ANCHOR.TOP
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        run = p.add_run()
        run.text = text
        style_run(run, size, bold=True)

    def text_box(slide, left, top, width, height, text, size, color="1A1A1A", bold=False,
                 align=PP_ALIGN.LEFT):
        """A text box whose text fits its height: the font shrinks (to 9 pt at least)
        until the wrapped text does."""
        size = fitting_size([(text, 1.0)], width / 914400, height / 914400, size)
        box = slide.shapes.add_textbox(left, top, width, height)
        tf = box.text_frame
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.alignment = align
        run = p.add_run()
        run.text = text
        style_run(run, size, color, bold)
        return box

    # cover
    slide = prs.slides.add_slide(title_only)
    set_title(slide, title, 32)
    text_box(slide, Inches(0.5), Inches(1.2), W - Inches(1.0), Inches(0.7), subtitle, 13, "555555")
    n = max(len(numbers), 1)
    gap = Inches(0.25)
    bw = int((W - Inches(1.0) - gap * (n - 1)) / n)
    for i, num in enumerate(numbers):
        left = Inches(0.5) + i * (bw + gap)
        box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, Inches(2.0), bw, Inches(2.4))
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string("EEF4FA")
        box.line.fill.background()
        box.adjustments[0] = 0.06
        tf = box.text_frame
        tf.word_wrap = True
        tf.vertical_anchor = MSO_ANCHOR.TOP
        parts = ((num.value, 34, "0072B2", True), (num.label, 14, "1A1A1A", False),
                 (num.detail, 12, "555555", False))
        scale = fitting_size([(t, sz / 34) for t, sz, *_ in parts], bw / 914400,
                             2.4 - 0.1, 34) / 34
        for j, (text, size, color, bold) in enumerate(parts):
            p = tf.paragraphs[0] if j == 0 else tf.add_paragraph()
            p.alignment = PP_ALIGN.LEFT
            run = p.add_run()
            run.text = text
            style_run(run, round(size * scale), color, bold)
    text_box(slide, Inches(0.5), Inches(4.6), W - Inches(1.0), Inches(2.6), paragraph, 15)

    # charts
    for title_text, sub, caption, png in slides:
        slide = prs.slides.add_slide(title_only)
        set_title(slide, title_text, 26)
        text_box(slide, Inches(0.5), Inches(1.2), W - Inches(1.0), Inches(0.5), sub, 13, "555555")
        pic_top, pic_bottom = Inches(1.7), Inches(6.75)
        pic = slide.shapes.add_picture(io.BytesIO(png), Inches(0.5), pic_top)
        scale = min((pic_bottom - pic_top) / pic.height, (W - Inches(1.0)) / pic.width)
        pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
        pic.left = int((W - pic.width) / 2)
        text_box(slide, Inches(0.5), Inches(6.78), W - Inches(1.0), Inches(0.62), caption, 12,
                 "555555")

    # key figures: as many slides as the rows need, judged from their wrapped text (a
    # table row grows with its text in PowerPoint and LibreOffice alike, whatever height
    # the file declares), the scenario columns shared evenly between slides
    by_size = {sz: table_slides(table, sz) for sz in (11, 10, 9)}  # fewest slides, largest type
    size = min(by_size, key=lambda sz: (len(by_size[sz]), -sz))
    for k, (columns, rows) in enumerate(pages := by_size[size]):
        slide = prs.slides.add_slide(title_only)
        suffix = f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""
        set_title(slide, table_title + suffix, 26)
        shape = slide.shapes.add_table(len(rows) + 1, len(columns), Inches(0.4), TABLE_TOP,
                                       W - Inches(0.8), Inches(0.3) * (len(rows) + 1))
        tbl = shape.table
        widths = table_column_widths(len(columns))
        for j, width in enumerate(widths):
            tbl.columns[j].width = Inches(width)
        for j, head in enumerate(columns):
            cell = tbl.cell(0, j)
            cell.text = ""
            run = cell.text_frame.paragraphs[0].add_run()
            run.text = str(head)
            style_run(run, size, "FFFFFF", True)
        for i, (values, height) in enumerate(rows, start=1):
            tbl.rows[i].height = Inches(height)
            for j, value in enumerate(values):
                cell = tbl.cell(i, j)
                cell.text = ""
                cell.margin_top = cell.margin_bottom = Emu(CELL_MARGIN_EMU)
                run = cell.text_frame.paragraphs[0].add_run()
                run.text = str(value)
                style_run(run, size)
    atomic_write(path, prs.save)

