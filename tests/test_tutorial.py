"""docs/tutorial.md runs as written: every ```bash block, in order, in a fresh folder
laid out like the repository (scenarios/ beside it)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_tutorial_commands_run(tmp_path):
    text = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    assert len(blocks) >= 5
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    script = "set -euo pipefail\n" + "\n".join(blocks)
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = tmp_path / "results"
    assert (out / "tutorial-plans" / "comparison.json").exists()
    assert (out / "tutorial-plans" / "brief_en" / "brief.pdf").exists()
    assert (out / "tutorial-sobol" / "sensitivity.parquet").exists()
    assert "ST" in proc.stdout and "selection.quality_sd" in proc.stdout
    assert (out / "tutorial-calibration" / "posterior.parquet").exists()
    assert (out / "tutorial-calibration" / "marginals_zh.png").exists()
    assert (out / "tutorial-posterior" / "comparison.json").exists()
    # section 4: the planner's path on their own county
    assert "funding.grant_pool_yuan = 15,000,000 yuan" in proc.stdout
    assert (out / "my-county" / "watchlist" / "watchlist.xlsx").exists()
    assert (out / "my-plan" / "plan.json").exists() and (out / "my-plan" / "best.toml").exists()
    assert "verified on 160 fresh replicates" in proc.stdout
    assert (out / "my-county-plan" / "brief" / "brief.pdf").exists()

    # the tutorial's Sobol example measures signal: no replicate-noise warning
    import json
    sensitivity = json.loads((out / "tutorial-sobol" / "sensitivity.json").read_text(encoding="utf-8"))
    assert sensitivity["noise_warnings"] == [] and "warnings: []" in proc.stdout


def test_tutorial_calibration_is_the_shipped_example():
    """The calibration the tutorial writes out is experiments/calibration_example.toml,
    word for word, so the shipped example is run as written."""
    text = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    inline = re.search(r"cat > plans/calibration_example.toml <<'EOF'\n(.*?)EOF\n", text, re.S)
    shipped = (ROOT / "experiments" / "calibration_example.toml").read_text(encoding="utf-8")
    assert inline and inline.group(1) == shipped
