"""The array engine reuses freed memory (``vcsim.memory``): runs after the first take far
fewer page faults, and ``VCSIM_MALLOC=system`` leaves malloc as it is. Real processes:
malloc's settings are the process's own."""

import json
import os
import subprocess
import sys

import pytest

CODE = """
import json, resource
from vcsim.experiments.roster import load_default_roster
from vcsim.memory import keep_freed_memory
from vcsim.model import make_params
from vcsim.model.vector import VectorEngine
roster, params = load_default_roster(), make_params()
VectorEngine(roster, params, 1, range(100)).run()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    VectorEngine(roster, params, 1, range(100)).run()
faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 5
print("RESULT " + json.dumps({"applied": keep_freed_memory(), "faults_per_run": faults}))
"""


def faults(malloc: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "VCSIM_MALLOC"}
    if malloc:
        env["VCSIM_MALLOC"] = malloc
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=True)
    return json.loads([x for x in out.stdout.splitlines() if x.startswith("RESULT ")][-1][7:])


@pytest.mark.slow
def test_runs_reuse_freed_memory_unless_told_not_to():
    kept, system = faults(None), faults("system")
    assert kept["applied"] and not system["applied"]
    # 100 replicates of the default county: about 6,400 page faults a run with
    # malloc's own settings, under 1,000 with the memory kept
    assert kept["faults_per_run"] < 0.5 * system["faults_per_run"], (kept, system)
