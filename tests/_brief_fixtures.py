"""Small results folders for the ``vcsim brief`` tests.

A compare folder is made with ``vcsim compare``'s own ``run_compare`` (few replicates, one
process); sensitivity results are written in the format ``vcsim sweep`` writes
(``sensitivity.json``: ``{"design", "method", "indices": {output: {year: {parameter:
{...}}}}}``; ``sensitivity.parquet``: one row per output, year and parameter), with
made-up indices, because a real Sobol sweep takes minutes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from vcsim.experiments.compare import run_compare
from vcsim.experiments.roster import load_default_roster
from vcsim.experiments.scenario import load_scenario

SOBOL = {  # parameter: (S1, ST)
    "selection.quality_sd": (0.22, 0.41), "funding.integrated_yuan_per_year": (0.08, 0.21),
    "models.attract_investor.arrival_per_month": (0.12, 0.18),
    "organisation.misuse_share": (0.05, 0.09), "village.self_start_per_year": (0.0, 0.01),
}


SHIPPED_FIVE = ("baseline", "no_programme", "all_in_2019", "uniform_grants", "no_review")


def make_compare(out: Path, names=("baseline", "no_review"), replicates: int = 4,
                 seed: int = 1, roster=None) -> dict:
    return run_compare([load_scenario(n) for n in names],
                       load_default_roster() if roster is None else roster, replicates,
                       seed, out, workers=1, progress=False, log=lambda msg: None)


def sensitivity_rows(design: str = "sobol") -> list[dict]:
    rows = []
    for output in ("zero_income_villages", "mean_income_yuan"):
        for year in (2021, 2025):
            for k, (s1, st) in SOBOL.items():
                if design == "sobol":
                    v = {"S1": s1, "S1_conf": 0.03, "ST": st, "ST_conf": 0.05}
                elif design == "lhs":
                    v = {"spearman_rho": st * 2 - 0.2, "p_value": 0.01}
                else:
                    v = {"mu": st * 8, "mu_star": st * 10, "mu_star_conf": 0.4, "sigma": s1 * 12}
                rows.append({"output": output, "year": year, "parameter": k, **v})
    return rows


def write_sensitivity(folder: Path, design: str = "sobol", parquet: bool = True) -> list[dict]:
    """sensitivity.json (and .parquet) as ``vcsim sweep`` writes them; design "lhs"
    gives Spearman rank correlations (one of them negative, one near zero)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = sensitivity_rows(design)
    indices: dict = {}
    for r in rows:
        values = {k: v for k, v in r.items() if k not in ("output", "year", "parameter")}
        indices.setdefault(r["output"], {}).setdefault(str(r["year"]), {})[r["parameter"]] = values
    summary = {"design": design, "method": f"{design} (test fixture)",
               "parameters": list(SOBOL), "outputs": ["zero_income_villages", "mean_income_yuan"],
               "years": [2021, 2025], "replicates_averaged": 2, "points": 64,
               "indices": indices, "skipped": {}}
    (folder / "sensitivity.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    if parquet:
        pd.DataFrame(rows).to_parquet(folder / "sensitivity.parquet", index=False)
    return rows
