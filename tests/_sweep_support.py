"""Shared inputs for the compare / sweep / Dask tests: a small county (the first 30
villages of the default county), a short scenario (2019-2022), experiment files, and
ways to run the real ``vcsim`` command in a subprocess and watch the processes it starts."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import psutil

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


def start_vcsim(*args, cwd: Path, env: dict | None = None) -> subprocess.Popen:
    """The real ``vcsim`` command, running, in a session of its own (a process group the
    test can signal, or clean up, as a whole); stderr is captured as text."""
    return subprocess.Popen(vcsim_cmd(*args), cwd=cwd, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})})


def pool_processes(proc: subprocess.Popen, workers: int, timeout: float = 120) -> list[psutil.Process]:
    """The processes a running vcsim started for its pool (its workers and
    multiprocessing's resource tracker), once all are up: ``--workers N`` counts the
    command's own process, so N - 1 are started."""
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, f"vcsim ended early: {proc.communicate()[1][-2000:]}"
        assert time.monotonic() < deadline, "the pool's workers did not start"
        try:
            children = psutil.Process(proc.pid).children(recursive=True)
            lines = [" ".join(c.cmdline()) for c in children]
        except psutil.NoSuchProcess:
            continue
        if (sum("spawn_main" in line for line in lines) == workers - 1
                and any("resource_tracker" in line for line in lines)):
            return children
        time.sleep(0.05)


def wait_for_parts(proc: subprocess.Popen, out: Path, parts: int, timeout: float = 120) -> None:
    """Wait until a running sweep has stored at least ``parts`` parts."""
    deadline = time.monotonic() + timeout
    while len(list((out / "runs").glob("part-*.parquet"))) < parts:
        assert proc.poll() is None, f"the sweep ended too soon: {proc.communicate()[1][-2000:]}"
        assert time.monotonic() < deadline, "no parts appeared"
        time.sleep(0.01)


def still_running(processes: list[psutil.Process], within: float) -> list[psutil.Process]:
    """Those of ``processes`` still alive after ``within`` seconds (zombies count as gone:
    they have ended and only wait to be reaped)."""
    deadline = time.monotonic() + within
    alive = processes
    while alive:
        alive = [p for p in alive if _alive(p)]
        if not alive or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    return alive


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def kill_group(proc: subprocess.Popen) -> None:
    """Clean up after a test: SIGKILL whatever is left of vcsim's process group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.communicate(timeout=10)


def stop_with_sigterm_while_workers_run(proc: subprocess.Popen, workers: int = 2) -> str:
    """SIGTERM to a running vcsim once its pool's workers have tasks in hand; checks that
    nothing of its pool outlives it, that it exits with 143 saying it stopped, without a
    traceback; returns its stderr."""
    try:
        pool = pool_processes(proc, workers=workers)
        time.sleep(1.0)  # the workers have tasks in hand
        assert proc.poll() is None, "the command finished before it could be stopped"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        left = still_running(pool, within=5)
        assert not left, [p.cmdline() for p in left]
    finally:
        kill_group(proc)
    assert proc.returncode == 143, err
    assert "stopped (SIGTERM)" in err and "Traceback" not in err, err
    return err
