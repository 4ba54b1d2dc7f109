"""Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC), written here.

The algorithm is the population Monte Carlo ABC of Beaumont et al. (2009, Biometrika
96:983) with the adaptive tolerances of Del Moral et al. (2012, Statistics and
Computing 22:1009), as pyabc runs it by default:

- generation 0 draws ``population`` parameter vectors from the prior (uniform on a box)
  and keeps them all;
- generation t proposes from the previous population: an ancestor drawn by weight,
  moved by a Gaussian kernel with twice the population's weighted variance in each
  coordinate (Beaumont's kernel), truncated to the prior box; a proposal is kept when
  its distance to the observed values is at most the tolerance, which is the weighted
  ``quantile`` of the previous generation's distances (never below ``final_tolerance``);
  proposals are simulated in batches until ``population`` are kept;
- a kept proposal's weight is prior(θ) / Σ_j w_j K(θ | θ_j), with the truncated kernel's
  exact density (its mass inside the box is a product of normal CDFs, so no proposal
  is ever redrawn);
- it stops once a generation reached ``final_tolerance``, after ``generations``
  generations, or when a generation cannot keep ``population`` proposals out of
  ``population / min_acceptance`` (an acceptance rate below ``min_acceptance``): that
  generation is given up and the previous one is the result.

Why not pyabc (0.13 installs on Python 3.11 and 3.12): its samplers draw from numpy's
global random state, and its parallel samplers reseed every worker from the operating
system and keep whichever particles finish first, so a calibration's result would
depend on the number of workers and their timing; and it evaluates one particle per
model call, while the vector engine is fastest given many parameter sets at once. Here
every draw comes from the project's counter-based streams (``model.random_streams``,
purpose "calibration", keyed by (seed, generation)), proposals are made in batches that
depend only on the seed, and the first ``population`` accepted proposals *in proposal
order* are kept, so the result is the same on one worker, twenty or a Dask cluster.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtr, ndtri

from vcsim.model.random_streams import UNIFORM as _UNIFORM, draw, stream_keys

MAX_DIMENSIONS = 15  # a proposal uses d + 1 counter slots, and the streams have 16


@dataclass
class Generation:
    """One generation's population and how it was reached."""
    index: int
    tolerance: float  # inf for generation 0 (the prior)
    thetas: np.ndarray  # (population, d)
    weights: np.ndarray  # (population,), sum 1
    distances: np.ndarray  # (population,)
    summaries: np.ndarray  # (population, k): the simulated values the distances compare
    proposed: int  # proposals simulated
    accepted: int  # proposals within the tolerance (may exceed the population)
    seconds: float = 0.0

    @property
    def acceptance_rate(self) -> float:
        return self.accepted / self.proposed if self.proposed else float("nan")

    @property
    def ess(self) -> float:
        """Effective sample size (Kish): (Σw)² / Σw²."""
        return float(self.weights.sum() ** 2 / np.sum(self.weights ** 2))


@dataclass
class AbcResult:
    generations: list[Generation] = field(default_factory=list)
    stop_reason: str = ""  # "tolerance", "generations", "acceptance"
    failed: Generation | None = None  # the generation given up for too few acceptances

    @property
    def final(self) -> Generation:
        return self.generations[-1]


def distance(summaries: np.ndarray, observed: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """Root mean square of the standardised differences (sim - observed) / sd, per row:
    1 means the targets are missed by one standard deviation on average."""
    z = (np.atleast_2d(summaries) - observed[None, :]) / sd[None, :]
    return np.sqrt(np.mean(z ** 2, axis=1))


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    return float(values[order][min(np.searchsorted(cum, q * cum[-1]), len(values) - 1)])


def kernel_scales(thetas: np.ndarray, weights: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Beaumont's per-coordinate kernel sd: sqrt(2 x weighted variance), with a floor of
    a millionth of the prior's width so a collapsed coordinate can still move."""
    mean = weights @ thetas
    var = weights @ (thetas - mean) ** 2
    return np.maximum(np.sqrt(2.0 * var), 1e-6 * (high - low))


def perturb(ancestors: np.ndarray, scales: np.ndarray, low, high, u: np.ndarray) -> np.ndarray:
    """Truncated-normal moves of ``ancestors`` (n, d) inside [low, high] from uniforms
    ``u`` (n, d), by the inverse CDF: no proposal falls outside the prior."""
    a = ndtr((low - ancestors) / scales)
    b = ndtr((high - ancestors) / scales)
    p = np.clip(a + u * (b - a), 1e-300, 1 - 1e-16)
    return np.clip(ancestors + scales * ndtri(p), low, high)


def kernel_density(x: np.ndarray, centres: np.ndarray, scales: np.ndarray, low, high) -> np.ndarray:
    """Density of the truncated kernel at each x (n, d) around each centre (m, d): (n, m)."""
    z = (x[:, None, :] - centres[None, :, :]) / scales
    mass = ndtr((high - centres) / scales) - ndtr((low - centres) / scales)  # (m, d)
    dens = np.exp(-0.5 * z ** 2) / (np.sqrt(2 * np.pi) * scales) / np.maximum(mass, 1e-300)[None]
    return np.prod(dens, axis=2)


def abc_smc(simulate: Callable[[np.ndarray], np.ndarray], observed, sd, low, high, *,
            population: int, generations: int, seed: int, quantile: float = 0.5,
            final_tolerance: float = 1.0, min_acceptance: float = 0.02,
            on_generation: Callable[[Generation], None] | None = None,
            on_batch: Callable[[int, int, int, float], None] | None = None) -> AbcResult:
    """Run ABC-SMC (see the module docstring) and return every generation.

    ``simulate(thetas)`` gets proposals (n, d) in proposal order and returns the
    simulated summaries (n, k) to compare with ``observed`` (k,) scaled by ``sd`` (k,).
    ``on_batch(generation, accepted, proposed, tolerance)`` and ``on_generation`` report
    progress."""
    observed, sd = np.asarray(observed, float), np.asarray(sd, float)
    low, high = np.asarray(low, float), np.asarray(high, float)
    d = len(low)
    if not 1 <= d <= MAX_DIMENSIONS:
        raise ValueError(f"ABC-SMC here takes 1 to {MAX_DIMENSIONS} parameters, got {d}")
    result = AbcResult()
    start = time.perf_counter()
    u = _uniforms(seed, 0, 0, population, d)
    thetas = low + u[:, 1:] * (high - low)
    summaries = np.asarray(simulate(thetas), float)
    gen = Generation(0, float("inf"), thetas, np.full(population, 1.0 / population),
                     distance(summaries, observed, sd), summaries, population, population,
                     time.perf_counter() - start)
    result.generations.append(gen)
    if on_generation:
        on_generation(gen)
    max_proposals = int(np.ceil(population / min_acceptance))
    for t in range(1, generations):
        prev = result.generations[-1]
        if prev.tolerance <= final_tolerance:
            result.stop_reason = "tolerance"
            return result
        start = time.perf_counter()
        eps = max(weighted_quantile(prev.distances, prev.weights, quantile), final_tolerance)
        scales = kernel_scales(prev.thetas, prev.weights, low, high)
        cum = np.cumsum(prev.weights)
        expected = max(float(np.sum(prev.weights[prev.distances <= eps])), min_acceptance)
        kept_t, kept_s, kept_d = [], [], []
        kept = proposed = passed = batch = 0
        while kept < population and proposed < max_proposals:
            need = population - kept
            size = int(min(max(np.ceil(1.2 * need / expected), 16), max_proposals - proposed))
            u = _uniforms(seed, t, batch, size, d)
            ancestors = prev.thetas[np.minimum(np.searchsorted(cum, u[:, 0] * cum[-1]), population - 1)]
            proposals = perturb(ancestors, scales, low, high, u[:, 1:])
            sims = np.asarray(simulate(proposals), float)
            dist = distance(sims, observed, sd)
            ok = np.flatnonzero(dist <= eps)
            take = ok[:need]  # the first accepted in proposal order: independent of workers
            kept_t.append(proposals[take])
            kept_s.append(sims[take])
            kept_d.append(dist[take])
            kept += len(take)
            passed += len(ok)
            proposed += size
            batch += 1
            expected = max(passed / proposed, min_acceptance)
            if on_batch:
                on_batch(t, kept, proposed, eps)
        new_thetas = np.concatenate(kept_t)
        gen = Generation(t, eps, new_thetas, np.full(kept, np.nan), np.concatenate(kept_d),
                         np.concatenate(kept_s), proposed, passed, time.perf_counter() - start)
        if kept < population:  # too few proposals are accepted: stop at the previous one
            result.stop_reason = "acceptance"
            result.failed = gen
            return result
        # importance weights: uniform prior (constant inside the box) over the proposal mixture
        mixture = kernel_density(new_thetas, prev.thetas, scales, low, high) @ prev.weights
        w = 1.0 / mixture
        gen.weights = w / w.sum()
        result.generations.append(gen)
        if on_generation:
            on_generation(gen)
    result.stop_reason = "tolerance" if result.final.tolerance <= final_tolerance else "generations"
    return result


def _uniforms(seed: int, generation: int, batch: int, n: int, d: int) -> np.ndarray:
    """(n, d + 1) uniforms of one batch: column 0 picks the ancestor, the others move it."""
    keys = stream_keys(seed, [generation], "calibration")
    return draw(keys, batch, _UNIFORM, n, d + 1)[0]
