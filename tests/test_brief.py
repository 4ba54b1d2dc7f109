"""Tests for ``vcsim brief``: the briefing pack (charts, PDF, slides, key figures).

One small ``vcsim compare`` folder (two scenarios, four replicates) with sweep-format
sensitivity results is briefed once in Chinese and once in English; the numbers the pack
prints are read back (from the PDF with pypdf, from key_figures.csv) and compared with
comparison.json / summary.json formatted the same way. Other tests cover a single run
folder, missing inputs, a roster other than the default county and a machine without a
CJK font.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pypdf import PdfReader

from _brief_fixtures import make_compare, write_sensitivity
from vcsim.experiments.brief import make_brief
from vcsim.experiments.brief import fonts as brief_fonts
from vcsim.experiments.brief.charts import ORDER
from vcsim.experiments.brief.figures import CSV_HEADERS
from vcsim.experiments.brief.texts import (fmt_count, fmt_money, fmt_money_range, fmt_money_short,
                                     fmt_pct, fmt_pct_range, fmt_range)
from vcsim.experiments.statistics import wilson_interval as wilson
from vcsim.experiments.cli import main as vcsim_main

pytestmark = pytest.mark.slow  # every test reads a real comparison and its brief

YEAR = 2021
ZH_TITLE = "村级集体经济发展简报"


# ---------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def compare_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("compare")
    make_compare(root)
    write_sensitivity(root)
    return root


@pytest.fixture(scope="module")
def comparison(compare_dir) -> dict:
    return json.loads((compare_dir / "comparison.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def summaries(compare_dir, comparison) -> dict:
    return {s: json.loads((compare_dir / comparison["folders"][s] / "summary.json")
                          .read_text(encoding="utf-8")) for s in comparison["scenarios"]}


@pytest.fixture(scope="module")
def briefs(compare_dir, tmp_path_factory) -> dict:
    notes = []
    out = {}
    for lang in ("zh", "en"):
        out[lang] = make_brief(compare_dir, lang=lang, out=tmp_path_factory.mktemp(lang),
                               warn=notes.append)
    out["notes"] = notes
    return out


def pdf_pages(path: Path) -> list[str]:
    """Each page's text with all whitespace removed (line breaks fall anywhere)."""
    return [squash(p.extract_text() or "") for p in PdfReader(str(path)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "key_figures.csv must be UTF-8 with BOM"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def num(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


# ---------------------------------------------------------------------- the pack
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_file_and_document_is_written(briefs, lang):
    b = briefs[lang]
    assert [c.key for c in b.charts] == list(ORDER)  # all seven, sensitivity included
    names = {p.name for p in b.out.iterdir()}
    for i, key in enumerate(ORDER, start=1):
        assert f"{i:02d}_{key}.png" in names
    assert {"brief.pdf", "brief.pptx", "key_figures.csv", "key_figures.xlsx"} <= names
    from PIL import Image
    for c in b.charts:
        with Image.open(b.out / f"{ORDER.index(c.key) + 1:02d}_{c.key}.png") as im:
            assert im.info["dpi"][0] >= 199.5, "print resolution: at least 200 dpi"
            assert im.width >= 2000
    assert b.missing_glyphs == set()


def test_titles_state_the_finding_in_the_language(briefs, comparison):
    zh = {c.key: c.title for c in briefs["zh"].charts}
    en = {c.key: c.title for c in briefs["en"].charts}
    p = comparison["measures"]["baseline"][str(YEAR)]["p_cleared"]
    assert fmt_pct(p) in zh["p_cleared"] and fmt_pct(p) in en["p_cleared"]
    assert f"{YEAR}年底" in zh["zero_income"] and f"end-{YEAR}" in en["zero_income"]
    assert "基准方案" in zh["zero_income"]
    for t in zh.values():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in t), t
    for key, t in en.items():
        if key != "map":  # township names stay as written in the roster
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in t), t


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cover_numbers_equal_the_results_files(briefs, compare_dir, comparison, summaries, lang):
    cover = pdf_pages(briefs[lang].out / "brief.pdf")[0]
    m = comparison["measures"]["baseline"][str(YEAR)]
    expected = [fmt_pct(m["p_cleared"]), f"到{YEAR}年底全部清零（没有空白村）的概率" if lang == "zh"
                else f"Chance that no village has zero income at end-{YEAR}"]
    lo, hi = wilson(round(m["p_cleared"] * comparison["replicates"]), comparison["replicates"])
    expected.append(f"95%区间 {fmt_pct_range(lo, hi)}" if lang == "zh"
                    else f"95% interval {fmt_pct_range(lo, hi)}")
    z = m["zero_income_villages"]
    expected += [fmt_count(z["mean"]), fmt_range(z["p05"], z["p95"])]
    c = m["cumulative_fiscal_cost_yuan"]
    expected += [fmt_money_short(c["mean"], lang), fmt_money_range(c["p05"], c["p95"], lang)]
    q = summaries["baseline"]["income_quantiles"][str(YEAR)]
    expected += [fmt_money_short(q["p50"], lang), fmt_money_range(q["p25"], q["p75"], lang)]
    long = pd.read_parquet(compare_dir / "comparison.parquet")
    prog = long[(long["scenario"] == "baseline") & (long["year"] == YEAR)]
    expected.append(fmt_money(prog["cumulative_programme_yuan"].mean(), lang))
    initial = comparison["initial_zero_income_villages"]["baseline"]["mean"]
    assert initial == summaries["baseline"]["initial_zero_income_villages"]
    expected.append(f"{YEAR - 2}年初{initial:.0f}个" if lang == "zh" else f"{initial:.0f} at the start")
    hits = round(m["p_cleared"] * comparison["replicates"])
    expected.append(f"{comparison['replicates']}次模拟中{hits}次" if lang == "zh"
                    else f"{hits} of {comparison['replicates']} replicates")
    for text in expected:
        assert squash(text) in cover, text
    # the other scenario, in the reading or the side-by-side table
    pages = "".join(pdf_pages(briefs[lang].out / "brief.pdf")[:2])
    mo = comparison["measures"]["no_review"][str(YEAR)]
    assert fmt_pct(mo["p_cleared"]) in pages
    assert fmt_count(mo["zero_income_villages"]["mean"]) in pages
    if lang == "zh":
        assert ZH_TITLE in cover


EXPECTED_BANDS = ("zero_income_villages", "zero_income_share", "mean_income_yuan",
                  "share_income_ge_50k", "share_income_ge_100k", "gini", "fiscal_cost_yuan",
                  "cumulative_fiscal_cost_yuan")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_figures_equal_the_results_files(briefs, compare_dir, comparison, summaries, lang):
    rows = read_csv(briefs[lang].out / "key_figures.csv")
    h = CSV_HEADERS[lang]
    assert list(rows[0]) == h
    by = {(r[h[0]], r[h[2]]): r for r in rows}
    Y = str(YEAR)
    long = pd.read_parquet(compare_dir / "comparison.parquet")
    for s in comparison["scenarios"]:
        m = comparison["measures"][s][Y]
        for key in EXPECTED_BANDS:
            r = by[(s, key)]
            for col, k in ((h[6], "mean"), (h[7], "p05"), (h[8], "p95")):
                assert num(r[col]) == pytest.approx(m[key][k], rel=1e-12, abs=1e-9), (s, key, k)
        assert num(by[(s, "p_cleared")][h[6]]) == pytest.approx(m["p_cleared"])
        lo, hi = wilson(round(m["p_cleared"] * comparison["replicates"]), comparison["replicates"])
        assert by[(s, "p_cleared")][h[10]] == f"{fmt_pct(m['p_cleared'])} ({fmt_pct_range(lo, hi)})"
        assert num(by[(s, "p_cleared")][h[7]]) == pytest.approx(lo)
        z = m["zero_income_villages"]
        assert by[(s, "zero_income_villages")][h[10]] == \
            f"{fmt_count(z['mean'])} ({fmt_range(z['p05'], z['p95'])})"
        cost = comparison["cost_per_village_cleared_yuan"][s][Y]
        r = by[(s, "cost_per_village_cleared_yuan")]
        assert num(r[h[6]]) == pytest.approx(cost["mean"], rel=1e-12)
        assert r[h[10]].startswith(fmt_money(cost["mean"], lang))
        q = summaries[s]["income_quantiles"][Y]
        assert num(by[(s, "median_income_yuan")][h[6]]) == pytest.approx(q["p50"], rel=1e-12)
        for key in ("projects_started", "projects_failed"):
            assert num(by[(s, key)][h[6]]) == pytest.approx(summaries[s][key]["mean"])
        cy = summaries[s]["clearance_year"]
        if cy["p50"] is not None:
            assert num(by[(s, "clearance_year")][h[6]]) == cy["p50"]
        prog = long[(long["scenario"] == s) & (long["year"] == YEAR)]["cumulative_programme_yuan"]
        assert num(by[(s, "cumulative_programme_yuan")][h[6]]) == pytest.approx(prog.mean(), rel=1e-12)
        assert num(by[(s, "cumulative_programme_yuan")][h[7]]) == \
            pytest.approx(np.percentile(prog, 5), rel=1e-12)
    d = comparison["differences"]["no_review"][Y]
    for key in ("zero_income_villages", "p_cleared", "cumulative_programme_yuan"):
        r = by[("no_review", f"diff_{key}")]
        assert num(r[h[6]]) == pytest.approx(d[key]["mean"], abs=1e-12)
        if d[key]["ci_low"] is not None:
            assert num(r[h[7]]) == pytest.approx(d[key]["ci_low"], abs=1e-9)
            assert num(r[h[8]]) == pytest.approx(d[key]["ci_high"], abs=1e-9)
    assert ("baseline", "diff_zero_income_villages") not in by
    # the table in the PDF prints the same texts
    text = pdf_pages(briefs[lang].out / "brief.pdf")[-1]
    for s in comparison["scenarios"]:
        for key in ("p_cleared", "zero_income_villages", "cumulative_fiscal_cost_yuan",
                    "median_income_yuan", "cost_per_village_cleared_yuan"):
            assert squash(by[(s, key)][h[10]]) in text, (s, key)
    # and the workbook holds the same rows
    xl = pd.read_excel(briefs[lang].out / "key_figures.xlsx", sheet_name=None)
    data = list(xl.values())[1]
    assert len(data) == len(rows)
    assert h[2] not in data.columns  # for people: no program codes, units in words
    assert set(data[h[5]]) <= ({"个村", "比例", "元", "年", "个项目", "指数"} if lang == "zh"
                               else {"villages", "share", "yuan", "year", "projects", "index"})
    wide = list(xl.values())[0]
    assert list(wide.columns[2:]) == [summaries[s]["title"][lang] for s in comparison["scenarios"]]


def test_pdf_embeds_the_cjk_font_and_has_the_chinese_title(briefs):
    path = briefs["zh"].out / "brief.pdf"
    text = "".join(pdf_pages(path))
    assert ZH_TITLE in text
    for c in briefs["zh"].charts:  # every chart title is real text, not baked into an image
        assert squash(c.title) in text
    reader = PdfReader(str(path))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                fd = desc.get_object().get("/FontDescriptor")
                if fd is not None and "/FontFile2" in fd.get_object():
                    embedded.add(str(font["/BaseFont"]))
    assert any("CJK" in f or "Hei" in f or "Han" in f for f in embedded), embedded
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        rows = [line for line in out.splitlines()[2:] if line.strip()]
        assert rows and all(" yes " in line for line in rows), out  # all embedded
        assert any("CID TrueType" in line for line in rows), out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_drawn_character_has_a_glyph(briefs, lang):
    b = briefs[lang]
    font = b.font
    assert font.cjk
    drawn = [t for texts in b.texts.values() for t in texts]
    assert drawn
    assert font.missing_chars(drawn) == set()
    # the check is real: the cmap is the font file's, and it misses rare characters
    from fontTools.ttLib import TTFont
    with TTFont(str(font.path), lazy=True) as f:
        assert set(f.getBestCmap()) == set(font.cmap)
    assert font.missing_chars(["\U0002A6A5"])  # a CJK Extension B character
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for t in drawn for ch in t)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_slides_one_picture_per_chart_and_editable_titles(briefs, lang):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    b = briefs[lang]
    prs = Presentation(str(b.out / "brief.pptx"))
    slides = list(prs.slides)
    assert len(slides) == 1 + len(b.charts) + 2  # cover, charts, watch list, key figures
    cover_text = " ".join(sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame)
    assert not any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in slides[0].shapes)
    for chart, slide in zip(b.charts, slides[1:-2]):
        pictures = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert slide.shapes.title.text_frame.text == chart.title
    pdf_cover = pdf_pages(b.out / "brief.pdf")[0]
    values = [sh.text_frame.paragraphs[0].text for sh in slides[0].shapes
              if sh.has_text_frame and sh.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert len(values) == 4 and "%" in values[0]
    for v in values:  # the same big numbers as the PDF cover
        assert squash(v) in pdf_cover, v
    assert squash(cover_text)
    assert any(sh.has_table for sh in slides[-1].shapes)


def test_notes_for_what_was_missing(briefs):
    # the compare folder has everything: no chart skipped, nothing to say
    assert not briefs["zh"].skipped
    assert not [n for n in briefs["notes"] if "skipped" in n]


# ---------------------------------------------------------------------- other folders
def test_a_single_run_folder(compare_dir, comparison, tmp_path):
    """A ``vcsim run`` folder: the measures come from compare's own definitions."""
    run = compare_dir / comparison["folders"]["baseline"]
    notes = []
    b = make_brief(run, lang="en", out=tmp_path / "b", warn=notes.append)
    assert [c.key for c in b.charts] == [k for k in ORDER if k != "sensitivity"]
    assert any("sensitivity" in n for n in notes)
    rows = read_csv(tmp_path / "b" / "key_figures.csv")
    h = CSV_HEADERS["en"]
    by = {r[h[2]]: r for r in rows}
    m = comparison["measures"]["baseline"][str(YEAR)]
    for key in EXPECTED_BANDS:
        assert num(by[key][h[6]]) == pytest.approx(m[key]["mean"], rel=1e-12), key
        assert num(by[key][h[8]]) == pytest.approx(m[key]["p95"], rel=1e-12), key
    cost = comparison["cost_per_village_cleared_yuan"]["baseline"][str(YEAR)]
    assert num(by["cost_per_village_cleared_yuan"][h[6]]) == pytest.approx(cost["mean"], rel=1e-12)
    cover = pdf_pages(tmp_path / "b" / "brief.pdf")[0]
    assert fmt_pct(m["p_cleared"]) in cover


def test_missing_villages_file_and_another_roster(compare_dir, comparison, tmp_path):
    """Charts that can be made are made; the others are skipped with a message. The map
    comes from the roster stored with the results, whatever its villages."""
    run = tmp_path / "run"
    shutil.copytree(compare_dir / comparison["folders"]["baseline"], run)
    roster = pd.read_parquet(run / "roster.parquet")
    assert roster.attrs["source"].endswith("default_county.csv")
    v = pd.read_parquet(run / "villages.parquet")
    v["village_id"] = "X" + v["village_id"]  # a roster other than the default county
    v.to_parquet(run / "villages.parquet")
    roster["village_id"] = "X" + roster["village_id"]
    roster.to_parquet(run / "roster.parquet")
    b = make_brief(run, out=tmp_path / "b0", warn=lambda msg: None)
    assert "map" in [c.key for c in b.charts]  # drawn from the stored roster

    (run / "roster.parquet").unlink()  # results of an older vcsim: no roster with them
    notes = []
    b = make_brief(run, out=tmp_path / "b1", warn=notes.append)
    assert "map" in [s.key for s in b.skipped]
    assert "income_spread" in [c.key for c in b.charts]
    assert any("carry no roster" in n for n in notes)

    (run / "villages.parquet").unlink()
    notes = []
    b = make_brief(run, year=2022, out=tmp_path / "b2", warn=notes.append)
    assert b.year == 2022
    assert {s.key for s in b.skipped} == {"income_spread", "map", "sensitivity"}
    assert [c.key for c in b.charts] == ["zero_income", "p_cleared", "models", "cost"]
    assert any("villages.parquet" in n for n in notes)
    assert (tmp_path / "b2" / "brief.pdf").is_file()
    assert not (tmp_path / "b2" / "06_map.png").exists()


def test_nothing_to_brief_is_a_clear_error(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert vcsim_main(["brief", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "vcsim: error:" in err and "nothing to brief" in err and "Traceback" not in err

    sweep = tmp_path / "sweep"  # a sweep folder whose design gave no indices
    sweep.mkdir()
    (sweep / "manifest.json").write_text("{}", encoding="utf-8")
    pd.DataFrame({"point": [0]}).to_parquet(sweep / "points.parquet")
    assert vcsim_main(["brief", str(sweep)]) == 2
    assert "sweep without sensitivity results" in capsys.readouterr().err

    (sweep / "sensitivity.json").write_text('{"design": "sobol", "indices": {}}', encoding="utf-8")
    assert vcsim_main(["brief", str(sweep)]) == 2
    assert "no sensitivity indices" in capsys.readouterr().err

    assert vcsim_main(["brief", str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_bad_year_is_a_clear_error(compare_dir, capsys):
    assert vcsim_main(["brief", str(compare_dir), "--year", "2030"]) == 2
    assert "2030" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        vcsim_main(["brief", str(compare_dir), "--lang", "fr"])


def test_a_probability_between_0_and_1_never_reads_as_0_or_100_percent():
    # 399 of 400 fresh replicates is not certainty: one decimal near the ends
    shown = [fmt_pct(p) for p in (0, 1, 0.63, 0.994, 399 / 400, 0.003, 0.99999, 0.00001)]
    assert shown == ["0%", "100%", "63%", "99%", "99.8%", "0.3%", ">99.9%", "<0.1%"]


def test_sensitivity_formats(tmp_path):
    from vcsim.experiments.brief.inputs import read_sensitivity
    write_sensitivity(tmp_path / "sobol", "sobol")
    write_sensitivity(tmp_path / "morris", "morris", parquet=False)
    s = read_sensitivity(tmp_path / "sobol" / "sensitivity.json")
    p = read_sensitivity(tmp_path / "sobol" / "sensitivity.parquet")
    m = read_sensitivity(tmp_path / "morris" / "sensitivity.json")
    assert s.method == p.method == "sobol" and m.method == "morris"
    assert len(s.table) == len(p.table) == len(m.table) == 20
    key = ["output", "year", "parameter"]
    a = s.table.sort_values(key).reset_index(drop=True)
    b = p.table.sort_values(key).reset_index(drop=True)
    assert np.allclose(a["ST"].to_numpy(float), b["ST"].to_numpy(float))


def test_without_a_cjk_font_the_brief_falls_back_to_english(compare_dir, comparison, tmp_path,
                                                             monkeypatch, capsys):
    monkeypatch.setattr(brief_fonts, "find_cjk_font", lambda: None)
    run = compare_dir / comparison["folders"]["no_review"]
    notes = []
    b = make_brief(run, lang="zh", out=tmp_path / "b", warn=notes.append)
    assert sum("no Chinese (CJK) font" in n for n in notes) == 1
    assert b.lang == "en" and not b.font.cjk
    assert b.font.missing_chars(t for v in b.texts.values() for t in v) == set()
    title = [c for c in b.charts if c.key == "zero_income"][0].title
    assert not any(ord(ch) > 0x2FFF for ch in title)


# ---------------------------------------------------------------------- the flaws of issue 13
def test_english_brief_goes_to_its_own_folder(compare_dir, briefs, tmp_path):
    """`vcsim brief DIR` in English (here asked by the global --lang) writes DIR/brief_en
    and leaves the Chinese brief in DIR/brief as it was. (The brief's own --lang is run
    by the tutorial's commands, tests/test_tutorial.py.)"""
    work = tmp_path / "results"
    shutil.copytree(compare_dir, work)
    shutil.copytree(briefs["zh"].out, work / "brief")  # as `vcsim brief DIR` writes it
    zh_pdf = (work / "brief" / "brief.pdf").read_bytes()
    assert vcsim_main(["--lang", "en", "brief", str(work)]) == 0
    assert (work / "brief_en" / "brief.pdf").is_file()
    assert (work / "brief" / "brief.pdf").read_bytes() == zh_pdf
    assert json.loads((work / "brief_en" / "brief.json").read_text())["lang"] == "en"
    # --out: the brief goes there, in the language asked (a sweep's brief: quick to make)
    sweep = tmp_path / "sweep"
    write_sensitivity(sweep)
    assert vcsim_main(["--lang", "en", "brief", str(sweep), "--out", str(tmp_path / "g")]) == 0
    assert json.loads((tmp_path / "g" / "brief.json").read_text())["lang"] == "en"
    assert not (sweep / "brief_en").exists()


def _own_county(tmp_path: Path, coordinates: bool) -> Path:
    """A user's roster (Chinese headers, other village names) run with `vcsim run`."""
    from vcsim.experiments.roster import load_default_roster
    d = load_default_roster().head(40)
    rows = [["村名", "乡镇", "是否贫困村"] + (["经度", "纬度"] if coordinates else [])]
    for _, r in d.iterrows():
        rows.append([f"新{r['name']}", r["township"], "是" if r["poor"] else "否"]
                    + ([f"{r['lon']:.4f}", f"{r['lat']:.4f}"] if coordinates else []))
    roster = tmp_path / ("with.csv" if coordinates else "without.csv")
    with roster.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    out = tmp_path / ("run_with" if coordinates else "run_without")
    assert vcsim_main(["run", "baseline", "--roster", str(roster), "-r", "2", "--engine",
                       "vector", "-q", "--out", str(out)]) == 0
    return out


def test_the_map_is_drawn_for_a_users_roster_with_coordinates(tmp_path):
    run = _own_county(tmp_path, coordinates=True)
    b = make_brief(run, lang="en", out=tmp_path / "b", warn=lambda msg: None)
    chart = next(c for c in b.charts if c.key == "map")
    assert "townships" in chart.subtitle and "table" not in chart.subtitle
    assert not re.search(r"[\u4e00-\u9fff]", chart.title)  # townships in pinyin in English


def test_a_roster_without_coordinates_gets_a_township_table(tmp_path):
    run = _own_county(tmp_path, coordinates=False)
    for lang, word in (("zh", "列表"), ("en", "table")):
        b = make_brief(run, lang=lang, out=tmp_path / lang, warn=lambda msg: None)
        chart = next(c for c in b.charts if c.key == "map")
        assert word in chart.subtitle
        assert any("乡镇" in t or "Township" in t for t in b.texts["map"])


def test_a_sweep_brief_has_a_cover_with_intervals_and_names_its_source(tmp_path):
    for design in ("sobol", "lhs"):
        folder = tmp_path / design
        write_sensitivity(folder, design)
        b = make_brief(folder, lang="zh", out=folder / "b", warn=lambda msg: None)
        cover = pdf_pages(folder / "b" / "brief.pdf")[0]
        assert "95%区间" in cover and "参数" in cover
        assert "spearman" not in cover.lower() and "Spearman" not in "".join(b.texts["sensitivity"])
        last = pdf_pages(folder / "b" / "brief.pdf")[-1]
        assert "sensitivity.parquet" in last and "annual.parquet" not in last
        assert not re.search(r"spearman_rho|\bST\b:", "".join(b.texts["pdf"]))


def test_chinese_cover_and_tables_have_no_english_words(briefs, compare_dir):
    """P(清零 by 2021) and the like: the Chinese brief's cover and tables are Chinese,
    except units, numbers, file names and the scenario codes the user typed."""
    allowed = {"vcsim", "comparison", "json", "parquet", "A", "B", "Wilson", "Sobol", "Morris",
               "ST", "S1", "baseline", "no_review", "tmp", "pytest", "of", "root", "compare0",
               "key_figures", "xlsx"}
    allowed |= set(re.findall(r"[A-Za-z][A-Za-z0-9_]*", str(compare_dir)))
    for text in briefs["zh"].texts["pdf"]:
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_]*", text) if w not in allowed]
        assert words == [], text


# ---------------------------------------------------------------------- the watch list
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_watch_list_page_is_the_top_of_vcsim_watchlist(briefs, compare_dir, comparison, lang):
    """The page, the slide and the sheets show vcsim watchlist's lists for the brief's
    year: the baseline's riskiest villages with probability, interval, township and reason;
    every scenario's villages at risk in key_figures.xlsx, with the probabilities of
    villages.parquet."""
    from pptx import Presentation

    from vcsim.experiments.brief.watch import VILLAGE_ROWS
    from vcsim.experiments.placenames import place_name
    from vcsim.experiments.roster import load_default_roster
    from vcsim.experiments.watchlist import load_watchlists
    b = briefs[lang]
    lists = load_watchlists(compare_dir, load_default_roster(), YEAR)
    base = lists[0].villages
    at_risk = base[base["p_zero"] > 0]
    shown = (at_risk if len(at_risk) else base).head(VILLAGE_ROWS)
    manifest = json.loads((b.out / "brief.json").read_text(encoding="utf-8"))["watchlist"]
    assert manifest["scenario"] == "baseline" and manifest["year"] == YEAR
    assert manifest["replicates"] == comparison["replicates"]
    assert manifest["villages_at_risk"] == len(at_risk)
    assert manifest["villages_shown"] == list(shown["village_id"])
    pages = [p for p in pdf_pages(b.out / "brief.pdf") if squash(manifest["title"]) in p]
    assert len(pages) == 1, "the watch list is one page of the PDF"
    slide_text = ""
    for slide in Presentation(str(b.out / "brief.pptx")).slides:
        if slide.shapes.title.text_frame.text == manifest["title"]:
            slide_text += squash(" ".join(c.text for sh in slide.shapes if sh.has_table
                                          for row in sh.table.rows for c in row.cells))
    assert slide_text, "the watch list has a slide with a table"
    for r in shown.itertuples():
        for where in (pages[0], slide_text):
            assert squash(place_name(r.name, lang)) in where
            assert squash(place_name(r.township, lang)) in where
            assert squash(f"{fmt_pct(r.p_zero)} ({fmt_pct_range(r.p_zero_low, r.p_zero_high)})") in where
    if lang == "en":  # township and village names in pinyin
        assert not re.search(r"[\u4e00-\u9fff]", pages[0] + slide_text)
    # the sheets: every scenario's villages at risk, probabilities from villages.parquet
    sheet = pd.read_excel(b.out / "key_figures.xlsx", sheet_name="台账" if lang == "zh" else "Watch list")
    scenario, village, p_zero = sheet.columns[0], sheet.columns[1], sheet.columns[6]
    assert len(sheet) > 0 and set(sheet[scenario]) <= set(comparison["scenarios"])
    for s in comparison["scenarios"]:
        v = pd.read_parquet(compare_dir / comparison["folders"][s] / "villages.parquet")
        p = v[v["year"] == YEAR].groupby("village_id")["zero_income"].mean()
        mine = sheet[sheet[scenario] == s].set_index(village)[p_zero]
        assert set(mine.index) == set(p[p > 0].index)
        np.testing.assert_allclose(mine.to_numpy(float), p.loc[mine.index].to_numpy())
    towns = pd.read_excel(b.out / "key_figures.xlsx", sheet_name="台账（乡镇）" if lang == "zh"
                          else "Watch list by township")
    assert len(towns) == len(comparison["scenarios"]) * load_default_roster()["township"].nunique()


def test_no_watch_list_without_the_village_tables(compare_dir, comparison, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(compare_dir / comparison["folders"]["baseline"], run)
    (run / "projects.parquet").unlink()
    notes = []
    b = make_brief(run, lang="en", out=tmp_path / "b", warn=notes.append)
    assert "watchlist" not in json.loads((b.out / "brief.json").read_text(encoding="utf-8"))
    assert any("watch list" in n and "projects.parquet" in n for n in notes)


# ---------------------------------------------------------------------- a plan's pack
@pytest.fixture(scope="module")
def plan_dirs(tmp_path_factory) -> dict:
    from _brief_fixtures import make_plan
    return {"found": make_plan(tmp_path_factory.mktemp("plan_found")),
            "none": make_plan(tmp_path_factory.mktemp("plan_none"), pool=(2_000_000, 4_000_000))}


@pytest.fixture(scope="module")
def plan_briefs(plan_dirs, tmp_path_factory) -> dict:
    return {(which, lang): make_brief(folder, lang=lang, out=tmp_path_factory.mktemp(f"{which}_{lang}"),
                                      warn=lambda msg: None)
            for which, folder in plan_dirs.items() for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_folder_gets_a_short_pack_with_the_answer(plan_dirs, plan_briefs, lang):
    """Cover: the chosen levers in words, the cost and the verified probability with its
    one-sided 95% lower bound, as plan.json has them; then the frontier, the best plans
    tried and how to run best.toml; key figures equal plan.json's."""
    from pptx import Presentation

    from vcsim.experiments.brief.plan_pack import lever_value
    folder = plan_dirs["found"]
    record = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    assert record["found"] and record["verification"]["meets_target"]
    b = plan_briefs[("found", lang)]
    names = {p.name for p in b.out.iterdir()}
    assert {"01_frontier.png", "brief.pdf", "brief.pptx", "key_figures.csv", "key_figures.xlsx",
            "brief.json"} <= names
    assert [c.key for c in b.charts] == ["frontier"] and b.missing_glyphs == set()
    pages = pdf_pages(b.out / "brief.pdf")
    assert len(pages) == 4  # cover, frontier, best plans, how to run
    cover, v = pages[0], record["verification"]
    for key, value in record["chosen"]["levers"].items():
        assert squash(lever_value(key, value, lang)) in cover, key
    assert squash(fmt_money_short(v["cost_yuan"], lang)) in cover
    assert fmt_pct(v["probability"]) in cover and fmt_pct(v["lower_bound_95_one_sided"]) in cover
    assert fmt_pct_range(*v["interval_95"]) in cover
    assert ("单侧95%下限" if lang == "zh" else "one-sided95%lowerbound") in cover
    # the best plans tried: the chosen one first, each with its probability's interval
    from vcsim.experiments.plan import exact_interval
    e = pd.read_parquet(folder / "evaluations.parquet")
    chosen = e[e["trial"] == record["chosen"]["trial"]].iloc[0]
    lo, hi = exact_interval(int(chosen["successes"]), int(chosen["replicates"]))
    assert f"{fmt_pct(chosen['probability'])}({fmt_pct_range(lo, hi)})" in pages[2]
    # how to run: best.toml with the roster the plan ran on
    assert squash(f"vcsim compare baseline {folder.as_posix()}/best.toml --roster "
                  f"{Path(record['roster']).as_posix()}") in pages[3]
    slides = list(Presentation(str(b.out / "brief.pptx")).slides)
    assert len(slides) == 4
    assert any(sh.has_table for sh in slides[2].shapes)
    # key figures: plan.json's numbers as they stand
    rows = {r[CSV_HEADERS[lang][2]]: r for r in read_csv(b.out / "key_figures.csv")}
    mean, low, high = CSV_HEADERS[lang][6], CSV_HEADERS[lang][7], CSV_HEADERS[lang][8]
    assert num(rows["verified_probability"][mean]) == pytest.approx(v["probability"])
    assert num(rows["verified_probability"][low]) == pytest.approx(v["interval_95"][0])
    assert num(rows["verified_lower_bound_95"][mean]) == pytest.approx(v["lower_bound_95_one_sided"])
    assert num(rows["verified_cost_yuan"][high]) == pytest.approx(v["cost_p95_yuan"])
    assert num(rows["search_cost_yuan"][mean]) == pytest.approx(record["chosen"]["cost_yuan"])
    for key, value in record["chosen"]["levers"].items():
        assert num(rows[f"lever:{key}"][mean]) == pytest.approx(float(value))
    tried = pd.read_excel(b.out / "key_figures.xlsx", sheet_name=2)
    assert len(tried) == len(e)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_that_meets_nothing_says_so_with_the_best_found(plan_dirs, plan_briefs, lang):
    record = json.loads((plan_dirs["none"] / "plan.json").read_text(encoding="utf-8"))
    assert record["found"] is False
    b = plan_briefs[("none", lang)]
    cover = pdf_pages(b.out / "brief.pdf")[0]
    assert ("在给定范围内，没有方案" if lang == "zh" else "Noplanwithinthebounds") in cover
    assert fmt_pct(record["verification"]["probability"]) in cover
    chart = b.charts[0]
    assert ("都达不到" if lang == "zh" else "No plan tried reaches") in chart.title
    manifest = json.loads((b.out / "brief.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "none"


def test_a_plan_brief_is_chinese_apart_from_commands_and_file_names(plan_briefs):
    allowed = {"vcsim", "Wilson", "Clopper", "Pearson", "A", "B", "my", "small_2021", "baseline",
               "key_figures", "xlsx", "evaluations", "parquet", "plan", "json", "frontier_zh",
               "frontier_en", "png", "best", "toml", "tmp", "pytest", "of", "root", "data"}
    b = plan_briefs[("found", "zh")]
    how_to = squash("如何运行选定方案")
    pages = pdf_pages(b.out / "brief.pdf")
    for page in pages:
        if how_to in page:  # commands to type: English by nature
            continue
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_]*", page) if w not in allowed
                 and not re.fullmatch(r"plan_found\d*|small_\d+|plan_\w+|found_zh\d*", w)]
        assert words == [], (page[:80], words)


def test_a_plan_brief_with_another_year_is_refused(plan_dirs, capsys):
    assert vcsim_main(["brief", str(plan_dirs["found"]), "--year", "2020"]) == 2
    err = capsys.readouterr().err
    assert "--year 2020" in err and "2021" in err and "Traceback" not in err


# ---------------------------------------------------------------------- replicate noise
NOISE = {"output": "zero_income_villages", "year": 2021, "key": "noise.unreliable", "share": 0.42,
         "needed": 12, "replicates": 2, "limit": 0.1}


@pytest.mark.parametrize("design", ["sobol", "lhs"])
def test_a_sweep_brief_whose_indices_are_mostly_noise_says_so_on_its_cover(tmp_path, design):
    """sensitivity.json warns that the indices shown (zero-income villages, 2021) mostly
    measure replicate noise: the cover says so first, names no parameter as the one that
    matters, and the chart's title names no winner."""
    from vcsim.experiments.brief.charts import param_label
    from _brief_fixtures import SOBOL
    folder = tmp_path / design
    write_sensitivity(folder, design, noise_warnings=[NOISE])
    for lang, words in (("zh", ("噪声为主", "反映的是运气", "42%", "12次重复")),
                        ("en", ("Mostlynoise", "measureluck", "42%", "12replicates"))):
        b = make_brief(folder, lang=lang, out=folder / lang, warn=lambda msg: None)
        cover = pdf_pages(folder / lang / "brief.pdf")[0]
        for w in words:
            assert w in cover, (lang, w)
        title = b.charts[0].title
        assert ("不能据此判断" if lang == "zh" else "cannot say which parameter") in title
        for parameter in SOBOL:  # no parameter is named the winner
            assert param_label(parameter, lang) not in title
        assert squash(title) in cover  # the reading repeats it


def test_a_noise_warning_for_another_output_leaves_the_winner_named(tmp_path):
    folder = tmp_path / "other"
    write_sensitivity(folder, "sobol", noise_warnings=[{**NOISE, "output": "mean_income_yuan"}])
    b = make_brief(folder, lang="en", out=folder / "en", warn=lambda msg: None)
    chart = b.charts[0]
    assert chart.title.startswith("Spread of a project's true site") and "matters most" in chart.title
    assert "noise_warnings" in chart.caption
    cover = pdf_pages(folder / "en" / "brief.pdf")[0]
    assert "Mostlynoise" not in cover and "1ofthe4outputsandyears" in cover


def test_a_winner_whose_interval_reaches_the_runner_up_is_not_called_first(tmp_path):
    """Rank correlations of 0.62 and 0.22 over 64 points: Fisher intervals 0.44-0.75 and
    -0.03-0.44 touch, so the title names both."""
    from vcsim.experiments.brief.charts import param_label
    folder = tmp_path / "lhs"
    write_sensitivity(folder, "lhs")
    b = make_brief(folder, lang="zh", out=folder / "zh", warn=lambda msg: None)
    title = b.charts[0].title
    for parameter in ("selection.quality_sd", "funding.integrated_yuan_per_year"):
        assert param_label(parameter, "zh") in title
    assert "区间重叠" in title
