"""Parameter values drawn from a calibration's posterior, one set per replicate.

``vcsim compare --posterior FILE`` and ``vcsim sweep --posterior FILE`` run each
replicate with parameters drawn from ``posterior.parquet`` (written by ``vcsim
calibrate``): replicate r takes sample i with probability weight_i, chosen by the uniform
number of stream (seed, r, "posterior") of ``model.random_streams``. The choice depends
only on the seed and the replicate, so it is reproducible, independent of workers, and
the same in every scenario of a comparison: replicate r of every scenario runs with the
same parameters and the same luck (common random numbers), and the paired differences
stay paired while the spread across replicates now carries the parameters' uncertainty
as well as luck.

Which value wins when a scenario sets a calibrated parameter itself: the posterior
replaces the values of the base scenario it was fitted on; a scenario whose own value
differs from that base (it changes that parameter on purpose) keeps its value, and a
warning names the parameter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from vcsim.experiments.errors import InputError


@dataclass
class Posterior:
    path: Path
    samples: pd.DataFrame  # one column per parameter
    weights: np.ndarray  # sum 1
    base_overrides: dict
    kinds: dict[str, str]
    calibration: str

    @property
    def keys(self) -> list[str]:
        return list(self.samples.columns)

    def digest(self) -> str:
        """Content hash (samples and weights), for sweep and results records."""
        import hashlib
        h = hashlib.sha256(pd.util.hash_pandas_object(self.samples, index=False).to_numpy().tobytes())
        h.update(self.weights.tobytes())
        return h.hexdigest()


def resample(weights: np.ndarray, seed: int, replicates) -> np.ndarray:
    """The sample index each replicate runs with: weighted choice from the uniform of
    stream (seed, replicate, "posterior")."""
    from vcsim.model.random_streams import UNIFORM as _UNIFORM, draw, stream_keys
    reps = list(replicates)
    if not reps:
        return np.zeros(0, dtype=np.int64)
    u = draw(stream_keys(seed, reps, "posterior"), 0, _UNIFORM, 1, None)[:, 0]
    cum = np.cumsum(np.asarray(weights, float))
    return np.minimum(np.searchsorted(cum, u * cum[-1], side="right"), len(cum) - 1)


def write_posterior(path: Path, samples: pd.DataFrame, *, calibration: str, base: str,
                    base_overrides: dict, priors: dict[str, dict], seed: int) -> None:
    """Write ``posterior.parquet``: ``samples`` (one column per parameter, then ``weight``
    and any others) with the record ``load_posterior`` needs in the file's metadata: the
    calibration's name, the base scenario it was fitted on and its settings, and each
    parameter's prior (``{"low", "high", "kind"}``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from vcsim.experiments.store import atomic_write
    record = {"calibration": calibration, "base": base,
              "base_overrides": {k: base_overrides[k] for k in sorted(base_overrides)},
              "parameters": priors, "seed": seed}
    table = pa.Table.from_pandas(samples, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           "vcsim_posterior": json.dumps(record, ensure_ascii=False)})
    atomic_write(Path(path), lambda fh: pq.write_table(table, fh))


def load_posterior(path: str | Path) -> Posterior:
    """Read ``posterior.parquet``; InputError naming the file and what is wrong."""
    import pyarrow.parquet as pq

    from vcsim.model.parameters import PARAMETERS
    path = Path(path)
    f = str(path)
    try:
        table = pq.read_table(path)
    except FileNotFoundError:
        raise InputError("calibrate.posterior_missing", file=f) from None
    except (OSError, ValueError) as exc:
        raise InputError("calibrate.posterior_unreadable", file=f, reason=str(exc)) from None
    meta = (table.schema.metadata or {}).get(b"vcsim_posterior")
    if meta is None:
        raise InputError("calibrate.posterior_unreadable", file=f,
                         reason="no vcsim_posterior record (not written by vcsim calibrate)")
    info = json.loads(meta)
    frame = table.to_pandas()
    keys = list(info["parameters"])
    for key in keys:
        if key not in PARAMETERS or key not in frame.columns:
            raise InputError("calibrate.posterior_parameter", file=f, key=key)
    weights = frame["weight"].to_numpy(float) if "weight" in frame else np.array([])
    if len(weights) == 0 or not np.all(np.isfinite(weights)) or (weights < 0).any() or weights.sum() <= 0:
        raise InputError("calibrate.posterior_unreadable", file=f, reason="no usable 'weight' column")
    return Posterior(path, frame[keys].reset_index(drop=True), weights / weights.sum(),
                     info.get("base_overrides", {}), {k: v["kind"] for k, v in info["parameters"].items()},
                     info.get("calibration", ""))


def kept_by_scenario(posterior: Posterior, overrides: dict) -> list[str]:
    """Calibrated parameters a scenario sets to a value of its own (differs from the
    calibration's base): the scenario keeps those."""
    missing = object()
    return [k for k in posterior.keys
            if overrides.get(k, missing) is not missing
            and overrides.get(k) != posterior.base_overrides.get(k, missing)]


def replicate_overrides(posterior: Posterior, overrides: dict, seed: int, replicates) -> list[dict]:
    """The scenario's settings for each replicate, with the posterior's values for the
    calibrated parameters the scenario does not change itself."""
    keep = set(kept_by_scenario(posterior, overrides))
    picks = resample(posterior.weights, seed, replicates)
    out = []
    for i in picks:
        row = posterior.samples.iloc[int(i)]
        drawn = {k: (int(round(row[k])) if posterior.kinds.get(k) == "int" else float(row[k]))
                 for k in posterior.keys if k not in keep}
        out.append({**overrides, **drawn})
    return out
