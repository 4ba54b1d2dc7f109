"""The default county: reproducible from its generator, and its pre-programme incomes
fitted to the public figures N1 and N2 (docs/validation.md, section 4)."""

import numpy as np
import pandas as pd

from vcsim.experiments.default_county import (N1_SHARE_BELOW_50K, N2_SHARE_ABOVE_500K,
                                              fit_income_distribution, generate,
                                              top_share_lognormal)
from vcsim.experiments.roster import DEFAULT_ROSTER_PATH


def test_the_shipped_county_is_what_the_seeded_generator_makes():
    shipped = pd.read_csv(DEFAULT_ROSTER_PATH)
    made = generate()
    assert list(made.columns) == list(shipped.columns)
    for column in shipped.columns:
        a, b = made[column].to_numpy(), shipped[column].to_numpy()
        if a.dtype.kind in "fi":
            assert np.allclose(a, b), column
        else:
            assert (a.astype(str) == b.astype(str)).all(), column


def test_the_income_fit_meets_the_public_figures():
    fit = fit_income_distribution()
    assert abs(fit.share_below(50_000) - N1_SHARE_BELOW_50K) < 1e-9  # N1
    assert abs(fit.share_above(500_000) - N2_SHARE_ABOVE_500K) < 1e-9  # N2
    assert abs(top_share_lognormal(fit.sigma, 0.14) - 0.75) < 1e-9  # N2: 3/4 of assets in 14%
    assert 0 < fit.no_income < N1_SHARE_BELOW_50K


def test_the_default_county_has_a_heavy_tail_and_stays_poorer_than_the_nation():
    income = pd.read_csv(DEFAULT_ROSTER_PATH)["initial_income_yuan"].to_numpy()
    assert (income > 500_000).mean() > 0.02  # a tail, as N2 shows even where most are weak
    assert (income > 500_000).mean() < N2_SHARE_ABOVE_500K  # but fewer than nationally
    assert (income < 50_000).mean() > N1_SHARE_BELOW_50K  # and more weak villages
    top = np.sort(income)[::-1][: round(0.14 * len(income))]
    assert top.sum() / income.sum() > 0.75  # concentrated at least as the nation's assets
