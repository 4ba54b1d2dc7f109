"""County outcome measures from one year's village incomes (design brief, section 2)."""

from __future__ import annotations

import numpy as np

INCOME_QUANTILES = (10, 25, 50, 75, 90)
COHORTS = (1, 2, 3, 0)  # 0 = never entered the programme


def gini(values) -> float:
    """Gini coefficient of non-negative values (losses count as zero income)."""
    x = np.sort(np.clip(np.asarray(values, dtype=float), 0.0, None))
    n = len(x)
    if n == 0 or x.sum() == 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float((2 * np.sum(ranks * x) / (n * x.sum())) - (n + 1) / n)


def income_measures(income_yuan, zero_income, cohort) -> dict[str, float]:
    """Clearance and distribution measures of one year, for one replicate."""
    income = np.asarray(income_yuan, dtype=float)
    zero = np.asarray(zero_income, dtype=bool)
    cohort = np.asarray(cohort)
    out = {
        "villages": int(len(income)),
        "zero_income_villages": int(zero.sum()),
        "zero_income_share": float(zero.mean()),
        "mean_income_yuan": float(income.mean()),
        "total_income_yuan": float(income.sum()),
        "share_income_ge_50k": float((income >= 50_000).mean()),
        "share_income_ge_100k": float((income >= 100_000).mean()),
        "gini": gini(income),
    }
    for q, v in zip(INCOME_QUANTILES, np.percentile(income, INCOME_QUANTILES)):
        out[f"income_p{q}_yuan"] = float(v)
    for c in COHORTS:
        out[f"zero_income_villages_cohort_{c}"] = int((zero & (cohort == c)).sum())
        out[f"villages_cohort_{c}"] = int((cohort == c).sum())
    return out
