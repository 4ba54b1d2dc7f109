"""Headline measures of a scenario across replicates (``summary.json``)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from vcsim.experiments.county_settings import settings_record
from vcsim.experiments.statistics import probability
from vcsim.model import MODEL_CODES

GRANT_SOURCES = {"central": "grant_central_yuan", "province": "grant_province_yuan",
                 "city_county": "grant_city_county_yuan", "integrated": "integrated_yuan",
                 "first_secretary": "first_secretary_yuan", "demonstration": "demonstration_yuan"}


def band(values) -> dict[str, float]:
    """Mean and 90% band (5th and 95th percentiles) across replicates."""
    x = np.asarray(values, dtype=float)
    return {"mean": float(x.mean()), "p05": float(np.percentile(x, 5)),
            "p95": float(np.percentile(x, 95))}


def per_year(annual: pd.DataFrame, column: str) -> dict[str, dict[str, float]]:
    return {str(y): band(g[column]) for y, g in annual.groupby("year")}


def clearance_years(annual: pd.DataFrame) -> pd.Series:
    """Per replicate, the first year that ends with no zero-income village (NaN: never)."""
    cleared = annual[annual["zero_income_villages"] == 0]
    first = cleared.groupby("replicate")["year"].min()
    return first.reindex(sorted(annual["replicate"].unique()))


def clearance_probabilities(annual: pd.DataFrame) -> tuple[dict, dict]:
    """Per year, with 95% Wilson intervals over replicates:
    the chance that the county ends the year with no zero-income village
    (``p_no_zero_income_at_year_end``), and the chance that it has had such a year by
    then (``p_cleared_ever_by``, cumulative: once cleared, a replicate stays counted)."""
    by_rep = annual.pivot(index="replicate", columns="year", values="zero_income_villages")
    at_end = by_rep == 0
    ever = at_end.cummax(axis=1)
    n = len(by_rep)
    return ({str(y): probability(int(at_end[y].sum()), n) for y in by_rep.columns},
            {str(y): probability(int(ever[y].sum()), n) for y in by_rep.columns})


def summarise(scenario, seed, replicates, roster, annual, villages, projects,
              initial_zero_income_share) -> dict:
    years = sorted(annual["year"].unique())
    first = clearance_years(annual)
    never = first.isna().mean()
    filled = first.fillna(np.inf).to_numpy()

    def q(p):  # a quantile of the clearance year; None when it falls on "never"
        v = np.quantile(filled, p, method="inverted_cdf")
        return None if math.isinf(v) else int(v)

    at_year_end, ever_by = clearance_probabilities(annual)
    income_q = {}
    for y, g in villages.groupby("year"):
        qs = np.percentile(g["income_yuan"], [10, 25, 50, 75, 90])
        income_q[str(y)] = {f"p{k}": float(v) for k, v in zip((10, 25, 50, 75, 90), qs)}
    by_cohort = {}
    for y, g in annual.groupby("year"):
        by_cohort[str(y)] = {str(c): band(g[f"zero_income_villages_cohort_{c}"]) for c in (1, 2, 3, 0)}
    started = projects.groupby(["replicate", "model"]).size().unstack(fill_value=0)
    started = started.reindex(index=sorted(annual["replicate"].unique()), columns=list(MODEL_CODES),
                              fill_value=0)
    total_started = started.to_numpy().sum()
    model_mix = {}
    for code in MODEL_CODES:
        sub = projects[projects["model"] == code]
        model_mix[code] = {
            "projects_mean": float(started[code].mean()),
            "share": float(started[code].sum() / total_started) if total_started else 0.0,
            "failed_share": float((sub["status"] == "failed").mean()) if len(sub) else None,
            "income_per_yuan": float(sub["income_yuan"].sum() / sub["capital_yuan"].sum())
            if len(sub) and sub["capital_yuan"].sum() > 0 else None,
        }
    mix_by_cohort = {}
    for c, g in projects.groupby("cohort"):
        counts = g.groupby("model").size() / replicates
        mix_by_cohort[str(c)] = {code: float(counts.get(code, 0.0)) for code in MODEL_CODES}
    totals = annual.groupby("replicate").sum(numeric_only=True)
    grants = {k: float(totals[col].mean()) for k, col in GRANT_SOURCES.items()}
    public = totals[[GRANT_SOURCES[k] for k in ("central", "province", "city_county",
                                                 "integrated", "demonstration")]].sum(axis=1)
    project_income = totals["project_income_yuan"]
    return {
        "scenario": scenario.name,
        "title": {"zh": scenario.title("zh"), "en": scenario.title("en")},
        "description": scenario.description,
        "seed": int(seed),
        "replicates": int(replicates),
        "villages": int(len(roster)),
        "townships": int(roster["township"].nunique()),
        "years": [int(y) for y in years],
        "overrides": {k: v for k, v in sorted(scenario.overrides.items())},
        # every parameter's effective value on this roster and its origin
        "settings": settings_record(scenario, roster),
        "initial_zero_income_share": float(initial_zero_income_share),
        "initial_zero_income_villages": int(round(initial_zero_income_share * len(roster))),
        "zero_income_share": per_year(annual, "zero_income_share"),
        "zero_income_villages": per_year(annual, "zero_income_villages"),
        "zero_income_villages_by_cohort": by_cohort,
        "p_no_zero_income_at_year_end": at_year_end,
        "p_cleared_ever_by": ever_by,
        # compatibility alias (to be removed in the next release): not cumulative despite
        # its name; the same as p_no_zero_income_at_year_end[year]["p"]
        "p_cleared_by": {y: v["p"] for y, v in at_year_end.items()},
        "clearance_year": {"p05": q(0.05), "p50": q(0.5), "p95": q(0.95),
                           "share_never": float(never)},
        "income_quantiles": income_q,
        "mean_income_yuan": per_year(annual, "mean_income_yuan"),
        "share_income_ge_50k": per_year(annual, "share_income_ge_50k"),
        "share_income_ge_100k": per_year(annual, "share_income_ge_100k"),
        "gini": per_year(annual, "gini"),
        "model_mix": model_mix,
        "model_mix_by_cohort": mix_by_cohort,
        "projects_started": band(totals["projects_started"]),
        "projects_failed": band(totals["projects_failed"]),
        "grants_yuan": grants,
        "fiscal_cost_yuan": per_year(annual, "fiscal_cost_yuan"),
        "county_fiscal_cost_yuan": per_year(annual, "county_fiscal_cost_yuan"),
        "part_a_cost_yuan": per_year(annual, "part_a_yuan"),
        "misused_yuan": band(totals["misused_yuan"]),
        "grant_yuan_per_income_yuan": band(public / project_income.where(project_income > 0))
        if (project_income > 0).all() else None,
        "poor_household_jobs": per_year(annual, "poor_household_jobs"),
    }
