"""The Python API: ``import vcsim``, then ``vcsim.run``, ``vcsim.compare``, ``vcsim.sweep``,
``vcsim.load_scenario`` and ``vcsim.params``.

Each function takes the command line's options as keyword arguments and returns a
result whose tables are pandas DataFrames; ``.save(folder)`` writes the same folder the
command writes (with ``provenance.json``). Example (``docs/api.md``)::

    import vcsim
    r = vcsim.run("baseline", replicates=20, engine="vector")
    r.summary            # one row per year: the headline measures with their intervals
    r.villages.shape     # one row per replicate, village and year
    r.save("results/baseline")

Bad input raises :class:`vcsim.InputError` (the command line's exit-2 errors) with the
same bilingual message.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from vcsim.experiments.errors import InputError
from vcsim.experiments.scenario import Scenario
from vcsim.experiments.store import read_parquet

PathLike = str | Path


def load_scenario(scenario: PathLike) -> Scenario:
    """A scenario file (``.toml``) or shipped name (``"baseline"``), read and checked."""
    from vcsim.experiments.scenario import load_scenario as load
    return load(scenario)


def params() -> pd.DataFrame:
    """Every model parameter: key, meaning (in English and in Chinese), unit, default,
    plausible range and source (what ``vcsim params`` lists)."""
    from vcsim.model.parameters import PARAMETERS
    return pd.DataFrame([{"key": p.key, "meaning": p.meaning, "meaning_zh": p.meaning_zh,
                          "unit": p.unit, "default": p.default,
                          "low": p.low, "high": p.high, "kind": p.kind, "source": p.source}
                         for p in PARAMETERS.values()])


def _scenario(scenario: PathLike | Scenario) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def _roster(roster: PathLike | pd.DataFrame | None, seed: int) -> pd.DataFrame:
    from vcsim.experiments.roster import load_default_roster, read_roster
    if roster is None:
        return load_default_roster()
    if isinstance(roster, pd.DataFrame):
        return roster
    return read_roster(Path(roster), seed=seed)


def summary_table(summary: dict) -> pd.DataFrame:
    """``summary.json``'s per-year measures as one row per year."""
    rows = []
    for y in map(str, summary["years"]):
        z = summary["zero_income_villages"][y]
        at_end = summary["p_no_zero_income_at_year_end"][y]
        ever = summary["p_cleared_ever_by"][y]
        rows.append({
            "year": int(y),
            "zero_income_villages_mean": z["mean"], "zero_income_villages_p05": z["p05"],
            "zero_income_villages_p95": z["p95"],
            "p_no_zero_income_at_year_end": at_end["p"],
            "p_no_zero_income_at_year_end_low": at_end["ci_low"],
            "p_no_zero_income_at_year_end_high": at_end["ci_high"],
            "p_cleared_ever_by": ever["p"], "p_cleared_ever_by_low": ever["ci_low"],
            "p_cleared_ever_by_high": ever["ci_high"],
            "mean_income_yuan": summary["mean_income_yuan"][y]["mean"],
            "median_income_yuan": summary["income_quantiles"][y]["p50"],
            "share_income_ge_50k": summary["share_income_ge_50k"][y]["mean"],
            "gini": summary["gini"][y]["mean"],
            "fiscal_cost_yuan": summary["fiscal_cost_yuan"][y]["mean"],
        })
    return pd.DataFrame(rows)


@dataclass
class RunResult:
    """One scenario's replicates: the tables ``vcsim run`` writes, as DataFrames."""
    scenario: Scenario
    annual: pd.DataFrame
    villages: pd.DataFrame
    projects: pd.DataFrame
    summary_json: dict
    roster: pd.DataFrame = field(repr=False)
    engine: str = "agents"

    @property
    def summary(self) -> pd.DataFrame:
        """The headline measures, one row per year (``summary_json`` has them all)."""
        return summary_table(self.summary_json)

    def save(self, folder: PathLike) -> Path:
        """Write the folder ``vcsim run`` writes; returns it."""
        from vcsim.experiments.runner import RunResult as Stored, write_outputs
        s = self.summary_json
        stored = Stored(self.scenario, s["seed"], s["replicates"], self.annual, self.villages,
                        self.projects, s)
        folder = Path(folder)
        write_outputs(stored, folder, roster=self.roster, engine=self.engine)
        return folder


def run(scenario: PathLike | Scenario, *, replicates: int = 50, seed: int = 1,
        roster: PathLike | pd.DataFrame | None = None, engine: str = "agents",
        progress: bool = False) -> RunResult:
    """Run one scenario for ``replicates`` replicates (``vcsim run``).

    ``engine``: "agents" (the Mesa model, the reference) or "vector" (the same numbers,
    faster). ``roster``: a roster file, a DataFrame, or None for the built-in county."""
    from vcsim.experiments.engines import check_engine
    from vcsim.experiments.runner import run_scenario
    check_engine(engine)
    _check_count("replicates", replicates, 1)
    _check_count("seed", seed, 0)
    sc = _scenario(scenario)
    table = _roster(roster, seed)
    r = run_scenario(sc, table, replicates, seed, progress=progress, engine=engine)
    return RunResult(sc, r.annual, r.villages, r.projects, r.summary, table, engine)


def _check_count(name: str, value: Any, least: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InputError("api.bad_count", name=name, value=value, least=least)


@dataclass
class CompareResult:
    """Several scenarios on the same replicates (``vcsim compare``)."""
    folder: Path
    comparison_json: dict

    @property
    def comparison(self) -> pd.DataFrame:
        """comparison.parquet: one row per scenario, replicate and year."""
        return read_parquet(self.folder / "comparison.parquet")

    @property
    def differences(self) -> pd.DataFrame:
        """Paired differences against the baseline: one row per scenario, year and measure,
        with the mean and 95% interval."""
        rows = [{"scenario": s, "year": int(y), "measure": m, **d}
                for s, by_year in self.comparison_json["differences"].items()
                for y, by_measure in by_year.items() for m, d in by_measure.items()]
        return pd.DataFrame(rows)

    @property
    def summary(self) -> pd.DataFrame:
        """Each scenario's bands by year: one row per scenario, year and measure."""
        rows = []
        for s, by_year in self.comparison_json["measures"].items():
            for y, entry in by_year.items():
                for m, v in entry.items():
                    rows.append({"scenario": s, "year": int(y), "measure": m,
                                 **(v if isinstance(v, dict) else {"mean": v})})
        return pd.DataFrame(rows)

    def scenario(self, name: str) -> dict[str, pd.DataFrame]:
        """One scenario's tables (annual, villages, projects) as ``vcsim run`` wrote them."""
        sub = self.folder / self.comparison_json["folders"][name]
        return {t: read_parquet(sub / f"{t}.parquet") for t in ("annual", "villages", "projects")}

    @property
    def annual(self) -> pd.DataFrame:
        return self.comparison

    def save(self, folder: PathLike) -> Path:
        """Copy the compare folder (every scenario's folder, comparison files, provenance)."""
        return _copy(self.folder, Path(folder))


def compare(*scenarios: PathLike | Scenario, replicates: int = 50, seed: int = 1,
            baseline: str | None = None, roster: PathLike | pd.DataFrame | None = None,
            engine: str = "vector", workers: int | None = 1, scheduler: str | None = None,
            out: PathLike | None = None, posterior: PathLike | None = None,
            progress: bool = False) -> CompareResult:
    """Run scenarios on the same replicates and compare them with paired differences
    (``vcsim compare``). The results are written to ``out`` (default: a temporary
    folder; ``.save`` copies it). ``posterior``: a ``posterior.parquet`` from
    ``calibrate``; each replicate then draws its parameters from it."""
    from vcsim.experiments.compare import run_compare
    if not scenarios:
        raise InputError("api.no_scenarios")
    _check_count("replicates", replicates, 1)
    _check_count("seed", seed, 0)
    loaded = [_scenario(s) for s in scenarios]
    table = _roster(roster, seed)
    folder = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="vcsim-compare-"))
    result = run_compare(loaded, table, replicates, seed, folder, baseline=baseline,
                         workers=workers, scheduler=scheduler, engine=engine, progress=progress,
                         log=lambda msg: None, posterior=_posterior(posterior))
    return CompareResult(folder, result)


@dataclass
class SweepResult:
    """A finished sweep (``vcsim sweep``)."""
    folder: Path
    sensitivity_json: dict | None

    @property
    def runs(self) -> pd.DataFrame:
        """One row per point, replicate and year."""
        from vcsim.experiments.store import read_runs
        return read_runs(self.folder)

    @property
    def points(self) -> pd.DataFrame:
        return read_parquet(self.folder / "points.parquet")

    @property
    def sensitivity(self) -> pd.DataFrame | None:
        path = self.folder / "sensitivity.parquet"
        return read_parquet(path) if path.is_file() else None

    @property
    def noise_warnings(self) -> list[dict]:
        return (self.sensitivity_json or {}).get("noise_warnings", [])

    def save(self, folder: PathLike) -> Path:
        return _copy(self.folder, Path(folder))


def sweep(experiment: PathLike, *, out: PathLike | None = None, resume: bool = False,
          roster: PathLike | None = None, engine: str = "vector", workers: int | None = 1,
          scheduler: str | None = None, chunk_size: int | None = None,
          posterior: PathLike | None = None, progress: bool = False) -> SweepResult:
    """Run an experiment file (``vcsim sweep``) into ``out`` (default: a temporary
    folder; ``.save`` copies it). ``posterior`` as for ``compare``."""
    from vcsim.experiments.sweep import run_sweep
    folder = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="vcsim-sweep-"))
    result = run_sweep(experiment, folder, workers=workers, scheduler=scheduler, resume=resume,
                       roster_path=Path(roster) if roster is not None else None, engine=engine,
                       chunk_size=chunk_size, progress=progress, log=lambda msg: None,
                       posterior=_posterior(posterior))
    return SweepResult(folder, result.sensitivity)


def _posterior(path: PathLike | None):
    if path is None:
        return None
    from vcsim.experiments.posterior import load_posterior
    return load_posterior(path)


def _copy(source: Path, target: Path) -> Path:
    if target.resolve() == source.resolve():
        return target
    shutil.copytree(source, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".lock", ".*.tmp"))
    return target


@dataclass
class CalibrationResult:
    """A finished calibration (``vcsim calibrate``): the weighted posterior samples, the
    per-generation diagnostics and the posterior predictive check, as DataFrames."""
    folder: Path
    posterior: pd.DataFrame      # one row per particle: the parameters and its weight
    diagnostics: pd.DataFrame    # one row per generation: tolerance, acceptance, ESS
    predictive: pd.DataFrame     # observed against simulated, per target
    summary: dict                # calibration.json: medians and 90% intervals, targets

    def save(self, folder: PathLike) -> Path:
        return _copy(self.folder, Path(folder))


def calibrate(calibration: PathLike, *, out: PathLike | None = None,
              roster: PathLike | None = None, engine: str = "vector", workers: int | None = 1,
              scheduler: str | None = None, charts: bool = False,
              progress: bool = False) -> CalibrationResult:
    """Fit a calibration file's parameters to its observed targets by ABC-SMC
    (``vcsim calibrate``) into ``out`` (default: a temporary folder; ``.save`` copies
    it). Pass ``out/posterior.parquet`` as ``posterior=`` to ``compare`` or ``sweep``
    to carry the fitted uncertainty into them."""
    from vcsim.experiments.calibrate import _roster as calibration_roster
    from vcsim.experiments.calibrate import load_calibration, run_calibration
    from vcsim.experiments.engines import check_engine
    check_engine(engine)
    table = calibration_roster(Path(roster), 0) if roster is not None else None
    cal = load_calibration(calibration, roster=table)  # every input checked before any run
    folder = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="vcsim-calibrate-"))
    result = run_calibration(cal, folder, workers=workers, scheduler=scheduler, engine=engine,
                             progress=progress, roster=table, charts=charts, log=lambda msg: None)
    return CalibrationResult(folder, result.posterior, result.diagnostics, result.predictive,
                             result.summary)


__all__ = ["run", "compare", "sweep", "calibrate", "load_scenario", "params", "RunResult",
           "CompareResult", "SweepResult", "CalibrationResult", "summary_table", "InputError"]
