"""Compiled code (``vcsim.compiled``): its cache follows every edit of the model's
source, and the quick commands never load the compiler or the plotting libraries.
Both are about processes, so both are checked with real ones."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("numba", "llvmlite", "matplotlib", "mesa.visualization", "solara")


def _imported_by(args: list[str]) -> list[str]:
    """Top modules of HEAVY imported by ``vcsim ARGS`` run in a fresh interpreter."""
    code = ("import json, sys\n"
            "from vcsim.experiments.cli import main\n"
            "try:\n"
            f"    main({args!r})\n"
            "except SystemExit:\n"
            "    pass\n"
            f"print('MODULES ' + json.dumps(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=REPO).stdout
    return json.loads(out.split("MODULES ", 1)[1])


@pytest.mark.slow
@pytest.mark.parametrize("args", [["validate", str(REPO / "scenarios" / "baseline.toml")], ["--help"]])
def test_quick_commands_load_no_compiler_and_no_plotting(args):
    assert _imported_by(args) == []


RUN = """
import json, vcsim
from vcsim.compiled import cache_dir
from vcsim.experiments.engines import simulate
from vcsim.experiments.roster import load_default_roster
from vcsim.model import CollectiveEconomyModel, make_params
roster = load_default_roster().head(90).reset_index(drop=True)
params = make_params({"simulation.end_year": 2021})
vector = simulate(params, roster, 3, [0], engine="vector")[0]
agents = CollectiveEconomyModel(roster, params, 0, 3).run().annual_frame()
print("RESULT " + json.dumps({"package": vcsim.__file__, "cache": str(cache_dir()),
      "vector": vector["income_enterprise_equity_yuan"].tolist(),
      "agents": agents["income_enterprise_equity_yuan"].tolist()}))
"""


def _run_copy(root: Path) -> dict:
    """Run RUN on the copy of the package in ``root``, its standard error a terminal (where
    the first-compile note is for); the printed result and ``stderr``."""
    import pty
    import threading
    env = {**os.environ, "PYTHONPATH": str(root), "NUMBA_CACHE_DIR": str(root / "cache"),
           "VCSIM_LANG": "en"}
    terminal, child_side = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", RUN], stdout=subprocess.PIPE, stderr=child_side,
                            env=env, cwd=root)
    os.close(child_side)
    err = bytearray()

    def drain():  # the terminal's buffer is small: read it while the child runs
        while True:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the child's side closed
                return
            if not chunk:
                return
            err.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    out = proc.stdout.read().decode()
    proc.wait()
    reader.join()
    os.close(terminal)
    stderr = err.decode(errors="replace")
    assert proc.returncode == 0, stderr[-3000:]
    return {**json.loads(out.split("RESULT ", 1)[1]), "stderr": stderr}


@pytest.mark.slow
def test_editing_a_cash_function_compiles_the_kernels_afresh(tmp_path):
    """The vector engine's kernel compiles ``business_models.enterprise_equity_month``
    from another module; numba's own cache would not notice an edit there. A copy of
    the package is run, the function edited (dividends x10), run again: the vector
    engine must give the new numbers, equal to the agents' (which run the Python)."""
    package = tmp_path / "vcsim"
    shutil.copytree(REPO / "vcsim", package)
    for folder in ("model", "experiments", "scenarios"):
        shutil.copytree(REPO / folder, package / folder, ignore=shutil.ignore_patterns("__pycache__"))
    before = _run_copy(tmp_path)
    assert Path(before["package"]).parent == package  # the copy ran, not the installed package
    assert before["vector"] == before["agents"] and before["vector"][0] > 0
    # the first run says it compiles (to a terminal); the next, from the cache, does not
    assert "compiling the simulation engine" in before["stderr"]
    again = _run_copy(tmp_path)
    assert again["vector"] == before["vector"] and "compiling" not in again["stderr"]

    source = package / "model" / "business_models.py"
    text = source.read_text(encoding="utf-8")
    old = "return capital_yuan * p.models.enterprise_equity.dividend_rate * quality * paid * december"
    assert old in text
    source.write_text(text.replace(old, old.replace("dividend_rate", "dividend_rate * 10")), encoding="utf-8")
    after = _run_copy(tmp_path)
    assert after["cache"] != before["cache"]
    assert "compiling the simulation engine" in after["stderr"]  # new sources, compiled afresh
    assert after["vector"] == after["agents"]
    # 2019's dividends come from money set before any income: ten times as much
    assert after["vector"][0] == pytest.approx(10 * before["vector"][0], rel=1e-9)
