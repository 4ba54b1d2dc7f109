"""vcsim: an agent-based simulator of a county's village collective-economy programme.

One import name for the whole package. The repository keeps the simulation, the
experiments and the scenario files in its top-level folders ``model/``,
``experiments/`` and ``scenarios/``; installed, they are ``vcsim.model``,
``vcsim.experiments`` and ``vcsim.scenarios``, so nothing of this project can clash
with a user's own ``model.py`` or ``experiments/``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("vcsim")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

# The Python API (experiments/api.py), imported on first use so `import vcsim` stays light.
_API = ("run", "compare", "sweep", "calibrate", "load_scenario", "params", "RunResult",
        "CompareResult", "SweepResult", "CalibrationResult")
__all__ = [*_API, "InputError", "__version__"]


def __getattr__(name: str):
    if name in _API:
        from vcsim.experiments import api
        return getattr(api, name)
    if name == "InputError":
        from vcsim.experiments.errors import InputError
        return InputError
    raise AttributeError(f"module 'vcsim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
