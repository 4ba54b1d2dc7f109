"""docs/outputs.md is current and complete, and every results folder carries its
provenance: real commands are run and every column and key they write must be declared."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from vcsim.experiments.data_dictionary import DOC_PATH, FILES, markdown, names
from vcsim.model.outputs import TABLES

PROVENANCE_KEYS = {"vcsim_version", "git", "python", "packages", "command", "scenario_hashes",
                   "roster_hash", "seed", "replicates", "engine"}

EXPERIMENT = '''
scenario = "baseline"
design = "lhs"
samples = 6
replicates = 2
outputs = ["zero_income_villages", "mean_income_yuan"]
[parameters]
"selection.quality_sd" = [0.2, 0.7]
"village.self_start_per_year" = [0.0, 0.1]
'''


def _vcsim(*args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "vcsim.experiments.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("outputs")
    _vcsim("run", "baseline", "-r", "2", "--engine", "vector", "-q", "-o", str(tmp / "run"))
    _vcsim("compare", "baseline", "uniform_grants", "-r", "2", "-w", "1", "-q", "-o", str(tmp / "cmp"))
    (tmp / "exp.toml").write_text(EXPERIMENT, encoding="utf-8")
    _vcsim("sweep", str(tmp / "exp.toml"), "-w", "1", "-q", "-o", str(tmp / "sweep"))
    # an outcome that happens in some runs and not others: above the runs' median
    runs = pd.read_parquet(tmp / "sweep" / "runs")
    median = runs.loc[runs.year == 2025, "mean_income_yuan"].median()
    _vcsim("discover", str(tmp / "sweep"), "--outcome", f"mean_income_yuan[2025] > {median:.0f}", "-q")
    replicates = _vcsim("replicates", "baseline", "--measure", "cleared", "--year", "2020",
                        "--half-width", "0.2", "--json", "-q").stdout
    return tmp, json.loads(replicates)


def test_outputs_doc_is_current():
    assert DOC_PATH.read_text(encoding="utf-8") == markdown(), \
        "run `python -m vcsim.experiments.data_dictionary` to update docs/outputs.md"


def _keys(path):
    return set(json.loads(path.read_text(encoding="utf-8")))


def test_every_column_and_key_written_is_documented(folders):
    tmp, replicates = folders
    run, cmp, sweep = tmp / "run", tmp / "cmp", tmp / "sweep"
    for table in ("annual", "villages", "projects"):
        frame = pd.read_parquet(run / f"{table}.parquet")
        assert list(frame.columns) == [c.name for c in TABLES[table]], table
        # the declared types, nulls for missing values
        assert [str(t) for t in frame.dtypes] == [c.dtype for c in TABLES[table]], table
    roster = pd.read_parquet(run / "roster.parquet")
    assert [(c, str(t)) for c, t in roster.dtypes.items()] == \
        [(c.name, c.dtype) for c in FILES["roster.parquet"][1]]
    villages = pd.read_parquet(run / "villages.parquet")
    assert villages["model"].isna().any() and not (villages["model"] == "").any()
    projects = pd.read_parquet(run / "projects.parquet")
    assert projects["failed_year"].isna().any() and not (projects["end_reason"] == "").any()
    assert _keys(run / "summary.json") <= names("summary.json")
    assert set(pd.read_parquet(cmp / "comparison.parquet").columns) <= names("comparison.parquet")
    assert _keys(cmp / "comparison.json") <= names("comparison.json")
    manifest = json.loads((sweep / "manifest.json").read_text())
    params, outputs = set(manifest["parameters"]), set(manifest["outputs"])
    runs = set(pd.read_parquet(sweep / "runs").columns)
    assert runs - params - outputs <= names("runs/") and outputs <= {c.name for c in TABLES["annual"]}
    assert set(pd.read_parquet(sweep / "points.parquet").columns) - params <= names("points.parquet")
    assert _keys(sweep / "manifest.json") <= names("manifest.json")
    assert set(pd.read_parquet(sweep / "sensitivity.parquet").columns) <= names("sensitivity.parquet")
    assert _keys(sweep / "sensitivity.json") <= names("sensitivity.json")
    assert set(replicates) <= names("replicates (--json)")
    assert _keys(sweep / "discover" / "discover.json") <= names("discover.json")
    assert set(pd.read_csv(sweep / "discover" / "boxes.csv").columns) <= names("boxes.csv")
    for folder in (run, cmp, sweep, sweep / "discover"):
        assert _keys(folder / "provenance.json") <= names("provenance.json"), folder


def test_every_results_folder_has_its_provenance(folders):
    tmp, _ = folders
    comparison = json.loads((tmp / "cmp" / "comparison.json").read_text())
    scenario_folders = [tmp / "cmp" / f for f in comparison["folders"].values()]
    for folder in (tmp / "run", tmp / "cmp", *scenario_folders, tmp / "sweep"):
        record = json.loads((folder / "provenance.json").read_text())
        assert PROVENANCE_KEYS <= set(record), (folder, PROVENANCE_KEYS - set(record))
        assert record["vcsim_version"] and record["packages"]["numpy"]
        assert record["command"][1:3] in (["run", "baseline"], ["compare", "baseline"],
                                          ["sweep", str(tmp / "exp.toml")])
    top = json.loads((tmp / "cmp" / "provenance.json").read_text())
    assert set(top["scenario_hashes"]) == {"baseline", "uniform_grants"}
    one = json.loads((scenario_folders[1] / "provenance.json").read_text())
    assert set(one["scenario_hashes"]) == {"uniform_grants"}
    assert one["roster_hash"] == top["roster_hash"]
    assert set(json.loads((tmp / "sweep" / "discover" / "provenance.json").read_text())) >= {
        "vcsim_version", "command", "outcome", "experiment_hash"}


def test_every_file_documented_has_meaning_and_unit():
    for file, (_, columns) in FILES.items():
        for c in columns:
            assert c.meaning and c.unit and c.dtype, (file, c.name)
