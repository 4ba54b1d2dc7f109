"""The output tables, declared once: every column of ``annual``, ``villages`` and
``projects`` with its type, unit and meaning.

Both engines build their tables through :func:`frame`, so they write the same columns
in the same order with the same types (``tests/test_parity.py`` checks that
``DataFrame.equals`` holds for every column but the floats, which agree to a few units
in the last place); ``docs/outputs.md`` is generated from here. A missing value is a
null (``<NA>``), never an empty string or a sentinel number.

Types are pandas dtypes: ``int64``, ``float64``, ``bool``, ``string`` (text, nullable)
and ``Int64`` (a whole number that may be missing).
"""

from __future__ import annotations

from dataclasses import dataclass

from vcsim.model.business_models import MODEL_CODES
from vcsim.model.measures import COHORTS, INCOME_QUANTILES
from vcsim.model.rules import ACCOUNT_KEYS, END_REASONS, MONEY_SOURCES


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # pandas dtype
    unit: str
    meaning: str


def _c(name, dtype, unit, meaning):
    return Column(name, dtype, unit, meaning)


_ACCOUNT_MEANINGS = {
    "grant_central": "5025 grants paid this year from central funds",
    "grant_province": "5025 grants paid this year by the province",
    "grant_city_county": "5025 grants paid this year by the city and county",
    "integrated": "integrated funds (整合资金) topping up this year's funded projects",
    "first_secretary": "first secretaries' outside money put into projects this year (联)",
    "demonstration": "demonstration villages' extra money paid this year (领)",
    "part_a": "Part A (三保障): party work, village funds, cadre pay, training, instructors",
    "misused": "project money lost to misuse this year",
}

ANNUAL: tuple[Column, ...] = (
    _c("replicate", "int64", "-", "replicate number (with the seed, fixes every random draw)"),
    _c("year", "int64", "year", "calendar year, accounts closed in its December"),
    _c("villages", "int64", "villages", "villages in the roster"),
    _c("zero_income_villages", "int64", "villages",
       "villages without collective operating receipts this year (空白村)"),
    _c("zero_income_share", "float64", "share", "share of villages with zero income"),
    _c("mean_income_yuan", "float64", "yuan", "mean collective operating income (net) of a village"),
    _c("total_income_yuan", "float64", "yuan", "collective operating income of all villages"),
    _c("share_income_ge_50k", "float64", "share", "share of villages with income of 50,000 yuan or more"),
    _c("share_income_ge_100k", "float64", "share", "share of villages with income of 100,000 yuan or more"),
    _c("gini", "float64", "-", "Gini coefficient of village income (losses counted as zero)"),
    *(_c(f"income_p{q}_yuan", "float64", "yuan", f"{q}th percentile of village income")
      for q in INCOME_QUANTILES),
    *(c for cohort in COHORTS for c in (
        _c(f"zero_income_villages_cohort_{cohort}", "int64", "villages",
           f"zero-income villages of rollout cohort {cohort}"
           + (" (never entered the programme)" if cohort == 0 else "")),
        _c(f"villages_cohort_{cohort}", "int64", "villages", f"villages of rollout cohort {cohort}"))),
    *(_c(f"{k}_yuan", "float64", "yuan", _ACCOUNT_MEANINGS[k]) for k in ACCOUNT_KEYS),
    _c("grants_5025_yuan", "float64", "yuan", "5025 grants paid this year, all budgets"),
    _c("fiscal_cost_yuan", "float64", "yuan",
       "fiscal cost this year: 5025 grants, integrated funds, demonstration extras and Part A"),
    _c("county_fiscal_cost_yuan", "float64", "yuan",
       "the city and county budgets' part: their share of the grants, demonstration extras, Part A"),
    _c("pool_left_yuan", "float64", "yuan", "county grant pool left at the year's end (all counties)"),
    _c("projects_started", "int64", "projects", "projects started this year"),
    _c("projects_failed", "int64", "projects",
       "projects that ended this year (failed, partner default, no investor, closed at assessment)"),
    _c("projects_operating", "int64", "projects", "projects operating at the year's end"),
    _c("project_income_yuan", "float64", "yuan", "villages' net income from projects this year"),
    _c("poor_household_jobs", "float64", "jobs",
       "poor-household members working in village workshops (person-years)"),
    *(_c(f"operating_{code}", "int64", "projects", f"{code} projects operating at the year's end")
      for code in MODEL_CODES),
    *(_c(f"income_{code}_yuan", "float64", "yuan", f"net income of {code} projects this year (all owners)")
      for code in MODEL_CODES),
)

VILLAGES: tuple[Column, ...] = (
    _c("replicate", "int64", "-", "replicate number"),
    _c("village_id", "string", "-", "the roster's village id"),
    _c("year", "int64", "year", "calendar year"),
    _c("income_yuan", "float64", "yuan", "collective operating income (net): own income plus projects"),
    _c("project_income_yuan", "float64", "yuan", "net income from its projects (its share of a cluster)"),
    _c("receipts_yuan", "float64", "yuan",
       "operating receipts (经营收入) before projects' own running costs: what decides zero income"),
    _c("zero_income", "bool", "-", "no operating receipts this year (空白村)"),
    _c("cohort", "int64", "-", "rollout step it entered by: 1 poor, 2 priority, 3 remaining, 0 never"),
    _c("model", "string", "-", "business model of its project at the year's end; null: none"),
    _c("models", "string", "-", "business models it ran during the year, ';'-separated; null: none"),
    _c("grants_yuan", "float64", "yuan", "programme money it received this year (grant, integrated, demonstration)"),
    _c("fund_yuan", "float64", "yuan", "collective fund at the year's end (reinvested income, money left over)"),
    _c("capacity", "float64", "0-1", "leadership capacity with Part A's effects"),
    _c("demonstration", "bool", "-", "a demonstration village (领)"),
    _c("poor_household_jobs", "float64", "jobs", "poor-household members working in its workshop (person-years)"),
)

PROJECTS: tuple[Column, ...] = (
    _c("replicate", "int64", "-", "replicate number"),
    _c("project_id", "int64", "-", "1, 2, ... in the order projects started within the replicate"),
    _c("model", "string", "-", "business model"),
    _c("village_ids", "string", "-", "owning villages, ';'-separated, the lead first"),
    _c("villages", "int64", "villages", "number of owning villages (more than one: a cluster venture)"),
    _c("cohort", "int64", "-", "the lead village's rollout cohort (0: started outside the programme)"),
    _c("self_started", "bool", "-", "started by a village outside the programme with its own money"),
    _c("start_year", "int64", "year", "year it started"),
    _c("operating_from", "string", "year-month", "first month of operation, YYYY-MM"),
    _c("capital_yuan", "float64", "yuan", "money put to work, after misuse"),
    _c("quality", "float64", "-", "site and market fit (multiplies its takings)"),
    *(_c(f"{source}_yuan", "float64", "yuan", f"money from {source.replace('_', ' ')}")
      for source in MONEY_SOURCES),
    _c("status", "string", "-", "at the end of the run: building, operating or failed"),
    _c("end_reason", "string", "-", "why it ended: " + ", ".join(r for r in END_REASONS if r)
       + "; null: it had not"),
    _c("failed_year", "Int64", "year", "year it ended; null: it had not"),
    _c("income_yuan", "float64", "yuan", "net income over the run (late PV payments due within the run included)"),
)

TABLES = {"annual": ANNUAL, "villages": VILLAGES, "projects": PROJECTS}
COUNTY_MEASURES = tuple(c.name for c in ANNUAL if c.name not in ("replicate", "year"))


def frame(table: str, columns: dict):
    """A table from ``columns`` (name -> values): the declared columns in their order,
    each as its declared type; a missing value (None) becomes a null."""
    import pandas as pd

    spec = TABLES[table]
    missing = [c.name for c in spec if c.name not in columns]
    extra = [k for k in columns if k not in {c.name for c in spec}]
    if missing or extra:
        raise ValueError(f"{table}: columns missing {missing}, not declared {extra}")
    return pd.DataFrame({c.name: pd.Series(columns[c.name], dtype=c.dtype) for c in spec})
