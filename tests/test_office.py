"""The briefing pack opened in a real office suite: ``brief.pptx`` and
``key_figures.xlsx`` converted to PDF by LibreOffice (Impress and Calc, headless, a
profile of their own per conversion, a time limit). Judged on the rendered pages, because
a table's rows grow with their wrapped text whatever extents the file declares: every
slide converts, nothing runs off a page (the bottom and right margins are blank, and no
word lies outside the page), every row of the key-figures table is there, and the
Chinese text survives."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from pptx import Presentation

from _brief_fixtures import SHIPPED_FIVE, make_compare

pytestmark = pytest.mark.slow  # LibreOffice converts four documents (about a minute)
from _office import to_pdf
from vcsim.experiments.brief import make_brief

MARGIN = 0.02  # the outer 2% of each page must be blank
ZH_WORDS = ("村级集体经济发展简报", "清零概率", "空白村", "财政总支出", "失败项目数")


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> dict:
    """The briefing pack of five shipped scenarios (the 19 x 7 key-figures table) in both
    languages, each converted by LibreOffice."""
    root = tmp_path_factory.mktemp("five")
    make_compare(root, names=SHIPPED_FIVE, replicates=4)
    out = {}
    for lang in ("zh", "en"):
        brief = make_brief(root, lang=lang, warn=lambda msg: None)
        pdfs = tmp_path_factory.mktemp(f"lo_{lang}")
        out[lang] = {"brief": brief, "pptx_pdf": to_pdf(brief.out / "brief.pptx", pdfs),
                     "xlsx_pdf": to_pdf(brief.out / "key_figures.xlsx", pdfs)}
    return out


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word pdftotext finds: (page, xMin, yMin, xMax, yMax, text), in points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                      r'yMax="([\d.-]+)">(.*)</word>', line)
        if m:
            out.append((page, *map(float, m.groups()[:4]), m.group(5)))
    return out


def page_images(pdf: Path, tmp: Path) -> list[np.ndarray]:
    """Each page rendered in grey (pdftoppm, 40 dpi), as an array 0 (black) .. 255."""
    from PIL import Image
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(pdf), str(tmp / "p")],
                   check=True)
    return [np.asarray(Image.open(p).convert("L")) for p in sorted(tmp.glob("p-*.png"))]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_nothing_runs_off(pdf: Path, tmp: Path) -> None:
    sizes = page_sizes(pdf)
    for page, x0, y0, x1, y1, text in words(pdf):
        w, h = sizes[page - 1]
        assert x0 >= 0 and y0 >= 0 and x1 <= w and y1 <= h * (1 - MARGIN / 2), (page, text)
    for k, image in enumerate(page_images(pdf, tmp), start=1):
        rows, cols = image.shape
        bottom = image[int(rows * (1 - MARGIN)):, :]
        right = image[:, int(cols * (1 - MARGIN)):]
        assert bottom.min() > 200, f"page {k}: something reaches the bottom edge"
        assert right.min() > 200, f"page {k}: something reaches the right edge"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slide_converts_and_stays_on_its_slide(packs, lang, tmp_path):
    pack = packs[lang]
    slides = len(Presentation(pack["brief"].out / "brief.pptx").slides)
    assert len(page_sizes(pack["pptx_pdf"])) == slides
    assert_nothing_runs_off(pack["pptx_pdf"], tmp_path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_row_of_the_key_figures_is_on_a_slide(packs, lang):
    """Rows cut off by the slide's edge are not rendered: each row's label (and each
    scenario's column) must be found in the converted slides."""
    import pandas as pd
    wide = pd.read_excel(packs[lang]["brief"].out / "key_figures.xlsx", sheet_name=0)
    text = squash(" ".join(w[-1] for w in words(packs[lang]["pptx_pdf"])))
    for label in wide.iloc[:, 0]:
        assert squash(str(label)) in text, label
    for column in wide.columns[2:]:
        assert squash(str(column)) in text, column


def test_chinese_text_survives(packs):
    for pdf in (packs["zh"]["pptx_pdf"], packs["zh"]["xlsx_pdf"]):
        text = squash(" ".join(w[-1] for w in words(pdf)))
        found = [w for w in ZH_WORDS if w in text]
        assert len(found) >= 3, (pdf.name, found)
        assert "\ufffd" not in text and "□" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_converts_whole(packs, lang, tmp_path):
    pdf = packs[lang]["xlsx_pdf"]
    assert len(page_sizes(pdf)) >= 2  # both sheets: the key figures and the data
    text = squash(" ".join(w[-1] for w in words(pdf)))
    assert ("清零概率" if lang == "zh" else "Probabilityofclearance") in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_village_of_the_watch_list_is_on_its_slide(packs, lang):
    """The watch-list slide's tables (villages, townships) stay on the slide and keep
    every row: each village shown is found in the converted slides."""
    import json

    from vcsim.experiments.placenames import place_name
    from vcsim.experiments.roster import load_default_roster
    brief = packs[lang]["brief"]
    manifest = json.loads((brief.out / "brief.json").read_text(encoding="utf-8"))["watchlist"]
    assert manifest["villages_shown"]
    names = load_default_roster().set_index("village_id")["name"]
    text = squash(" ".join(w[-1] for w in words(packs[lang]["pptx_pdf"])))
    for village in manifest["villages_shown"]:
        assert squash(place_name(names[village], lang)) in text, village


@pytest.fixture(scope="module")
def plan_packs(tmp_path_factory) -> dict:
    """A plan's pack in both languages, its slides and (Chinese) workbook converted."""
    from _brief_fixtures import make_plan
    folder = make_plan(tmp_path_factory.mktemp("plan"))
    out = {}
    for lang in ("zh", "en"):
        brief = make_brief(folder, lang=lang, warn=lambda msg: None)
        pdfs = tmp_path_factory.mktemp(f"lo_plan_{lang}")
        out[lang] = {"brief": brief, "pptx_pdf": to_pdf(brief.out / "brief.pptx", pdfs)}
        if lang == "zh":
            out[lang]["xlsx_pdf"] = to_pdf(brief.out / "key_figures.xlsx", pdfs)
    return out


@pytest.mark.slow  # a plan searched, its pack in LibreOffice
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plans_pack_converts_and_stays_on_its_slides(plan_packs, lang, tmp_path):
    import json

    from vcsim.experiments.brief.plan_pack import best_plans, lever_value, load_plan_folder
    pack = plan_packs[lang]
    slides = len(Presentation(pack["brief"].out / "brief.pptx").slides)
    assert len(page_sizes(pack["pptx_pdf"])) == slides == 4
    assert_nothing_runs_off(pack["pptx_pdf"], tmp_path)
    plan = load_plan_folder(pack["brief"].out.parent)
    record = json.loads((plan.root / "plan.json").read_text(encoding="utf-8"))
    text = squash(" ".join(w[-1] for w in words(pack["pptx_pdf"])))
    for key, value in record["chosen"]["levers"].items():  # on the cover and in the table
        assert squash(lever_value(key, value, lang)) in text, key
    for row in best_plans(plan).itertuples(index=False):  # every row of the best plans
        values = dict(zip(best_plans(plan).columns, row))
        assert squash(lever_value("funding.grant_pool_yuan", values["lever:funding.grant_pool_yuan"],
                                  lang)) in text
    if lang == "zh":
        workbook = squash(" ".join(w[-1] for w in words(pack["xlsx_pdf"])))
        assert "尝试过的方案" in workbook or "清零的概率" in workbook
        assert "\ufffd" not in text + workbook
