"""Analyses that know their noise: replicate noise of a sweep's outputs, the warning
when it makes the indices unreliable, and partial rank correlations."""

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vcsim.experiments.sensitivity import NOISE_LIMIT, noise_messages, prcc, replicate_noise

ROOT = Path(__file__).resolve().parent.parent

# The tutorial's Sobol examples as they were before they were changed to measure signal
# (git history: experiments/sobol_uncertain.toml and docs/tutorial.md), with fewer base
# samples so the test stays short; the noise share is a ratio of variances and does not
# depend on the number of samples, only its precision does.
OLD_SOBOL_UNCERTAIN = '''
name = "sobol_uncertain_old"
scenario = "baseline"
design = "sobol"
samples = 8
replicates = 4
seed = 1
outputs = ["zero_income_villages", "mean_income_yuan", "share_income_ge_50k", "gini"]
sensitivity_years = [2021, 2025]

[parameters]
"selection.quality_sd" = [0.2, 0.7]
"selection.proposal_noise_sd" = [0.2, 1.0]
"models.attract_investor.arrival_per_month" = [0.01, 0.15]
"models.workshop.arrival_per_month" = [0.05, 0.5]
"models.enterprise_equity.skip_per_year" = [0.0, 0.3]
"village.self_start_per_year" = [0.0, 0.1]
"organisation.misuse_share" = [0.0, 0.3]
"funding.integrated_yuan_per_year" = [0, 20000000]
'''
OLD_TUTORIAL = '''
name = "sobol_small_old"
scenario = "baseline"
design = "sobol"
samples = 32
replicates = 2
seed = 1
outputs = ["zero_income_villages", "mean_income_yuan"]
sensitivity_years = [2021, 2025]

[parameters]
"selection.quality_sd" = [0.2, 0.7]
"models.enterprise_equity.skip_per_year" = [0.0, 0.3]
"village.self_start_per_year" = [0.0, 0.1]
'''


def _sweep(tmp_path, name, text):
    from vcsim.experiments.sweep import run_sweep
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return run_sweep(path, tmp_path / name, workers=1, progress=False, log=lambda m: None).sensitivity


def _reduced_shipped(tmp_path):
    """experiments/sobol_uncertain.toml as shipped, with 8 base samples."""
    text = (ROOT / "experiments" / "sobol_uncertain.toml").read_text(encoding="utf-8")
    lines = [("samples = 8" if line.startswith("samples =") else
              'scenario = "baseline"' if line.startswith("scenario =") else line)
             for line in text.splitlines()]
    return "\n".join(lines)


@pytest.mark.slow
def test_noise_warning_fires_on_the_old_sobol_example_and_not_on_the_new(tmp_path):
    old = _sweep(tmp_path, "old", OLD_SOBOL_UNCERTAIN)
    new = _sweep(tmp_path, "new", _reduced_shipped(tmp_path))
    fired = {(w["output"], w["year"]) for w in old["noise_warnings"]}
    assert ("zero_income_villages", 2025) in fired and ("zero_income_villages", 2021) in fired
    assert old["noise"]["zero_income_villages"]["2025"]["noise_share_of_means"] > NOISE_LIMIT
    assert new["noise_warnings"] == [], new["noise_warnings"]
    for output, years in new["noise"].items():
        for year, entry in years.items():
            assert entry["reliable"] and entry["noise_share_of_means"] <= NOISE_LIMIT, (output, year)
    # the warning says what to do, in both languages
    for msg in noise_messages(old):
        assert msg.fields["output"] in msg.render("en") and msg.fields["output"] in msg.render("zh")


@pytest.mark.slow
def test_noise_warning_fires_on_the_old_tutorial_example(tmp_path):
    old = _sweep(tmp_path, "tutorial_old", OLD_TUTORIAL)
    fired = {(w["output"], w["year"], w["key"]) for w in old["noise_warnings"]}
    assert ("zero_income_villages", 2021, "noise.no_signal") in fired
    assert all(o != "mean_income_yuan" for o, _, _ in fired)  # its income output is signal


def _synthetic(points, replicates, signal_sd, noise_sd, shared_sd=0.0, seed=0):
    """Runs y[p, r] = a_p + b_r + e_pr: a parameter effect a, luck b_r shared by every
    point (common random numbers, cancels out of comparisons) and luck e that does not."""
    rng = np.random.default_rng(seed)
    a = rng.normal(0, signal_sd, points)
    b = rng.normal(0, shared_sd, replicates)
    e = rng.normal(0, noise_sd, (points, replicates))
    y = a[:, None] + b[None, :] + e
    p, r = np.meshgrid(np.arange(points), np.arange(replicates), indexing="ij")
    return pd.DataFrame({"point": p.ravel(), "replicate": r.ravel(), "year": 2021, "y": y.ravel()})


def test_noise_share_and_replicates_needed_match_a_known_case():
    # signal variance 1, noise variance 4, R = 4: noise in the means 1, share 1 / 2
    runs = _synthetic(4000, 4, signal_sd=1.0, noise_sd=2.0, shared_sd=3.0)
    noise, warnings = replicate_noise(runs, ["y"], [2021], 4)
    entry = noise["y"]["2021"]
    assert entry["interaction_variance"] == pytest.approx(4.0, rel=0.05)
    assert entry["noise_share_of_means"] == pytest.approx(0.5, rel=0.08)
    # shared luck (common random numbers) is not counted as noise of the comparison
    # (the within-point variance holds it: 4 draws of variance 9 on top of the noise)
    assert entry["within_point_variance"] > 1.2 * entry["interaction_variance"]
    # R = 4 (1 - 0.1) / 0.1 = 36 replicates bring the share to the limit
    assert 30 <= entry["replicates_needed"] <= 42
    assert [w["key"] for w in warnings] == ["noise.unreliable"]
    # and with that many, the estimate comes out at the limit
    runs = _synthetic(1000, entry["replicates_needed"], 1.0, 2.0, seed=1)
    again, _ = replicate_noise(runs, ["y"], [2021], entry["replicates_needed"])
    assert again["y"]["2021"]["noise_share_of_means"] == pytest.approx(NOISE_LIMIT, abs=0.03)


def test_pure_noise_has_no_signal_and_clean_signal_no_warning():
    noise, warnings = replicate_noise(_synthetic(500, 3, 0.0, 1.0, seed=2), ["y"], [2021], 3)
    assert warnings and warnings[0]["key"] == "noise.no_signal"
    assert noise["y"]["2021"]["replicates_needed"] is None
    noise, warnings = replicate_noise(_synthetic(500, 3, 5.0, 1.0, seed=3), ["y"], [2021], 3)
    assert warnings == [] and noise["y"]["2021"]["reliable"]
    noise, warnings = replicate_noise(_synthetic(50, 1, 5.0, 1.0), ["y"], [2021], 1)
    assert warnings[0]["key"] == "noise.one_replicate"


def test_prcc_equals_the_closed_form_partial_correlation():
    """With one other parameter, PRCC is the textbook partial correlation of the ranks,
    r_xy.z = (r_xy - r_xz r_yz) / sqrt((1 - r_xz^2)(1 - r_yz^2))."""
    rng = np.random.default_rng(4)
    n = 200
    x = rng.uniform(size=(n, 2))
    x[:, 1] = 0.6 * x[:, 0] + 0.4 * rng.uniform(size=n)  # correlated parameters
    y = np.exp(2 * x[:, 0]) + 0.3 * x[:, 1] + rng.normal(0, 0.3, n)
    ranks = [pd.Series(v).rank().to_numpy() for v in (x[:, 0], x[:, 1], y)]
    r = np.corrcoef(ranks)
    expected = (r[0, 2] - r[0, 1] * r[1, 2]) / math.sqrt((1 - r[0, 1] ** 2) * (1 - r[1, 2] ** 2))
    got = prcc(x, y)
    assert got["prcc"][0] == pytest.approx(expected, abs=1e-10)
    assert got["prcc_low"][0] < got["prcc"][0] < got["prcc_high"][0]
    assert got["prcc_p_value"][0] < 1e-6


def test_prcc_finds_what_matters_and_not_what_does_not():
    rng = np.random.default_rng(5)
    x = rng.uniform(size=(300, 3))
    y = 3 * x[:, 0] - x[:, 1] ** 3 + rng.normal(0, 0.05, 300)  # x3 has no effect
    got = prcc(x, y)
    assert got["prcc"][0] > 0.9 and got["prcc"][1] < -0.8
    assert got["prcc_low"][2] < 0 < got["prcc_high"][2] and got["prcc_p_value"][2] > 0.01
