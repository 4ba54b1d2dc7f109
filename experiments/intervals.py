"""Intervals for the probabilities vcsim reports (one place, used by the command line,
the brief and the dashboard).

A probability estimated from R replicates (the share of replicates in which every village
has cleared) is a binomial proportion. Its 95% interval is Wilson's score interval, which
stays inside [0, 1] and is sensible at 0 and 1, where mean +- 2 se is not.
"""

from __future__ import annotations

import math

from scipy import stats


def wilson(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for ``successes`` out of ``n`` (0..1; (0, 1) when n is 0)."""
    if n == 0:
        return (0.0, 1.0)
    z = stats.norm.ppf(0.5 + level / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (float(max(0.0, centre - half)), float(min(1.0, centre + half)))


def share_interval(share: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson interval for a share of ``n`` replicates given as a fraction."""
    return wilson(int(round(share * n)), n, level)
