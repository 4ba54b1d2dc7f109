"""Freed memory kept for the next arrays (glibc's malloc), so runs do not pay page faults.

glibc's malloc serves an allocation above its mmap threshold (128 kB at first) with
fresh pages from the system and returns them when it is freed; every page then costs a
page fault when it is first written. A run of the array engine allocates a few dozen
arrays of 100 kB to several MB, and a sweep, a plan or a calibration runs thousands of
runs in one process. On the virtual machines this project is measured on, a
100-replicate run of the default county took about 6,400 page faults, a tenth or more of
its time (``perf``: ``exc_page_fault``, ``clear_page_erms``); with the settings below,
fewer than 1,000.

:func:`keep_freed_memory` sets the mmap threshold to glibc's largest (32 MiB on 64-bit
systems), so such arrays come from the heap, and the trim threshold to 512 MiB, so freed
heap memory is kept and reused rather than returned. The cost: the process keeps up to
512 MiB of freed memory until it ends. With another C library (macOS, Windows, musl) it
does nothing. Set ``VCSIM_MALLOC=system`` to leave malloc's settings as they are.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
MMAP_THRESHOLD = 32 * 1024 * 1024  # glibc's largest on 64-bit systems (DEFAULT_MMAP_THRESHOLD_MAX)
TRIM_THRESHOLD = 512 * 1024 * 1024

_applied: bool | None = None  # once per process


def keep_freed_memory() -> bool:
    """Apply the settings (once per process); whether glibc took them."""
    global _applied
    if _applied is None:
        _applied = os.environ.get("VCSIM_MALLOC") != "system" and _mallopt()
    return _applied


def _mallopt() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
