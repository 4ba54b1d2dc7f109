"""The model's output tables, declared once: every column with its type, unit and meaning.

Both engines write these tables (``vcsim run`` stores them as ``annual.parquet``,
``villages.parquet`` and ``projects.parquet``), with exactly these columns, in this
order and with these types; ``docs/outputs.md`` is generated from here
(``python -m vcsim.experiments.data_dictionary``), so the documentation cannot drift from
the code.

Types are pandas dtypes: ``int64``, ``float64``, ``bool``; ``string`` is text and
``Int64`` a whole number, each of which may be null. A missing value is a null, never
an empty string or a sentinel number: a village-year without a project has a null
``model``, a project that has not failed a null ``failed_year``.

Pure declarations and one pure function (:func:`conform`); no file I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vcsim.model.business_models import MODEL_CODES
from vcsim.model.measures import COHORTS, INCOME_QUANTILES


@dataclass(frozen=True)
class Column:
    """One column of an output table."""
    name: str
    dtype: str  # pandas dtype: int64, float64, bool, string (text or null), Int64 (whole number or null)
    unit: str
    meaning: str
    nullable: bool = False  # may hold nulls (only string and Int64 columns)


# A zero-income village (空白村) is defined by its operating receipts, not its net income.
ZERO_INCOME_RULE = ("a village is a zero-income village (空白村) in a year when its operating "
                    "receipts (经营收入, receipts_yuan) are at or below "
                    "village.zero_income_threshold_yuan (default 0)")
COHORT_MEANING = "rollout step the village entered the programme in: 1, 2, 3, or 0 = never"

_REPLICATE = Column("replicate", "int64", "-", "replicate number r: with the seed it fixes every "
                    "random draw (runs with the same seed and r share their luck)")
_YEAR = Column("year", "int64", "year", "calendar year (the measures are of the year's end)")


def _annual() -> tuple[Column, ...]:
    cols = [
        _REPLICATE, _YEAR,
        Column("villages", "int64", "villages", "villages in the county (roster rows)"),
        Column("zero_income_villages", "int64", "villages",
               "zero-income villages (空白村) at the year's end; " + ZERO_INCOME_RULE),
        Column("zero_income_share", "float64", "share (0-1)", "zero_income_villages / villages"),
        Column("mean_income_yuan", "float64", "yuan/yr",
               "mean collective income per village (pre-programme income plus net project income)"),
        Column("total_income_yuan", "float64", "yuan/yr", "collective income of all villages"),
        Column("share_income_ge_50k", "float64", "share (0-1)",
               "share of villages with collective income of at least 50,000 yuan"),
        Column("share_income_ge_100k", "float64", "share (0-1)",
               "share of villages with collective income of at least 100,000 yuan"),
        Column("gini", "float64", "0-1", "Gini coefficient of village incomes (losses count as zero)"),
    ]
    cols += [Column(f"income_p{q}_yuan", "float64", "yuan/yr",
                    f"{q}th percentile of village collective income") for q in INCOME_QUANTILES]
    for c in COHORTS:
        who = "never entered the programme" if c == 0 else f"entered at rollout step {c}"
        cols += [Column(f"zero_income_villages_cohort_{c}", "int64", "villages",
                        f"zero-income villages among those that {who}"),
                 Column(f"villages_cohort_{c}", "int64", "villages", f"villages that {who}")]
    cols += [
        Column("grant_central_yuan", "float64", "yuan/yr", "5025 grant money paid this year, central share"),
        Column("grant_province_yuan", "float64", "yuan/yr", "5025 grant money paid this year, province share"),
        Column("grant_city_county_yuan", "float64", "yuan/yr",
               "5025 grant money paid this year, city and county share"),
        Column("integrated_yuan", "float64", "yuan/yr", "pooled integrated funds (统筹整合资金) put into projects"),
        Column("first_secretary_yuan", "float64", "yuan/yr",
               "money brought by first secretaries from their home agencies"),
        Column("demonstration_yuan", "float64", "yuan/yr", "extra money for demonstration villages"),
        Column("part_a_yuan", "float64", "yuan/yr",
               "Part A: party-branch guarantees (training, pay, instructors), paid whatever the income"),
        Column("misused_yuan", "float64", "yuan/yr", "programme money misused (not put to work)"),
        Column("grants_5025_yuan", "float64", "yuan/yr", "5025 grants, all shares"),
        Column("fiscal_cost_yuan", "float64", "yuan/yr",
               "public cost: 5025 grants + integrated funds + demonstration extras + Part A"),
        Column("county_fiscal_cost_yuan", "float64", "yuan/yr",
               "the county's part: city and county grant share + demonstration extras + Part A"),
        Column("tranche_released_yuan", "float64", "yuan/yr",
               "5025 money the upper levels released to the county this year (its yearly tranche of "
               "the pool, funding.tranche_shares)"),
        Column("pool_left_yuan", "float64", "yuan",
               "money left in the county's grant pool at the year's end, released or not"),
        Column("tranche_unspent_yuan", "float64", "yuan",
               "of which released and not yet committed: carried over to the next year"),
        Column("projects_started", "int64", "projects",
               "projects started this year, by the programme and by villages on their own"),
        Column("programme_projects_started", "int64", "projects",
               "projects the programme started this year (not self-started); at most "
               "capacity.projects_per_year"),
        Column("villages_waiting_capacity", "int64", "villages",
               "villages selected for support but waiting at the year's end because the county's "
               "capacity for the year (capacity.projects_per_year) was used up"),
        Column("villages_waiting_money", "int64", "villages",
               "villages selected for support but waiting at the year's end because the money "
               "released so far could not cover their grant (the next tranche will)"),
        Column("projects_failed", "int64", "projects", "projects that failed or closed this year"),
        Column("projects_operating", "int64", "projects", "projects operating at the year's end"),
        Column("project_income_yuan", "float64", "yuan/yr", "net income of all projects this year"),
        Column("poor_household_jobs", "float64", "job-years",
               "work for poor households: months of work in workshops / 12 (one job for a year = 1)"),
    ]
    cols += [Column(f"operating_{c}", "int64", "projects",
                    f"projects of business model '{c}' operating at the year's end") for c in MODEL_CODES]
    cols += [Column(f"income_{c}_yuan", "float64", "yuan/yr",
                    f"net income of business model '{c}' projects this year") for c in MODEL_CODES]
    return tuple(cols)


ANNUAL = _annual()

VILLAGES = (
    _REPLICATE,
    Column("village_id", "string", "-", "the village's id in the roster"),
    _YEAR,
    Column("income_yuan", "float64", "yuan/yr",
           "collective income: pre-programme income plus net income of its projects this year"),
    Column("project_income_yuan", "float64", "yuan/yr", "net income of its projects this year (its shares)"),
    Column("receipts_yuan", "float64", "yuan/yr",
           "operating receipts (经营收入): pre-programme income plus its projects' receipts before "
           "their own running costs. It defines a zero-income village: " + ZERO_INCOME_RULE),
    Column("zero_income", "bool", "-", "a zero-income village (空白村) this year (receipts_yuan rule)"),
    Column("cohort", "int64", "-", COHORT_MEANING),
    Column("model", "string", "-", "business model of its current project at the year's end; "
           "null: no project", nullable=True),
    Column("models", "string", "-", "business models it ran during the year, ';'-joined in "
           "alphabetical order; null: none", nullable=True),
    Column("grants_yuan", "float64", "yuan/yr", "programme money it received this year"),
    Column("fund_yuan", "float64", "yuan",
           "the village collective's own fund at the year's end: kept income (village.reinvest_share) "
           "and money recovered from failed projects, spent on its next project"),
    Column("capacity", "float64", "index 0-1",
           "capacity of the village leadership (roster 'leadership', raised by Part A's training, "
           "performance pay and instructors); 0 = very weak, 1 = very strong"),
    Column("demonstration", "bool", "-", "a demonstration village (示范村)"),
    Column("poor_household_jobs", "float64", "job-years",
           "work its projects gave poor households this year: months of work / 12"),
    Column("waiting_for", "string", "-", "selected for support but waiting at the year's end, "
           "for: 'capacity' (the county's projects for the year were used up) or 'money' (the "
           "money released so far could not cover its grant); null: not waiting", nullable=True),
)

PROJECTS = (
    _REPLICATE,
    Column("project_id", "int64", "-", "project number within the replicate, 1, 2, ... in order of start"),
    Column("model", "string", "-", "business model: " + ", ".join(MODEL_CODES)),
    Column("village_ids", "string", "-", "owning villages' ids, ';'-joined (several for a cluster)"),
    Column("villages", "int64", "villages", "number of owning villages"),
    Column("cohort", "int64", "-", COHORT_MEANING + " (of the lead village)"),
    Column("self_started", "bool", "-", "started by a village with its own or other money, not by the programme"),
    Column("start_year", "int64", "year", "year the project was funded and building began"),
    Column("operating_from", "string", "YYYY-MM", "month it starts (or is due to start) operating"),
    Column("capital_yuan", "float64", "yuan", "money put in, all sources"),
    Column("quality", "float64", "multiplier",
           "true site and market fit; multiplies its return (1 = as expected; selection.quality_sd)"),
    Column("grant_yuan", "float64", "yuan", "5025 grant money put in"),
    Column("integrated_yuan", "float64", "yuan", "integrated funds put in"),
    Column("first_secretary_yuan", "float64", "yuan", "first-secretary money put in"),
    Column("demonstration_yuan", "float64", "yuan", "demonstration extras put in"),
    Column("own_yuan", "float64", "yuan", "the villages' own fund put in"),
    Column("status", "string", "-", "at the end of the run: building, operating or failed"),
    Column("end_reason", "string", "-", "why it ended: failed, partner default, no investor came, "
           "closed: no income, closed: loss over the year; null: still running", nullable=True),
    Column("failed_year", "Int64", "year", "year it failed or closed; null: it did not", nullable=True),
    Column("income_yuan", "float64", "yuan", "net income over its life to the end of the run"),
)

TABLES: dict[str, tuple[Column, ...]] = {"annual": ANNUAL, "villages": VILLAGES, "projects": PROJECTS}


def columns(table: str) -> dict[str, Column]:
    """Name -> Column of one table ("annual", "villages" or "projects")."""
    return {c.name: c for c in TABLES[table]}


def conform(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """``frame`` with the declared columns, in the declared order and types; an empty
    string in a nullable text column, or NaN in a nullable whole-number column, becomes
    null. ValueError names a missing or undeclared column."""
    declared = TABLES[table]
    names = [c.name for c in declared]
    missing = [n for n in names if n not in frame.columns]
    extra = [n for n in frame.columns if n not in names]
    if missing or extra:
        raise ValueError(f"{table} table: missing columns {missing}, undeclared columns {extra} "
                         f"(model/outputs.py declares them)")
    out = {}
    for c in declared:
        s = frame[c.name]
        if c.dtype == "string":
            s = s.astype("string")
            if c.nullable:
                s = s.mask(s == "")
        elif c.dtype == "Int64":
            s = pd.to_numeric(s).astype("Int64")
        else:
            s = s.astype(c.dtype)
        out[c.name] = s
    return pd.DataFrame(out, index=frame.index)


COUNTY_MEASURES = tuple(c.name for c in ANNUAL if c.name not in ("replicate", "year"))


def frame(table: str, values: dict) -> pd.DataFrame:
    """A table made from ``values`` (column name -> array or list; None for a missing
    value), as declared (:func:`conform`): how both engines build their tables."""
    return conform(pd.DataFrame(values), table)
