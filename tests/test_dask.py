"""vcsim sweep --scheduler: a Dask cluster on loopback (separate worker processes) gives
the same results as a local run, also when a worker is killed part-way; stopping vcsim
leaves the user's cluster running and clean."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from _sweep_support import (GRID_BODY, kill_group, make_inputs, run_vcsim, sorted_runs,
                            start_vcsim, vcsim_cmd, wait_for_parts, write_experiment)
from vcsim.experiments.sweep import run_sweep

pytestmark = pytest.mark.slow  # a Dask cluster of real processes


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


def _scheduler_state(client) -> tuple[set[str], int]:
    """(ids of the clients the scheduler knows, number of tasks it holds)."""
    def state(dask_scheduler):
        return sorted(dask_scheduler.clients), len(dask_scheduler.tasks)
    clients, tasks = client.run_on_scheduler(state)
    return set(clients), tasks


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_stopped_sweep_leaves_the_users_cluster_running_and_clean(signum, inputs, cluster):
    """The cluster belongs to the user: stopping vcsim stops its client and its tasks,
    never the scheduler or the workers."""
    cl, client = cluster
    client.wait_for_workers(2, timeout=60)
    workers_before = client.run(os.getpid)
    clients_before, _ = _scheduler_state(client)
    out = inputs / f"on_dask_stopped_{signum.name}"
    proc = start_vcsim("sweep", inputs / "grid.toml", "--out", out, "--scheduler",
                       cl.scheduler_address, "--chunk-size", 1, "--quiet", cwd=inputs)
    try:
        wait_for_parts(proc, out, 2)
        assert len(_scheduler_state(client)[0]) > len(clients_before)  # vcsim's client came
        os.kill(proc.pid, signum)
        _, err = proc.communicate(timeout=30)
    finally:
        kill_group(proc)
    if signum == signal.SIGTERM:
        assert proc.returncode == 143 and "stopped (SIGTERM)" in err, err
        assert "Traceback" not in err, err
    deadline = time.monotonic() + 10
    while _scheduler_state(client) != (clients_before, 0):  # its client and tasks are gone
        assert time.monotonic() < deadline, _scheduler_state(client)
        time.sleep(0.1)
    assert client.run(os.getpid) == workers_before  # the same workers, still serving
