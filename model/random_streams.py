"""Random numbers indexed by (seed, replicate, purpose, key, village), not by call order.

Each (seed, replicate, purpose) gets a 64-bit key from ``numpy.random.SeedSequence(seed,
spawn_key=(replicate, purpose))``. A draw is then a counter-based hash of that key and
the draw's coordinates (month or year, distribution, village, slot): SplitMix64's
finaliser, applied twice, as in counter-based generators (Salmon et al. 2011, "Parallel
random numbers: as easy as 1, 2, 3"); a normal draw is the inverse normal distribution
function of its uniform. So:

- two scenarios run with one seed see the same number for the same village, month and
  purpose (common random numbers), however differently they behave;
- a result never depends on how many workers ran it or in which order;
- the Mesa agents (one replicate at a time) and an array engine (all villages and many
  replicates at once) compute exactly the same numbers, element by element.

The draws are plain scalar functions (:func:`uniform`, :func:`normal`) that compiled
kernels call as they are; numpy code calls the same functions compiled as ufuncs over
whole arrays (:func:`uniforms`, :func:`normals`), so every engine gets the same bits.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from vcsim.compiled import jitable, numba

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
UNIFORM, NORMAL = 0, 1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_TWO53 = 2.0 ** -53


@jitable
def _mix(x):
    """SplitMix64 finaliser (wrapping uint64 arithmetic)."""
    x = x + _GOLDEN
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


@jitable
def _counter(key, dist, village, slot):
    """Pack (key, distribution, village, slot) into 64 bits: key < 2**31, villages
    < 2**28, slots < 16."""
    head = (np.uint64(key) << np.uint64(1) | np.uint64(dist)) << np.uint64(28)
    return ((head | np.uint64(village)) << np.uint64(4)) | np.uint64(slot)


@jitable
def _unit(count, stream_key):
    """The uniform (0, 1) number of a counter in a stream: the top 53 bits of the hash."""
    z = _mix(_mix(count) ^ stream_key)
    return (np.float64(z >> np.uint64(11)) + 0.5) * _TWO53


@jitable
def uniform(stream_key, key, village, slot):
    """The uniform (0, 1) draw of a stream (``stream_keys``) at (key, village, slot)."""
    return _unit(_counter(key, UNIFORM, village, slot), stream_key)


@jitable
def normal(stream_key, key, village, slot):
    """The standard normal draw of a stream at (key, village, slot)."""
    return normal_quantile(_unit(_counter(key, NORMAL, village, slot), stream_key))


# Wichura's algorithm AS 241 (PPND16; Applied Statistics 37(3), 1988, 477-484): the
# inverse of the standard normal distribution function to about 1e-16 relative, by
# rational functions on three ranges. Written here because compiled code cannot call
# scipy's ndtri in a way numba can cache (numba-stats, the maintained numba library of
# distributions, reaches it through its address in memory, which forces a compile in
# every process), and no maintained library offers a cacheable one.
_A = (3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
      1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
      3.3430575583588128105e+4, 2.5090809287301226727e+3)
_B = (1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
      2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
      5.2264952788528545610e+3)
_C = (1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
      3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
      2.27238449892691845833e-2, 7.74545014278341407640e-4)
_D = (1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
      1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
      1.05075007164441684324e-9)
_E = (6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
      2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
      2.71155556874348757815e-5, 2.01033439929228813265e-7)
_F = (1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
      7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
      2.04426310338993978564e-15)


@jitable
def _polynomial(c, x):
    """c[0] + c[1] x + ... + c[7] x^7, by Horner's rule."""
    out = c[7]
    for k in range(6, -1, -1):
        out = out * x + c[k]
    return out


@jitable
def normal_quantile(u):
    """The standard normal quantile of ``u`` in (0, 1) (AS 241)."""
    q = u - 0.5
    if abs(q) <= 0.425:
        r = 0.180625 - q * q
        return q * _polynomial(_A, r) / _polynomial(_B, r)
    r = math.sqrt(-math.log(u if q < 0.0 else 1.0 - u))
    if r <= 5.0:
        r -= 1.6
        z = _polynomial(_C, r) / _polynomial(_D, r)
    else:
        r -= 5.0
        z = _polynomial(_E, r) / _polynomial(_F, r)
    return -z if q < 0.0 else z


@lru_cache(maxsize=None)
def _stream_key(seed: int, replicate: int, purpose: int) -> np.uint64:
    return np.random.SeedSequence(seed, spawn_key=(replicate, purpose)).generate_state(1, np.uint64)[0]


def stream_keys(seed: int, replicates, purpose: str) -> np.ndarray:
    """The 64-bit key of each replicate's stream for one purpose."""
    code, seed = PURPOSES[purpose], int(seed)
    return np.array([_stream_key(seed, int(r), code) for r in np.atleast_1d(replicates).tolist()],
                    dtype=np.uint64)


_UFUNCS: dict = {}


def _ufunc(dist: int):
    """``uniform`` or ``normal`` compiled as a numba ufunc (built on first use)."""
    if dist not in _UFUNCS:
        nb = numba()
        scalar = uniform if dist == UNIFORM else normal
        _UFUNCS[dist] = nb.vectorize(["float64(uint64, int64, int64, int64)"], cache=True)(scalar)
    return _UFUNCS[dist]


def draw(keys: np.ndarray, key: int, dist: int, n: int, width: int | None) -> np.ndarray:
    """Draws for every replicate key, village and slot: shape (R, n) or (R, n, width)."""
    slots = np.arange(1 if width is None else width)
    out = _ufunc(dist)(np.asarray(keys, np.uint64)[:, None, None], key, np.arange(n)[:, None], slots)
    return out[..., 0] if width is None else out


def draw_at(keys: np.ndarray, key: int, dist: int, villages: np.ndarray,
            width: int | None) -> np.ndarray:
    """The same numbers as ``draw`` at chosen places only: element k is replicate key
    ``keys[k]`` and village ``villages[k]``; shape (K,) or (K, width)."""
    slots = np.arange(1 if width is None else width)
    out = _ufunc(dist)(np.asarray(keys, np.uint64)[:, None], key, np.asarray(villages)[:, None], slots)
    return out[..., 0] if width is None else out


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
        return self._draw(UNIFORM, purpose, key, width)

    def normal(self, purpose: str, key: int, width: int | None = None) -> np.ndarray:
        """Standard normal draws, shape (villages,) or (villages, width)."""
        return self._draw(NORMAL, purpose, key, width)

    def _draw(self, dist: int, purpose: str, key: int, width: int | None) -> np.ndarray:
        k = (dist, purpose, key, width)
        if k not in self._cache:
            if len(self._cache) > 64:  # keys move forward with time; keep memory flat
                self._cache.clear()
            self._cache[k] = draw(self._keys[purpose], key, dist, self.n, width)[0]
        return self._cache[k]
