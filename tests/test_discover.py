"""vcsim discover: PRIM and CART find where an outcome happens in a sweep."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from vcsim.experiments.discover import discover, parse_outcome
from vcsim.experiments.errors import InputError


def _toy_sweep(folder, n=800, seed=0, replicates=1):
    """A sweep folder as vcsim sweep writes it, of a toy function with a planted box:
    the outcome y happens exactly where 0.2 <= x1 <= 0.6 and x2 >= 0.7 (x3 plays no part)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(size=(n, 3))
    (folder / "runs").mkdir(parents=True)
    points = pd.DataFrame({"point": np.arange(n), "x1": x[:, 0], "x2": x[:, 1], "x3": x[:, 2]})
    points.to_parquet(folder / "points.parquet", index=False)
    inside = (x[:, 0] >= 0.2) & (x[:, 0] <= 0.6) & (x[:, 1] >= 0.7)
    rows = pd.DataFrame({"point": np.repeat(np.arange(n), replicates),
                         "replicate": np.tile(np.arange(replicates), n), "year": 0,
                         "y": np.repeat(inside.astype(float), replicates),
                         "z": rng.normal(size=n * replicates)})
    rows.to_parquet(folder / "runs" / "part-0000000-00000-aaaa.parquet", index=False)
    manifest = {"experiment_hash": "toy", "parameters": ["x1", "x2", "x3"], "outputs": ["y", "z"],
                "years": [0], "engine": "toy", "experiment": {"seed": seed}, "complete": True}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_prim_and_cart_recover_a_planted_box(tmp_path):
    sweep = _toy_sweep(tmp_path / "toy")
    result = discover(sweep, "y[0] > 0.5", density=0.95, lang="en")
    prim = result["prim"]
    assert set(prim["limits"]) == {"x1", "x2"}  # x3 plays no part
    (l1, h1), (l2, h2) = prim["limits"]["x1"], prim["limits"]["x2"]
    assert l1 == pytest.approx(0.2, abs=0.04) and h1 == pytest.approx(0.6, abs=0.04)
    assert l2 == pytest.approx(0.7, abs=0.04) and h2 == pytest.approx(1.0, abs=0.04)
    assert prim["coverage"] >= 0.85 and prim["density"] >= 0.95
    best = result["cart"][0]
    assert best["density"] >= 0.95 and best["coverage"] >= 0.85
    assert set(best["limits"]) == {"x1", "x2"}
    out = sweep / "discover"
    for name in ("discover.json", "boxes.csv", "discover.png", "provenance.json"):
        assert (out / name).is_file(), name
    table = pd.read_csv(out / "boxes.csv")
    assert {"method", "box", "parameter", "low", "high", "coverage", "density", "mass"} <= set(table.columns)
    assert set(table[table.method == "prim"].parameter) == {"x1", "x2"}


def test_outcome_expressions_are_evaluated_safely():
    outputs, years = ["zero_income_villages", "gini"], [2021, 2025]
    o = parse_outcome("zero_income_villages[2021] > 0 and not gini[2025] >= 0.5", outputs, years, "s")
    table = pd.DataFrame({("zero_income_villages", 2021): [0, 1, 2], ("gini", 2025): [0.1, 0.6, 0.2]})
    assert o.evaluate(table).tolist() == [False, False, True]
    for bad in ("__import__('os').system('true')", "gini[2025].real > 0", "gini > 0",
                "[x for x in ()]", "open('f')", "gini[2025] > 'a'", "lambda: 1"):
        with pytest.raises(InputError):
            parse_outcome(bad, outputs, years, "s")


def _vcsim(*args):
    return subprocess.run([sys.executable, "-m", "vcsim.experiments.cli", *args],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("outcome, needle", [
    ("y[0] >", "does not parse"),
    ("yy[0] > 0.5", "no output 'yy'"),
    ("y[2021] > 0.5", "years 0"),
    ("y > 0.5", "needs a year"),
    ("__import__('os')", "not allowed"),
    ("y[0] > 5", "no region"),
])
@pytest.mark.slow
def test_bad_outcome_exits_2_with_a_message(tmp_path, outcome, needle):
    sweep = _toy_sweep(tmp_path / "toy", n=100)
    proc = _vcsim("discover", str(sweep), "--outcome", outcome)
    assert proc.returncode == 2, proc.stderr
    assert needle in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_a_sweep_folder_without_runs_exits_2(tmp_path):
    sweep = _toy_sweep(tmp_path / "toy", n=50)
    for part in (sweep / "runs").iterdir():
        part.unlink()
    proc = _vcsim("discover", str(sweep), "--outcome", "y[0] > 0.5")
    assert proc.returncode == 2 and "no runs" in proc.stderr
    proc = _vcsim("discover", str(tmp_path), "--outcome", "y[0] > 0.5")
    assert proc.returncode == 2 and "not a vcsim sweep folder" in proc.stderr
