"""Random numbers indexed by (seed, replicate, purpose, key, village), not by call order.

Each (seed, replicate, purpose) gets a 64-bit key from ``numpy.random.SeedSequence(seed,
spawn_key=(replicate, purpose))``. A draw is then a counter-based hash of that key and
the draw's coordinates (month or year, distribution, village, slot): SplitMix64's
finaliser, applied twice, as in counter-based generators (Salmon et al. 2011, "Parallel
random numbers: as easy as 1, 2, 3"). So:

- two scenarios run with one seed see the same number for the same village, month and
  purpose (common random numbers), however differently they behave;
- a result never depends on how many workers ran it or in which order;
- the Mesa agents (one replicate at a time) and an array engine (all villages and many
  replicates at once) compute exactly the same numbers, element by element.
"""

from __future__ import annotations

import numba
import numpy as np
from scipy.special import ndtri

# Fixed codes: adding a purpose must never renumber the existing ones.
PURPOSES = {
    "first_secretary": 1,  # who has one, and the money they bring
    "quality": 2,          # true site and market fit of each candidate project
    "proposal": 3,         # village's judging error (议)
    "review": 4,           # review's judging error (评)
    "build": 5,            # extra construction delay
    "self_start": 6,       # village starts a project on its own
    "failure": 7,          # project fails in a month
    "partner": 8,          # partner events in a month (arrival, relocation, default, vacancy)
    "dividend": 9,         # enterprise skips the year's dividend
    "price": 10,           # yearly commodity price
    "calibration": 11,     # ABC-SMC proposals (experiments.abc), keyed by generation
    "posterior": 12,       # which posterior sample a replicate runs with (experiments.posterior)
}
_UNIFORM, _NORMAL = 0, 1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_TWO53 = 2.0 ** -53

# The two steps below are numba ufuncs: numpy code calls them on whole arrays (one pass,
# no temporaries), and compiled kernels (model.vector_kernels) call the very same code
# on scalars, so every engine gets the same bits.


@numba.njit(cache=True)
def _mix(x):
    """SplitMix64 finaliser (wrapping uint64 arithmetic)."""
    x = x + _GOLDEN
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


@numba.vectorize(["uint64(int64, int64, int64, int64)"], cache=True)
def counter(key, dist, village, slot):
    """Pack (key, distribution, village, slot) into 64 bits: key < 2**31, villages
    < 2**28, slots < 16."""
    head = (np.uint64(key) << np.uint64(1) | np.uint64(dist)) << np.uint64(28)
    return ((head | np.uint64(village)) << np.uint64(4)) | np.uint64(slot)


@numba.vectorize(["float64(uint64, uint64)"], cache=True)
def unit(count, stream_key):
    """The uniform (0, 1) number of a counter in a stream: the top 53 bits of the hash."""
    z = _mix(_mix(count) ^ stream_key)
    return (np.float64(z >> np.uint64(11)) + 0.5) * _TWO53


def stream_keys(seed: int, replicates, purpose: str) -> np.ndarray:
    """The 64-bit key of each replicate's stream for one purpose."""
    return np.array([np.random.SeedSequence(int(seed), spawn_key=(int(r), PURPOSES[purpose]))
                     .generate_state(1, np.uint64)[0] for r in np.atleast_1d(replicates)],
                    dtype=np.uint64)


def _finish(u: np.ndarray, dist: int, width: int | None) -> np.ndarray:
    out = u if dist == _UNIFORM else ndtri(u)
    return out[..., 0] if width is None else out


def draw(keys: np.ndarray, key: int, dist: int, n: int, width: int | None) -> np.ndarray:
    """Draws for every replicate key, village and slot: shape (R, n) or (R, n, width)."""
    counts = counter(key, dist, np.arange(n)[:, None], np.arange(1 if width is None else width))
    return _finish(unit(counts[None, :, :], keys[:, None, None]), dist, width)


def draw_at(keys: np.ndarray, key: int, dist: int, villages: np.ndarray,
            width: int | None) -> np.ndarray:
    """The same numbers as ``draw`` at chosen places only: element k is replicate key
    ``keys[k]`` and village ``villages[k]``; shape (K,) or (K, width)."""
    counts = counter(key, dist, np.asarray(villages)[:, None], np.arange(1 if width is None else width))
    return _finish(unit(counts, np.asarray(keys)[:, None]), dist, width)


class RandomStreams:
    """Draws for one (seed, replicate) over ``n_villages``, cached for the current key."""

    def __init__(self, seed: int, replicate: int, n_villages: int):
        self.seed = int(seed)
        self.replicate = int(replicate)
        self.n = int(n_villages)
        self._keys = {p: stream_keys(seed, [replicate], p) for p in PURPOSES}
        self._cache: dict[tuple, np.ndarray] = {}

    def uniform(self, purpose: str, key: int, width: int | None = None) -> np.ndarray:
        """Uniform (0, 1) draws, shape (villages,) or (villages, width)."""
        return self._draw(_UNIFORM, purpose, key, width)

    def normal(self, purpose: str, key: int, width: int | None = None) -> np.ndarray:
        """Standard normal draws, shape (villages,) or (villages, width)."""
        return self._draw(_NORMAL, purpose, key, width)

    def _draw(self, dist: int, purpose: str, key: int, width: int | None) -> np.ndarray:
        k = (dist, purpose, key, width)
        if k not in self._cache:
            if len(self._cache) > 64:  # keys move forward with time; keep memory flat
                self._cache.clear()
            self._cache[k] = draw(self._keys[purpose], key, dist, self.n, width)[0]
        return self._cache[k]
