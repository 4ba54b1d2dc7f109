"""vcsim calibrate: the ABC-SMC machinery, the known-answer test, bad input, and
--posterior in compare and sweep."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from vcsim.experiments.abc import abc_smc
from vcsim.experiments.cli import main
from vcsim.experiments.engines import simulate
from vcsim.experiments.roster import load_default_roster
from vcsim.model import make_params


def test_abc_smc_recovers_a_known_gaussian_posterior():
    """Observed 1.3 from y = mu + N(0, 1), flat prior on [-5, 5]: the exact posterior is
    N(1.3, 1) (truncation negligible). With a small final tolerance, the weighted
    particles must have that mean and sd: wrong importance weights would show here."""
    rng = np.random.default_rng(0)
    result = abc_smc(lambda th: th + rng.normal(size=th.shape), [1.3], [1.0], [-5], [5],
                     population=1000, generations=12, seed=3, final_tolerance=0.05,
                     min_acceptance=0.005)
    g = result.final
    mean = g.weights @ g.thetas[:, 0]
    sd = math.sqrt(g.weights @ (g.thetas[:, 0] - mean) ** 2)
    assert result.stop_reason == "tolerance"
    assert abs(mean - 1.3) < 0.12
    assert abs(sd - 1.0) < 0.1
    assert all(b.tolerance < a.tolerance for a, b in zip(result.generations, result.generations[1:]))


def test_abc_smc_does_not_depend_on_how_proposals_are_split():
    """The same seed gives the same particles whether the simulator sees each batch at
    once or one proposal at a time (as workers would split it)."""
    sim = lambda th: np.sin(th) + th ** 2
    whole = abc_smc(sim, [0.5, 1.0], [0.1, 0.2], [-2, -2], [2, 2], population=50,
                    generations=4, seed=9)
    split = abc_smc(lambda th: np.vstack([sim(row[None, :]) for row in th]), [0.5, 1.0],
                    [0.1, 0.2], [-2, -2], [2, 2], population=50, generations=4, seed=9)
    assert np.array_equal(whole.final.thetas, split.final.thetas)
    assert np.array_equal(whole.final.weights, split.final.weights)
    other = abc_smc(sim, [0.5, 1.0], [0.1, 0.2], [-2, -2], [2, 2], population=50,
                    generations=4, seed=10)
    assert not np.array_equal(whole.final.thetas, other.final.thetas)


def test_runs_stopped_at_the_last_target_year_give_the_same_early_years():
    """Calibration runs end at the last target year: a run's early years must not depend
    on when it ends."""
    roster = load_default_roster()
    short = simulate(make_params({"simulation.end_year": 2021}), roster, 1, list(range(6)))
    full = simulate(make_params({}), roster, 1, list(range(6)))
    for a, b in zip(short, full):
        pd.testing.assert_frame_equal(a, b[b.year <= 2021].reset_index(drop=True))


TRUE = {"models.town_shop.rent_yield": 0.07, "tourism.occupancy_mean": 0.35}
PRIOR = {"models.town_shop.rent_yield": [0.04, 0.09], "tourism.occupancy_mean": [0.15, 0.45]}
TARGETS = ("income_town_shop_yuan", "income_idle_assets_yuan")


def _toml_value(v) -> str:
    return json.dumps(v)


def write_calibration(path, parameters, targets, **settings) -> None:
    lines = [f"{k} = {_toml_value(v)}" for k, v in {"base": "baseline", **settings}.items()]
    lines.append("[parameters]")
    lines += [f'"{k}" = {_toml_value(v)}' for k, v in parameters.items()]
    for t in targets:
        lines.append("[[targets]]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in t.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_known_answer_calibration_recovers_the_true_values(tmp_path):
    """Simulate with chosen values (town-shop rent yield 0.07, homestay occupancy 0.35),
    take the county's 2021 income from town shops and from revived idle buildings as the
    observed figures (mean of 20 replicates; sd: the replicate noise of a sample's mean
    and of the observed mean), calibrate both parameters from uniform priors, and find
    each true value inside the posterior's 90% interval, which must also be much
    narrower than the prior."""
    roster = load_default_roster()
    tables = simulate(make_params({**TRUE, "simulation.end_year": 2021}), roster, 1, list(range(20)))
    values = np.array([[t.loc[t.year == 2021, c].iloc[0] for c in TARGETS] for t in tables])
    per_sample = 4
    sd = values.std(axis=0, ddof=1) * math.sqrt(1 / per_sample + 1 / len(values))
    targets = [{"measure": c, "year": 2021, "observed": float(v), "sd": float(s)}
               for c, v, s in zip(TARGETS, values.mean(axis=0), sd)]
    path = tmp_path / "known.toml"
    write_calibration(path, PRIOR, targets, replicates_per_sample=per_sample, seed=5,
                      population=100, generations=4, predictive_samples=20)
    assert main(["calibrate", str(path), "--out", str(tmp_path / "out"), "--workers", "1",
                 "--quiet", "--no-charts"]) == 0
    summary = json.loads((tmp_path / "out" / "calibration.json").read_text())
    print(json.dumps({k: {q: v[q] for q in ("p05", "p50", "p95")} for k, v in summary["posterior"].items()}))
    for key, true in TRUE.items():
        post = summary["posterior"][key]
        assert post["p05"] <= true <= post["p95"], (key, true, post)
        assert post["interval_share_of_prior"] < 0.5, (key, post)
    assert all(row["observed_in_90"] for row in summary["predictive_check"])
    posterior = pd.read_parquet(tmp_path / "out" / "posterior.parquet")
    assert len(posterior) == 100 and abs(posterior["weight"].sum() - 1) < 1e-9
    diagnostics = pd.read_parquet(tmp_path / "out" / "diagnostics.parquet")
    assert list(diagnostics.generation) == list(range(len(diagnostics)))
    assert {"tolerance", "acceptance_rate", "ess"} <= set(diagnostics.columns)
    assert (tmp_path / "out" / "provenance.json").exists()


SMALL = {"replicates_per_sample": 2, "seed": 1, "population": 12, "generations": 2,
         "predictive_samples": 6}
GOOD_TARGET = {"measure": "share_with_operating_income", "year": 2019, "observed": 0.6, "sd": 0.05}


@pytest.mark.slow
def test_small_calibration_writes_every_output_and_charts(tmp_path):
    path = tmp_path / "small.toml"
    write_calibration(path, {"selection.review_noise_sd": "plausible"},
                      [GOOD_TARGET, {"measure": "income_brackets", "year": 2019,
                                     "edges": [50000, 100000], "observed": [0.6, 0.2, 0.2],
                                     "sd": [0.1, 0.1, 0.1]}], **SMALL)
    out = tmp_path / "out"
    assert main(["calibrate", str(path), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    for name in ("posterior.parquet", "diagnostics.parquet", "predictive_check.parquet",
                 "calibration.json", "provenance.json", "marginals_zh.png", "marginals_en.png",
                 "predictive_check_zh.png", "predictive_check_en.png"):
        assert (out / name).exists(), name
    summary = json.loads((out / "calibration.json").read_text())
    assert summary["posterior"]["selection.review_noise_sd"]["prior"] == [0.05, 0.4]
    assert len(summary["predictive_check"]) == 4  # one share and three brackets


@pytest.mark.slow
def test_calibration_is_the_same_on_two_workers(tmp_path):
    path = tmp_path / "small.toml"
    write_calibration(path, {"selection.review_noise_sd": [0.05, 0.4]}, [GOOD_TARGET], **SMALL)
    for w in ("1", "2"):
        assert main(["calibrate", str(path), "--out", str(tmp_path / w), "--workers", w,
                     "--quiet", "--no-charts"]) == 0
    a = pd.read_parquet(tmp_path / "1" / "posterior.parquet")
    b = pd.read_parquet(tmp_path / "2" / "posterior.parquet")
    pd.testing.assert_frame_equal(a, b)


BAD = [
    ("unknown parameter", {"selection.review_nosie_sd": [0.05, 0.4]}, [GOOD_TARGET],
     ["selection.review_nosie_sd", "selection.review_noise_sd", "vcsim params"]),
    ("bounds outside", {"selection.review_noise_sd": [0.0, 0.4]}, [GOOD_TARGET],
     ["selection.review_noise_sd", "0.05 - 0.4", "[0, 0.4]"]),
    ("lower above upper", {"selection.review_noise_sd": [0.3, 0.1]}, [GOOD_TARGET],
     ["selection.review_noise_sd", "0.3", "0.1", "low < high"]),
    ("bool parameter", {"selection.review": [0, 1]}, [GOOD_TARGET], ["selection.review", "bool"]),
    ("unknown measure", {"selection.review_noise_sd": [0.05, 0.4]},
     [{**GOOD_TARGET, "measure": "share_with_operating_incme"}],
     ["targets]] #1 measure", "share_with_operating_income", "zero_income_share"]),
    ("observed outside", {"selection.review_noise_sd": [0.05, 0.4]},
     [{**GOOD_TARGET, "observed": 57.7}], ["targets]] #1 observed", "57.7", "0 to 1"]),
    ("year outside", {"selection.review_noise_sd": [0.05, 0.4]},
     [{**GOOD_TARGET, "year": 2030}], ["targets]] #1 year", "2030", "2019 to 2025"]),
    ("sd not positive", {"selection.review_noise_sd": [0.05, 0.4]},
     [{**GOOD_TARGET, "sd": 0}], ["targets]] #1 sd", "above 0"]),
    ("brackets not summing to one", {"selection.review_noise_sd": [0.05, 0.4]},
     [{"measure": "income_brackets", "year": 2019, "edges": [50000], "observed": [0.5, 0.4],
       "sd": [0.1, 0.1]}], ["targets]] #1 observed", "0.900", "add up to 1"]),
    ("bracket edge without a measure", {"selection.review_noise_sd": [0.05, 0.4]},
     [{"measure": "income_brackets", "year": 2019, "edges": [70000], "observed": [0.5, 0.5],
       "sd": [0.1, 0.1]}], ["targets]] #1 edges", "50,000, 100,000"]),
]


@pytest.mark.parametrize("case, parameters, targets, expected", BAD, ids=[b[0] for b in BAD])
def test_bad_calibration_files_exit_2_naming_file_key_and_what_is_accepted(
        tmp_path, capsys, case, parameters, targets, expected):
    path = tmp_path / "bad.toml"
    write_calibration(path, parameters, targets, **SMALL)
    assert main(["calibrate", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "accepted" in err, err
    for piece in expected:
        assert piece in err, (piece, err)
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()  # nothing ran


def test_bad_calibration_message_in_chinese(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("VCSIM_LANG", "zh")
    path = tmp_path / "bad.toml"
    write_calibration(path, {"selection.review_noise_sd": [0.0, 0.4]}, [GOOD_TARGET], **SMALL)
    assert main(["calibrate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "超出该参数的合理范围" in err and str(path) in err


# ----------------------------------------------------------------------------- --posterior


def _posterior(path, values: list[float], key="tourism.occupancy_mean"):
    from vcsim.experiments.posterior import write_posterior
    from vcsim.experiments.scenario import load_scenario
    base = load_scenario("baseline")
    frame = pd.DataFrame({key: values, "weight": np.full(len(values), 1 / len(values))})
    write_posterior(path, frame, calibration="test", base="baseline",
                    base_overrides=base.overrides,
                    priors={key: {"low": 0.15, "high": 0.45, "kind": "float"}}, seed=1)


def test_posterior_draws_are_reproducible_and_follow_the_weights():
    from vcsim.experiments.posterior import resample
    w = np.array([0.1, 0.6, 0.3])
    a = resample(w, 4, range(3000))
    assert np.array_equal(a, resample(w, 4, range(3000)))
    assert np.array_equal(a[100:200], resample(w, 4, range(100, 200)))  # by replicate, not order
    share = np.bincount(a, minlength=3) / len(a)
    assert np.allclose(share, w, atol=0.03)


@pytest.mark.slow
def test_posterior_widens_the_spread_of_compare_results(tmp_path):
    """With a posterior that is unsure about homestay occupancy (0.15 or 0.45), the
    replicates of `vcsim compare` spread far more in mean village income than with the
    default value alone; each replicate draws the same value in every scenario, so the
    paired difference is still computed replicate by replicate; a posterior holding only
    the default value changes nothing."""
    wide, point = tmp_path / "wide.parquet", tmp_path / "point.parquet"
    _posterior(wide, [0.15, 0.45])
    _posterior(point, [0.3])
    spreads = {}
    for name, extra in (("none", []), ("wide", ["--posterior", str(wide)]),
                        ("point", ["--posterior", str(point)])):
        out = tmp_path / name
        assert main(["compare", "baseline", "no_review", "--replicates", "16", "--workers", "1",
                     "--quiet", "--out", str(out), *extra]) == 0
        frame = pd.read_parquet(out / "comparison.parquet")
        spreads[name] = frame[frame.year == 2025].groupby("scenario")["mean_income_yuan"].std()
        if name == "none":
            base = frame
        if name == "point":
            pd.testing.assert_frame_equal(frame, base)
    assert (spreads["wide"] > 3 * spreads["none"]).all(), spreads
    c = json.loads((tmp_path / "wide" / "comparison.json").read_text())
    assert c["posterior"]["parameters"] == ["tourism.occupancy_mean"]
    # the same draw in both scenarios: the tourism-heavy income moves together
    frame = pd.read_parquet(tmp_path / "wide" / "comparison.parquet")
    y = frame[frame.year == 2025].pivot(index="replicate", columns="scenario", values="mean_income_yuan")
    assert y.corr().iloc[0, 1] > 0.9


def test_sweep_with_a_posterior_draws_the_other_parameters(tmp_path):
    wide = tmp_path / "wide.parquet"
    _posterior(wide, [0.15, 0.45])
    exp = tmp_path / "exp.toml"
    exp.write_text('scenario = "baseline"\ndesign = "grid"\nlevels = 2\nreplicates = 6\nseed = 1\n'
                   'outputs = ["mean_income_yuan"]\n[parameters]\n'
                   '"models.town_shop.rent_yield" = [0.04, 0.09]\n', encoding="utf-8")
    assert main(["sweep", str(exp), "--out", str(tmp_path / "s0"), "--workers", "1", "--quiet"]) == 0
    assert main(["sweep", str(exp), "--out", str(tmp_path / "s1"), "--workers", "1", "--quiet",
                 "--posterior", str(wide)]) == 0
    r0 = pd.read_parquet(tmp_path / "s0" / "runs")
    r1 = pd.read_parquet(tmp_path / "s1" / "runs")
    within = lambda r: r[r.year == 2025].groupby("point")["mean_income_yuan"].std().mean()
    assert within(r1) > 3 * within(r0)
    m0 = json.loads((tmp_path / "s0" / "manifest.json").read_text())
    m1 = json.loads((tmp_path / "s1" / "manifest.json").read_text())
    assert m0["experiment_hash"] != m1["experiment_hash"] and "posterior" in m1


def test_bad_posterior_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.parquet"
    pd.DataFrame({"x": [1.0]}).to_parquet(bad)
    assert main(["compare", "baseline", "--posterior", str(bad), "--replicates", "2"]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "vcsim calibrate" in err
    assert main(["compare", "baseline", "--posterior", str(tmp_path / "none.parquet")]) == 2


@pytest.mark.slow
def test_sigterm_stops_a_calibration_and_its_workers(tmp_path):
    """A real ``vcsim calibrate`` on two workers, stopped with SIGTERM while its workers
    run: it says it stopped and what it kept, exits with 143 without a traceback, writes
    no posterior, and no worker or resource tracker outlives it."""
    from _sweep_support import start_vcsim, stop_with_sigterm_while_workers_run
    path = tmp_path / "long.toml"
    write_calibration(path, {"selection.review_noise_sd": "plausible"}, [GOOD_TARGET],
                      **{**SMALL, "population": 400, "generations": 6})
    out = tmp_path / "out"
    proc = start_vcsim("calibrate", path, "--out", out, "--workers", 2, "--quiet", "--no-charts",
                       cwd=tmp_path)
    err = stop_with_sigterm_while_workers_run(proc)
    assert "nothing of this run is written" in err, err
    assert not (out / "calibration.json").exists() and not (out / "posterior.parquet").exists()
