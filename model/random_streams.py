"""Random numbers indexed by (seed, replicate, purpose, key, village), not by call order.

Every draw comes from ``numpy.random.SeedSequence(seed, spawn_key=(replicate, purpose,
key, distribution))`` and is an array over all villages. So:

- two scenarios run with one seed see the same numbers for the same village, month and
  purpose (common random numbers), however differently they behave;
- a result never depends on how many workers ran it or in which order;
- an engine that handles all villages at once gets exactly the numbers the Mesa agents
  get one by one.
"""

from __future__ import annotations

import numpy as np

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
}


class RandomStreams:
    """Draws for one (seed, replicate), cached for the current key."""

    def __init__(self, seed: int, replicate: int, n_villages: int):
        self.seed = int(seed)
        self.replicate = int(replicate)
        self.n = int(n_villages)
        self._cache: dict[tuple, np.ndarray] = {}

    def _generator(self, dist: str, purpose: str, key: int) -> np.random.Generator:
        dist_code = 0 if dist == "u" else 1
        ss = np.random.SeedSequence(
            self.seed, spawn_key=(self.replicate, PURPOSES[purpose], int(key), dist_code))
        return np.random.Generator(np.random.PCG64(ss))

    def uniform(self, purpose: str, key: int, width: int | None = None) -> np.ndarray:
        """Uniform [0, 1) draws, shape (villages,) or (villages, width)."""
        return self._draw("u", purpose, key, width)

    def normal(self, purpose: str, key: int, width: int | None = None) -> np.ndarray:
        """Standard normal draws, shape (villages,) or (villages, width)."""
        return self._draw("n", purpose, key, width)

    def _draw(self, dist: str, purpose: str, key: int, width: int | None) -> np.ndarray:
        k = (dist, purpose, key, width)
        if k not in self._cache:
            if len(self._cache) > 64:  # keys move forward with time; keep memory flat
                self._cache.clear()
            g = self._generator(dist, purpose, key)
            shape = (self.n,) if width is None else (self.n, width)
            self._cache[k] = g.random(shape) if dist == "u" else g.standard_normal(shape)
        return self._cache[k]
