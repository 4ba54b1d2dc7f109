"""The Python API: `import vcsim` and its functions, the docs/api.md example, and the
installed package in a fresh virtual environment beside a user's own model.py."""

import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np
import pytest

import vcsim
from vcsim.model import outputs

ROOT = Path(__file__).resolve().parent.parent


def test_import_vcsim_is_light():
    code = "import sys, vcsim; print(any(m in sys.modules for m in ('pandas', 'numpy', 'mesa', 'numba')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr


@pytest.mark.slow
def test_run_returns_the_tables_and_saves_the_run_folder(tmp_path):
    r = vcsim.run("baseline", replicates=3, seed=2, engine="vector")
    assert r.villages.shape == (3 * 210 * 7, len(outputs.VILLAGES))
    assert list(r.summary["year"]) == list(range(2019, 2026))
    folder = r.save(tmp_path / "run")
    for name in ("summary.json", "annual.parquet", "villages.parquet", "projects.parquet", "provenance.json"):
        assert (folder / name).is_file()
    # the same numbers as the command line
    proc = subprocess.run([sys.executable, "-m", "vcsim.experiments.cli", "run", "baseline", "-r", "3",
                           "-s", "2", "--engine", "vector", "-q", "-o", str(tmp_path / "cli")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    import pandas as pd
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "cli" / "villages.parquet"),
                                  pd.read_parquet(folder / "villages.parquet"))


def test_bad_input_raises_the_catalogue_error():
    with pytest.raises(vcsim.InputError, match="replicates"):
        vcsim.run("baseline", replicates=0)
    with pytest.raises(vcsim.InputError, match="no_such"):
        vcsim.load_scenario("no_such_scenario")
    with pytest.raises(vcsim.InputError):
        vcsim.compare()


@pytest.mark.slow
def test_docs_api_example_runs(tmp_path):
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    proc = subprocess.run([sys.executable, "-c", "\n".join(blocks)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "zero_income_villages" in proc.stdout and "funding.poor_village_yuan" in proc.stdout
    assert (tmp_path / "results" / "api-baseline" / "provenance.json").is_file()


@pytest.mark.slow
def test_installed_package_works_beside_a_users_own_model_and_experiments(tmp_path):
    """The acceptance test of issue 12. A fresh virtual environment gets vcsim installed
    from this checkout as a wheel (non-editable, no dependencies: they come from this
    environment's site-packages through a .pth line, which adds the folder to sys.path
    without running the editable install's finder there). It runs in a folder holding its
    own model.py and experiments/, as agent-based modellers' folders do.

    What it proves: the wheel has the package's code and data (scenarios, roster), only
    under the one top-level name vcsim (its RECORD lists no other top-level name), and a
    user's own `model` / `experiments` neither shadow it nor are shadowed by it. What it
    does not: that pip resolves the dependencies from an index (they are the ones of this
    environment)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    ours = sysconfig.get_paths()["purelib"]
    (site / "deps.pth").write_text(ours + "\n", encoding="utf-8")
    # the wheel, built from the checkout by this environment's pip (no build isolation: no index)
    import shutil
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the checkout
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv*", ".ci-*", ".git", "results", "__pycache__", "build", "*.egg-info", ".pytest_cache"))
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(wheels), str(source)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(wheels.glob("vcsim-*.whl"))
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps",
                              "-q", str(wheel)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-2000:]
    record = next(site.glob("vcsim-*.dist-info")) / "RECORD"
    tops = {line.split("/")[0] for line in record.read_text().splitlines() if line}
    assert {t for t in tops if not t.endswith(".dist-info") and t != ".."} == {"vcsim"}, tops
    assert not any((site / name).exists() for name in ("model", "experiments", "scenarios"))

    work = tmp_path / "my_abm"
    (work / "experiments").mkdir(parents=True)
    (work / "model.py").write_text("raise RuntimeError('the user model.py was imported')\n")
    (work / "experiments" / "__init__.py").write_text("")
    (work / "experiments" / "cli.py").write_text("raise RuntimeError('the user experiments was imported')\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    code = ("import vcsim; r = vcsim.run('baseline', replicates=5, engine='vector'); "
            "print(r.villages.shape); import model")
    proc = subprocess.run([str(py), "-c", code], cwd=work, env=env, capture_output=True, text=True,
                          timeout=600)
    assert f"(7350, {len(outputs.VILLAGES)})" in proc.stdout, proc.stderr[-3000:]
    assert "the user model.py was imported" in proc.stderr  # the user's own model is still theirs
    where = subprocess.run([str(py), "-c", "import vcsim.experiments.cli as c; print(c.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert where.stdout.strip().startswith(str(site)), where.stdout + where.stderr
    cli = subprocess.run([str(py), "-m", "vcsim.experiments.cli", "run", "baseline", "-r", "2",
                          "--engine", "vector", "-q", "-o", "out"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=600)
    assert cli.returncode == 0, cli.stderr[-2000:]
    assert json.loads((work / "out" / "provenance.json").read_text())["vcsim_version"]


@pytest.mark.slow
def test_calibrate_then_compare_with_its_posterior(tmp_path):
    """vcsim.calibrate returns the posterior as a DataFrame; its file carries the fitted
    parameters into vcsim.compare, whose replicates then draw them."""
    import vcsim
    calibration = tmp_path / "small.toml"
    calibration.write_text(
        'base = "baseline"\nreplicates_per_sample = 2\nseed = 1\npopulation = 20\n'
        'generations = 2\npredictive_samples = 4\n'
        '[parameters]\n"tourism.occupancy_mean" = [0.15, 0.45]\n'
        '[[targets]]\nmeasure = "share_income_ge_50k"\nyear = 2019\nobserved = 0.4\nsd = 0.05\n',
        encoding="utf-8")
    cal = vcsim.calibrate(calibration, out=tmp_path / "cal")
    assert list(cal.posterior.columns[:1]) == ["tourism.occupancy_mean"]
    assert abs(cal.posterior["weight"].sum() - 1) < 1e-9
    assert len(cal.diagnostics) >= 2
    assert ((cal.posterior["tourism.occupancy_mean"] >= 0.15)
            & (cal.posterior["tourism.occupancy_mean"] <= 0.45)).all()
    plain = vcsim.compare("baseline", replicates=6, out=tmp_path / "plain")
    drawn = vcsim.compare("baseline", replicates=6, out=tmp_path / "drawn",
                          posterior=tmp_path / "cal" / "posterior.parquet")
    a = plain.comparison.query("year == 2019")["mean_income_yuan"].to_numpy()
    b = drawn.comparison.query("year == 2019")["mean_income_yuan"].to_numpy()
    assert not np.array_equal(a, b)  # the replicates ran the drawn occupancies
