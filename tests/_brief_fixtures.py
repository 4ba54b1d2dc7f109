"""Small results folders for the ``vcsim brief`` tests.

``vcsim compare`` and ``vcsim sweep`` are being built in parallel, so these helpers
write folders of the shapes their issues promise: scenario subfolders holding the
``vcsim run`` outputs plus a ``comparison.json`` computed here from those folders
(independently of ``experiments.brief``), and a ``sensitivity.json`` with Sobol rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.roster import load_default_roster
from experiments.runner import run_scenario, write_outputs
from experiments.scenario import load_scenario

BAND_MEASURES = ("zero_income_villages", "zero_income_share", "mean_income_yuan",
                 "share_income_ge_50k", "share_income_ge_100k", "gini", "fiscal_cost_yuan")


def run_folders(root: Path, names, replicates: int, seed: int = 1) -> None:
    roster = load_default_roster()
    for name in names:
        result = run_scenario(load_scenario(name), roster, replicates, seed, progress=False)
        write_outputs(result, root / name)


def _band(x) -> dict:
    x = np.asarray(x, dtype=float)
    x = x[np.isfinite(x)]
    return {"mean": float(x.mean()), "p05": float(np.percentile(x, 5)),
            "p95": float(np.percentile(x, 95))}


def _per_replicate(folder: Path) -> tuple[dict, pd.DataFrame]:
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    a = pd.read_parquet(folder / "annual.parquet").sort_values(["replicate", "year"])
    a["cumulative_fiscal_cost_yuan"] = a.groupby("replicate")["fiscal_cost_yuan"].cumsum()
    a["p_cleared"] = (a["zero_income_villages"] == 0).astype(float)
    cleared = summary["initial_zero_income_villages"] - a["zero_income_villages"]
    a["cost_per_village_cleared_yuan"] = a["cumulative_fiscal_cost_yuan"] / cleared.where(cleared > 0)
    return summary, a


def write_comparison(root: Path, names, baseline: str = "baseline") -> dict:
    """comparison.json of the shape the compare issue gives, from the subfolders."""
    data = {s: _per_replicate(root / s) for s in names}
    summary, _ = data[baseline]
    years = [int(y) for y in summary["years"]]
    measures, cost, differences = {}, {}, {}
    for s, (_, a) in data.items():
        measures[s], cost[s] = {}, {}
        for y in years:
            g = a[a["year"] == y]
            m = {k: _band(g[k]) for k in (*BAND_MEASURES, "cumulative_fiscal_cost_yuan")}
            m["p_cleared"] = float(g["p_cleared"].mean())
            measures[s][str(y)] = m
            cost[s][str(y)] = _band(g["cost_per_village_cleared_yuan"])
    base = data[baseline][1].set_index(["replicate", "year"])
    for s, (_, a) in data.items():
        if s == baseline:
            continue
        d = a.set_index(["replicate", "year"])
        differences[s] = {}
        for y in years:
            out = {}
            for k in (*BAND_MEASURES, "cumulative_fiscal_cost_yuan", "p_cleared"):
                diff = (d[k] - base[k]).xs(y, level="year").to_numpy(dtype=float)
                half = 1.96 * diff.std(ddof=1) / np.sqrt(len(diff)) if len(diff) > 1 else 0.0
                out[k] = {"mean": float(diff.mean()), "ci_low": float(diff.mean() - half),
                          "ci_high": float(diff.mean() + half)}
            differences[s][str(y)] = out
    comparison = {"baseline": baseline, "scenarios": list(names),
                  "folders": {s: s for s in names}, "seed": summary["seed"],
                  "replicates": summary["replicates"], "years": years, "measures": measures,
                  "differences": differences, "cost_per_village_cleared_yuan": cost}
    (root / "comparison.json").write_text(json.dumps(comparison, ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    return comparison


SOBOL_PARAMETERS = {
    "funding.nonpoor_village_yuan": (0.08, 0.21), "selection.review_noise_sd": (0.22, 0.41),
    "models.solar.failure_per_year": (0.05, 0.09), "tourism.occupancy_mean": (0.12, 0.18),
    "rollout.priority_poor_households": (0.01, 0.02), "village.self_start_per_year": (0.0, 0.01),
    "models.idle_assets.failure_per_year": (0.10, 0.16),
}


def write_sensitivity(folder: Path, method: str = "sobol") -> dict:
    """sensitivity.json with rows per parameter, output and year."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for output in ("zero_income_villages", "p_cleared"):
        for year in (2021, 2025):
            for k, (s1, st) in SOBOL_PARAMETERS.items():
                if method == "sobol":
                    rows.append({"parameter": k, "output": output, "year": year, "S1": s1,
                                 "S1_conf": 0.03, "ST": st, "ST_conf": 0.05})
                else:
                    rows.append({"parameter": k, "output": output, "year": year,
                                 "mu_star": st * 10, "mu_star_conf": 0.4, "sigma": s1 * 12})
    data = {"method": method, "rows": rows}
    (folder / "sensitivity.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return data
