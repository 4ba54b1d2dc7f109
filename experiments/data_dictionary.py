"""The data dictionary: every column of every file vcsim writes, generated into
``docs/outputs.md``.

The model's tables (annual, villages, projects) are declared in ``model/outputs.py``;
the files the experiments add (summary.json, comparison, sweep, replicates, discover,
provenance) are declared here. ``python -m vcsim.experiments.data_dictionary`` rewrites
``docs/outputs.md``; ``tests/test_outputs_doc.py`` fails when the document is out of date
or when a file vcsim writes has a column or key that is not declared.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vcsim.model.outputs import TABLES, Column

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "outputs.md"

P = "{p, ci_low, ci_high, replicates} per year"
BAND = "{mean, p05, p95} per year (mean and 90% band across replicates)"


def C(name, dtype, unit, meaning, nullable=False) -> Column:
    return Column(name, dtype, unit, meaning, nullable)


SUMMARY_JSON = (
    C("scenario", "text", "-", "scenario name"),
    C("title", "{zh, en}", "-", "scenario title in Chinese and English"),
    C("description", "text", "-", "scenario description"),
    C("seed", "int", "-", "seed of the runs"),
    C("replicates", "int", "-", "replicates run"),
    C("villages", "int", "villages", "villages in the roster"),
    C("townships", "int", "townships", "townships in the roster"),
    C("years", "[int]", "year", "simulated years"),
    C("overrides", "{key: value}", "-", "the scenario's settings (dotted parameter keys)"),
    C("initial_zero_income_share", "float", "share (0-1)", "zero-income villages before the programme (2018 income)"),
    C("initial_zero_income_villages", "int", "villages", "zero-income villages before the programme"),
    C("zero_income_share", BAND, "share (0-1)", "zero-income villages / villages at the year's end"),
    C("zero_income_villages", BAND, "villages", "zero-income villages (空白村) at the year's end"),
    C("zero_income_villages_by_cohort", "{year: {cohort: band}}", "villages", "the same by rollout cohort (0 = never entered)"),
    C("p_no_zero_income_at_year_end", P, "probability",
      "chance the county ends the year with no zero-income village, with its 95% Wilson interval"),
    C("p_cleared_ever_by", P, "probability",
      "chance the county has had a year ending with no zero-income village by the end of the year "
      "(cumulative), with its 95% Wilson interval"),
    C("p_cleared_by", "{year: float}", "probability",
      "DEPRECATED compatibility alias, to be removed in the next release: equals "
      "p_no_zero_income_at_year_end[year].p; not cumulative despite its name"),
    C("clearance_year", "{p05, p50, p95, share_never}", "year",
      "quantiles across replicates of the first year that ends with no zero-income village (null: "
      "not by the last year) and the share of replicates that never get there", nullable=True),
    C("income_quantiles", "{year: {p10, p25, p50, p75, p90}}", "yuan/yr", "percentiles of village income, all replicates pooled"),
    C("mean_income_yuan", BAND, "yuan/yr", "mean village collective income"),
    C("share_income_ge_50k", BAND, "share (0-1)", "share of villages with income of at least 50,000 yuan"),
    C("share_income_ge_100k", BAND, "share (0-1)", "share of villages with income of at least 100,000 yuan"),
    C("gini", BAND, "0-1", "Gini coefficient of village incomes"),
    C("model_mix", "{model: {projects_mean, share, failed_share, income_per_yuan}}", "-",
      "per business model: projects started per replicate, share of all projects, share failed "
      "(null: none started), net income per yuan put in (null: none)", nullable=True),
    C("model_mix_by_cohort", "{cohort: {model: float}}", "projects", "projects started per replicate by cohort and model"),
    C("projects_started", "{mean, p05, p95}", "projects", "projects started over the run"),
    C("projects_failed", "{mean, p05, p95}", "projects", "projects failed or closed over the run"),
    C("grants_yuan", "{source: float}", "yuan", "money by source over the run, mean across replicates"),
    C("fiscal_cost_yuan", BAND, "yuan/yr", "public cost (annual.parquet fiscal_cost_yuan)"),
    C("county_fiscal_cost_yuan", BAND, "yuan/yr", "the county's part of it"),
    C("part_a_cost_yuan", BAND, "yuan/yr", "Part A (party-branch guarantees)"),
    C("misused_yuan", "{mean, p05, p95}", "yuan", "programme money misused over the run"),
    C("grant_yuan_per_income_yuan", "{mean, p05, p95}", "yuan per yuan",
      "public programme money per yuan of project income over the run (null: a replicate had no "
      "project income)", nullable=True),
    C("poor_household_jobs", BAND, "job-years", "work for poor households"),
    C("settings", "{key: {value, origin, rate?, per?, by_county?}}", "the parameter's unit",
      "every parameter's effective value on the roster and its origin: \"default\", "
      "\"scenario\" (the scenario file sets it) or \"scaled\" (a rate per village, poor village "
      "or township times the roster's count; rate and per given); in a region of several "
      "counties value is the total and by_county each county's"),
)

COMPARISON_PARQUET = (
    C("scenario", "string", "-", "scenario name"),
    *[c for c in TABLES["annual"]],
    C("cumulative_fiscal_cost_yuan", "float64", "yuan", "fiscal_cost_yuan summed from 2019 to the year"),
    C("programme_yuan", "float64", "yuan/yr", "public programme money: 5025 grants (all shares), integrated funds, demonstration extras"),
    C("cumulative_programme_yuan", "float64", "yuan", "programme_yuan summed from 2019 to the year"),
    C("initial_zero_income_villages", "int64", "villages", "zero-income villages before the programme"),
    C("villages_cleared", "int64", "villages", "initial_zero_income_villages minus zero_income_villages"),
    C("cost_per_village_cleared_yuan", "float64", "yuan per village",
      "cumulative_programme_yuan / villages_cleared; NaN where no village was cleared"),
    C("no_zero_income_at_year_end", "bool", "-", "no zero-income village at the end of the year (not cumulative)"),
    C("cleared_ever_by", "bool", "-", "no_zero_income_at_year_end in this year or an earlier one (cumulative)"),
    C("cleared", "bool", "-", "the same as no_zero_income_at_year_end (its old name, kept for one release)"),
)

COMPARISON_JSON = (
    C("baseline", "text", "-", "the baseline scenario"),
    C("scenarios", "[text]", "-", "scenarios compared"),
    C("folders", "{scenario: folder}", "-", "each scenario's subfolder (as vcsim run writes it)"),
    C("seed", "int", "-", "seed (null when scenarios had their own seeds)", nullable=True),
    C("seeds", "{scenario: int}", "-", "present only when scenarios had their own seeds"),
    C("replicates", "int", "-", "replicates per scenario"),
    C("years", "[int]", "year", "years every scenario has"),
    C("paired", "bool", "-", "replicates paired by common random numbers (one seed)"),
    C("engine", "text", "-", "simulation engine"),
    C("villages", "int", "villages", "villages in the roster"),
    C("titles", "{scenario: {zh, en}}", "-", "scenario titles"),
    C("initial_zero_income_villages", "{scenario: band}", "villages", "zero-income villages before the programme"),
    C("seconds", "float", "s", "wall time of the runs"),
    C("clearance_year", "int", "year", "the baseline's clearance year (rollout.remaining_year), "
      "the year the printed table shows first"),
    C("measures", "{scenario: {year: {measure: band, p_no_zero_income_at_year_end, "
      "p_cleared_ever_by, p_cleared}}}", "as the measure",
      "bands of zero_income_villages, zero_income_share, mean_income_yuan, share_income_ge_50k, "
      "share_income_ge_100k, gini, fiscal_cost_yuan, cumulative_fiscal_cost_yuan; "
      "p_no_zero_income_at_year_end: share of replicates with no zero-income village at the "
      "year's end (not cumulative); p_cleared_ever_by: share that have had such a year-end by "
      "the year (cumulative); p_cleared: the old name of p_no_zero_income_at_year_end, kept "
      "for one release"),
    C("differences", "{scenario: {year: {measure: {mean, ci_low, ci_high}}}}", "as the measure",
      "paired differences against the baseline with 95% t intervals (null with one replicate)"),
    C("cost_per_village_cleared_yuan", "{scenario: {year: band + replicates}}", "yuan per village",
      "cost per village cleared; replicates: in how many it was defined"),
    C("definitions", "{name: text}", "-", "the definitions above, in words"),
)

SWEEP_RUNS = (
    C("point", "int64", "-", "design point (row of points.parquet)"),
    C("replicate", "int64", "-", "replicate number (common random numbers across points)"),
    C("year", "int64", "year", "calendar year (0 for the Ishigami test function)"),
    C("PARAMETER", "as the parameter", "as `vcsim params`", "one column per varied parameter (dotted key): its value at the point"),
    C("OUTPUT", "as in annual.parquet", "as in annual.parquet", "one column per output: a county measure of annual.parquet"),
)

SWEEP_POINTS = (
    C("point", "int64", "-", "design point"),
    C("PARAMETER", "int64, float64 or bool", "as `vcsim params`", "one column per varied parameter: the value the model gets"),
)

SWEEP_MANIFEST = (
    C("experiment_hash", "text", "-", "SHA-256 of the experiment, base scenario, roster and engine"),
    C("experiment_file", "text", "-", "the experiment file"),
    C("experiment_name", "text", "-", "its name"),
    C("description", "text", "-", "its description"),
    C("experiment", "object", "-", "the canonical experiment (what decides the runs)"),
    C("base_scenario", "{name, file, overrides}", "-", "the base scenario (null: Ishigami)", nullable=True),
    C("roster", "{source, villages}", "-", "the roster (null: Ishigami)", nullable=True),
    C("engine", "text", "-", "simulation engine"),
    C("points", "int", "-", "design points"), C("replicates", "int", "-", "replicates per point"),
    C("runs", "int", "-", "points x replicates"), C("years", "[int]", "year", "simulated years"),
    C("parameters", "[text]", "-", "varied parameters"), C("outputs", "[text]", "-", "outputs stored"),
    C("columns", "[text]", "-", "columns of runs/"), C("created", "ISO time", "-", "when the sweep started"),
    C("complete", "bool", "-", "every run is stored"), C("finished", "ISO time", "-", "when it finished"),
)

SENSITIVITY_PARQUET = (
    C("output", "string", "-", "output"), C("year", "int64", "year", "year"),
    C("parameter", "string", "-", "parameter"),
    C("S1", "float64", "share", "sobol: first-order index"), C("S1_conf", "float64", "share", "sobol: its 95% bootstrap half-width"),
    C("ST", "float64", "share", "sobol: total-order index"), C("ST_conf", "float64", "share", "sobol: its 95% bootstrap half-width"),
    C("mu", "float64", "output unit", "morris: mean elementary effect"),
    C("mu_star", "float64", "output unit", "morris: mean absolute elementary effect"),
    C("mu_star_conf", "float64", "output unit", "morris: its 95% bootstrap half-width"),
    C("sigma", "float64", "output unit", "morris: sd of the elementary effects"),
    C("prcc", "float64", "-1 to 1", "lhs/grid: partial rank correlation coefficient"),
    C("prcc_low", "float64", "-1 to 1", "lhs/grid: its 95% interval, lower end (Fisher z)"),
    C("prcc_high", "float64", "-1 to 1", "lhs/grid: its 95% interval, upper end"),
    C("prcc_p_value", "float64", "probability", "lhs/grid: two-sided p-value of the PRCC"),
    C("spearman_rho", "float64", "-1 to 1", "lhs/grid: Spearman rank correlation"),
    C("p_value", "float64", "probability", "lhs/grid: its two-sided p-value"),
)

SENSITIVITY_JSON = (
    C("design", "text", "-", "grid, lhs, sobol or morris"), C("method", "text", "-", "the indices computed"),
    C("parameters", "[text]", "-", "varied parameters"), C("outputs", "[text]", "-", "outputs analysed"),
    C("years", "[int]", "year", "years analysed"),
    C("replicates_averaged", "int", "-", "replicates averaged per point before the indices"),
    C("points", "int", "-", "design points"),
    C("indices", "{output: {year: {parameter: {index: value}}}}", "-", "the columns of sensitivity.parquet"),
    C("skipped", "{'output year': reason}", "-", "outputs and years without indices, and why"),
    C("noise_limit", "float", "share", "largest share of the point means' variance replicate noise may take (0.1)"),
    C("noise", "{output: {year: entry}}", "-",
      "replicate noise per output and year; entry: replicates, total_variance, variance_of_point_means, "
      "within_point_variance, interaction_variance, replicate_share (share of the runs' sum of squares "
      "between replicates of the same point), noise_share_of_means, replicates_needed (null: no signal "
      "above noise), reliable"),
    C("noise_warnings", "[{key, output, year, replicates, limit, share, needed}]", "-",
      "one per unreliable output and year; key is the catalogue message (noise.unreliable, "
      "noise.no_signal, noise.one_replicate)"),
)

REPLICATES_JSON = (
    C("scenario", "text", "-", "scenario"), C("measure", "text", "-", "measure"), C("year", "int", "year", "year"),
    C("half_width_target", "float", "measure unit", "the half-width asked for"),
    C("seed", "int", "-", "seed"), C("engine", "text", "-", "engine"),
    C("reached", "bool", "-", "the target was reached within --max-replicates"),
    C("replicates", "int", "-", "replicates run (0 .. n-1 of the seed): the interval below is theirs"),
    C("replicates_needed", "int", "-", "what all the runs say the target needs"),
    C("estimate", "float", "measure unit", "mean (a probability for cleared, cleared_ever)"),
    C("ci_low", "float", "measure unit", "95% interval, lower end"), C("ci_high", "float", "measure unit", "upper end"),
    C("half_width", "float", "measure unit", "(ci_high - ci_low) / 2"),
    C("interval", "text", "-", "wilson (probabilities) or t (means)"),
    C("batches", "[int]", "-", "replicates run in each batch"), C("seconds", "float", "s", "wall time"),
)

DISCOVER_JSON = (
    C("sweep", "text", "-", "the sweep folder"), C("outcome", "text", "-", "the outcome expression"),
    C("references", "[{output, year}]", "-", "outputs and years it reads"),
    C("runs", "int", "-", "runs"), C("runs_with_outcome", "int", "-", "runs where it happens"),
    C("share_with_outcome", "float", "share", "their share"),
    C("parameters", "[text]", "-", "the sweep's parameters"),
    C("prim", "box", "-",
      "PRIM's box: limits {parameter: [low, high]} (restricted parameters only), coverage, density, "
      "mass, runs_inside, step, density_target, meets_target"),
    C("prim_trajectory", "[box]", "-", "PRIM's peeling and pasting trajectory"),
    C("cart", "[box]", "-", "CART leaves where the outcome is the majority, densest first (box number)"),
    C("definitions", "{name: text}", "-", "coverage, density and mass in words"),
)

DISCOVER_BOXES = (
    C("method", "string", "-", "prim or cart"), C("box", "string", "-", "PRIM, or CART n"),
    C("parameter", "string", "-", "a restricted parameter"),
    C("low", "float64", "parameter unit", "lower limit"), C("high", "float64", "parameter unit", "upper limit"),
    C("coverage", "float64", "share", "share of the runs with the outcome inside the box"),
    C("density", "float64", "share", "share of the runs inside the box with the outcome"),
    C("mass", "float64", "share", "share of all runs inside the box"),
)

PROVENANCE_JSON = (
    C("vcsim_version", "text", "-", "vcsim's version"),
    C("git", "{commit, uncommitted_changes}", "-", "the checkout's commit (null: an installed wheel)", nullable=True),
    C("python", "text", "-", "Python version"), C("platform", "text", "-", "operating system"),
    C("packages", "{name: version}", "-", "versions of the packages that decide the numbers (null: not installed)"),
    C("command", "[text]", "-", "the command line"), C("created", "ISO time", "-", "when it was written"),
    C("scenario_hashes", "{scenario: sha256}", "-", "SHA-256 of each scenario's settings"),
    C("roster_hash", "sha256", "-", "SHA-256 of the roster as the model reads it"),
    C("villages", "int", "villages", "roster rows"), C("seed", "int", "-", "seed"),
    C("replicates", "int", "-", "replicates"), C("engine", "text", "-", "engine"),
    C("baseline", "text", "-", "compare: the baseline"), C("seeds", "{scenario: int}", "-", "compare: seeds"),
    C("experiment_hash", "text", "-", "sweep, discover: the experiment's hash"),
    C("experiment_file", "text", "-", "sweep: the experiment file"),
    C("resumed_by", "[record]", "-", "sweep: the record of each --resume"),
    C("sweep", "text", "-", "discover: the sweep folder"), C("outcome", "text", "-", "discover: the outcome"),
    C("results", "text", "-", "watchlist: the results folder read"), C("year", "int", "year", "watchlist: the year"),
    C("scenarios", "[text]", "-", "watchlist: the scenarios listed"), C("language", "zh or en", "-", "watchlist: the files' language"),
    C("plan_file", "text", "-", "plan: the plan file"), C("verify_seed", "int", "-", "plan: the verification's seed"),
    C("verify_replicates", "int", "-", "plan: the verification's replicates"),
)

WATCHLIST_VILLAGES = (
    C("scenario", "text", "-", "scenario (watchlist.csv; in watchlist.xlsx each scenario has its own sheet)"),
    C("village_id", "text", "-", "the village's id in the roster"),
    C("name", "text", "-", "village name (roster)"), C("township", "text", "-", "township (roster)"),
    C("poor", "yes/no", "-", "registered poor village (是/否, yes/no)"),
    C("cohort", "int", "-", "rollout step it entered by (most common over replicates; 0 = not entered)"),
    C("p_zero", "float", "probability", "share of replicates in which it has zero operating income at the end of the year"),
    C("p_zero_low", "float", "probability", "lower end of p_zero's 95% Wilson interval"),
    C("p_zero_high", "float", "probability", "upper end of p_zero's 95% Wilson interval"),
    C("p_below_50k", "float", "probability", "share of replicates in which its collective income is below 50,000 yuan"),
    C("income_mean_yuan", "float", "yuan/yr", "mean collective income over replicates"),
    C("income_p05_yuan", "float", "yuan/yr", "5th percentile of its income over replicates"),
    C("income_p95_yuan", "float", "yuan/yr", "95th percentile of its income over replicates"),
    C("model", "text", "-", "most common business model at the year's end (empty: none in any replicate)", nullable=True),
    C("model_share", "float", "share", "share of replicates with that model"),
    C("reason", "text", "-", "main reason it is at risk (the most common over its zero-income replicates; "
      "README, Watch list); empty when never at zero", nullable=True),
    C("reason_share", "float", "share", "share of its zero-income replicates with that reason", nullable=True),
)

WATCHLIST_TOWNSHIPS = (
    C("scenario", "text", "-", "scenario (watchlist_townships.csv)"),
    C("township", "text", "-", "township"), C("villages", "int", "villages", "villages in it"),
    C("poor_villages", "int", "villages", "registered poor villages in it"),
    C("expected_zero_villages", "float", "villages", "mean over replicates of its zero-income villages at the year's end"),
    C("zero_villages_p05", "float", "villages", "5th percentile over replicates of that count"),
    C("zero_villages_p95", "float", "villages", "95th percentile over replicates of that count"),
    C("villages_above_risk_line", "int", "villages", "villages whose p_zero is above 10%"),
)

PLAN_JSON = (
    C("plan", "text", "-", "the plan's name"), C("description", "text", "-", "its description"),
    C("file", "text", "-", "the plan file"), C("base", "text", "-", "the base scenario"),
    C("roster", "text", "-", "the roster file the plan ran on (null: the built-in county)", nullable=True),
    C("target", "{measure, year, at_least, confidence, meaning}", "-", "the target"),
    C("objective", "{minimise, meaning}", "-", "what is minimised"),
    C("levers", "{key: [low, high]}", "-", "the levers and their bounds"),
    C("search", "{sampler, trials, replicates, seed, plans_simulated, common_random_numbers, engine}", "-",
      "how the search ran"),
    C("found", "bool", "-", "a plan tried met the target on the search replicates"),
    C("chosen", "plan", "-", "the chosen plan: trial, levers, adjusted (rollout years moved to keep the "
      "steps in order), probability, successes, replicates, probability_lower_95, cost_yuan, "
      "cost_p05_yuan, cost_p95_yuan (on the search replicates)"),
    C("verification", "{seed, replicates, successes, probability, lower_bound_95_one_sided, interval_95, "
      "meets_target, bound_meets_target, cost_yuan, cost_p05_yuan, cost_p95_yuan, method}", "-",
      "the chosen plan on fresh replicates: exact (Clopper-Pearson) bounds"),
    C("references", "{upper_bounds, base_in_bounds}", "-",
      "every lever at its upper bound, and the base scenario's values (inside the bounds): plans as in chosen"),
    C("seconds", "{simulation, optimiser, verification, total}", "s", "where the time went"),
)

PLAN_EVALUATIONS = (
    C("trial", "int64", "-", "the plan's number, in the order tried (0: every lever at its upper bound; "
      "1: the base scenario's values)"),
    C("lever:KEY", "per lever", "the setting's unit", "one column per lever: its value in this plan"),
    C("probability", "float64", "probability", "share of the search replicates meeting the target's event"),
    C("successes", "int64", "replicates", "replicates meeting it"), C("replicates", "int64", "-", "replicates run"),
    C("probability_lower_95", "float64", "probability", "exact one-sided 95% lower bound of probability"),
    C("cost_yuan", "float64", "yuan", "mean of the objective over the replicates"),
    C("cost_p05_yuan", "float64", "yuan", "5th percentile of the objective over the replicates"),
    C("cost_p95_yuan", "float64", "yuan", "95th percentile of the objective over the replicates"),
    C("meets_target", "bool", "-", "probability (or its lower bound with [target] confidence) at least the target"),
    C("repeat_of_earlier", "bool", "-", "the same settings were tried before (the same numbers: common random numbers)"),
    C("adjusted", "string", "-", "JSON of rollout years moved to keep the steps in order; empty: none"),
)

def _roster_columns() -> tuple[Column, ...]:
    """roster.parquet: the canonical roster columns (model.roster.VILLAGE_COLUMNS)."""
    from vcsim.model.roster import VILLAGE_COLUMNS
    dtypes = {"str": "string", "bool": "bool", "int": "int64", "float": "float64"}
    return tuple(C(c.name, dtypes[c.kind], c.unit, c.meaning) for c in VILLAGE_COLUMNS)


ROSTER_PARQUET = _roster_columns()

# file -> (where it is written, its columns or keys)
FILES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "summary.json": ("vcsim run, and each scenario folder of vcsim compare", SUMMARY_JSON),
    "annual.parquet": ("vcsim run; one row per replicate and year", TABLES["annual"]),
    "villages.parquet": ("vcsim run; one row per replicate, village and year", TABLES["villages"]),
    "projects.parquet": ("vcsim run; one row per replicate and project", TABLES["projects"]),
    "roster.parquet": ("vcsim run, and each scenario folder of vcsim compare; one row per "
                       "village simulated (the roster, with blank cells filled; which were "
                       "filled: its metadata, DataFrame.attrs[\"filled\"])", ROSTER_PARQUET),
    "comparison.parquet": ("vcsim compare; one row per scenario, replicate and year", COMPARISON_PARQUET),
    "comparison.json": ("vcsim compare", COMPARISON_JSON),
    "runs/": ("vcsim sweep; one Parquet dataset, one row per point, replicate and year", SWEEP_RUNS),
    "points.parquet": ("vcsim sweep; the design, one row per point", SWEEP_POINTS),
    "manifest.json": ("vcsim sweep", SWEEP_MANIFEST),
    "sensitivity.parquet": ("vcsim sweep; one row per output, year and parameter; the index "
                            "columns of the design", SENSITIVITY_PARQUET),
    "sensitivity.json": ("vcsim sweep", SENSITIVITY_JSON),
    "replicates (--json)": ("vcsim replicates --json, printed", REPLICATES_JSON),
    "discover.json": ("vcsim discover", DISCOVER_JSON),
    "boxes.csv": ("vcsim discover; one row per box and restricted parameter", DISCOVER_BOXES),
    "watchlist.csv": ("vcsim watchlist; one row per scenario and village, riskiest first; also the "
                      "village sheets of watchlist.xlsx. Headers are in the chosen language (zh by "
                      "default); the names below are the canonical ones", WATCHLIST_VILLAGES),
    "watchlist_townships.csv": ("vcsim watchlist; one row per scenario and township; also the township "
                                "sheets of watchlist.xlsx (headers in the chosen language)", WATCHLIST_TOWNSHIPS),
    "plan.json": ("vcsim plan", PLAN_JSON),
    "evaluations.parquet": ("vcsim plan; one row per plan tried", PLAN_EVALUATIONS),
    "provenance.json": ("every results folder: run, compare (top and each scenario), sweep, discover, "
                        "watchlist, plan", PROVENANCE_JSON),
}


def names(file: str) -> set[str]:
    return {c.name for c in FILES[file][1]}


def markdown() -> str:
    lines = ["# Outputs: the data dictionary", "",
             "<!-- generated by `python -m vcsim.experiments.data_dictionary` from model/outputs.py "
             "and experiments/data_dictionary.py; do not edit by hand -->", "",
             "Every file vcsim writes, every column or key, with its type, unit and meaning. "
             "Missing values are nulls (Parquet nulls, JSON `null`), never empty strings. Types "
             "of Parquet columns are pandas dtypes (`string`: text; `Int64`: a whole number or "
             "null). A zero-income village (空白村) is defined by its operating receipts "
             "(`receipts_yuan`), not by its net income.", ""]
    for file, (where, columns) in FILES.items():
        lines += [f"## {file}", "", f"Written by: {where}.", "",
                  "| column | type | unit | null | meaning |", "|---|---|---|---|---|"]
        for c in columns:
            cell = c.meaning.replace("|", "/")
            lines.append(f"| `{c.name}` | {c.dtype} | {c.unit} | {'yes' if c.nullable else ''} | {cell} |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    DOC_PATH.write_text(markdown(), encoding="utf-8")
    print(f"updated {DOC_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
