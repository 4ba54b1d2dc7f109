"""``vcsim replicates``: how many replicates a question needs, found by running them.

A planner asks: is 100 replicates enough to know the chance that no village is left at
zero income at the end of 2021 to within 5 percentage points? ``vcsim replicates
baseline --measure cleared --year 2021 --half-width 0.05`` answers by running batches of
replicates (0, 1, 2, ... of the seed, the same runs ``vcsim run`` makes) until the 95%
interval of the measure is that narrow, and prints the replicates it took, the interval
reached and the runs used.

Measures: any county measure of ``annual.parquet`` (a mean over replicates, with a t
interval), or a probability with a Wilson score interval (a proper binomial interval,
not the normal approximation that collapses at 0 and 1):

* ``cleared``: no zero-income village at the end of the year;
* ``cleared_ever``: the county has had a year with no zero-income village by then.

Each batch is sized from what the runs so far say (the variance, or the proportion) to
reach the target, plus a small margin, and capped so a wrong first estimate costs little.
The interval reached is that of all the runs made. Choosing when to stop from the data
can make the coverage slightly below 95%; the margin is there to keep that small.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from vcsim.experiments.errors import InputError, did_you_mean_msg

PROBABILITIES = {
    "cleared": "no zero-income village at the end of the year",
    "cleared_ever": "a year with no zero-income village by the end of the year (cumulative)",
}
FIRST_BATCH = 20         # runs before the first estimate
MARGIN = 1.1             # aim 10% past the estimate, so a noisy estimate rarely stops short
DEFAULT_MAX = 5000


@dataclass
class ReplicatesAnswer:
    """What ``vcsim replicates`` found."""
    scenario: str
    measure: str
    year: int
    half_width_target: float
    seed: int
    engine: str
    reached: bool           # the target was reached within max_replicates
    replicates: int         # replicates run: with them the interval is as narrow as asked
    replicates_needed: int  # what all the runs say the target needs (at most ``replicates``
                            # when reached; the runs overshoot by the batches' margin)
    estimate: float
    ci_low: float
    ci_high: float
    half_width: float
    interval: str           # "wilson" or "t"
    batches: list[int]      # replicates run in each batch
    seconds: float

    def to_dict(self) -> dict:
        return asdict(self)


def accepted_measures() -> list[str]:
    """Every measure ``--measure`` accepts: the probabilities, then the county measures."""
    from vcsim.model.outputs import ANNUAL
    return list(PROBABILITIES) + [c.name for c in ANNUAL if c.name not in ("replicate", "year")]


def check_request(scenario, measure: str, year: int, half_width: float) -> None:
    """InputError for a measure, year or half-width that cannot be answered."""
    accepted = accepted_measures()
    if measure not in accepted:
        raise InputError("replicates.unknown_measure", measure=measure,
                         hint=did_you_mean_msg(measure, accepted), accepted=", ".join(accepted))
    end = scenario.params().simulation.end_year
    if not 2019 <= year <= end:
        raise InputError("replicates.bad_year", year=year, file=scenario.path, first=2019, last=end)
    if not (math.isfinite(half_width) and half_width > 0):
        raise InputError("replicates.bad_half_width", value=half_width)
    if measure in PROBABILITIES and half_width >= 0.5:
        raise InputError("replicates.half_width_probability", value=half_width)


def values_of(annual_tables, measure: str, year: int) -> list[float]:
    """The measure at ``year`` in each replicate's annual table."""
    out = []
    for table in annual_tables:
        zero = table["zero_income_villages"].to_numpy()
        years = table["year"].to_numpy()
        at = years == year
        if measure == "cleared":
            out.append(float(zero[at][0] == 0))
        elif measure == "cleared_ever":
            out.append(float((zero[years <= year] == 0).any()))
        else:
            out.append(float(table[measure].to_numpy()[at][0]))
    return out


def interval(values: list[float], probability: bool) -> tuple[float, float, float]:
    """(estimate, low, high): Wilson for a probability, t for a mean."""
    from vcsim.experiments.statistics import t_half_width, wilson_interval
    n = len(values)
    mean = sum(values) / n
    if probability:
        low, high = wilson_interval(round(sum(values)), n)
        return mean, low, high
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else math.inf
    half = t_half_width(sd, n)
    return mean, mean - half, mean + half


def needed(values: list[float], probability: bool, target: float) -> int:
    """Replicates the runs so far say the target needs."""
    from vcsim.experiments.statistics import Z95, wilson_interval
    n = len(values)
    mean = sum(values) / n
    if probability:
        # smallest m whose Wilson interval at this proportion is narrow enough (the
        # half-width falls as m grows); bisection on m
        def half(m):
            lo, hi = wilson_interval(mean * m, m)
            return (hi - lo) / 2
        lo, hi = 1, 2
        while half(hi) > target:
            hi *= 2
        while lo < hi:
            mid = (lo + hi) // 2
            if half(mid) > target:
                lo = mid + 1
            else:
                hi = mid
        return hi
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    return max(2, math.ceil(Z95 ** 2 * var / target ** 2))


def find_replicates(scenario, measure: str, year: int, half_width: float, *, roster=None,
                    seed: int = 1, engine: str = "vector", max_replicates: int = DEFAULT_MAX,
                    progress=None) -> ReplicatesAnswer:
    """Run replicates 0, 1, 2, ... in batches until the 95% interval of ``measure`` at
    ``year`` has half-width at most ``half_width`` (or ``max_replicates`` are spent)."""
    from vcsim.experiments.engines import check_engine, simulate
    from vcsim.model.parameters import make_params
    check_engine(engine)
    check_request(scenario, measure, year, half_width)
    if roster is None:
        from vcsim.experiments.roster import load_default_roster
        roster = load_default_roster()
    # a year's measures do not depend on later years: stop the runs at its end
    params = make_params({**scenario.overrides, "simulation.end_year": year})
    probability = measure in PROBABILITIES
    values: list[float] = []
    batches: list[int] = []
    start = time.perf_counter()
    goal = FIRST_BATCH
    while True:
        size = max(1, min(goal, max_replicates) - len(values))
        reps = list(range(len(values), len(values) + size))
        values += values_of(simulate(params, roster, seed, reps, engine), measure, year)
        batches.append(size)
        estimate, low, high = interval(values, probability)
        reached = (high - low) / 2 <= half_width
        if progress:
            progress(len(values), estimate, low, high)
        if reached or len(values) >= max_replicates:
            break
        aim = math.ceil(needed(values, probability, half_width) * MARGIN)
        # at least 20% more runs (progress), at most double (a poor first estimate of a
        # rare event costs little)
        goal = min(max(aim, math.ceil(len(values) * 1.2)), 2 * len(values) + FIRST_BATCH)
    return ReplicatesAnswer(
        scenario=scenario.name, measure=measure, year=int(year), half_width_target=half_width,
        seed=int(seed), engine=engine, reached=bool(reached), replicates=len(values),
        replicates_needed=int(needed(values, probability, half_width)) if len(values) > 1 else len(values),
        estimate=estimate, ci_low=low, ci_high=high, half_width=(high - low) / 2,
        interval="wilson" if probability else "t", batches=batches,
        seconds=round(time.perf_counter() - start, 2))


# ------------------------------------------------------------------------------ command line


def add_command(sub) -> None:
    from vcsim.experiments.cli import _positive_int, _seed
    p = sub.add_parser("replicates", help="how many replicates give a 95%% interval of a given "
                       "half-width for a measure (found by running)")
    p.add_argument("scenario", help="scenario .toml file, or a shipped name such as 'baseline'")
    p.add_argument("--measure", "-m", required=True,
                   help="'cleared' (no zero-income village at the end of the year), "
                        "'cleared_ever' (such a year by then), or a county measure of "
                        "annual.parquet such as zero_income_villages, mean_income_yuan")
    p.add_argument("--year", "-y", type=int, required=True, help="the year of the measure")
    p.add_argument("--half-width", type=_positive_float, required=True,
                   help="the 95%% interval's half-width wanted, in the measure's unit "
                        "(a probability: e.g. 0.05 for ±5 points)")
    p.add_argument("--seed", "-s", type=_seed, default=1, help="seed (default 1)")
    p.add_argument("--roster", type=Path, help="village roster (.csv or .xlsx); default: the "
                   "built-in county")
    p.add_argument("--engine", default="vector", help="vector (default) or agents")
    p.add_argument("--max-replicates", type=_positive_int, default=DEFAULT_MAX,
                   help=f"stop here if the target is not reached (default {DEFAULT_MAX})")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.set_defaults(handler=cmd_replicates)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a number above 0, got {text}")
    return value


def cmd_replicates(args) -> int:
    import json

    from vcsim.experiments.cli import _load_roster
    from vcsim.experiments.engines import check_engine
    from vcsim.experiments.messages import text
    from vcsim.experiments.scenario import load_scenario
    check_engine(args.engine)
    scenario = load_scenario(args.scenario)
    check_request(scenario, args.measure, args.year, args.half_width)
    roster = _load_roster(args.roster, args.seed)

    def progress(n, estimate, low, high):
        if not args.quiet:
            print(text("replicates.progress", runs=n, estimate=estimate, low=low, high=high,
                       half=(high - low) / 2), file=sys.stderr)

    answer = find_replicates(scenario, args.measure, args.year, args.half_width, roster=roster,
                             seed=args.seed, engine=args.engine,
                             max_replicates=args.max_replicates, progress=progress)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        key = "replicates.answer" if answer.reached else "replicates.not_reached"
        print(text(key, replicates=answer.replicates, needed=answer.replicates_needed, measure=answer.measure, year=answer.year,
                   scenario=answer.scenario, target=answer.half_width_target,
                   estimate=answer.estimate, low=answer.ci_low, high=answer.ci_high,
                   half=answer.half_width, interval=answer.interval,
                   batches=" + ".join(map(str, answer.batches)), seconds=answer.seconds))
    return 0
