"""Run one scenario for R replicates and write its outputs.

Outputs of ``vcsim run`` in one folder:
``summary.json`` (headline measures with uncertainty across replicates),
``annual.parquet`` (one row per replicate and year, county measures),
``villages.parquet`` (one row per replicate, village and year),
``projects.parquet`` (one row per replicate and project).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from vcsim.experiments.engines import ENGINES, Results, simulate_detail
from vcsim.experiments.messages import text
from vcsim.experiments.scenario import Scenario
from vcsim.experiments.store import atomic_write
from vcsim.experiments.summary import summarise


@dataclass
class RunResult:
    scenario: Scenario
    seed: int
    replicates: int
    annual: pd.DataFrame
    villages: pd.DataFrame
    projects: pd.DataFrame
    summary: dict
    roster: pd.DataFrame | None = None  # the villages simulated (written as roster.parquet)


def run_scenario(scenario: Scenario, roster: pd.DataFrame, replicates: int, seed: int,
                 progress: bool = True, engine: str = "agents") -> RunResult:
    """Replicates 0..R-1 of a scenario with every table, in chunks of a few seconds'
    work (progress is shown between them)."""
    params = scenario.params()
    years = params.simulation.end_year - 2018
    chunk = max(1, min(replicates, int(2.0 / ENGINES[engine].seconds_per_run(len(roster), years))))
    bar = tqdm(total=replicates, desc=f"{scenario.name}", unit=text("progress.unit"),
               disable=not progress or replicates <= 1)
    parts = []
    with bar:
        for start in range(0, replicates, chunk):
            reps = list(range(start, min(start + chunk, replicates)))
            parts.append(simulate_detail(params, roster, seed, reps, engine))
            bar.update(len(reps))
    return collect_result(scenario, roster, seed, replicates, Results.concat(parts))


def collect_result(scenario: Scenario, roster: pd.DataFrame, seed: int, replicates: int,
                   results: Results) -> RunResult:
    """Tables and summary of a scenario from its replicates' results (with detail), in
    replicate order (also used by ``vcsim compare``, which runs them elsewhere)."""
    summary = summarise(scenario, seed, replicates, roster, results.annual, results.villages,
                        results.projects, float(results.initial_zero_income_share[0]))
    return RunResult(scenario, seed, replicates, results.annual, results.villages, results.projects,
                     summary, roster)


def write_outputs(result: RunResult, out_dir: Path, *, roster: pd.DataFrame, engine: str) -> None:
    """Write every file atomically (temporary name, then rename), so a reader never
    sees a half-written file; ``provenance.json`` records where the results came from."""
    from vcsim.experiments.provenance import write_provenance
    out_dir.mkdir(parents=True, exist_ok=True)
    write_provenance(out_dir, scenarios={result.scenario.name: result.scenario.overrides},
                     roster=roster, seed=result.seed, replicates=result.replicates, engine=engine)
    atomic_write(out_dir / "summary.json",
                 lambda f: f.write(json.dumps(result.summary, ensure_ascii=False, indent=2).encode()))
    frames = [("annual", result.annual), ("villages", result.villages),
              ("projects", result.projects)]
    if result.roster is not None:  # the map of the brief draws the villages from it
        frames.append(("roster", result.roster))
    for name, frame in frames:
        atomic_write(out_dir / f"{name}.parquet", lambda f, fr=frame: fr.to_parquet(f, index=False))
