"""The results store of a sweep: Parquet parts streamed to disk, a manifest, resume.

Layout of a sweep's output folder::

    manifest.json       what this folder holds: the experiment's hash (canonical
                        experiment + base scenario settings + roster + engine), the
                        experiment itself, the number of runs, the columns
    points.parquet      the design: one row per point, the parameter values as run
    runs/part-*.parquet one file per finished chunk of runs; together one Parquet dataset,
                        ``pandas.read_parquet(folder / "runs")``, one row per point,
                        replicate and year
    sensitivity.parquet, sensitivity.json   written when all runs are done
    .lock               held (flock) while a sweep writes here

Every file is written to a hidden temporary name in the same folder (``.NAME.tmp``,
which pyarrow ignores), flushed to disk, then renamed over its final name, so a sweep
killed at any moment leaves only whole parts behind. A part is named after its first
run plus a random suffix and holds whole runs (every year of each of its runs), so the
runs already done are exactly the (point, replicate) pairs found in the parts; a resumed
sweep runs only the others and never writes a run twice.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from vcsim.experiments.errors import InputError

MANIFEST = "manifest.json"
POINTS = "points.parquet"
RUNS = "runs"
LOCK = ".lock"
KEY_COLUMNS = ["point", "replicate", "year"]


_UMASK = os.umask(0)
os.umask(_UMASK)  # read once, at import (reading it means setting it)


def atomic_write(path: Path, write: Callable) -> None:
    """Write ``path`` through a hidden temporary file in the same folder, then rename,
    so a reader never sees a half-written file. The file gets the permissions a plain
    write would give (temporary files are private to their owner)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def json_ready(obj):
    """``obj`` as strict JSON takes it: dictionary keys as text, NaN and infinities as
    null, numpy scalars as Python numbers and booleans."""
    if isinstance(obj, dict):
        return {str(k): json_ready(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_ready(v) for v in obj]
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if hasattr(obj, "item"):  # a numpy scalar
        return json_ready(obj.item())
    return obj


def write_json(path: Path, data) -> None:
    atomic_write(path, lambda f: f.write(json.dumps(data, ensure_ascii=False, indent=2,
                                                    allow_nan=False).encode("utf-8")))


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    atomic_write(path, lambda f: frame.to_parquet(f, index=False))


def read_parquet(path: str | Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A parquet file as pandas reads it, the file opened by Arrow itself. Given a path
    alone, pandas opens a Python file object for Arrow, whose last reference Arrow may
    drop on one of its threads after the read returns: a process that ends just then
    aborts ("terminate called without an active exception", apache/arrow#34314; it took
    about one `vcsim discover` in eight that stopped on a bad outcome)."""
    from pyarrow.fs import LocalFileSystem
    return pd.read_parquet(str(path), columns=columns, filesystem=LocalFileSystem())


class ResultsStore:
    """One sweep's output folder. ``open`` checks the folder belongs to this experiment,
    takes the lock, and cleans temporary files a killed sweep left."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.runs_dir = self.root / RUNS
        self._lock_fd = None

    # -- opening ---------------------------------------------------------------------------
    def open(self, manifest: dict, resume: bool) -> bool:
        """Prepare the folder for this experiment; True if it already held its runs.

        Refuses (InputError) a folder of another experiment, a non-empty folder without
        ``resume``, and a folder another sweep is writing to."""
        root = self.root
        if root.exists() and not root.is_dir():
            raise InputError("store.not_a_folder", file=root)
        existing = self.read_manifest()
        has_content = root.is_dir() and any(p.name != LOCK for p in root.iterdir())
        if existing is not None and existing.get("experiment_hash") != manifest["experiment_hash"]:
            raise InputError("store.other_experiment", file=root,
                             stored=existing.get("experiment_file", "?"),
                             stored_hash=existing.get("experiment_hash", "?")[:12],
                             this=manifest["experiment_file"],
                             this_hash=manifest["experiment_hash"][:12])
        if has_content and not resume:
            if existing is not None:
                raise InputError("store.needs_resume", file=root)
            raise InputError("store.not_empty", file=root)
        if has_content and existing is None:
            raise InputError("store.nothing_to_resume", file=root, manifest=MANIFEST)
        try:
            self.runs_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError("file.cannot_create_folder", file=root, reason=exc.strerror) from None
        self._take_lock()
        for stale in self.runs_dir.glob(".*.tmp"):  # left by a sweep killed mid-write
            stale.unlink(missing_ok=True)
        for stale in root.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        if existing is None:
            write_json(root / MANIFEST, manifest)
        return existing is not None

    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no protection
            return
        fd = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise InputError("store.locked", file=self.root) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd  # released when closed or when this process dies

    def close(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- reading -----------------------------------------------------------------------------
    def read_manifest(self) -> dict | None:
        path = self.root / MANIFEST
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError("store.bad_manifest", file=path, reason=exc) from None

    def update_manifest(self, **changes) -> None:
        manifest = self.read_manifest() or {}
        manifest.update(changes)
        write_json(self.root / MANIFEST, manifest)

    def part_files(self) -> list[Path]:
        if not self.runs_dir.is_dir():
            return []
        return sorted(p for p in self.runs_dir.glob("part-*.parquet"))

    def done_runs(self) -> set[tuple[int, int]]:
        """(point, replicate) of every run stored in a part."""
        import pyarrow.parquet as pq
        done: set[tuple[int, int]] = set()
        for part in self.part_files():
            table = pq.read_table(part, columns=["point", "replicate"])
            pts = table.column("point").to_numpy()
            reps = table.column("replicate").to_numpy()
            done.update(zip(pts.tolist(), reps.tolist()))
        return done

    def read_runs(self, columns: list[str] | None = None, years: list[int] | None = None) -> pd.DataFrame:
        """Every stored row, sorted by point, replicate and year (optionally only some
        columns and years)."""
        return read_runs(self.root, columns=columns, years=years)

    # -- writing -----------------------------------------------------------------------------
    def write_part(self, frame: pd.DataFrame) -> Path:
        first = frame.iloc[0]
        name = (f"part-{int(first['point']):07d}-{int(first['replicate']):05d}-"
                f"{secrets.token_hex(4)}.parquet")
        path = self.runs_dir / name
        write_parquet(path, frame)
        return path


def read_runs(folder: str | Path, columns: list[str] | None = None,
              years: list[int] | None = None) -> pd.DataFrame:
    """A sweep's runs as one table sorted by point, replicate and year (optionally only
    some columns and years). Reads part by part, keeping only what was asked for, so the
    memory needed is that of the result."""
    import pyarrow.parquet as pq
    runs = Path(folder) / RUNS
    if not runs.is_dir():
        raise InputError("store.no_runs", file=folder, runs=RUNS)
    cols = None if columns is None else list(dict.fromkeys(KEY_COLUMNS + list(columns)))
    frames = []
    for part in sorted(runs.glob("part-*.parquet")):
        frame = pq.read_table(part, columns=cols).to_pandas()
        if years is not None:
            frame = frame[frame["year"].isin(list(years))]
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=cols or KEY_COLUMNS)
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.sort_values(KEY_COLUMNS, kind="stable").reset_index(drop=True)
    if frame.duplicated(KEY_COLUMNS).any():
        raise RuntimeError(f"{runs}: duplicate (point, replicate, year) rows; the store is damaged")
    return frame
