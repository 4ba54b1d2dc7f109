"""Sensitivity indices of a finished sweep, per output and year.

Each output is first averaged over the replicates of each design point (the replicates
share their random numbers across points, so the mean is a smooth function of the
parameters), then:

* ``sobol`` designs: first-order (S1) and total-order (ST) Sobol' indices with 95%
  bootstrap confidence half-widths (S1_conf, ST_conf), from ``SALib.analyze.sobol``
  (and S2 with ``second_order = true``);
* ``morris`` designs: mu, mu* (mean absolute elementary effect) with its 95% confidence
  half-width, and sigma, from ``SALib.analyze.morris``;
* ``lhs`` and ``grid`` designs: Spearman rank correlation between each parameter and the
  output with its p-value (a screening measure, not a variance decomposition).

Outputs are ``sensitivity.parquet`` (one row per output, year and parameter) and
``sensitivity.json`` (``indices[output][year][parameter]``, plus what was skipped and why,
e.g. an output that does not vary in a year).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from vcsim.experiments.messages import text

METHODS = {
    "sobol": "Sobol' indices (SALib.analyze.sobol: Saltelli 2010 / Jansen estimators), "
             "95% bootstrap confidence half-widths",
    "morris": "Morris elementary effects (SALib.analyze.morris), 95% bootstrap confidence "
              "half-width of mu*",
    "lhs": "Spearman rank correlation of each parameter with the output (screening)",
    "grid": "Spearman rank correlation of each parameter with the output (screening)",
}
COLUMNS = {
    "sobol": ["S1", "S1_conf", "ST", "ST_conf"],
    "morris": ["mu", "mu_star", "mu_star_conf", "sigma"],
    "lhs": ["spearman_rho", "p_value"],
    "grid": ["spearman_rho", "p_value"],
}


def analyse(experiment, x: np.ndarray, runs: pd.DataFrame, outputs: list[str],
            years: list[int]) -> tuple[pd.DataFrame, dict]:
    """Indices for every output and year; ``runs`` holds point, replicate, year and the
    outputs (only the years asked for are needed)."""
    design = experiment.design
    names = experiment.parameter_names
    n_points = len(x)
    rows: list[dict] = []
    indices: dict = {}
    skipped: dict = {}
    means = runs.groupby(["year", "point"])[outputs].mean()
    for output in outputs:
        for year in years:
            where = f"{output} {year}"
            try:
                y = means.xs(year, level="year")[output].reindex(range(n_points)).to_numpy(float)
            except KeyError:
                skipped[where] = text("sensitivity.why_no_runs")
                continue
            if np.isnan(y).any():
                skipped[where] = text("sensitivity.why_missing")
                continue
            if np.ptp(y) == 0:
                skipped[where] = text("sensitivity.why_constant", value=f"{y[0]:g}")
                continue
            result = _indices(design, experiment, x, y)
            for j, name in enumerate(names):
                values = {c: _num(result[c][j]) for c in COLUMNS[design]}
                indices.setdefault(output, {}).setdefault(str(year), {})[name] = values
                rows.append({"output": output, "year": int(year), "parameter": name, **values})
    frame = pd.DataFrame(rows, columns=["output", "year", "parameter", *COLUMNS[design]])
    summary = {
        "design": design, "method": METHODS[design], "parameters": names,
        "outputs": outputs, "years": [int(y) for y in years],
        "replicates_averaged": experiment.replicates, "points": int(n_points),
        "indices": indices, "skipped": skipped,
    }
    return frame, summary


def _indices(design: str, experiment, x: np.ndarray, y: np.ndarray) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if design == "sobol":
            from SALib.analyze import sobol
            return sobol.analyze(experiment.problem(), y, calc_second_order=experiment.second_order,
                                 conf_level=0.95, seed=experiment.seed, print_to_console=False)
        if design == "morris":
            from SALib.analyze import morris
            return morris.analyze(experiment.problem(), x, y, conf_level=0.95,
                                  num_levels=experiment.levels, seed=experiment.seed,
                                  print_to_console=False)
        rho, p = [], []
        for j in range(x.shape[1]):
            r, pv = spearman(x[:, j], y)
            rho.append(r)
            p.append(pv)
        return {"spearman_rho": rho, "p_value": p}


def spearman(a, b) -> tuple[float, float]:
    """Spearman's rank correlation and its two-sided p-value (t approximation, as
    scipy.stats.spearmanr), without importing scipy.stats (30 MB) into the parent."""
    from scipy.special import stdtr
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n = len(a)
    if n < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return math.nan, math.nan
    ra = pd.Series(a).rank(method="average").to_numpy()
    rb = pd.Series(b).rank(method="average").to_numpy()
    rho = float(np.corrcoef(ra, rb)[0, 1])
    if abs(rho) >= 1.0:
        return rho, 0.0
    t = rho * math.sqrt((n - 2) / (1.0 - rho * rho))
    return rho, float(2.0 * stdtr(n - 2, -abs(t)))


def _num(v) -> float | None:
    v = float(v)
    return v if math.isfinite(v) else None


def format_table(summary: dict, top: int = 8) -> str:
    """The most influential parameters per output and year, as text in the current
    language (index names S1, ST, mu*, sigma, rho are the methods' own symbols)."""
    design = summary["design"]
    key = {"sobol": "ST", "morris": "mu_star"}.get(design, "spearman_rho")
    lines = []
    for output, by_year in summary["indices"].items():
        for year, by_param in by_year.items():
            ranked = sorted(by_param.items(), key=lambda kv: -abs(kv[1][key] or 0.0))[:top]
            label = output if year == "0" else text("sensitivity.label", output=output, year=year)
            lines.append(f"  {label}:")
            for name, vals in ranked:
                if design == "sobol":
                    lines.append(f"    {name:<48} S1 {_f(vals['S1'])} ± {_f(vals['S1_conf'])}   "
                                 f"ST {_f(vals['ST'])} ± {_f(vals['ST_conf'])}")
                elif design == "morris":
                    lines.append(f"    {name:<48} mu* {_g(vals['mu_star'])} ± {_g(vals['mu_star_conf'])}"
                                 f"   sigma {_g(vals['sigma'])}")
                else:
                    lines.append(f"    {name:<48} rho {_f(vals['spearman_rho'])}")
    for where, why in summary["skipped"].items():
        lines.append("  " + text("sensitivity.skipped", where=where, why=why))
    return "\n".join(lines)


def _f(v) -> str:
    return "  n/a" if v is None else f"{v:5.2f}"


def _g(v) -> str:
    return "n/a" if v is None else f"{v:.3g}"
