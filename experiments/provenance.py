"""Where a results folder came from: ``provenance.json`` in every folder vcsim writes.

It records what is needed to reproduce or audit a result: the vcsim version and, when
the package runs from a git checkout, its commit (and whether the tree had
uncommitted changes); Python and the versions of the packages that decide the numbers;
the command line; and content hashes of the scenario settings and the roster, so two
folders can be told apart without rerunning them.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import sys
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

FILE = "provenance.json"
# packages whose versions can move a result (numerics, tables, compiled code, the model)
KEY_PACKAGES = ("vcsim", "mesa", "numpy", "scipy", "pandas", "numba", "pyarrow", "SALib",
                "dask", "optuna", "pyabc", "matplotlib")


def package_versions() -> dict[str, str | None]:
    out = {}
    for name in KEY_PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def git_commit() -> dict[str, Any] | None:
    """The commit of the checkout vcsim runs from, or None (an installed wheel, no git)."""
    root = Path(__file__).resolve().parent.parent
    if not (root / ".git").exists():
        return None
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "uncommitted_changes": bool(dirty)}


def settings_hash(overrides: dict[str, Any]) -> str:
    """SHA-256 of a scenario's settings (dotted keys, sorted), not of its file's text:
    comments and layout do not change it."""
    text = json.dumps({k: overrides[k] for k in sorted(overrides)}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def roster_hash(roster: pd.DataFrame) -> str:
    """SHA-256 of the roster as the model reads it (row order and values)."""
    digest = hashlib.sha256()
    digest.update(",".join(map(str, roster.columns)).encode())
    digest.update(pd.util.hash_pandas_object(roster, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def provenance(*, scenarios: dict[str, dict[str, Any]] | None = None,
               roster: pd.DataFrame | None = None, seed: int | None = None,
               replicates: int | None = None, engine: str | None = None,
               extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The provenance record of a results folder.

    ``scenarios``: name -> the scenario's settings (``Scenario.overrides``)."""
    record: dict[str, Any] = {
        "vcsim_version": package_versions()["vcsim"],
        "git": git_commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": package_versions(),
        "command": [Path(sys.argv[0]).name, *sys.argv[1:]] if sys.argv and sys.argv[0] else [],
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    if scenarios is not None:
        record["scenario_hashes"] = {name: settings_hash(o) for name, o in scenarios.items()}
    if roster is not None:
        record["roster_hash"] = roster_hash(roster)
        record["villages"] = int(len(roster))
    for key, value in (("seed", seed), ("replicates", replicates), ("engine", engine)):
        if value is not None:
            record[key] = value
    record.update(extra or {})
    return record


def write_provenance(folder: Path, **kwargs: Any) -> dict[str, Any]:
    """Write ``provenance.json`` into ``folder`` (atomically) and return the record."""
    from vcsim.experiments.store import write_json
    record = provenance(**kwargs)
    write_json(Path(folder) / FILE, record)
    return record
