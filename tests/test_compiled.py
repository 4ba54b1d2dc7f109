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
from vcsim.experiments.roster import load_default_roster
from vcsim.model import CollectiveEconomyModel, make_params
from vcsim.model.vector import VectorEngine
roster = load_default_roster().head(90).reset_index(drop=True)
params = make_params({"simulation.end_year": 2021})
vector = VectorEngine(roster, params, 3, [0]).run().annual_frame()
agents = CollectiveEconomyModel(roster, params, 0, 3).run().annual_frame()
print("RESULT " + json.dumps({"package": vcsim.__file__, "cache": str(cache_dir()),
      "vector": vector["income_enterprise_equity_yuan"].tolist(),
      "agents": agents["income_enterprise_equity_yuan"].tolist()}))
"""


def _run_copy(root: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root), "NUMBA_CACHE_DIR": str(root / "cache")}
    proc = subprocess.run([sys.executable, "-c", RUN], capture_output=True, text=True, env=env, cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.split("RESULT ", 1)[1])


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

    source = package / "model" / "business_models.py"
    text = source.read_text(encoding="utf-8")
    old = "return capital_yuan * p.models.enterprise_equity.dividend_rate * quality * paid * december"
    assert old in text
    source.write_text(text.replace(old, old.replace("dividend_rate", "dividend_rate * 10")), encoding="utf-8")
    after = _run_copy(tmp_path)
    assert after["cache"] != before["cache"]
    assert after["vector"] == after["agents"]
    # 2019's dividends come from money set before any income: ten times as much
    assert after["vector"][0] == pytest.approx(10 * before["vector"][0], rel=1e-9)
