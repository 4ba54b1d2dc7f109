"""Compiled code: numba imported only when something is compiled, and an on-disk cache of
compiled code that never goes stale.

numba's own cache (``cache=True``) keys a compiled function on the source of the file
that defines it and nothing else. A kernel that calls functions of another module (the
business models' cash, the policy rules) therefore kept running the old code after
that module was edited, and a renamed module met entries of its old name. Here every
compiled function of vcsim is cached in one directory named by a hash of the source of
every module of ``vcsim.model`` and of this file, and of the numba, llvmlite, numpy and
Python versions: any edit to the model compiles everything afresh (once, 35-45 s
of CPU time), and code compiled from other sources is never found.

Model modules mark the plain Python functions that compiled code calls with
:func:`jitable`; that imports nothing, so ``vcsim validate`` and ``vcsim --help`` never
load numba. Modules that hold compiled code get numba from :func:`numba`, which imports
it, points its cache at that directory and registers the marked functions
(``numba.extending.register_jitable``), so the kernels compile them as they are and the
Mesa agents call the very same functions interpreted.

This is the one module of the model's code that touches files: it reads the model's own
source to name the cache (numba writes the cache itself).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path

_JITABLE: list[tuple[Callable, str]] = []
_NUMBA = None


def jitable(fn: Callable | None = None, *, inline: bool = False):
    """Mark ``fn`` as compiled into the kernels that call it; it stays a plain Python
    function for everyone else (numba's ``register_jitable``, applied lazily).
    ``inline=True`` compiles it into its callers (no call, no copy of its arguments)."""
    if fn is None:
        return lambda f: jitable(f, inline=inline)
    how = "always" if inline else "never"
    _JITABLE.append((fn, how))
    if _NUMBA is not None:
        _NUMBA.extending.register_jitable(inline=how)(fn)
    return fn


def source_hash() -> str:
    """Hash of everything compiled code is built from: the source of every module of
    ``vcsim.model`` and of this module, and the compiler's and numpy's versions."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    model = Path(importlib.util.find_spec("vcsim.model").origin).parent
    for path in sorted(model.glob("*.py")) + [Path(__file__)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in ("numba", "llvmlite", "numpy"):
        digest.update(f"{package}={version(package)}\0".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:20]


def cache_dir() -> Path:
    """Where compiled code is cached: ``$NUMBA_CACHE_DIR`` (or ``~/.cache/vcsim/numba``,
    following ``$XDG_CACHE_HOME``), in a folder named by :func:`source_hash`."""
    base = os.environ.get("NUMBA_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "vcsim", "numba")
    return Path(base) / source_hash()


def is_compiled(module: str, function: str) -> bool:
    """Whether the cache in :func:`cache_dir` holds ``function`` of the model's ``module``
    for this Python, compiled by an earlier run of the same sources."""
    tag = f"py{sys.version_info.major}{sys.version_info.minor}"
    return any(cache_dir().glob(f"*/{module}.{function}-*.{tag}.nbi"))


def numba():
    """The numba module, ready for vcsim's compiled code: its cache in :func:`cache_dir`
    and every :func:`jitable` function registered. Call it before defining compiled
    functions (numba reads the cache directory when a function is decorated)."""
    global _NUMBA
    if _NUMBA is None:
        import numba as nb
        import numba.extending  # noqa: F401  (register_jitable)

        nb.config.CACHE_DIR = str(cache_dir())
        for fn, how in _JITABLE:
            nb.extending.register_jitable(inline=how)(fn)
        _NUMBA = nb
    return _NUMBA
