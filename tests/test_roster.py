"""Tests for the village roster reader ``experiments.roster``."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import set_language
from vcsim.experiments.roster import (
    DEFAULT_ROSTER_PATH,
    GUIDE_NAME,
    TEMPLATE_HEADERS,
    TEMPLATE_NAMES,
    load_default_roster,
    read_roster,
    render_guide,
    validate_roster_file,
    write_template,
)
from vcsim.model.roster import COLUMN_NAMES, VILLAGE_COLUMNS, check_roster

from _messages import expect, lang  # noqa: F401  (lang is a fixture)

SCENARIOS = DEFAULT_ROSTER_PATH.parent
EXPECTED_DTYPES = {"str": object, "bool": bool, "int": np.int64, "float": np.float64}

# A small roster with Chinese headers (a unit suffix, a thousands separator, blanks).
CHINESE_ROWS = [
    ["村名", "乡镇", "是否贫困村", "村编号", "户籍人口(人)", "距县城(公里)", "是否深山村", "景观资源"],
    ["石板沟村", "石门镇", "是", "SM-01", "1260", "46.5", "是", "0.72"],
    ["杨家庄村", "城关镇", "否", "", "2,380", "6.8", "", ""],
    ["桃花坪村", "红岩乡", "是", "", "", "58", "否", ""],
]


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list], native_numbers: bool = True) -> Path:
    """Write rows to a one-sheet workbook; numeric strings become Excel numbers, as they
    would be if a person typed them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        cells = []
        for value in row:
            if native_numbers and isinstance(value, str):
                try:
                    value = float(value) if "." in value else int(value)
                except ValueError:
                    pass
            cells.append(None if value == "" else value)
        sheet.append(cells)
    workbook.save(path)
    return path


def assert_canonical(df: pd.DataFrame) -> None:
    assert tuple(df.columns) == COLUMN_NAMES
    for column in VILLAGE_COLUMNS:
        assert df[column.name].dtype == EXPECTED_DTYPES[column.kind], column.name
    assert not df.isna().any().any()
    check_roster(df)


def error_for(path: Path, lang: str = "en", **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_roster(path, **kwargs)
    message = info.value.render(lang)
    assert message.startswith(str(path)), message
    return message


# ----------------------------------------------------------------------------- default county


def test_default_roster_is_canonical():
    df = load_default_roster()
    assert len(df) == 210
    assert_canonical(df)
    assert df["poor"].sum() == 60
    assert df["township"].nunique() == 14
    df.loc[0, "name"] = "changed"  # a copy: the cached pool must not change
    assert load_default_roster().loc[0, "name"] != "changed"


def test_read_roster_on_default_county_matches_loader():
    df = read_roster(DEFAULT_ROSTER_PATH)
    pd.testing.assert_frame_equal(df, load_default_roster())
    assert df.attrs["filled"] == {}
    assert df.attrs["ignored_columns"] == []


# ----------------------------------------------------------------------------- formats


def test_encodings_and_xlsx_give_the_same_roster(tmp_path):
    paths = [
        write_csv(tmp_path / "utf8.csv", CHINESE_ROWS, "utf-8"),
        write_csv(tmp_path / "bom.csv", CHINESE_ROWS, "utf-8-sig"),
        write_csv(tmp_path / "gbk.csv", CHINESE_ROWS, "gbk"),
        write_xlsx(tmp_path / "excel.xlsx", CHINESE_ROWS),
        write_xlsx(tmp_path / "text.xlsx", CHINESE_ROWS, native_numbers=False),
        write_csv(tmp_path / "tabs.csv", CHINESE_ROWS, "utf-8", delimiter="\t"),
    ]
    frames = [read_roster(p, seed=7) for p in paths]
    first = frames[0]
    assert_canonical(first)
    assert first["name"].tolist() == ["石板沟村", "杨家庄村", "桃花坪村"]
    assert first["poor"].tolist() == [True, False, True]
    assert first["population"].iloc[:2].tolist() == [1260, 2380]
    assert first["distance_km"].tolist() == [46.5, 6.8, 58.0]
    assert first["village_id"].tolist() == ["SM-01", "城关镇/杨家庄村", "红岩乡/桃花坪村"]
    assert first.attrs["filled"]["population"] == 1
    assert first.attrs["filled"]["scenic_value"] == 2
    for path, df in zip(paths[1:], frames[1:]):
        pd.testing.assert_frame_equal(df, first, obj=path.name)


def test_english_headers_are_case_and_space_insensitive(tmp_path):
    rows = [[" Name ", "TOWNSHIP", "Poor", "Village ID", "population", "Distance_KM"],
            ["A村", "甲镇", "yes", "1", "900", "12"]]
    df = read_roster(write_csv(tmp_path / "en.csv", rows))
    assert df.loc[0, "village_id"] == "1"
    assert df.loc[0, "population"] == 900
    assert df.loc[0, "distance_km"] == 12.0
    assert "population" not in df.attrs["filled"]


def test_title_row_blank_rows_and_full_width(tmp_path):
    rows = [["某某县村庄名单", "", ""],
            ["", "", ""],
            ["行政村", "所属乡镇", "贫困村", "人口（人）", "闲置房屋"],
            ["A村", "甲镇", "是", "１２６０", "2"],
            ["", "", "", "", ""],
            ["B村", "甲镇", "否", "1,001", "x"]]
    path = write_csv(tmp_path / "titled.csv", rows)
    message = error_for(path)
    assert "row 6, column '闲置房屋'" in message  # spreadsheet row numbers survive
    rows[-1][-1] = "0"
    df = read_roster(write_csv(path, rows))
    assert df["population"].tolist() == [1260, 1001]
    assert df["idle_buildings"].tolist() == [2, 0]


def test_unknown_columns_warn_and_are_listed(tmp_path):
    rows = [["村名", "乡镇", "是否贫困村", "备注"], ["A村", "甲镇", "否", "新建"]]
    path = write_csv(tmp_path / "extra.csv", rows)
    with pytest.warns(UserWarning, match="备注"):
        df = read_roster(path)
    assert df.attrs["ignored_columns"] == ["备注"]
    assert "ignored columns: 备注" in validate_roster_file(path)


# ----------------------------------------------------------------------------- flags


@pytest.mark.parametrize("spelling, expected", [
    ("是", True), ("否", False), ("有", True), ("无", False),
    ("yes", True), ("No", False), ("Y", True), ("n", False),
    ("1", True), ("0", False), ("TRUE", True), ("false", False),
    (" 是 ", True), ("1.0", True), ("0.0", False),
])
def test_flag_spellings(tmp_path, spelling, expected):
    rows = [["村名", "乡镇", "是否贫困村", "是否深山村"], ["A村", "甲镇", spelling, spelling]]
    df = read_roster(write_csv(tmp_path / "flags.csv", rows))
    assert bool(df.loc[0, "poor"]) is expected
    assert bool(df.loc[0, "deep_mountain"]) is expected


def test_excel_native_flags(tmp_path):
    rows = [["村名", "乡镇", "是否贫困村"],
            ["A村", "甲镇", True], ["B村", "甲镇", False],
            ["C村", "甲镇", 1], ["D村", "甲镇", 0.0]]
    df = read_roster(write_xlsx(tmp_path / "flags.xlsx", rows, native_numbers=False))
    assert df["poor"].tolist() == [True, False, True, False]


# ----------------------------------------------------------------------------- filling blanks


def _required_only(tmp_path: Path) -> Path:
    """40 villages with only the required columns: half poor, in a township the default
    county has (城关镇) and one it does not (新安镇)."""
    rows = [["村名", "乡镇", "是否贫困村"]]
    for k in range(40):
        rows.append([f"村{k}", "城关镇" if k < 20 else "新安镇", "是" if k % 2 else "否"])
    return write_csv(tmp_path / "bare.csv", rows)


def test_fill_is_deterministic_and_seed_dependent(tmp_path):
    path = _required_only(tmp_path)
    a = read_roster(path, seed=1)
    pd.testing.assert_frame_equal(a, read_roster(path, seed=1))
    b = read_roster(path, seed=2)
    assert not a.equals(b)
    assert_canonical(a)
    assert a.attrs["filled"] == {name: 40 for name in COLUMN_NAMES[3:]}
    assert a.attrs["seed"] == 1


def test_filled_values_come_from_the_default_county(tmp_path):
    df = read_roster(_required_only(tmp_path), seed=3)
    default = load_default_roster()
    drawn = [c.name for c in VILLAGE_COLUMNS
             if not c.required and c.name not in ("village_id", "valley", "lon", "lat")]
    for flag in (False, True):
        mine, pool = df[df["poor"] == flag], default[default["poor"] == flag]
        for name in drawn:
            assert set(mine[name]) <= set(pool[name]), name
    assert (df["village_id"] == df["township"] + "/" + df["name"]).all()
    assert (df["valley"] == df["township"]).all()
    for axis in ("lon", "lat"):
        assert df[axis].between(default[axis].min() - 0.2, default[axis].max() + 0.2).all()
    seat = df[df["township"] == "城关镇"]  # the default county's 城关镇 is at the seat
    assert abs(seat["lon"].mean() - 111.60) < 0.05 and abs(seat["lat"].mean() - 33.79) < 0.05


def test_fill_keeps_given_values_and_uses_own_coordinates(tmp_path):
    rows = [["村名", "乡镇", "是否贫困村", "经度", "纬度", "户籍人口"],
            ["A村", "远方镇", "否", "100.5", "30.25", "800"],
            ["B村", "远方镇", "是", "", "", ""]]
    df = read_roster(write_csv(tmp_path / "coords.csv", rows), seed=5)
    assert (df.loc[0, "lon"], df.loc[0, "lat"], df.loc[0, "population"]) == (100.5, 30.25, 800)
    assert abs(df.loc[1, "lon"] - 100.5) < 0.3 and abs(df.loc[1, "lat"] - 30.25) < 0.3
    assert df.attrs["filled"]["lon"] == 1 and df.attrs["filled"]["population"] == 1


# ----------------------------------------------------------------------------- bad input

GOOD_HEADER = ["村名", "乡镇", "是否贫困村", "村编号", "户籍人口", "贫困户数"]


def _rows(*data: list[str]) -> list[list[str]]:
    return [GOOD_HEADER, *data]


ROW3_FLAG = ("row 3, column '是否贫困村'", "第 3 行，“是否贫困村”列")
ROW2_POP = ("row 2, column '户籍人口'", "第 2 行，“户籍人口”列")


@pytest.mark.parametrize("rows, expected", [
    pytest.param(_rows(["A村", "甲镇", "是", "", "", ""], ["B村", "甲镇", "可能", "", "", ""]),
                 [ROW3_FLAG, "可能", ("not a yes/no value", "不是“是/否”值"), "是/否", "yes/no"],
                 id="bad-flag"),
    pytest.param(_rows(["A村", "甲镇", "是", "", "很多", ""]),
                 [ROW2_POP, "很多", ("not a number", "不是数字"), ("(people)", "（人）"),
                  ("1 to 100,000", "1 至 100,000")], id="non-number"),
    pytest.param(_rows(["A村", "甲镇", "是", "", "nan", ""]),
                 [ROW2_POP, ("not a number", "不是数字")], id="nan"),
    pytest.param(_rows(["A村", "甲镇", "是", "", "900", ""], ["B村", "甲镇", "否", "", "-5", ""]),
                 [("row 3, column '户籍人口'", "第 3 行，“户籍人口”列"), "-5",
                  ("out of range", "超出范围"), ("1 to 100,000", "1 至 100,000")],
                 id="negative-population"),
    pytest.param(_rows(["A村", "甲镇", "是", "", "", "3.5"]),
                 [("row 2, column '贫困户数'", "第 2 行，“贫困户数”列"), "3.5",
                  ("whole number", "整数")], id="fractional-int"),
    pytest.param(_rows(["A村", "甲镇", "是", "", "", ""], ["B村", " ", "否", "", "", ""]),
                 [("row 3, column '乡镇'", "第 3 行，“乡镇”列"), ("blank", "空的"),
                  ("required", "必填")], id="blank-required"),
    pytest.param([["村名", "乡镇", "人口"], ["A村", "甲镇", "100"]],
                 [("missing required column", "缺少必填列"),
                  ("'poor' (accepted headers: 是否贫困村, 贫困村, poor)",
                   "'poor'（可用表头：是否贫困村、贫困村、poor）"),
                  ("Headers found in row 1: 村名, 乡镇, 人口", "第 1 行找到的表头：村名、乡镇、人口")],
                 id="missing-required-column"),
    pytest.param(_rows(["A村", "甲镇", "是", "X1", "", ""], ["B村", "甲镇", "否", "X2", "", ""],
                       ["C村", "乙镇", "否", "X1", "", ""]),
                 [("rows 2 and 4", "第 2 行和第 4 行"), "X1", "村编号", ("twice", "两次")],
                 id="duplicate-id"),
    pytest.param(_rows(["A村", "甲镇", "是", "", "", ""], ["B村", "甲镇", "否", "", "", ""],
                       ["A村", "甲镇", "否", "X9", "", ""]),
                 [("rows 2 and 4", "第 2 行和第 4 行"), "A村", "甲镇", ("twice", "两次")],
                 id="duplicate-township-name"),
    pytest.param(_rows(["A村", "甲镇", "是", "乙镇/B村", "", ""], ["B村", "乙镇", "否", "", "", ""]),
                 [("rows 2 and 3", "第 2 行和第 3 行"), ("(row 3) gets township/name",
                                                     "（第 3 行）默认用“乡镇/村名”")],
                 id="duplicate-default-id"),
    pytest.param([GOOD_HEADER], [("no villages", "没有村庄")], id="empty-roster"),
    pytest.param([], [("empty", "空的")], id="empty-file"),
    pytest.param([["村名", "name", "乡镇", "是否贫困村"], ["A", "A", "甲镇", "是"]],
                 [("'村名' and 'name' both mean 'name'", "“村名”和“name”两列都表示 'name'")],
                 id="two-name-columns"),
])
def test_bad_rows_are_reported_with_row_and_column(tmp_path, rows, expected, lang):
    expect(error_for(write_csv(tmp_path / "roster.csv", rows), lang), lang, *expected)


def test_bad_cell_in_xlsx_names_sheet_row(tmp_path, lang):
    rows = [["村名", "乡镇", "是否贫困村"], ["A村", "甲镇", "是"], ["B村", "甲镇", 2]]
    expect(error_for(write_xlsx(tmp_path / "bad.xlsx", rows), lang), lang,
           ("row 3, column '是否贫困村': '2' is not a yes/no value",
            "第 3 行，“是否贫困村”列：“2”不是“是/否”值"))


@pytest.mark.parametrize("name, content, expected", [
    ("roster.txt", b"name,township,poor\n",
     [("unsupported file type '.txt'", "不支持的文件类型 '.txt'"), ".csv", ".xlsx"]),
    ("roster.xls", b"\xd0\xcf\x11\xe0", ["'.xls'", ("save as .xlsx", "另存为 .xlsx")]),
    ("roster", b"", [("unsupported file type '(none)'", "不支持的文件类型 '（无）'")]),
    ("bytes.csv", b"\xff\xfe\x80\x81 name,township\n",
     [("cannot decode", "无法识别文字编码"), "UTF-8", "GBK"]),
    ("broken.xlsx", b"this is not a zip file", [("not a readable .xlsx", "不是可读取的 .xlsx")]),
    ("scenario.toml", b'extends = "baseline.toml"\n[funding]\npoor_village_yuan = 1\n',
     [("this is a scenario file", "这是情景文件"), "[funding]", "SCENARIO"]),
    ("scenario.csv", b'extends = "baseline.toml"\n[funding]\npoor_village_yuan = 1\n',
     [("this is a scenario file", "这是情景文件"), "extends", "[funding]"]),
])
def test_bad_files(tmp_path, name, content, expected, lang):
    path = tmp_path / name
    path.write_bytes(content)
    expect(error_for(path, lang), lang, *expected)


def test_missing_file_and_directory(tmp_path, lang):
    expect(error_for(tmp_path / "nowhere.csv", lang), lang, ("file not found", "找不到此文件"))
    expect(error_for(tmp_path, lang), lang, ("is a folder", "这是一个文件夹"),
           ("village roster", "村庄名单"))


# ----------------------------------------------------------------------------- templates, summary


def test_shipped_templates_read_back_alike():
    csv_path, xlsx_path = (SCENARIOS / name for name in TEMPLATE_NAMES)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM, so Excel shows Chinese
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every template header must be recognised
        from_csv = read_roster(csv_path)
        from_xlsx = read_roster(xlsx_path)
    assert_canonical(from_csv)
    assert len(from_csv) == 3 and from_csv.attrs["filled"]  # some cells are blank on purpose
    pd.testing.assert_frame_equal(from_csv, from_xlsx)
    header = next(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
    assert header == [TEMPLATE_HEADERS[name] for name in COLUMN_NAMES]


def test_write_template_round_trips(tmp_path):
    shipped = read_roster(SCENARIOS / TEMPLATE_NAMES[0])
    for name in ("t.csv", "t.xlsx"):
        pd.testing.assert_frame_equal(read_roster(write_template(tmp_path / name)), shipped)
    with pytest.raises(InputError, match="t.json"):
        write_template(tmp_path / "t.json")


def test_guide_is_current_and_covers_every_column():
    text = (SCENARIOS / GUIDE_NAME).read_text(encoding="utf-8")
    assert text == render_guide(), "run: python -m vcsim.experiments.roster --write-templates"
    for name in COLUMN_NAMES:
        assert f"| {TEMPLATE_HEADERS[name]} | {name} |" in text


def test_validate_summary(tmp_path):
    assert validate_roster_file(DEFAULT_ROSTER_PATH) == (
        "210 villages in 14 townships, 60 poor; no blank cells to fill")
    summary = validate_roster_file(write_csv(tmp_path / "r.csv", CHINESE_ROWS))
    assert summary.startswith("3 villages in 3 townships, 2 poor; filled from defaults: ")
    assert "population (1 of 3)" in summary
    set_language("zh")
    try:
        assert validate_roster_file(DEFAULT_ROSTER_PATH) == (
            "210 个村，分属 14 个乡镇，其中贫困村 60 个；没有需要补齐的空白单元格")
    finally:
        set_language(None)
