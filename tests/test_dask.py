"""vcsim sweep --scheduler: a Dask cluster on loopback (separate worker processes) gives
the same results as a local run, also when a worker is killed part-way."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from _sweep_support import GRID_BODY, make_inputs, run_vcsim, sorted_runs, vcsim_cmd, write_experiment
from vcsim.experiments.sweep import run_sweep

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = make_inputs(tmp_path_factory.mktemp("dask_inputs"))
    write_experiment(folder, "grid", GRID_BODY)
    return folder


@pytest.fixture(scope="module")
def reference(inputs) -> pd.DataFrame:
    run_sweep(inputs / "grid.toml", inputs / "reference", workers=1, progress=False,
              log=lambda m: None)
    return sorted_runs(inputs / "reference")


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=":0") as cl, Client(cl) as client:
        yield cl, client


def test_dask_cluster_gives_the_local_results(inputs, reference, cluster):
    cl, _ = cluster
    out = inputs / "on_dask"
    done = run_vcsim("sweep", inputs / "grid.toml", "--out", out, "--scheduler",
                     cl.scheduler_address, "--chunk-size", 4, cwd=inputs)
    assert done.returncode == 0, done.stderr
    assert "Dask cluster" in done.stderr
    pd.testing.assert_frame_equal(sorted_runs(out), reference, check_exact=True)


def test_dask_reschedules_the_tasks_of_a_killed_worker(inputs, reference, cluster):
    cl, client = cluster
    client.wait_for_workers(2, timeout=60)
    out = inputs / "on_dask_killed"
    proc = subprocess.Popen(vcsim_cmd("sweep", inputs / "grid.toml", "--out", out, "--scheduler",
                                      cl.scheduler_address, "--chunk-size", 1, "--quiet"),
                            cwd=inputs, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    try:
        while len(list((out / "runs").glob("part-*.parquet"))) < 4:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        pids = client.run(os.getpid)  # worker address -> process id
        while True:  # kill a worker that has a task in hand
            busy = [a for a, keys in client.processing().items() if keys and a in pids]
            if busy:
                break
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(pids[busy[0]], signal.SIGKILL)
        _, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    parts = len(list((out / "runs").glob("part-*.parquet")))
    assert parts == 48  # chunks of one run: every run stored exactly once
    final = sorted_runs(out)
    assert not final.duplicated(["point", "replicate", "year"]).any()
    pd.testing.assert_frame_equal(final, reference, check_exact=True)
