"""``vcsim compare``: several scenarios on the same replicates, paired differences.

Every scenario runs replicates 0..R-1 of one seed. Because every random draw derives
from (seed, replicate) whatever the parameters (common random numbers), replicate r of
two scenarios sees the same villages' luck, and the per-replicate difference between
them is due to the policy alone. The difference of a measure between scenario s and the
baseline b in year y is therefore estimated *paired over replicates*::

    d_r = x_{s,r,y} - x_{b,r,y}            (r = 0..R-1)
    mean = (1/R) sum d_r,   95% CI = mean ± t(0.975, R-1) · sd(d) / sqrt(R)

which is much narrower than comparing two independent sets of runs.

Cost per village cleared (``cost_per_village_cleared_yuan``), per scenario, replicate
and year y:

    cumulative public programme money from January 2019 to the end of year y
    ------------------------------------------------------------------------
    villages cleared = villages with zero collective income at the start (2018 income)
                       minus villages with zero income in year y

where public programme money is the part-B money paid from public budgets: the 5025
grants (central, province, city and county shares), pooled integrated funds and
demonstration extras (the same money ``summary.json`` divides by collective income).
Part A (party-branch guarantees, paid whatever happens to village income),
first-secretary money (from the secretaries' home agencies) and villages' own money are
not in it. It is undefined (left out of the mean and band) in a replicate where no
village was cleared; ``replicates`` says in how many it was defined.

Outputs in the output folder: one subfolder per scenario, exactly as ``vcsim run`` writes
it (``summary.json``, ``annual.parquet``, ``villages.parquet``, ``projects.parquet``);
``comparison.json`` (bands per scenario and year, paired differences against the
baseline, cost per village cleared); ``comparison.parquet`` (one row per scenario,
replicate and year: column ``scenario``, then the columns of ``annual.parquet``, then the
derived columns ``cumulative_fiscal_cost_yuan``, ``programme_yuan``,
``cumulative_programme_yuan``, ``initial_zero_income_villages``, ``villages_cleared``,
``cost_per_village_cleared_yuan``, ``cleared``).
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from vcsim.experiments.engines import (DEFAULT_ENGINE, Results, check_engine, run_cost_seconds, simulate_runs,
                                       warm_up_worker)
from vcsim.experiments.errors import InputError
from vcsim.experiments import execution
from vcsim.experiments.messages import items, table, text
from vcsim.experiments.execution import WorkPool
from vcsim.experiments.provenance import write_provenance
from vcsim.experiments.runner import collect_result, write_outputs
from vcsim.experiments.statistics import paired_difference
from vcsim.experiments.store import json_ready, write_json, write_parquet
from vcsim.experiments.summary import band

MEASURES = ("zero_income_villages", "zero_income_share", "mean_income_yuan",
            "share_income_ge_50k", "share_income_ge_100k", "gini", "fiscal_cost_yuan",
            "cumulative_fiscal_cost_yuan")
PROGRAMME_COLUMNS = ("grant_central_yuan", "grant_province_yuan", "grant_city_county_yuan",
                     "integrated_yuan", "demonstration_yuan")

COST_DEFINITION = (
    "cumulative public programme money (5025 grants from central, province, city and county "
    "budgets, integrated funds, demonstration extras; not Part A, not first-secretary or "
    "villages' own money) from 2019 to the end of the year, divided by the villages cleared "
    "= villages with zero income at the start minus villages with zero income that year; "
    "per replicate, undefined where no village was cleared")


# ------------------------------------------------------------------------------ worker side


@dataclass
class CompareContext:
    scenarios: list[tuple[str, dict, int]]  # (name, overrides, seed)
    roster: pd.DataFrame
    engine: str
    posterior: object = None  # experiments.posterior.Posterior: parameters drawn per replicate


def run_replicates(ctx: CompareContext, task: tuple[list[int], list[int]]) -> list[Results]:
    """Every table of some replicates of some scenarios (the scenarios of one seed run
    together, as one batch on the vector engine): one Results per scenario. With a
    posterior, each replicate runs with its own parameter draw."""
    indices, replicates = task
    from vcsim.model.parameters import make_params
    by_seed: dict[int, list[int]] = {}
    for i in indices:
        by_seed.setdefault(ctx.scenarios[i][2], []).append(i)
    out = {}
    for seed, group in by_seed.items():
        runs = []
        for i in group:
            overrides = ctx.scenarios[i][1]
            if ctx.posterior is None:
                params = make_params(overrides)
                runs += [(params, r) for r in replicates]
                continue
            from vcsim.experiments.posterior import replicate_overrides
            made: dict[tuple, object] = {}  # replicates that drew the same sample share it
            for r, settings in zip(replicates, replicate_overrides(ctx.posterior, overrides, seed, replicates)):
                key = tuple(sorted(settings.items()))
                if key not in made:
                    made[key] = make_params(dict(settings))
                runs.append((made[key], r))
        results = simulate_runs(runs, ctx.roster, seed, ctx.engine, detail=True)
        n = len(replicates)
        for j, i in enumerate(group):
            out[i] = _part(results, range(j * n, (j + 1) * n))
    return [out[i] for i in indices]


def _part(results: Results, runs: range) -> Results:
    """The results of consecutive runs ``runs`` of a batch, numbered from 0."""
    tables, run_of = {}, {}
    for name, run in results.run_of.items():
        lo, hi = run.searchsorted(runs.start), run.searchsorted(runs.stop)
        tables[name] = getattr(results, name).iloc[lo:hi].reset_index(drop=True)
        run_of[name] = run[lo:hi] - runs.start
    return Results(tables["annual"], tables.get("villages"), tables.get("projects"), run_of,
                   results.initial_zero_income_share[runs.start:runs.stop])


# ------------------------------------------------------------------------------ statistics


def derived_columns(annual: pd.DataFrame, initial_zero: pd.Series) -> pd.DataFrame:
    """Add cumulative money, villages cleared and cost per village cleared to one
    scenario's annual table (rows: replicate, year). ``initial_zero``: zero-income villages
    at the start, by replicate."""
    a = annual.sort_values(["replicate", "year"]).reset_index(drop=True)
    g = a.groupby("replicate", sort=False)
    a["cumulative_fiscal_cost_yuan"] = g["fiscal_cost_yuan"].cumsum()
    a["programme_yuan"] = a[list(PROGRAMME_COLUMNS)].sum(axis=1)
    a["cumulative_programme_yuan"] = a.groupby("replicate", sort=False)["programme_yuan"].cumsum()
    a["initial_zero_income_villages"] = a["replicate"].map(initial_zero).astype("int64")
    a["villages_cleared"] = a["initial_zero_income_villages"] - a["zero_income_villages"]
    cleared = a["villages_cleared"].where(a["villages_cleared"] > 0)
    a["cost_per_village_cleared_yuan"] = a["cumulative_programme_yuan"] / cleared
    a["no_zero_income_at_year_end"] = a["zero_income_villages"] == 0
    # cumulative: once a replicate has had a year-end without zero-income villages it stays
    # counted, whatever happens later (a failure can bring one back)
    a["cleared_ever_by"] = a.groupby("replicate", sort=False)["no_zero_income_at_year_end"].cummax()
    a["cleared"] = a["no_zero_income_at_year_end"]  # the old name, kept for one release
    return a


def _band_or_none(values) -> dict:
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if len(x) == 0:
        return {"mean": None, "p05": None, "p95": None, "replicates": 0}
    return {**band(x), "replicates": int(len(x))}


def comparison_summary(frames: dict[str, pd.DataFrame], baseline: str, folders: dict[str, str],
                       seeds: dict[str, int], replicates: int, extra: dict) -> dict:
    """comparison.json from each scenario's annual table with derived columns."""
    names = list(frames)
    years = sorted(set.intersection(*(set(f["year"].unique()) for f in frames.values())))
    measures, differences, cost = {}, {}, {}
    base = frames[baseline].set_index(["replicate", "year"])
    for name, f in frames.items():
        by_year = dict(tuple(f.groupby("year")))
        measures[name] = {}
        cost[name] = {}
        for y in sorted(by_year):
            g = by_year[y]
            entry = {m: band(g[m]) for m in MEASURES}
            entry["p_no_zero_income_at_year_end"] = float(g["no_zero_income_at_year_end"].mean())
            entry["p_cleared_ever_by"] = float(g["cleared_ever_by"].mean())
            entry["p_cleared"] = entry["p_no_zero_income_at_year_end"]  # the old name
            measures[name][str(y)] = entry
            cost[name][str(y)] = _band_or_none(g["cost_per_village_cleared_yuan"])
        other = f.set_index(["replicate", "year"])
        differences[name] = {}
        for y in years:
            b = base.xs(y, level="year")
            o = other.xs(y, level="year")
            reps = b.index.intersection(o.index)
            b, o = b.loc[reps], o.loc[reps]
            diffs = {m: paired_difference(b[m], o[m]) for m in MEASURES}
            for p, column in (("p_no_zero_income_at_year_end", "no_zero_income_at_year_end"),
                              ("p_cleared_ever_by", "cleared_ever_by")):
                diffs[p] = paired_difference(b[column].astype(float), o[column].astype(float))
            diffs["p_cleared"] = diffs["p_no_zero_income_at_year_end"]  # the old name
            diffs["cumulative_programme_yuan"] = paired_difference(b["cumulative_programme_yuan"],
                                                                   o["cumulative_programme_yuan"])
            differences[name][str(y)] = diffs
    same_seed = len(set(seeds.values())) == 1
    return {
        "baseline": baseline, "scenarios": names, "folders": folders,
        "seed": next(iter(seeds.values())) if same_seed else None,
        **({} if same_seed else {"seeds": seeds}),
        "replicates": int(replicates), "years": [int(y) for y in years],
        "paired": same_seed,
        **extra,
        "measures": measures, "differences": differences,
        "cost_per_village_cleared_yuan": cost,
        "definitions": {
            "differences": "paired over replicates: scenario minus baseline per replicate; "
                           "mean and 95% t interval mean ± t(0.975, R-1)·sd/√R",
            "bands": "mean and 5th/95th percentiles across replicates",
            "p_no_zero_income_at_year_end": "share of replicates with no zero-income village "
                                            "at the year's end",
            "p_cleared_ever_by": "share of replicates that have had a year-end without "
                                 "zero-income villages by the year (cumulative)",
            "p_cleared": "the same as p_no_zero_income_at_year_end (its old name, kept for "
                         "one release)",
            "cost_per_village_cleared_yuan": COST_DEFINITION,
        },
    }


# ------------------------------------------------------------------------------ running


def folder_name(name: str) -> str:
    """A scenario name made safe as a folder name."""
    safe = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._") or "scenario"
    return safe[:80]


def default_out(names: list[str]) -> Path:
    joined = "-".join(folder_name(n) for n in names)
    if len(joined) > 80:
        joined = joined[:60] + "-" + hashlib.sha1("|".join(names).encode()).hexdigest()[:8]
    return Path("results") / f"compare-{joined}"


def run_compare(scenarios: list, roster: pd.DataFrame, replicates: int, seed: int, out: Path,
                *, baseline: str | None = None, workers: int | None = None,
                scheduler: str | None = None, engine: str = DEFAULT_ENGINE,
                seeds: dict[str, int] | None = None, chunk_size: int | None = None,
                progress: bool = True, log=None, posterior=None) -> dict:
    """Run every scenario on the same replicates, write the per-scenario folders and
    comparison.json / comparison.parquet, and return the comparison.

    ``seeds`` (scenario name -> seed) breaks the common random numbers on purpose; it
    exists to show what pairing is worth and is not offered on the command line."""
    check_engine(engine)
    log = log or (lambda msg: print(msg, file=sys.stderr))
    names = [s.name for s in scenarios]
    dup = [n for n in names if names.count(n) > 1]
    if dup:
        raise InputError("compare.same_name", name=dup[0])
    baseline = baseline or names[0]
    if baseline not in names:
        raise InputError("compare.bad_baseline", baseline=baseline, names=items(names))
    folders: dict[str, str] = {}
    for n in names:
        f = folder_name(n)
        while f in folders.values():
            f += "_"
        folders[n] = f
    seeds = {n: int((seeds or {}).get(n, seed)) for n in names}
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("file.cannot_create_folder", file=out, reason=exc.strerror) from None

    ctx = CompareContext([(s.name, dict(s.overrides), seeds[s.name]) for s in scenarios],
                         roster, engine, posterior)
    if posterior is not None:
        from vcsim.experiments.posterior import kept_by_scenario
        log(text("calibrate.posterior_used", n=len(posterior.keys), file=posterior.path,
                 samples=len(posterior.weights)))
        for s in scenarios:
            kept = kept_by_scenario(posterior, s.overrides)
            if kept:
                log(text("warning.prefix", message=text("calibrate.posterior_kept", scenario=s.name,
                                                        keys=", ".join(kept))))
    by_name = {s.name: s for s in scenarios}
    pending: dict[int, list[tuple[int, Results]]] = {i: [] for i in range(len(scenarios))}
    done = dict.fromkeys(range(len(scenarios)), 0)
    frames: dict[str, pd.DataFrame] = {}
    start = time.perf_counter()
    with WorkPool(run_replicates, ctx, workers=workers, scheduler=scheduler, warm_up=warm_up_worker) as pool:
        if chunk_size is None:  # a task: some replicates of every scenario
            years = max(s.params().simulation.end_year for s in scenarios) - 2018
            per_run = run_cost_seconds(len(roster), years, engine) * len(scenarios)
            chunk_size = min(execution.chunk_size(per_run, replicates, pool.slots,
                                                  tasks_per_slot=4), replicates)
        everyone = list(range(len(scenarios)))
        tasks = [(everyone, list(range(r, min(r + chunk_size, replicates))))
                 for r in range(0, replicates, chunk_size)]
        log(text("compare.plan", scenarios=len(scenarios), replicates=replicates, seed=seed,
                 where=pool.describe()))
        with tqdm(total=len(scenarios) * replicates, unit=text("progress.unit"), desc="compare",
                  disable=not progress, file=sys.stderr) as bar:
            for (indices, reps), results in pool.imap_unordered(tasks):
                for i, result in zip(indices, results):
                    pending[i].append((reps[0], result))
                    done[i] += len(reps)
                    bar.update(len(reps))
                    if done[i] == replicates:  # this scenario is complete: write it now
                        name = scenarios[i].name
                        parts = [r for _, r in sorted(pending.pop(i), key=lambda x: x[0])]
                        frames[name] = _finish_scenario(by_name[name], Results.concat(parts), roster,
                                                        seeds[name], replicates, out / folders[name],
                                                        engine)
    elapsed = time.perf_counter() - start
    frames = {n: frames[n] for n in names}
    extra = {
        "engine": engine, "villages": int(len(roster)),
        "titles": {n: {"zh": by_name[n].title("zh"), "en": by_name[n].title("en")} for n in names},
        "initial_zero_income_villages": {n: band(f.groupby("replicate")["initial_zero_income_villages"].first())
                                         for n, f in frames.items()},
        "seconds": round(elapsed, 2),
        # the year every village is to have an income by (清零): the baseline's last rollout step
        "clearance_year": int(by_name[baseline].params().rollout.remaining_year),
    }
    if posterior is not None:
        extra["posterior"] = {"file": str(posterior.path), "sha256": posterior.digest(),
                              "calibration": posterior.calibration, "parameters": posterior.keys,
                              "samples": int(len(posterior.weights))}
    comparison = comparison_summary(frames, baseline, folders, seeds, replicates, extra)
    long = pd.concat([f.assign(scenario=n) for n, f in frames.items()], ignore_index=True)
    long = long[["scenario"] + [c for c in long.columns if c != "scenario"]]
    write_provenance(out, scenarios={s.name: s.overrides for s in scenarios}, roster=roster,
                     seed=seed, replicates=replicates, engine=engine,
                     extra={"baseline": baseline, "seeds": seeds})
    write_parquet(out / "comparison.parquet", long)
    write_json(out / "comparison.json", json_ready(comparison))
    return comparison


def _finish_scenario(scenario, results: Results, roster, seed, replicates, folder,
                     engine) -> pd.DataFrame:
    """Write one scenario's folder exactly as ``vcsim run`` does; return its annual table
    with the derived columns."""
    result = collect_result(scenario, roster, seed, replicates, results)
    try:
        write_outputs(result, folder, roster=roster, engine=engine)
    except OSError as exc:
        raise InputError("file.cannot_write", file=folder, reason=exc.strerror) from None
    initial_zero = pd.Series({r: int(round(share * len(roster))) for r, share in
                              zip(range(replicates), results.initial_zero_income_share)})
    return derived_columns(result.annual, initial_zero)


# ------------------------------------------------------------------------------ the table


def format_comparison(c: dict) -> str:
    """A compact table in the current language: for the clearance year and the last year,
    each scenario's zero-income villages, the paired difference against the baseline,
    P(cleared) with its 95% interval, and the money."""
    from vcsim.experiments.statistics import wilson_interval
    years = c["years"]
    shown = [y for y in (c["clearance_year"], years[-1]) if y in years] or [years[-1]]
    shown = sorted(set(shown))
    b = c["baseline"]
    seed = text("compare.head_seed", seed=c["seed"]) if c.get("paired") else ""
    lines = [text("compare.head", scenarios=len(c["scenarios"]), replicates=c["replicates"],
                  seed=seed, baseline=b),
             text("compare.head_differences")]
    for y in shown:
        ys = str(y)
        rows = [[text("run.col.year"), text("compare.col.scenario"), text("compare.col.zero"),
                 text("compare.col.difference"), text("run.col.p_cleared"),
                 text("compare.col.cum_cost"), text("compare.col.per_village")]]
        for n in c["scenarios"]:
            m = c["measures"][n][ys]
            z = m["zero_income_villages"]["mean"]
            d = c["differences"][n][ys]["zero_income_villages"]
            if n == b:
                diff = text("compare.is_baseline")
            elif d["ci_low"] is None:
                diff = f"{d['mean']:+.1f}"
            else:
                diff = text("compare.ci", mean=d["mean"], low=d["ci_low"], high=d["ci_high"])
            cost = c["cost_per_village_cleared_yuan"][n][ys]
            cpv = text("compare.undefined") if cost["mean"] is None else f"{cost['mean']:,.0f}"
            cum = m["cumulative_fiscal_cost_yuan"]["mean"] / 1e6
            lo, hi = wilson_interval(round(m["p_cleared"] * c["replicates"]), c["replicates"])
            rows.append([ys, n, f"{z:.1f}", diff, f"{m['p_cleared']:.0%} ({lo:.0%}-{hi:.0%})",
                         f"{cum:.1f}", cpv])
        lines += [""] + table(rows, "<<>>>>>")
    lines += ["", text("compare.foot")]
    return "\n".join(lines)
