"""Read a county's village roster from a user's CSV or Excel file.

A county official's village list usually comes from a spreadsheet: Chinese headers,
是/否 flags, thousands separators, a title row above the header, GBK-encoded CSV saved
by Excel, and blank cells where nobody had the number. ``read_roster`` turns such a file
into the canonical DataFrame of ``model.roster.VILLAGE_COLUMNS`` or raises
``InputError`` with one message that names the file, the row as the spreadsheet shows it
(the header is row 1), the column as written in the file, the bad value and what is
accepted.

Files
    ``.csv`` in UTF-8, UTF-8 with BOM or GBK (decoded as GB18030, a superset of GBK, so
    rare characters in village names survive); comma-separated, or tab-separated if the
    first line has tabs and no commas. ``.xlsx``: the first sheet. Rows that are
    entirely blank are skipped. The header row is the first row containing a recognised
    column name, so title rows above it (某某县村庄名单) are skipped too; row numbers in
    messages are still the spreadsheet's.

Headers
    The canonical English names (case-insensitive; spaces, ``_`` and ``-`` ignored, so
    "Village ID" works) or the Chinese names in ``CHINESE_HEADERS``. Full-width
    characters are folded (（公里） = (公里)), and a trailing unit in parentheses is
    dropped if the header is not otherwise recognised: 户籍人口(人) = 户籍人口.
    Unrecognised columns are ignored with one ``warnings.warn`` naming them; they are also
    listed in ``df.attrs["ignored_columns"]``.

Values
    Flags: 是/否, 有/无, yes/no, y/n, 1/0, true/false (case-insensitive; Excel
    TRUE/FALSE and 1.0/0.0 too). Numbers: plain, with thousands separators (1,234) or
    full-width digits; integer columns need whole numbers; every number must lie in its
    column's range (``Column.lo``..``Column.hi``).

Blank optional cells (or whole optional columns left out) are filled, deterministically
for a given file and ``seed``, and counted in ``df.attrs["filled"]``:

* ``village_id``: ``"{township}/{name}"``.
* ``valley``: the township name (every village of a township in one cluster area).
* ``lon`` / ``lat``: a township centre plus normal noise with the default county's
  within-township spread (about 0.035 deg lon, 0.025 deg lat). The centre is the mean of
  the coordinates this roster does give for that township; failing that, the default
  county's centre of a township with the same name; failing that, a point drawn
  uniformly in the default county's lon/lat box (centred near 111.60 E, 33.79 N). This
  only places villages on maps; nothing in the model reads distances from it.
* every other optional column: a value drawn at random from the same column of the
  default county (``scenarios/default_county.csv``) among villages of the same poverty
  status (``poor``). Columns are drawn independently of each other, so correlations in
  the default county (e.g. far villages are more often deep-mountain) are not carried
  over to filled cells: give the real values where you have them.

One generator, ``np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0xF111,)))``,
serves the whole fill, column by column in canonical order and row by row, so the same
file and seed always give the same roster, and the fill's stream is separate from the
simulation's own streams.
"""

from __future__ import annotations

import csv
import math
import os
import re
import sys
import unicodedata
import warnings
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import Msg, Unit, items, text
from vcsim.model.roster import COLUMN_NAMES, REQUIRED_COLUMNS, VILLAGE_COLUMNS, Column

DEFAULT_ROSTER_PATH = Path(str(files("vcsim.scenarios") / "default_county.csv"))
TEMPLATE_NAMES = ("roster_template.csv", "roster_template.xlsx")
GUIDE_NAME = "ROSTER.md"

FILL_STREAM = 0xF111  # spawn key of the fill generator, apart from the simulation's streams

ACCEPTED_FORMATS = Msg("roster.formats")
ACCEPTED_FLAGS = "是/否, 有/无, yes/no, y/n, 1/0, true/false"

_COLUMNS = {c.name: c for c in VILLAGE_COLUMNS}

# Chinese headers accepted for each column. The first one is what the templates use; a
# unit in parentheses may follow any of them (see _canonical_header).
CHINESE_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("村名", "村庄名称", "行政村"),
    "township": ("乡镇", "乡镇名称", "所属乡镇"),
    "poor": ("是否贫困村", "贫困村"),
    "village_id": ("村编号", "编号", "村代码"),
    "poor_households": ("贫困户数", "建档立卡贫困户数"),
    "population": ("户籍人口", "人口", "总人口"),
    "distance_km": ("距县城(公里)", "距县城公里", "距县城距离"),
    "deep_mountain": ("是否深山村", "深山村"),
    "solar_site": ("宜光伏荒山", "光伏用地", "有荒山"),
    "idle_buildings": ("闲置房产数", "闲置房屋"),
    "scenic_value": ("景观资源", "旅游资源"),
    "near_enterprise": ("附近龙头企业", "龙头企业"),
    "near_cooperative": ("附近合作社", "专业合作社"),
    "leadership": ("班子能力", "村干部能力"),
    "initial_income_yuan": ("2018年集体经营收入", "集体经营收入", "上年集体收入"),
    "valley": ("流域", "片区"),
    "lon": ("经度",),
    "lat": ("纬度",),
}

# Headers written in the templates: the first Chinese name, with the unit where a user
# would otherwise have to guess the scale (the reader drops the parenthesised unit).
TEMPLATE_HEADERS: dict[str, str] = {
    **{name: aliases[0] for name, aliases in CHINESE_HEADERS.items()},
    "poor_households": "贫困户数(户)",
    "population": "户籍人口(人)",
    "idle_buildings": "闲置房产数(处)",
    "scenic_value": "景观资源(0-1)",
    "leadership": "班子能力(0-1)",
    "initial_income_yuan": "2018年集体经营收入(元)",
}

# Three synthetic example villages for the templates; None = left blank on purpose, to
# show that optional cells may be empty.
TEMPLATE_ROWS: tuple[dict[str, Any], ...] = (
    dict(name="石板沟村", township="石门镇", poor=True, village_id="SM-01", poor_households=48,
         population=1260, distance_km=46.5, deep_mountain=True, solar_site=True,
         idle_buildings=2, scenic_value=0.72, near_enterprise=False, near_cooperative=True,
         leadership=0.42, initial_income_yuan=0, valley="石门镇一沟", lon=111.7421,
         lat=33.6517),
    dict(name="杨家庄村", township="城关镇", poor=False, village_id="CG-07", poor_households=12,
         population=2380, distance_km=6.8, deep_mountain=False, solar_site=False,
         idle_buildings=3, scenic_value=0.35, near_enterprise=True, near_cooperative=False,
         leadership=0.61, initial_income_yuan=85000, valley=None, lon=111.6132, lat=33.8011),
    dict(name="桃花坪村", township="红岩乡", poor=True, village_id=None, poor_households=37,
         population=None, distance_km=58.0, deep_mountain=None, solar_site=None,
         idle_buildings=None, scenic_value=None, near_enterprise=None, near_cooperative=None,
         leadership=None, initial_income_yuan=None, valley=None, lon=None, lat=None),
)

_DTYPES = {"str": object, "bool": bool, "int": "int64", "float": "float64"}
_TRUE = frozenset({"是", "有", "yes", "y", "1", "1.0", "true"})
_FALSE = frozenset({"否", "无", "no", "n", "0", "0.0", "false"})
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_TRAILING_UNIT = re.compile(r"\([^()]*\)$")


# ----------------------------------------------------------------------------- default county


@lru_cache(maxsize=1)
def _default_roster() -> pd.DataFrame:
    """The default county, read once: it is the pool every fill draws from."""
    dtypes = {c.name: _DTYPES[c.kind] for c in VILLAGE_COLUMNS}
    df = pd.read_csv(DEFAULT_ROSTER_PATH, dtype=dtypes, keep_default_na=False)
    return df.loc[:, list(COLUMN_NAMES)]


def load_default_roster() -> pd.DataFrame:
    """The shipped default county (``scenarios/default_county.csv``) as a canonical roster:
    the columns of ``VILLAGE_COLUMNS`` in order, dtypes object (str) / bool / int64 /
    float64. A fresh copy each call, so callers may modify it."""
    df = _default_roster().copy()
    df.attrs = {"source": str(DEFAULT_ROSTER_PATH), "filled": {}, "ignored_columns": []}
    return df


# ----------------------------------------------------------------------------- reading cells


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _shown(value: Any) -> str:
    """A cell value as the user would recognise it in a message."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_cells(path: Path, shown: str) -> list[tuple[int, list[Any]]]:
    """The file's non-blank rows as (spreadsheet row number, cell values)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv_rows(path, shown)
    elif suffix == ".xlsx":
        rows = _read_xlsx_rows(path, shown)
    else:
        keys = sniff_scenario(path)
        if keys:
            raise InputError("roster.is_scenario", file=shown, keys=items(keys))
        hint = Msg("roster.hint_xls") if suffix == ".xls" else ""
        raise InputError("roster.unsupported_type", file=shown, suffix=path.suffix or Msg("suffix.none"),
                         hint=hint, formats=ACCEPTED_FORMATS)
    return [(number, cells) for number, cells in rows if not all(_is_blank(v) for v in cells)]


def _read_csv_rows(path: Path, shown: str) -> Iterable[tuple[int, list[Any]]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError("file.unreadable", file=shown, reason=exc.strerror or exc) from None
    # utf-8-sig also reads plain UTF-8; Excel on Chinese Windows saves "CSV" as GBK, and
    # GB18030 decodes every GBK file identically plus the rare characters GBK lacks.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError("roster.cannot_decode", file=shown)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    # csv records, not text lines, are what a spreadsheet shows as rows (a quoted cell may
    # span lines), so record k is spreadsheet row k + 1.
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    try:
        return list(enumerate(reader, start=1))
    except csv.Error as exc:
        raise InputError("roster.malformed_csv", file=shown, row=reader.line_num,
                         reason=exc) from None


def _read_xlsx_rows(path: Path, shown: str) -> Iterable[tuple[int, list[Any]]]:
    import openpyxl  # deferred: only .xlsx rosters need it

    try:
        # data_only: a formula cell gives the value Excel last computed, not the formula
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, its own... for bad files
        raise InputError("roster.bad_xlsx", file=shown, reason=f"{type(exc).__name__}: {exc}",
                         formats=ACCEPTED_FORMATS) from None
    try:
        sheet = workbook.worksheets[0]
        # min_row=1 explicitly, so row numbers match the sheet even if it starts lower
        return [(number, list(cells)) for number, cells in
                enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)]
    finally:
        workbook.close()


# ----------------------------------------------------------------------------- headers


def _header_key(text: str) -> str:
    """Fold a header for matching: full-width to ASCII, case, spaces, '_' and '-'."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-]+", "", folded)


_HEADER_LOOKUP: dict[str, str] = {
    **{_header_key(alias): name for name, aliases in CHINESE_HEADERS.items() for alias in aliases},
    **{_header_key(name): name for name in COLUMN_NAMES},
}


def _canonical_header(text: Any) -> str | None:
    """The canonical column a header cell means, or None if it is not recognised."""
    if _is_blank(text):
        return None
    key = _header_key(_shown(text))
    if key in _HEADER_LOOKUP:
        return _HEADER_LOOKUP[key]
    return _HEADER_LOOKUP.get(_TRAILING_UNIT.sub("", key))  # 户籍人口(人) -> 户籍人口


def _accepted_headers(name: str) -> list[str]:
    return [*CHINESE_HEADERS[name], name]


# ----------------------------------------------------------------------------- cell values


def _bound(x: float) -> str:
    """A range bound as a spreadsheet user writes it: 5,000 or 0.5."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _bounds_text(column: Column) -> str:
    """A number column's accepted range, e.g. '0 to 5,000' (the bilingual guide's)."""
    return f"{_bound(column.lo)} to {_bound(column.hi)}"


def _range_text(column: Column) -> Msg:
    kind = Msg("param.what.whole") if column.kind == "int" else Msg("param.what.number")
    unit = Msg("roster.unit", unit=Unit(column.unit)) if column.unit not in ("-", "") else ""
    return Msg("roster.range", kind=kind, unit=unit, low=_bound(column.lo), high=_bound(column.hi))


def _parse_flag(value: Any) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _parse_number(value: Any) -> float | None:
    """A finite float, or None if the cell is not a number."""
    if isinstance(value, bool | np.bool_):  # an Excel TRUE is not a population
        return None
    if isinstance(value, int | float | np.number):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()  # full-width digits
        if _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        if "_" in text:  # float() accepts 1_000; a spreadsheet user never means that
            return None
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _parse_cell(column: Column, value: Any, where: Msg) -> Any:
    """The cell's value in the column's kind; ``where`` prefixes error messages."""
    if column.kind == "str":
        return _shown(value)
    if column.kind == "bool":
        flag = _parse_flag(value)
        if flag is None:
            raise InputError("roster.not_flag", where=where, value=_shown(value),
                             flags=ACCEPTED_FLAGS)
        return flag
    number = _parse_number(value)
    if number is None:
        raise InputError("roster.not_number", where=where, value=_shown(value),
                         range=_range_text(column))
    if column.kind == "int":
        if not number.is_integer():
            raise InputError("roster.not_whole", where=where, value=_shown(value),
                             range=_range_text(column))
        number = int(number)
    if not column.lo <= number <= column.hi:
        raise InputError("roster.out_of_range", where=where, value=_shown(value),
                         range=_range_text(column))
    return number


# ----------------------------------------------------------------------------- reading a roster


def read_roster(path: str | os.PathLike[str], seed: int = 0) -> pd.DataFrame:
    """Read a user's village roster (see the module docstring for formats and fill rules).

    Returns the canonical columns in canonical order with dtypes object (str) / bool /
    int64 / float64, one row per village in file order, index 0..n-1. ``df.attrs``:
    ``"source"`` (the path as given), ``"seed"``, ``"filled"`` ({column: cells filled
    from defaults}, only columns with at least one) and ``"ignored_columns"`` (headers
    as written that were not recognised). Raises ``InputError`` for anything wrong with
    the file; the message starts with the path as given.
    """
    shown = str(path)
    file = Path(path)
    if not file.exists():
        raise InputError("file.not_found", file=shown)
    if file.is_dir():
        raise InputError("file.is_folder", file=shown, what=Msg("what.roster"))
    rows = _read_cells(file, shown)
    if not rows:
        raise InputError("roster.empty", file=shown)

    header_at, columns, written, ignored = _find_header(rows, shown)
    data = rows[header_at + 1:]
    if not data:
        raise InputError("roster.no_villages", file=shown, row=rows[header_at][0])

    values: dict[str, list[Any]] = {name: [None] * len(data) for name in COLUMN_NAMES}
    row_numbers = [number for number, _ in data]
    for i, (number, cells) in enumerate(data):
        for index, name in columns.items():
            value = cells[index] if index < len(cells) else None
            where = Msg("roster.where_cell", file=shown, row=number, column=written[name])
            if _is_blank(value):
                if _COLUMNS[name].required:
                    raise InputError("roster.blank_required", where=where)
                continue
            values[name][i] = _parse_cell(_COLUMNS[name], value, where)

    filled = _fill_ids(values, row_numbers, written, shown)
    filled.update(_fill_blanks(values, seed))

    df = pd.DataFrame({c.name: pd.Series(values[c.name], dtype=_DTYPES[c.kind])
                       for c in VILLAGE_COLUMNS})
    df.attrs = {"source": shown, "seed": seed,
                "filled": {name: filled[name] for name in COLUMN_NAMES if filled.get(name)},
                "ignored_columns": ignored}
    return df


def sniff_scenario(path: Path) -> list[str]:
    """The TOML settings (sections and keys) of ``path`` if its text reads as a scenario or
    experiment file rather than a table, else []: a scenario handed over as a roster."""
    import tomllib
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    return [f"[{k}]" if isinstance(v, dict) else k for k, v in data.items()][:4]


def _find_header(rows: list[tuple[int, list[Any]]], shown: str
                 ) -> tuple[int, dict[int, str], dict[str, str], list[str]]:
    """Locate and decode the header row.

    Returns (its index in ``rows``, {cell index: canonical name}, {canonical name: header
    as written}, [unrecognised headers as written]). Warns once about the unrecognised.
    """
    # The header is the first row naming a known column: rows above it are titles.
    header_at = next((k for k, (_, cells) in enumerate(rows)
                      if any(_canonical_header(v) for v in cells)), 0)
    number, header = rows[header_at]
    columns: dict[int, str] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for index, cell in enumerate(header):
        name = _canonical_header(cell)
        if name is None:
            if not _is_blank(cell):
                ignored.append(_shown(cell))
            elif any(index < len(cells) and not _is_blank(cells[index])
                     for _, cells in rows[header_at + 1:]):
                ignored.append(text("roster.no_header_cell", index=index + 1))
            continue
        if name in written:
            raise InputError("roster.same_column_twice", file=shown, row=number,
                             first=written[name], second=_shown(cell), name=name)
        columns[index] = name
        written[name] = _shown(cell)

    missing = [name for name in REQUIRED_COLUMNS if name not in written]
    if missing:
        keys = sniff_scenario(Path(shown))
        if keys:
            raise InputError("roster.is_scenario", file=shown, keys=items(keys))
        wanted = items(Msg("roster.wanted_column", name=name,
                           accepted=items(_accepted_headers(name))) for name in missing)
        found = [_shown(v) for v in header if not _is_blank(v)]
        raise InputError("roster.missing_columns", file=shown, wanted=wanted, row=number,
                         found=items(found) if found else Msg("none"))
    if ignored:
        warnings.warn(text("roster.ignored_columns", file=shown, columns=items(ignored)),
                      UserWarning, stacklevel=3)
    return header_at, columns, written, ignored


def _fill_ids(values: dict[str, list[Any]], row_numbers: list[int], written: dict[str, str],
              shown: str) -> dict[str, int]:
    """Check for duplicate villages and fill blank ``village_id`` cells."""
    seen: dict[tuple[str, str], int] = {}
    for i, key in enumerate(zip(values["township"], values["name"])):
        if key in seen:
            raise InputError("roster.duplicate_village", file=shown,
                             first=row_numbers[seen[key]], second=row_numbers[i],
                             name=key[1], township=key[0])
        seen[key] = i

    ids = values["village_id"]
    defaulted = [i for i, v in enumerate(ids) if v is None]
    for i in defaulted:
        ids[i] = f"{values['township'][i]}/{values['name'][i]}"
    first: dict[str, int] = {}
    for i, village_id in enumerate(ids):
        if village_id in first:
            j = first[village_id]
            column = written.get("village_id", "village_id")
            no_id = [row_numbers[k] for k in (j, i) if k in defaulted]
            note = Msg("roster.id_defaulted", rows=items(no_id)) if no_id else ""
            raise InputError("roster.duplicate_id", file=shown, first=row_numbers[j],
                             second=row_numbers[i], column=column, id=village_id, note=note)
        first[village_id] = i
    return {"village_id": len(defaulted)}


def _fill_blanks(values: dict[str, list[Any]], seed: int) -> dict[str, int]:
    """Fill the remaining blank optional cells in place (rules in the module docstring);
    returns {column: cells filled}."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(FILL_STREAM,)))
    default = _default_roster()
    poor = values["poor"]
    townships = values["township"]
    centres: dict[str, tuple[float, float]] | None = None
    filled: dict[str, int] = {}
    for column in VILLAGE_COLUMNS:
        blank = [i for i, v in enumerate(values[column.name]) if v is None]
        if column.required or column.name == "village_id" or not blank:
            continue
        filled[column.name] = len(blank)
        cells = values[column.name]
        if column.name == "valley":
            for i in blank:
                cells[i] = townships[i]
        elif column.name in ("lon", "lat"):
            if centres is None:  # drawn once, for lon and lat alike
                centres = _township_centres(values, default, rng)
            axis = 0 if column.name == "lon" else 1
            spread = _within_township_spread(default, column.name)
            for i, noise in zip(blank, rng.normal(0.0, spread, len(blank))):
                point = centres[townships[i]][axis] + noise
                cells[i] = float(np.clip(round(point, 5), column.lo, column.hi))
        else:
            pools = {flag: default.loc[default["poor"] == flag, column.name].to_numpy()
                     for flag in (False, True)}
            # one uniform per blank cell, mapped into that village's pool: a single
            # vectorised draw per column, in row order
            for i, u in zip(blank, rng.random(len(blank))):
                pool = pools[poor[i]]
                cells[i] = pool[int(u * len(pool))].item()
    return filled


def _within_township_spread(default: pd.DataFrame, column: str) -> float:
    """Standard deviation of the default county's coordinates around township means."""
    offsets = default[column] - default.groupby("township")[column].transform("mean")
    return float(offsets.std())


def _township_centres(values: dict[str, list[Any]], default: pd.DataFrame,
                      rng: np.random.Generator) -> dict[str, tuple[float, float]]:
    """(lon, lat) centre of each township in the roster: the roster's own coordinates for
    it if any, else the default county's same-named township, else a uniform draw in the
    default county's box (one draw per such township, in order of first appearance)."""
    known = default.groupby("township")[["lon", "lat"]].mean()
    lo = default[["lon", "lat"]].min()
    hi = default[["lon", "lat"]].max()
    centres = {}
    for township in dict.fromkeys(values["township"]):
        if township in known.index:
            base = (float(known.at[township, "lon"]), float(known.at[township, "lat"]))
        else:
            base = (float(rng.uniform(lo["lon"], hi["lon"])),
                    float(rng.uniform(lo["lat"], hi["lat"])))
        own = [[v for t, v in zip(values["township"], values[axis])
                if t == township and v is not None] for axis in ("lon", "lat")]
        centres[township] = tuple(float(np.mean(o)) if o else b for o, b in zip(own, base))
    return centres


# ----------------------------------------------------------------------------- summary


def validate_roster_file(path: str | os.PathLike[str], seed: int = 0) -> str:
    """Read a roster and return a one-line summary for ``vcsim validate``, e.g.
    "210 villages in 14 townships, 60 poor; filled from defaults: population (12 of 210)".
    Raises ``InputError`` like ``read_roster``; unrecognised columns are reported in the
    summary instead of as a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        df = read_roster(path, seed=seed)
    n = len(df)
    filled = df.attrs["filled"]
    fill = (Msg("roster.filled_from_defaults", columns=filled_columns(filled, n)) if filled
            else Msg("roster.no_blank_cells"))
    ignored = (Msg("roster.ignored_list", columns=items(df.attrs["ignored_columns"]))
               if df.attrs["ignored_columns"] else "")
    return text("roster.summary", villages=n, townships=int(df["township"].nunique()),
                poor=int(df["poor"].sum()), filled=fill, ignored=ignored)


def filled_columns(filled: dict[str, int], n: int | None = None) -> Msg:
    """The columns filled from defaults with their counts, as a message field."""
    return items(Msg("roster.filled_column", name=name, count=count) if n is None else
                 Msg("roster.filled_column_of", name=name, count=count, n=n)
                 for name, count in filled.items())


# ----------------------------------------------------------------------------- templates


def _template_cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "bool":
        return "是" if value else "否"
    return value


def write_template(path: str | os.PathLike[str]) -> Path:
    """Write an example roster with Chinese headers for every column and three synthetic
    villages (some optional cells blank) to ``path``: ``.csv`` (UTF-8 with BOM, so Excel
    shows the Chinese correctly) or ``.xlsx`` (with a second sheet explaining the
    columns; the reader only reads the first). Returns the path written."""
    out = Path(path)
    headers = [TEMPLATE_HEADERS[c.name] for c in VILLAGE_COLUMNS]
    rows = [[_template_cell(c, row[c.name]) for c in VILLAGE_COLUMNS] for row in TEMPLATE_ROWS]
    suffix = out.suffix.lower()
    if suffix == ".csv":
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")  # CRLF: what Excel writes
            writer.writerow(headers)
            writer.writerows([["" if v is None else v for v in row] for row in rows])
    elif suffix == ".xlsx":
        _write_template_xlsx(out, headers, rows)
    else:
        raise InputError("roster.template_type", file=path, suffix=out.suffix or Msg("suffix.none"))
    return out


def _write_template_xlsx(out: Path, headers: list[str], rows: list[list[Any]]) -> None:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "村庄名单 villages"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for k, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = max(10, 2 * len(header) + 2)

    notes = workbook.create_sheet("填写说明 notes")
    notes.append(list(_GUIDE_HEADERS))
    notes.append([])  # the reader never looks here; a gap keeps the sheet readable
    for line in column_guide():
        notes.append(list(line))
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for k, width in enumerate((22, 20, 50, 12, 14, 40, 50, 34), start=1):
        notes.column_dimensions[get_column_letter(k)].width = width
    workbook.save(out)


_GUIDE_HEADERS = ("中文表头 Chinese header", "English header", "含义 Meaning", "必填 Required",
                  "单位 Unit", "可填写 Accepted values", "留空时 If blank",
                  "也可写 Other accepted headers")

# What each column means, in Chinese, for the guide (the English is Column.meaning).
_MEANING_ZH = {
    "name": "行政村名称",
    "township": "所属乡镇",
    "poor": "是否建档立卡贫困村",
    "village_id": "唯一编号",
    "poor_households": "建档立卡贫困户数",
    "population": "户籍人口",
    "distance_km": "到县城的道路里程",
    "deep_mountain": "是否偏远深山村",
    "solar_site": "有无适合建光伏电站的集体荒山荒坡",
    "idle_buildings": "闲置集体房产（旧村部、旧校舍等）处数",
    "scenic_value": "景观与文化资源对游客的吸引力，0=没有，1=知名景区水平",
    "near_enterprise": "附近有无龙头企业",
    "near_cooperative": "附近有无成熟的专业合作社",
    "leadership": "村两委班子能力，0=很弱，1=很强",
    "initial_income_yuan": "2018年（项目前）村集体经营性收入",
    "valley": "所在流域或片区（同片区可抱团发展）",
    "lon": "经度",
    "lat": "纬度",
}

_UNITS_ZH = {"households": "户", "people": "人", "km": "公里", "buildings": "处",
             "yuan/yr": "元/年", "degrees": "度"}


def _accepted_text(column: Column) -> str:
    if column.kind == "str":
        return "文字 any text"
    if column.kind == "bool":
        return ACCEPTED_FLAGS
    kind = "整数 whole number" if column.kind == "int" else "数字 number"
    return f"{kind}, {_bounds_text(column)}"


def _default_text(column: Column) -> str:
    if column.required:
        return "必填，不能留空 required, no default"
    return {
        "village_id": "乡镇/村名 township/name",
        "valley": "所在乡镇名 the township name",
        "lon": "乡镇中心附近随机点 random point near the township centre",
        "lat": "乡镇中心附近随机点 random point near the township centre",
        # the centre: this roster's own coordinates for the township, else the default
        # county's same-named township, else a random point in the default county
    }.get(column.name, "从默认县同类（贫困/非贫困）村抽取 drawn from default-county villages "
                       "of the same poverty status")


def column_guide() -> list[tuple[str, ...]]:
    """One row per column for the template's notes sheet and ``ROSTER.md``: Chinese header,
    English header, meaning, required, unit, accepted values, default when blank, other
    accepted headers (the columns of ``_GUIDE_HEADERS``)."""
    guide = []
    for c in VILLAGE_COLUMNS:
        unit = f"{_UNITS_ZH[c.unit]} {c.unit}" if c.unit in _UNITS_ZH else c.unit
        others = ", ".join(a for a in (*CHINESE_HEADERS[c.name], c.name)
                           if a not in (TEMPLATE_HEADERS[c.name], c.name))
        english = re.sub(r"\s*\([^)]*[\u4e00-\u9fff][^)]*\)", "", c.meaning)  # drop "(村名)"
        guide.append((TEMPLATE_HEADERS[c.name], c.name, f"{_MEANING_ZH[c.name]} / {english}",
                      "是 yes" if c.required else "否 no", unit, _accepted_text(c),
                      _default_text(c), others or "-"))
    return guide


def render_guide() -> str:
    """The text of ``scenarios/ROSTER.md``, generated so it cannot drift from the code."""
    lines = [
        "# 村庄名单填写说明 / Village roster guide",
        "",
        "用 `vcsim` 模拟自己的县时，提供一份村庄名单：每个行政村一行。可以是 `.csv`"
        "（UTF-8、带 BOM 的 UTF-8 或 GBK 编码）或 `.xlsx`（读取第一个工作表）。表头可用中文或英文；"
        "标题行、空行和不认识的列会被跳过。只有 村名、乡镇、是否贫困村 三列必填，其余列留空（或整列不写）时"
        "按下表补默认值，补值随 `seed` 固定、可重复。模板：`roster_template.csv`、`roster_template.xlsx`。",
        "",
        "To simulate your own county with `vcsim`, give a village roster: one row per "
        "administrative village, as `.csv` (UTF-8, UTF-8 with BOM, or GBK) or `.xlsx` (first "
        "sheet). Headers may be Chinese or English (case and spaces ignored; a trailing unit "
        "in parentheses such as `(人)` is allowed). Title rows, blank rows and unknown columns "
        "are skipped. Only name, township and poor are required; blank optional cells, or "
        "optional columns left out, are filled as listed below, reproducibly for a given "
        "`seed`. Templates: `roster_template.csv`, `roster_template.xlsx`. Check a file with "
        "`vcsim validate FILE`.",
        "",
        "是/否 flags accept / 是否类填写: " + ACCEPTED_FLAGS + " (大小写不限 any case). "
        "Numbers may use thousands separators (`1,234`) or full-width digits. "
        "数字可带千分位逗号或全角数字。",
        "",
        "Defaults drawn from the default county (`default_county.csv`, synthetic) are "
        "independent per column, so give real values where you have them. "
        "从默认县抽取的补值各列独立，有真实数据请尽量填写。",
        "",
        "| " + " | ".join(_GUIDE_HEADERS) + " |",
        "|" + "---|" * len(_GUIDE_HEADERS),
    ]
    for row in column_guide():
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    lines.append("")
    return "\n".join(lines)


def write_templates(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """(Re)write the shipped templates and ``ROSTER.md`` into ``directory`` (default: the
    ``scenarios`` package folder). Returns the paths written."""
    folder = Path(directory) if directory is not None else DEFAULT_ROSTER_PATH.parent
    written = [write_template(folder / name) for name in TEMPLATE_NAMES]
    guide = folder / GUIDE_NAME
    guide.write_text(render_guide(), encoding="utf-8")
    return [*written, guide]


def main(argv: list[str] | None = None) -> int:
    """``python -m vcsim.experiments.roster FILE`` checks a roster; ``--write-templates [DIR]``
    regenerates the templates and ROSTER.md."""
    args = sys.argv[1:] if argv is None else argv
    try:
        if args and args[0] == "--write-templates":
            for path in write_templates(*args[1:2]):
                print(text("file.wrote", file=path))
            return 0
        if len(args) == 1:
            print(validate_roster_file(args[0]))
            return 0
    except InputError as exc:
        print(text("error.prefix", message=exc.msg), file=sys.stderr)
        return 2
    print(text("roster.usage"), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
