"""Shared inputs for the compare / sweep / Dask tests: a small county (the first 30
villages of the default county), a short scenario (2019-2022), experiment files, and a
way to run the real ``vcsim`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd

from vcsim.experiments.scenario import SCENARIO_DIR

VILLAGES = 30
END_YEAR = 2022


def make_inputs(folder: Path) -> Path:
    """Write roster30.csv and short.toml (baseline, ending 2022) into ``folder``."""
    from vcsim.experiments.roster import load_default_roster
    folder.mkdir(parents=True, exist_ok=True)
    load_default_roster().head(VILLAGES).to_csv(folder / "roster30.csv", index=False)
    (folder / "short.toml").write_text(textwrap.dedent(f"""\
        extends = "{(SCENARIO_DIR / 'baseline.toml').as_posix()}"
        name = "short"
        [simulation]
        end_year = {END_YEAR}
        """), encoding="utf-8")
    return folder


def write_experiment(folder: Path, name: str, body: str, roster: bool = True) -> Path:
    """An experiment file on the short scenario and the small roster."""
    head = 'scenario = "short.toml"\n' + ('roster = "roster30.csv"\n' if roster else "")
    path = folder / f"{name}.toml"
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


# 12 grid points x 4 replicates = 48 runs of about 0.05 s each
GRID_BODY = """\
    design = "grid"
    replicates = 4
    seed = 1
    outputs = ["zero_income_villages", "mean_income_yuan", "gini", "fiscal_cost_yuan"]
    [parameters]
    "funding.poor_village_yuan" = [300000, 400000, 500000, 600000]
    "funding.nonpoor_village_yuan" = [100000, 200000, 300000]
    """


def sorted_runs(folder: Path) -> pd.DataFrame:
    """The sweep's runs as any user reads them, then sorted."""
    frame = pd.read_parquet(Path(folder) / "runs")
    return frame.sort_values(["point", "replicate", "year"]).reset_index(drop=True)


def vcsim_cmd(*args) -> list[str]:
    return [sys.executable, "-m", "vcsim.experiments.cli", *map(str, args)]


def run_vcsim(*args, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(vcsim_cmd(*args), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONWARNINGS": "ignore"})
