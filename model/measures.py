"""County outcome measures from one year's village incomes (design brief, section 2).

Written for many replicates at once (rows) so that every engine computes them with the
same arithmetic; ``income_measures`` is the one-replicate form the agents use.
"""

from __future__ import annotations

import numpy as np

INCOME_QUANTILES = (10, 25, 50, 75, 90)
COHORTS = (1, 2, 3, 0)  # 0 = never entered the programme


def gini_rows(values, presorted: bool = False) -> np.ndarray:
    """Gini coefficient of each row of non-negative values (losses count as zero);
    ``presorted``: each row is sorted already."""
    x = np.atleast_2d(np.asarray(values, dtype=float))
    x = np.clip(x if presorted else np.sort(x, axis=1), 0.0, None)  # (clipping keeps the order)
    n = x.shape[1]
    total = x.sum(1)
    if n == 0:
        return np.zeros(len(x))
    ranks = np.arange(1, n + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = 2 * (ranks * x).sum(1) / (n * total) - (n + 1) / n
    return np.where(total > 0, g, 0.0)


def percentiles_of_sorted(rows: np.ndarray, percents) -> np.ndarray:
    """``np.percentile(rows, percents, axis=1)`` (its default, linear method) of rows
    already sorted: the same numbers (``tests/test_model.py`` checks them against numpy),
    without numpy sorting the rows again for each call (ten times faster; the year's
    measures sort the incomes once, for the Gini too)."""
    n = rows.shape[1]
    q = np.true_divide(np.asarray(percents, dtype=float), 100)
    virtual = (n - 1) * q  # numpy's virtual index of its linear method
    below = np.floor(virtual)
    top = virtual >= n - 1  # at or past the last value: the last value (as numpy)
    gamma = virtual - np.where(top, -1.0, below)
    lower = np.where(top, n - 1, below.astype(np.intp))
    upper = np.where(top, n - 1, lower + 1)
    a, b = rows[:, lower], rows[:, upper]
    diff = b - a
    return np.where(gamma >= 0.5, b - diff * (1 - gamma), a + diff * gamma).T


def gini(values) -> float:
    """Gini coefficient of non-negative values (losses count as zero income)."""
    return float(gini_rows(values)[0])


def income_measures_columns(income_yuan, zero_income, cohort) -> dict[str, np.ndarray]:
    """Clearance and distribution measures of one year: one array over rows (replicates)
    per measure."""
    income = np.atleast_2d(np.asarray(income_yuan, dtype=float))
    zero = np.atleast_2d(np.asarray(zero_income, dtype=bool))
    cohort = np.atleast_2d(np.asarray(cohort))
    n = income.shape[1]
    columns = {
        "villages": np.full(len(income), n),
        "zero_income_villages": zero.sum(1),
        "zero_income_share": zero.mean(1),
        "mean_income_yuan": income.mean(1),
        "total_income_yuan": income.sum(1),
        "share_income_ge_50k": (income >= 50_000).mean(1),
        "share_income_ge_100k": (income >= 100_000).mean(1),
    }
    ordered = np.sort(income, axis=1)
    columns["gini"] = gini_rows(ordered, presorted=True)
    for q, v in zip(INCOME_QUANTILES, percentiles_of_sorted(ordered, INCOME_QUANTILES)):
        columns[f"income_p{q}_yuan"] = v
    for c in COHORTS:
        columns[f"zero_income_villages_cohort_{c}"] = (zero & (cohort == c)).sum(1)
        columns[f"villages_cohort_{c}"] = (cohort == c).sum(1)
    return columns


def income_measures(income_yuan, zero_income, cohort) -> dict[str, float]:
    """Clearance and distribution measures of one year, for one replicate."""
    columns = income_measures_columns(income_yuan, zero_income, cohort)
    ints = {"villages", "zero_income_villages"} | {k for k in columns if "_cohort_" in k}
    return {k: (int(v[0]) if k in ints else float(v[0])) for k, v in columns.items()}
