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
