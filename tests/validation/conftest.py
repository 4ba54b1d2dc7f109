"""Shared runs for the validation tests: many replicates on the vector engine (which
tests/test_parity.py holds equal to the Mesa agents), all with one seed, so scenarios
share their random numbers (common random numbers)."""

import functools

import pytest

from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.engines import simulate_detail
from vcsim.model import make_params

REPLICATES = range(40)
SEED = 7


@functools.lru_cache(maxsize=None)
def _run(overrides: tuple):
    results = simulate_detail(make_params(dict(overrides)), load_default_roster(), SEED,
                              list(REPLICATES), "vector")
    return results.annual, results.projects, float(results.initial_zero_income_share[0])


@pytest.fixture(scope="session")
def run():
    """run(**overrides) -> (annual, projects, initial zero-income share), cached."""
    return lambda overrides=None: _run(tuple(sorted((overrides or {}).items())))
