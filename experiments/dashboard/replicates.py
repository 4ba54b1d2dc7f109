"""The dashboard's replicate panel: N replicates of the current settings against the
scenario they started from, with common random numbers (the same seed and replicate
numbers for both), so the difference comes from the settings, not from luck. The current
settings' runs keep their village and project tables, from which the watch list (台账) of
those replicates is made (``experiments.watchlist.watchlist_of``, as ``vcsim watchlist``
makes it from a results folder).

The runs go through ``experiments.engines.simulate``, the one place an engine is chosen:
"agents" (the Mesa model, the reference) or "vector" (the array engine, the same numbers
much faster).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from vcsim.experiments.engines import ENGINES, simulate, simulate_detail
from vcsim.experiments.statistics import paired_difference, wilson_interval
from vcsim.experiments.messages import text
from vcsim.model.parameters import PARAMETERS, with_settings

# the programme's clearance (清零) deadline: the year the last villages enter
TARGET_YEAR = PARAMETERS["rollout.remaining_year"].default


def replicates_per_call(engine: str, n_villages: int) -> int:
    """Replicates run in one call: about a tenth of a second of work (one at a time on
    the agents), so that progress is reported, and a cancel is seen, between calls."""
    return max(1, int(0.1 / ENGINES[engine].seconds_per_run(n_villages, TARGET_YEAR - 2018)))


def zero_income_villages(params, roster: pd.DataFrame, seed: int, replicates,
                         year: int = TARGET_YEAR, engine: str = "agents") -> np.ndarray:
    """Villages with zero collective income at the end of ``year``, one per replicate.
    The runs stop at the end of ``year``: what comes later cannot change it."""
    params = with_settings(params, {"simulation.end_year": year})  # scaled settings stay scaled
    tables = simulate(params, roster, seed, list(replicates), engine)
    return np.array([table["zero_income_villages"].iloc[-1] for table in tables], dtype=int)


@dataclass
class PairedResult:
    replicates: int
    seed: int
    year: int
    current_zero: np.ndarray  # zero-income villages at the year's end, per replicate
    baseline_zero: np.ndarray
    watchlist: object = None  # experiments.watchlist.WatchList of the current settings' runs

    @property
    def p_cleared(self) -> float:
        return float(np.mean(self.current_zero == 0))

    @property
    def p_cleared_baseline(self) -> float:
        return float(np.mean(self.baseline_zero == 0))

    @property
    def p_cleared_interval(self) -> tuple[float, float]:
        return wilson_interval(int(np.sum(self.current_zero == 0)), self.replicates)

    @property
    def p_cleared_baseline_interval(self) -> tuple[float, float]:
        return wilson_interval(int(np.sum(self.baseline_zero == 0)), self.replicates)

    @property
    def difference(self) -> np.ndarray:
        return self.current_zero.astype(float) - self.baseline_zero.astype(float)

    @property
    def mean_difference(self) -> float:
        return float(self.difference.mean())

    @property
    def difference_interval(self) -> tuple[float, float]:
        """95% paired t interval of the mean difference (NaN with fewer than two pairs)."""
        d = paired_difference(self.baseline_zero, self.current_zero)
        return (math.nan, math.nan) if d["ci_low"] is None else (d["ci_low"], d["ci_high"])




def paired_comparison(current_params, baseline_params, roster: pd.DataFrame, replicates: int,
                      seed: int, year: int = TARGET_YEAR, engine: str = "agents",
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> PairedResult | None:
    """Run replicates 0..N-1 of both settings with ``seed``; None when cancelled. The
    result carries the watch list of the current settings' runs at the end of ``year``."""
    from vcsim.experiments.watchlist import watchlist_of
    cur, base = np.zeros(replicates, dtype=int), np.zeros(replicates, dtype=int)
    same = current_params.flat == baseline_params.flat
    chunk = replicates_per_call(engine, len(roster))
    stopping = with_settings(current_params, {"simulation.end_year": year})
    tables: dict[str, list] = {"villages": [], "projects": [], "annual": []}
    for start in range(0, replicates, chunk):
        if cancelled is not None and cancelled():
            return None
        reps = range(start, min(start + chunk, replicates))
        runs = simulate_detail(stopping, roster, seed, list(reps), engine)
        for name, frames in tables.items():
            frames.append(getattr(runs, name))
        cur[reps.start:reps.stop] = [t["zero_income_villages"].iloc[-1] for t in runs]
        base[reps.start:reps.stop] = (cur[reps.start:reps.stop] if same else
                                      zero_income_villages(baseline_params, roster, seed, reps, year, engine))
        if progress is not None:
            progress(reps.stop, replicates)
    f = current_params.funding
    watch = watchlist_of("current", {lang: text("dashboard.current_settings", lang) for lang in ("zh", "en")},
                         *(pd.concat(tables[t], ignore_index=True) for t in ("villages", "projects", "annual")),
                         roster, year, (f.poor_village_yuan, f.nonpoor_village_yuan))
    return PairedResult(replicates, seed, year, cur, base, watch)
