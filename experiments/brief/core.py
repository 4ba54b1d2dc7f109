"""``vcsim brief``: make the briefing pack from a results folder."""

from __future__ import annotations

import datetime as _dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from vcsim.experiments.brief import charts as C
from vcsim.experiments.brief.document import (comparison_figure, cover_figure, table_figures,
                                              table_page_figures, write_pdf, write_pptx)
from vcsim.experiments.brief.figures import (cover_numbers, cover_table, figures_frame, key_figures,
                                       people_frame, reading, sensitivity_figures, wide_table)
from vcsim.experiments.brief.fonts import BriefFont, prepare_font
from vcsim.experiments.brief.inputs import Results, load_results
from vcsim.experiments.brief.render import DPI, chart_style, png_bytes, render, texts_of
from vcsim.experiments.brief.texts import Tr
from vcsim.experiments.brief.watch import watch_lists, watch_section, watch_sheets
from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import Msg, items, text
from vcsim.experiments.store import atomic_write

CHART_NUMBER = {key: i + 1 for i, key in enumerate(C.ORDER)}
_OWN_FILE = re.compile(r"^0[1-7]_[a-z_]+\.png$")


@dataclass
class BriefOutput:
    out: Path
    lang: str
    year: int
    font: BriefFont
    charts: list  # C.Chart made, in order
    skipped: list  # C.Skip
    files: list[Path]
    texts: dict[str, list[str]] = field(default_factory=dict)  # chart key / "pdf" -> strings drawn
    notes: list[str] = field(default_factory=list)
    missing_glyphs: set[str] = field(default_factory=set)


def choose_year(R: Results, year: int | None) -> int:
    if year is not None:
        if R.years and year not in R.years:
            raise InputError("brief.year_not_in_results", year=year, first=R.years[0],
                             last=R.years[-1])
        return year
    if not R.years:
        return C.TARGET_YEAR
    return C.TARGET_YEAR if C.TARGET_YEAR in R.years else R.years[-1]


def results_roster(R: Results):
    """The roster the results were simulated on: stored with them (``roster.parquet``), or
    for results written without one, the default county when every village id is its."""
    roster = R.roster()
    if roster is not None:
        return roster
    from vcsim.experiments.roster import load_default_roster
    default = load_default_roster()
    villages = next((f for s in R.scenarios if (f := R.data[s].frame("villages")) is not None),
                    None)
    if villages is None or set(villages["village_id"]) <= set(default["village_id"]):
        return default
    return None


def _extra_text(R: Results, roster) -> str:
    """Characters from the results (titles, townships) the font must cover."""
    bits = [t for s in R.scenarios for t in R.data[s].title.values()]
    for column in ("township", "name"):  # the map and the watch list name them
        if roster is not None and column in roster.columns:
            bits += [str(t) for t in roster[column].unique()]
    return "".join(bits)


def default_out(results_dir: Path, lang: str) -> Path:
    """Where a brief goes unless ``--out`` says: RESULTS_DIR/brief (Chinese) or
    RESULTS_DIR/brief_en (English), so the two languages never overwrite each other."""
    return Path(results_dir) / ("brief" if lang == "zh" else "brief_en")


def make_brief(results_dir, lang: str = "zh", year: int | None = None, out=None,
               sweep=None, warn=None) -> BriefOutput:
    """Read RESULTS_DIR, write the briefing pack to ``out`` (default ``default_out``),
    return what was made. ``warn(message)`` receives user-facing notes, in the user's
    message language (default: printed to stderr as warnings)."""
    if warn is None:
        def warn(msg: str) -> None:
            print(text("warning.prefix", message=msg), file=sys.stderr)
    if lang not in ("zh", "en"):
        raise InputError("brief.bad_lang", lang=lang)
    results_dir = Path(results_dir)
    from vcsim.experiments.brief.plan_pack import is_plan_folder, make_plan_brief
    if is_plan_folder(results_dir):  # a vcsim plan folder: its own short pack
        if sweep is not None:
            raise InputError("brief.plan_no_sweep")
        return make_plan_brief(results_dir, lang, year, out, warn)
    R = load_results(results_dir, Path(sweep) if sweep else None)
    Y = choose_year(R, year)
    roster = results_roster(R)
    font = prepare_font(_extra_text(R, roster), lang)
    notes: list = list(R.notes)
    if not font.cjk and lang == "zh":
        warn(text("brief.no_cjk_font"))
        lang = "en"
    tr = Tr(lang)
    out = Path(out) if out else default_out(results_dir, lang)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("file.cannot_create_folder", file=out, reason=exc.strerror) from None

    ctx = C.Ctx(results=R, lang=lang, year=Y, font_cjk=font.cjk,
                can_draw=lambda text: not font.missing_chars([text]))
    made = C.make_charts(ctx, roster)
    lists, watch_notes = watch_lists(R, roster, Y)
    notes += watch_notes
    watch = watch_section(lists, lang) if lists else None
    charts = [c for c in made if isinstance(c, C.Chart)]
    skipped = [c for c in made if isinstance(c, C.Skip)]
    for s in skipped:
        notes.append(Msg("brief.note.chart_skipped", number=CHART_NUMBER[s.key], key=s.key,
                         reason=s.message))
    if not charts:
        raise InputError("brief.no_chart", folder=results_dir,
                         reasons=items(s.message for s in skipped))

    files: list[Path] = []
    texts: dict[str, list[str]] = {}
    slides = []
    pdf_pages = []
    brief_title = tr.text("brief.pack.title")
    with chart_style(font.family):
        for ch in charts:
            name = f"{CHART_NUMBER[ch.key]:02d}_{ch.key}.png"
            fig = render(ch, "png")
            data = png_bytes(fig, DPI)
            atomic_write(out / name, lambda f, d=data: f.write(d))
            texts[ch.key] = texts_of(fig)
            files.append(out / name)
            fig = render(ch, "slide")
            slides.append((ch.title, ch.subtitle, ch.caption, png_bytes(fig, DPI)))
            pdf_pages.append(render(ch, "pdf", caption_footer=brief_title))
        if watch is not None:
            watch_pages = table_page_figures(watch.page, brief_title)
            pdf_pages += watch_pages
            texts["watchlist"] = [t for fig in watch_pages for t in texts_of(fig)]

        numbers = cover_numbers(R, Y, lang)
        sens_line = _sensitivity_line(ctx, charts)
        paragraph = reading(R, Y, lang, sens_line)
        subtitle = _cover_subtitle(R, Y, tr)
        today = _dt.date.today().isoformat()
        footer = tr.text("brief.pack.footer", today=today, results_dir=results_dir)
        compare = cover_table(R, Y, lang)
        # with the table on the cover, the reading need not repeat the differences
        short = reading(R, Y, lang, sens_line, compare=False) if compare else paragraph
        cover, fitted = cover_figure(brief_title, subtitle, numbers, short, footer, compare)
        if compare and not fitted:
            cover, _ = cover_figure(brief_title, subtitle, numbers, paragraph, footer)
            pdf_pages.insert(0, comparison_figure(tr.text("brief.pack.scenarios_side_by_side"),
                                                  compare, footer))
        rows = key_figures(R, Y, lang) if R.scenarios else sensitivity_figures(R, Y, lang)
        wide = wide_table(R, rows, lang)
        if R.scenarios:
            table_title = tr.text("brief.pack.key_figures_title", year=Y)
            note = tr.text("brief.pack.key_figures_note", measures_source=R.measures_source)
        else:
            table_title = tr.text("brief.pack.sensitivity_title")
            note = tr.text("brief.pack.sensitivity_note", name=R.sensitivity.source.name)
        tables = table_figures(table_title, wide, note) if len(wide) else []
        meta = {"Title": brief_title, "Subject": subtitle, "Creator": "vcsim brief"}
        texts["pdf"] = write_pdf(out / "brief.pdf", cover, pdf_pages, tables, meta)
    files.append(out / "brief.pdf")

    with chart_style(font.family):  # the slides' text is measured in the brief's font
        write_pptx(out / "brief.pptx", lang, brief_title, subtitle, numbers, paragraph, slides,
                   wide, table_title, pages=[watch.page] if watch else [])
    files.append(out / "brief.pptx")

    frame = figures_frame(R, rows, lang)
    atomic_write(out / "key_figures.csv",
                 lambda f: frame.to_csv(f, index=False, encoding="utf-8-sig"))
    files.append(out / "key_figures.csv")
    _write_xlsx(out / "key_figures.xlsx", wide, people_frame(frame, lang), tr,
                watch_sheets(lists, lang) if lists else {})
    files.append(out / "key_figures.xlsx")

    keep = {p.name for p in files}
    for p in out.iterdir():  # charts of an earlier brief that this one could not make
        if _OWN_FILE.match(p.name) and p.name not in keep:
            p.unlink()
    manifest = {
        "results": str(results_dir), "lang": lang, "year": Y, "font": str(font.source),
        "charts": [{"file": f"{CHART_NUMBER[c.key]:02d}_{c.key}.png", "key": c.key,
                    "title": c.title, "subtitle": c.subtitle, "caption": c.caption}
                   for c in charts],
        "skipped": [{"key": s.key, "message": str(s.message)} for s in skipped],
        "notes": [str(n) for n in notes],
    }
    if watch is not None:
        manifest["watchlist"] = watch.manifest
    atomic_write(out / "brief.json", lambda f: f.write(
        json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")))
    files.append(out / "brief.json")
    missing = font.missing_chars(t for v in texts.values() for t in v)
    if missing:
        notes.append(Msg("brief.note.missing_glyphs", family=font.family,
                         chars="".join(sorted(missing))))
    notes = [str(n) for n in notes]
    for n in notes:
        warn(n)
    return BriefOutput(out=out, lang=lang, year=Y, font=font, charts=charts, skipped=skipped,
                       files=files, texts=texts, notes=notes, missing_glyphs=missing)


def _cover_subtitle(R: Results, Y: int, tr: Tr) -> str:
    if not R.scenarios:
        sens = R.sensitivity
        n = sens.table["parameter"].nunique()
        design = {"sobol": "Sobol", "morris": "Morris", "spearman": tr.text("brief.pack.screening")}[sens.method]
        return tr.text("brief.pack.sensitivity_subtitle", design=design, n=n,
                       source=sens.source)
    summ = R.data[R.scenarios[0]].summary or {}
    names = "、".join(R.title(s, "zh") for s in R.scenarios) if tr.zh else \
        "; ".join(R.title(s, "en") for s in R.scenarios)
    county = ""
    if summ.get("villages"):
        county = tr.text("brief.pack.county_size", villages=summ["villages"],
                         townships=summ.get("townships", "?"))
    head = tr.text("brief.pack.scenarios_head" if len(R.scenarios) > 1 else "brief.pack.scenario_head")
    return tr.text("brief.pack.cover_subtitle", head=head, names=names,
                   county=county, replicates=R.replicates, seed=R.seed, year=Y)


def _sensitivity_line(ctx: C.Ctx, charts) -> str | None:
    sens = next((c for c in charts if c.key == "sensitivity"), None)
    if sens is None:
        return None
    return ctx.tr.text("brief.pack.sensitivity_line", title=sens.title)


def _write_xlsx(path: Path, wide, frame, tr: Tr, sheets: dict | None = None) -> None:
    atomic_write(path, lambda f: _xlsx(f, wide, frame, tr, sheets or {}))


def _xlsx(handle, wide, frame, tr: Tr, sheets: dict) -> None:
    """The key figures, the data for people, then ``sheets`` (name: table), e.g. the
    watch list."""
    import pandas as pd
    from openpyxl.styles import Alignment, Font
    with pd.ExcelWriter(handle, engine="openpyxl") as xw:
        wide.to_excel(xw, sheet_name=tr.text("brief.pack.sheet_key_figures"), index=False)
        frame.to_excel(xw, sheet_name=tr.text("brief.pack.sheet_data"), index=False)
        for name, table in sheets.items():
            table.to_excel(xw, sheet_name=name[:31], index=False)
        for ws in xw.book.worksheets:
            for cell in ws[1]:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for col in ws.columns:
                width = max(len(str(c.value or "")) for c in col)
                ws.column_dimensions[col[0].column_letter].width = min(60, max(10, width * 1.6))
            ws.freeze_panes = "B2"
