"""Sensitivity indices of a finished sweep, per output and year.

Each output is first averaged over the replicates of each design point (the replicates
share their random numbers across points, so the mean is a smooth function of the
parameters), then:

* ``sobol`` designs: first-order (S1) and total-order (ST) Sobol' indices with 95%
  bootstrap confidence half-widths (S1_conf, ST_conf), from ``SALib.analyze.sobol``
  (and S2 with ``second_order = true``);
* ``morris`` designs: mu, mu* (mean absolute elementary effect) with its 95% confidence
  half-width, and sigma, from ``SALib.analyze.morris``;
* ``lhs`` and ``grid`` designs: partial rank correlation coefficients (PRCC: each
  parameter's rank correlation with the output once the other parameters' ranks are
  regressed out; Marino et al. 2008) with 95% intervals (Fisher z) and p-values, and the
  plain Spearman rank correlation with its p-value (screening measures, not a variance
  decomposition).

Indices of means are only as good as the means. Before any index, every output and year
gets its replicate noise (:func:`replicate_noise`): the variance between replicates of
the same point, as a share of all runs' variance, and as a share of the variance of the
point means the indices are computed on. When that last share is above ``NOISE_LIMIT``,
the indices mostly measure luck: the sweep warns (console and ``noise_warnings`` in
``sensitivity.json``) and says how many replicates per point would bring it under the
limit.

Outputs are ``sensitivity.parquet`` (one row per output, year and parameter) and
``sensitivity.json`` (``indices[output][year][parameter]``, ``noise[output][year]``,
``noise_warnings``, plus what was skipped and why, e.g. an output that does not vary in a
year).
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
    "lhs": "partial rank correlation (PRCC) of each parameter with the output, 95% Fisher-z "
           "intervals and p-values; Spearman rank correlation (screening)",
    "grid": "partial rank correlation (PRCC) of each parameter with the output, 95% Fisher-z "
            "intervals and p-values; Spearman rank correlation (screening)",
}
RANK_COLUMNS = ["prcc", "prcc_low", "prcc_high", "prcc_p_value", "spearman_rho", "p_value"]
COLUMNS = {
    "sobol": ["S1", "S1_conf", "ST", "ST_conf"],
    "morris": ["mu", "mu_star", "mu_star_conf", "sigma"],
    "lhs": RANK_COLUMNS,
    "grid": RANK_COLUMNS,
}
# The largest share of the point means' variance that replicate noise may take before the
# indices are called unreliable. At 10%, noise moves a total Sobol index by about 0.1 for
# every parameter (the noise is a variance no parameter explains, which the estimators
# spread over all of them), the size of a 95% interval of a well-sampled study.
NOISE_LIMIT = 0.10


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
    noise, noise_warnings = replicate_noise(runs, outputs, years, experiment.replicates)
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
        "noise_limit": NOISE_LIMIT, "noise": noise, "noise_warnings": noise_warnings,
    }
    return frame, summary


def replicate_noise(runs: pd.DataFrame, outputs: list[str], years: list[int],
                    replicates: int) -> tuple[dict, list[dict]]:
    """Per output and year, how much of the variance is luck rather than parameters.

    ``y[p, r]`` is run (point p, replicate r). Replicate r of every point shares its
    random numbers (common random numbers), so luck has two parts: one that moves replicate
    r the same way at every point, which cancels out of the comparison of points, and one
    that differs from point to point, the point x replicate interaction, which does not.
    With R replicates per point:

    * ``replicate_share``: the share of the runs' sum of squares that lies between
      replicates of the same point (0-1);
    * ``within_point_variance``: the mean over points of the replicates' variance;
    * ``interaction_variance`` e: the residual mean square of the two-way table (points x
      replicates), the luck that does not cancel; the within-point variance where the
      table is not complete;
    * ``noise_share_of_means`` = (e / R) / m, with m the variance of the point means (what
      the indices decompose): the share of it that is noise. Above ``NOISE_LIMIT`` the
      indices are unreliable;
    * ``replicates_needed``: the R that brings it to the limit, R = e (1 - L) / (L s), with
      the signal s = m - e / R; null when no signal shows above the noise (s <= 0), where
      no number of replicates is known to be enough.

    Returns (``noise[output][year]``, warnings: one dict per unreliable output and year,
    with the catalogue key and fields of its message)."""
    noise: dict = {}
    warnings_out: list[dict] = []
    by_year = {year: runs.loc[runs["year"] == year, ["point", "replicate", *outputs]] for year in years}
    wide = {year: sub.pivot(index="point", columns="replicate") for year, sub in by_year.items()
            if not sub.empty}  # one table per year, every output: (points, replicates) each
    for output in outputs:
        for year in years:
            sub = by_year[year][["point", "replicate", output]].dropna()
            if sub.empty:
                continue
            table = wide[year][output]
            if len(sub) < len(by_year[year]):  # (the table of this output's non-null runs)
                table = sub.pivot(index="point", columns="replicate", values=output)
            y = sub[output].to_numpy(float)
            point_means = table.mean(axis=1).to_numpy(float)
            between = float(np.var(point_means, ddof=1)) if len(point_means) > 1 else 0.0
            ss_total = float(((y - y.mean()) ** 2).sum())
            entry: dict = {"replicates": int(replicates),
                           "total_variance": float(np.var(y, ddof=1)) if len(y) > 1 else 0.0,
                           "variance_of_point_means": between}
            fields = {"output": output, "year": int(year), "replicates": int(replicates),
                      "limit": NOISE_LIMIT}
            if replicates < 2:
                entry.update(within_point_variance=None, interaction_variance=None,
                             replicate_share=None, noise_share_of_means=None,
                             replicates_needed=None, reliable=False)
                warnings_out.append({**fields, "key": "noise.one_replicate"})
                noise.setdefault(output, {})[str(year)] = entry
                continue
            deviations = table.sub(table.mean(axis=1), axis=0)
            within = float(table.var(axis=1, ddof=1).mean())
            ss_within = float((deviations.to_numpy(float) ** 2)[np.isfinite(deviations)].sum())
            values = table.to_numpy(float)
            n_points, n_reps = values.shape
            if np.isfinite(values).all() and n_points > 1:
                residual = (values - values.mean(1, keepdims=True) - values.mean(0, keepdims=True)
                            + values.mean())
                interaction = float((residual ** 2).sum() / ((n_points - 1) * (n_reps - 1)))
            else:
                interaction = within
            noise_of_means = interaction / replicates
            if between > 0:
                share = noise_of_means / between
            else:
                share = 0.0 if noise_of_means == 0 else math.inf
            signal = between - noise_of_means
            # a signal within rounding of zero is none (it would ask for 10^17 replicates)
            needed = (max(2, math.ceil(interaction * (1 - NOISE_LIMIT) / (NOISE_LIMIT * signal)))
                      if signal > 1e-9 * between else None)
            reliable = share <= NOISE_LIMIT
            entry.update(within_point_variance=within, interaction_variance=interaction,
                         replicate_share=ss_within / ss_total if ss_total > 0 else None,
                         noise_share_of_means=_num(share), replicates_needed=needed,
                         reliable=bool(reliable))
            if not reliable:
                key = "noise.unreliable" if needed is not None else "noise.no_signal"
                warnings_out.append({**fields, "key": key, "share": _num(share), "needed": needed})
            noise.setdefault(output, {})[str(year)] = entry
    return noise, warnings_out


def noise_messages(summary: dict) -> list:
    """The noise warnings of a ``sensitivity.json`` as catalogue messages (``Msg``)."""
    from vcsim.experiments.messages import Msg
    out = []
    for w in summary.get("noise_warnings", []):
        fields = {k: v for k, v in w.items() if k != "key"}
        if fields.get("share") is None:
            fields["share"] = math.inf
        out.append(Msg(w["key"], **fields))
    return out


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
        return {**prcc(x, y), "spearman_rho": rho, "p_value": p}


def prcc(x: np.ndarray, y: np.ndarray) -> dict[str, list[float]]:
    """Partial rank correlation coefficients of each column of ``x`` with ``y``, with 95%
    intervals (Fisher z, standard error 1/sqrt(n - 3 - q) for q controlled parameters)
    and two-sided p-values (t with n - 2 - q degrees of freedom).

    Written here because neither SALib nor scipy has PRCC and it is a few lines of
    least squares: ranks of x_j and of y are regressed on the ranks of the other
    parameters (with an intercept); the PRCC is the correlation of the two residuals
    (Marino, Hogue, Ray and Kirschner 2008, J. Theor. Biol. 254:178)."""
    from scipy.special import stdtr
    x = np.asarray(x, dtype=float)
    n, k = x.shape
    ranks = np.column_stack([pd.Series(x[:, j]).rank().to_numpy() for j in range(k)])
    ry = pd.Series(np.asarray(y, dtype=float)).rank().to_numpy()
    out: dict[str, list[float]] = {"prcc": [], "prcc_low": [], "prcc_high": [], "prcc_p_value": []}
    varying = [j for j in range(k) if np.ptp(ranks[:, j]) > 0]
    for j in range(k):
        others = [i for i in varying if i != j]
        q = len(others)
        if j not in varying or n - 3 - q < 1 or np.ptp(ry) == 0:
            for key in out:
                out[key].append(math.nan)
            continue
        design = np.column_stack([np.ones(n), ranks[:, others]])
        res_x = ranks[:, j] - design @ np.linalg.lstsq(design, ranks[:, j], rcond=None)[0]
        res_y = ry - design @ np.linalg.lstsq(design, ry, rcond=None)[0]
        denom = math.sqrt(float(res_x @ res_x) * float(res_y @ res_y))
        r = float(res_x @ res_y) / denom if denom > 0 else math.nan
        r = max(-1.0, min(1.0, r))
        if abs(r) >= 1.0:
            low, high, pv = r, r, 0.0
        else:
            z, se = math.atanh(r), 1.0 / math.sqrt(n - 3 - q)
            low, high = math.tanh(z - 1.959963984540054 * se), math.tanh(z + 1.959963984540054 * se)
            df = n - 2 - q
            t = r * math.sqrt(df / (1.0 - r * r))
            pv = float(2.0 * stdtr(df, -abs(t)))
        out["prcc"].append(r)
        out["prcc_low"].append(low)
        out["prcc_high"].append(high)
        out["prcc_p_value"].append(pv)
    return out


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
    key = {"sobol": "ST", "morris": "mu_star"}.get(design, "prcc")
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
                    lines.append(f"    {name:<48} PRCC {_f(vals['prcc'])} "
                                 f"({_f(vals['prcc_low'])} to {_f(vals['prcc_high'])}), "
                                 f"p {_p(vals['prcc_p_value'])}   rho {_f(vals['spearman_rho'])}")
    for where, why in summary["skipped"].items():
        lines.append("  " + text("sensitivity.skipped", where=where, why=why))
    return "\n".join(lines)


def _p(v) -> str:
    return "n/a" if v is None else ("<0.001" if v < 0.001 else f"{v:.3f}")


def _f(v) -> str:
    return "  n/a" if v is None else f"{v:5.2f}"


def _g(v) -> str:
    return "n/a" if v is None else f"{v:.3g}"
