"""The village attributes the model reads from a county roster.

A roster is a pandas DataFrame with one row per administrative village and the columns
below (canonical English names). Reading files, Chinese headers and filling blanks is
``experiments.roster``'s job; the model only checks that the columns are all there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from vcsim.model.parameters import CountySize


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "str", "bool", "int", "float"
    required: bool
    unit: str
    meaning: str
    lo: float | None = None  # accepted range for numbers
    hi: float | None = None


VILLAGE_COLUMNS: tuple[Column, ...] = (
    Column("name", "str", True, "-", "village name (村名)"),
    Column("township", "str", True, "-", "township (乡镇)"),
    Column("poor", "bool", True, "-", "registered poor village (建档立卡贫困村)"),
    Column("village_id", "str", False, "-", "unique id; default township/name"),
    Column("poor_households", "int", False, "households", "registered poor households", 0, 5000),
    Column("population", "int", False, "people", "registered population", 1, 100_000),
    Column("distance_km", "float", False, "km", "road distance to the county seat", 0, 500),
    Column("deep_mountain", "bool", False, "-", "remote deep-mountain village (深山村)"),
    Column("solar_site", "bool", False, "-", "has collective barren land fit for a PV station"),
    Column("idle_buildings", "int", False, "buildings", "idle collective buildings "
           "(old offices, schools)", 0, 100),
    Column("scenic_value", "float", False, "0-1", "scenic and cultural draw for visitors", 0, 1),
    Column("near_enterprise", "bool", False, "-", "a leading enterprise operates nearby"),
    Column("near_cooperative", "bool", False, "-", "a mature specialised cooperative nearby"),
    Column("leadership", "float", False, "0-1", "capacity of the village leadership", 0, 1),
    Column("initial_income_yuan", "float", False, "yuan/yr", "collective operating income in "
           "2018, before the programme", 0, 1e9),
    Column("valley", "str", False, "-", "valley or cluster area (neighbours for clusters)"),
    Column("lon", "float", False, "degrees", "longitude", -180, 180),
    Column("lat", "float", False, "degrees", "latitude", -90, 90),
)

COLUMN_NAMES = tuple(c.name for c in VILLAGE_COLUMNS)
REQUIRED_COLUMNS = tuple(c.name for c in VILLAGE_COLUMNS if c.required)


def check_roster(roster: pd.DataFrame) -> None:
    """Raise ValueError if a column is missing or the roster is empty (a programming error
    by the caller: user files are checked in ``experiments.roster`` with file context)."""
    missing = [c for c in COLUMN_NAMES if c not in roster.columns]
    if missing:
        raise ValueError(f"roster lacks columns {missing}")
    if len(roster) == 0:
        raise ValueError("roster has no villages")
    if roster["village_id"].duplicated().any():
        raise ValueError("roster has duplicate village_id values")


def county_size(roster: pd.DataFrame) -> CountySize:
    """The roster's villages, registered poor villages and townships, as one county:
    what the settings that scale with the county are scaled to."""
    return CountySize(villages=int(len(roster)), poor_villages=int(roster["poor"].astype(bool).sum()),
                      townships=int(roster["township"].astype(str).nunique()))


def county_sizes(roster: pd.DataFrame) -> CountySize:
    """Each county's counts, as arrays in the order the roster's ``county`` ids first
    appear (a roster without that column is one county): a region's counties each get
    settings scaled to their own size."""
    if "county" in roster:
        county = pd.factorize(roster["county"].to_numpy())[0]
    else:
        county = np.zeros(len(roster), dtype=np.int64)
    township = pd.factorize(roster["township"].astype(str).to_numpy())[0]
    return sizes_of_counties(county, roster["poor"].to_numpy(bool), township)


def sizes_of_counties(county: np.ndarray, poor: np.ndarray, township: np.ndarray) -> CountySize:
    """``county_sizes`` from each village's county (0, 1, ...), poor flag and township
    code (codes of townships; a code may recur in another county)."""
    n = int(county.max()) + 1 if len(county) else 0
    width = int(township.max(initial=0)) + 1
    pairs = np.unique(county * width + township)  # the distinct (county, township) pairs
    return CountySize(villages=np.bincount(county, minlength=n),
                      poor_villages=np.bincount(county, poor, minlength=n).astype(np.int64),
                      townships=np.bincount(pairs // width, minlength=n).astype(np.int64))
