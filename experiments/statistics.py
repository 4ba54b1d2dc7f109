"""Intervals used across vcsim's analyses (one place for each rule).

Written here rather than imported from scipy.stats or statsmodels because each is a few
lines and those packages cost tens of megabytes to import in the parent process.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # standard normal 97.5% quantile


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion (95% by default). Unlike the
    normal (Wald) interval it stays inside [0, 1] and keeps its coverage near 0 and 1,
    where vcsim's probabilities often are (Brown, Cai and DasGupta 2001)."""
    if trials <= 0:
        return math.nan, math.nan
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def t_half_width(sd: float, n: int, level: float = 0.95) -> float:
    """Half-width of the t interval of a mean of ``n`` values with standard deviation
    ``sd``."""
    if n < 2:
        return math.inf
    from scipy.special import stdtrit
    return float(stdtrit(n - 1, 0.5 + level / 2) * sd / math.sqrt(n))


def paired_difference(baseline, other, level: float = 0.95) -> dict[str, float | None]:
    """The mean of per-replicate differences ``other - baseline`` with its t interval:
    replicate r of both was run on the same random numbers (common random numbers), so
    the pairs' differences are the policy's and their spread is far smaller than that of
    two independent sets of runs. Pairs with a missing value are left out. None where
    undefined: the mean without a pair, the interval with fewer than two."""
    import numpy as np
    d = np.asarray(other, dtype=float) - np.asarray(baseline, dtype=float)
    d = d[np.isfinite(d)]
    if len(d) == 0:
        return {"mean": None, "ci_low": None, "ci_high": None}
    mean = float(d.mean())
    if len(d) < 2:
        return {"mean": mean, "ci_low": None, "ci_high": None}
    half = t_half_width(float(d.std(ddof=1)), len(d), level)
    return {"mean": mean, "ci_low": mean - half, "ci_high": mean + half}


def probability(successes: int, trials: int) -> dict[str, float]:
    """A probability with its 95% Wilson interval, as results files store it."""
    low, high = wilson_interval(successes, trials)
    return {"p": successes / trials if trials else math.nan, "ci_low": low, "ci_high": high,
            "replicates": int(trials)}
