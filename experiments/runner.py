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

from vcsim.experiments.messages import text
from vcsim.experiments.scenario import Scenario
from vcsim.experiments.store import atomic_write
from vcsim.experiments.summary import summarise
from vcsim.model import CollectiveEconomyModel
from vcsim.model.outputs import conform


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


def run_replicate(params, roster: pd.DataFrame, seed: int, replicate: int):
    """One simulation; returns (annual, villages, projects, initial zero-income share)."""
    model = CollectiveEconomyModel(roster, params, replicate=replicate, seed=seed).run()
    frames = [model.annual_frame(), model.village_frame(), model.project_frame()]
    for f in frames:
        f.insert(0, "replicate", replicate)
    return (*frames, model.initial_zero_income_share())


def run_replicates_vector(params, roster: pd.DataFrame, seed: int, replicates,
                          keep_villages: bool = True):
    """Replicates on the vector engine, batched: (annual, villages, projects, initial
    zero-income share), the same tables ``run_replicate`` gives for each, stacked."""
    from vcsim.model.vector import VectorEngine
    engine = VectorEngine(roster, params, seed, replicates, keep_villages=keep_villages).run()
    villages = engine.village_frame() if keep_villages else pd.DataFrame()
    return (engine.annual_frame(), villages, engine.project_frame(),
            engine.initial_zero_income_share())


def vector_batch_size(n_villages: int) -> int:
    """Replicates run together: about two million village states at a time."""
    return max(1, 2_000_000 // max(n_villages, 1))


def run_scenario(scenario: Scenario, roster: pd.DataFrame, replicates: int, seed: int,
                 progress: bool = True, engine: str = "agents") -> RunResult:
    params = scenario.params()
    bar = tqdm(total=replicates, desc=f"{scenario.name}", unit=text("progress.unit"),
               disable=not progress or replicates <= 1)
    parts = []
    with bar:
        if engine == "vector":
            size = vector_batch_size(len(roster))
            for start in range(0, replicates, size):
                reps = range(start, min(start + size, replicates))
                parts.append(run_replicates_vector(params, roster, seed, reps))
                bar.update(len(reps))
        else:
            for rep in range(replicates):
                parts.append(run_replicate(params, roster, seed, rep))
                bar.update(1)
    return collect_result(scenario, roster, seed, replicates, parts)


def collect_result(scenario: Scenario, roster: pd.DataFrame, seed: int, replicates: int,
                   per_replicate: list) -> RunResult:
    """Tables and summary of a scenario from its replicates' ``run_replicate`` results
    (or batches of replicates from ``run_replicates_vector``), in replicate order (also
    used by ``vcsim compare``, which runs them elsewhere)."""
    annual = [r[0] for r in per_replicate]
    villages = [r[1] for r in per_replicate]
    projects = [r[2] for r in per_replicate]
    initial = per_replicate[-1][3]
    # the tables as model.outputs declares them: same types from both engines, nulls for
    # missing values
    annual_df = conform(pd.concat(annual, ignore_index=True), "annual")
    villages_df = conform(pd.concat(villages, ignore_index=True), "villages")
    # a replicate may start no project at all: keep the columns, skip the empty parts
    projects_df = conform(pd.concat([p for p in projects if len(p)] or projects[:1],
                                    ignore_index=True), "projects")
    summary = summarise(scenario, seed, replicates, roster, annual_df, villages_df,
                        projects_df, initial)
    return RunResult(scenario, seed, replicates, annual_df, villages_df, projects_df, summary,
                     roster)


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
