"""``vcsim bench --engines`` reports what the engine issue asks for, and ``--sweep``'s
batch_run side runs on either Mesa. Its numbers are
measurements, not checked here (speed is measured by the benchmark, never by a timed
test): only that every figure is there and consistent."""

import warnings

import pytest

from vcsim.experiments.bench import bench_engines, format_engines

REQUIRED = ("agents_village_months_per_s", "vector_village_months_per_s", "speedup",
            "speedup_batched", "large_region_villages", "large_region_seconds", "peak_rss_mb")


@pytest.mark.slow
def test_engine_benchmark_reports_every_figure():
    r = bench_engines(large_region=3_000)
    assert all(k in r for k in REQUIRED)
    assert r["large_region_villages"] == 3_000
    # the fastest of three runs, the first beside it
    assert 0 < r["large_region_seconds"] <= r["large_region_first_run_seconds"]
    for key in REQUIRED + ("vector_batched_village_months_per_s", "compiled_month_village_months_per_s"):
        assert r[key] > 0, key
    parts = r["batched_seconds_by_part"]
    assert set(parts) == {"county", "month", "year_end"} and all(v > 0 for v in parts.values())
    # the ratios are the throughputs' ratios, measured side by side
    assert abs(r["speedup"] - r["vector_village_months_per_s"] / r["agents_village_months_per_s"]) < 0.1 * r["speedup"]
    # and by CPU time (what a shared machine disturbs least), with the machine's load beside
    by_cpu = r["vector_batched_village_months_per_cpu_s"] / r["agents_village_months_per_cpu_s"]
    assert r["speedup_batched_cpu"] > 0 and abs(r["speedup_batched_cpu"] - by_cpu) < 0.01 * by_cpu + 0.1
    assert r["load_average"] is None or r["load_average"] >= 0
    text = format_engines(r)
    assert "3,000 villages" in text and "the month" in text


@pytest.mark.slow
def test_plan_benchmark_reports_every_figure(tmp_path):
    """On a small plan file (the example's measurement is `vcsim bench --plan`)."""
    from vcsim.experiments.bench import bench_plan, format_plan
    plan = tmp_path / "small.toml"
    plan.write_text('base = "baseline"\nreplicates = 10\nseed = 1\ntrials = 4\n'
                    '[target]\nmeasure = "p_cleared_by"\nyear = 2020\nat_least = 0.5\n'
                    '[objective]\nminimise = "programme_cost_yuan"\n'
                    '[levers]\n"rollout.remaining_year" = [2019, 2020]\n', encoding="utf-8")
    r = bench_plan(workers=1, plan=plan)
    run = r["runs"]["1"]
    assert run["trials"] == 4 and 1 <= run["plans_simulated"] <= 4
    assert run["runs"] == run["plans_simulated"] * 10 + 40
    assert run["years_per_run"] == 2
    assert set(run["seconds"]) == {"imports", "engine_load", "search_simulation", "search_optimiser",
                                   "verification", "outputs", "in_process"}
    assert all(v >= 0 for v in run["seconds"].values()) and run["seconds"]["search_simulation"] > 0
    assert run["process_wall_s"] >= run["seconds"]["in_process"]
    text = format_plan(r)
    assert "small.toml" in text and "4 plans tried" in text and "verification" in text


@pytest.mark.slow
def test_sweep_throughput_reports_its_figures():
    from vcsim.experiments.bench import bench_sweep_throughput, format_sweep_throughput
    r = bench_sweep_throughput(workers=1, points=3, replicates=2)
    assert r["sweep_throughput_rows"] == 3 * 2 * 7  # every run's seven years stored
    assert r["sweep_throughput_wall_s"] > 0 and r["sweep_village_months_per_s_per_worker"] > 0
    assert r["sweep_throughput_cpu_s"] > 0 and r["sweep_village_months_per_cpu_s"] > 0
    assert "3 points x 2 replicates" in format_sweep_throughput(r) and "load" in format_sweep_throughput(r)


def test_the_batch_run_side_runs_on_the_installed_mesa(monkeypatch):
    """``vcsim bench --sweep`` calls ``mesa.batch_run`` as the installed Mesa wants it:
    ``iterations`` on 3.3, ``rng`` from 3.4 (where ``iterations`` is deprecated)."""
    from vcsim.experiments import bench
    monkeypatch.setattr(bench, "POOR", [500_000])
    monkeypatch.setattr(bench, "NONPOOR", [250_000])
    monkeypatch.setattr(bench, "REPLICATES", 2)
    with warnings.catch_warnings():  # a deprecated call is reported at the caller: bench
        for category in (DeprecationWarning, FutureWarning):
            warnings.filterwarnings("error", category=category, module=r"vcsim\.experiments\.bench")
        r = bench.child_batch_run(1)
    assert r["rows"] >= 2 * 6  # two runs, a row for (nearly) every year each
    assert r["years"] == list(range(2019, r["years"][-1] + 1)) and r["years"][-1] >= 2024
