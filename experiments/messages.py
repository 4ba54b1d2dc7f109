"""Every message vcsim shows its users, in English and Chinese: the one catalogue.

Code never writes a user-facing sentence inline: it names a catalogue key and the
fields to fill in, ``Msg("scenario.unknown_setting", file=path, key=..., hint=...)``,
and the message is rendered in the user's language when it is shown. The language is
Chinese when ``--lang zh`` or ``VCSIM_LANG=zh`` says so, or when the locale does
(``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` starting with ``zh``); English otherwise.

A field may itself be a ``Msg`` (a reason, a hint, a list of accepted values): it is
rendered in the same language as the message around it.
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("zh", "en")
_chosen: str | None = None  # set by --lang; otherwise VCSIM_LANG, then the locale


def set_language(lang: str | None) -> None:
    """Fix the language for this process (``--lang``); None goes back to the environment."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {LANGUAGES}")
    _chosen = lang


def language() -> str:
    """"zh" or "en": ``--lang``, then ``VCSIM_LANG``, then the POSIX locale variables in
    their order of precedence (LC_ALL, LC_MESSAGES, LANG)."""
    if _chosen:
        return _chosen
    env = os.environ.get("VCSIM_LANG", "").strip().lower()
    if env in LANGUAGES:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class Msg:
    """A catalogue message and its fields, rendered when shown (``str``) in the current
    language, or in a given one (``render``)."""

    __slots__ = ("key", "fields")

    def __init__(self, key: str, /, **fields: Any):
        if key not in CATALOGUE:
            raise KeyError(f"message {key!r} is not in experiments.messages.CATALOGUE")
        self.key = key
        self.fields = fields

    def render(self, lang: str | None = None) -> str:
        lang = lang or language()
        template = CATALOGUE[self.key][0 if lang == "en" else 1]
        return template.format(**{k: _render(v, lang) for k, v in self.fields.items()})

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, **{self.fields!r})"


def text(key: str, /, lang: str | None = None, **fields: Any) -> str:
    """A catalogue message rendered now."""
    return Msg(key, **fields).render(lang)


def _render(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)) and any(isinstance(v, Msg) for v in value):
        return ("、" if lang == "zh" else ", ").join(str(_render(v, lang)) for v in value)
    return value


# key -> (English, Chinese). Fields in braces; keep the two versions' fields the same.
# Sections by command or module; add a new command's messages in a section of its own.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- general ------------------------------------------------------------------
    "error.prefix": ("vcsim: error: {message}", "vcsim：错误：{message}"),
    "warning.prefix": ("vcsim: warning: {message}", "vcsim：警告：{message}"),
    "hint.did_you_mean": ("; did you mean {name}?", "；是否想输入 {name}？"),

    # --- files and scenarios -----------------------------------------------------

    # --- rosters -------------------------------------------------------------------

    # --- run, validate, params -----------------------------------------------------

    # --- compare, sweep, bench --------------------------------------------------------

    # --- brief -----------------------------------------------------------------------

    # --- dashboard -------------------------------------------------------------------

    # --- settings scaled to the roster ----------------------------------------------
    "scaled.header": (
        "settings that scale with the county, for {villages} villages ({poor} poor) in "
        "{townships} townships:",
        "随县域规模折算的设置（{villages} 个村，其中贫困村 {poor} 个，{townships} 个乡镇）："),
    "scaled.header_region": (
        "settings that scale with the county: each of the {counties} counties "
        "({villages} villages in all) gets its own, scaled to its size:",
        "随县域规模折算的设置：{counties} 个县（共 {villages} 个村）各按本县规模折算："),
    "scaled.for_scenarios": ("  {names}:", "  {names}："),
    "scaled.line_scaled": (
        "  {key} = {value} {unit} ({rate} per {per} x {count}; scaled to the roster)",
        "  {key} = {value} {unit}（每{per} {rate} × {count}，按名册折算）"),
    "scaled.line_region": (
        "  {key} = {total} {unit} in all ({rate} per {per}; {low} to {high} a county)",
        "  {key} = 合计 {total} {unit}（每{per} {rate}；各县 {low} 至 {high}）"),
    "scaled.line_scenario": (
        "  {key} = {value} {unit} (set in the scenario; used as given)",
        "  {key} = {value} {unit}（情景文件设定，按原值使用）"),
    "scaled.roster_with_roster": (
        "{file}: is a roster; --roster {roster} goes with a scenario file (vcsim validate "
        "SCENARIO.toml --roster {roster} shows the scenario's settings for that roster)",
        "{file}：这是村名册；--roster {roster} 应与情景文件一起使用（vcsim validate "
        "情景.toml --roster {roster} 显示该名册下情景的设置）"),
    "scaled.per.village": ("village", "村"),
    "scaled.per.poor_village": ("poor village", "贫困村"),
    "scaled.per.township": ("township", "乡镇"),
    "scaled.unit.yuan": ("yuan", "元"),
    "scaled.unit.yuan/yr": ("yuan/yr", "元/年"),
    "scaled.unit.villages": ("villages", "个村"),
    "scaled.unit.people": ("people", "人"),


    # --- watchlist -------------------------------------------------------------------

    # --- plan ------------------------------------------------------------------------

    # --- calibrate -------------------------------------------------------------------
    "calibrate.unknown_key": (
        "{file}: unknown key '{key}'{hint}; accepted: {accepted}",
        "{file}：未知的键“{key}”{hint}；可用的键：{accepted}"),
    "calibrate.missing_key": (
        "{file}: '{key}' is missing; accepted: {accepted}",
        "{file}：缺少“{key}”；应为：{accepted}"),
    "calibrate.bad_value": (
        "{file}: '{key}' = {value} is not accepted; accepted: {accepted}",
        "{file}：“{key}” = {value} 不可用；应为：{accepted}"),
    "calibrate.accepted_base": (
        "the base scenario in quotes: a shipped name such as \"baseline\" or a .toml file relative to this file",
        "带引号的基准情景：内置名称（如 \"baseline\"），或相对于本文件的 .toml 文件"),
    "calibrate.accepted_roster": (
        "a roster file (.csv or .xlsx) in quotes, relative to this file",
        "带引号的村庄名册文件（.csv 或 .xlsx），相对于本文件"),
    "calibrate.accepted_whole": ("a whole number of at least {least}", "不小于 {least} 的整数"),
    "calibrate.accepted_between": ("a number above {low}, at most {high}", "大于 {low}、不超过 {high} 的数"),
    "calibrate.accepted_text": ("text in quotes", "带引号的文字"),
    "calibrate.accepted_measure": (
        "a measure name in quotes (see the list in the README's calibrate section)",
        "带引号的指标名称（见 README 的 calibrate 一节）"),
    "calibrate.accepted_year": ("a simulated year, e.g. 2021", "模拟范围内的年份，例如 2021"),
    "calibrate.accepted_observed": (
        "{n} number(s): the observed value (a list for income_brackets)",
        "{n} 个数：观测值（income_brackets 为列表）"),
    "calibrate.accepted_sd": (
        "{n} number(s) above 0: the observed value's standard deviation",
        "{n} 个大于 0 的数：观测值的标准差"),
    "calibrate.no_parameters": (
        "{file}: [parameters] is missing or empty; accepted: one line per parameter to fit, "
        "\"key\" = [low, high] (a uniform prior) or \"key\" = \"plausible\" (its plausible range from `vcsim params`)",
        "{file}：缺少 [parameters] 或其为空；应为：每个待校准参数一行，\"参数\" = [下限, 上限]（均匀先验）"
        "或 \"参数\" = \"plausible\"（采用 `vcsim params` 中的合理范围）"),
    "calibrate.unknown_parameter": (
        "{file}: {key}: no such parameter{hint}; accepted: a numeric parameter listed by `vcsim params`",
        "{file}：{key}：没有这个参数{hint}；应为：`vcsim params` 列出的数值参数"),
    "calibrate.parameter_kind": (
        "{file}: {key} is a {kind} setting; accepted: only numeric (float or whole-number) parameters can be calibrated",
        "{file}：{key} 是 {kind} 类型的设置；应为：只能校准数值型（小数或整数）参数"),
    "calibrate.bounds_form": (
        "{file}: {key} = {value}; accepted: two numbers [low, high], or \"plausible\"",
        "{file}：{key} = {value}；应为：两个数 [下限, 上限]，或 \"plausible\""),
    "calibrate.bounds_reversed": (
        "{file}: {key}: the lower bound {low} is not below the upper bound {high}; accepted: [low, high] with low < high",
        "{file}：{key}：下限 {low} 不小于上限 {high}；应为：[下限, 上限]，且下限 < 上限"),
    "calibrate.bounds_outside": (
        "{file}: {key} = [{low}, {high}] goes outside the parameter's plausible range {plow} - {phigh} ({unit}); "
        "accepted: bounds within that range (`vcsim params`)",
        "{file}：{key} = [{low}, {high}] 超出该参数的合理范围 {plow} - {phigh}（{unit}）；应为：该范围之内的上下限（见 `vcsim params`）"),
    "calibrate.too_many_parameters": (
        "{file}: [parameters] names {n} parameters; accepted: at most {most}",
        "{file}：[parameters] 列了 {n} 个参数；应为：最多 {most} 个"),
    "calibrate.no_targets": (
        "{file}: no [[targets]]; accepted: one or more [[targets]] tables, each with measure, year, observed and sd",
        "{file}：没有 [[targets]]；应为：一个或多个 [[targets]] 表，各含 measure、year、observed 和 sd"),
    "calibrate.unknown_measure": (
        "{file}: {key} = {value}: no such measure{hint}; accepted: {accepted}",
        "{file}：{key} = {value}：没有这个指标{hint}；可用的指标：{accepted}"),
    "calibrate.year_outside": (
        "{file}: {key} = {value} is outside the simulated years; accepted: a year from {first} to {last}",
        "{file}：{key} = {value} 不在模拟年份之内；应为：{first} 至 {last} 年之间的年份"),
    "calibrate.observed_outside": (
        "{file}: {key} = {value}: {measure} can only take values from {low} to {high}; accepted: a value in that range",
        "{file}：{key} = {value}：{measure} 的取值只能在 {low} 至 {high} 之间；应为：该范围内的数"),
    "calibrate.brackets_sum": (
        "{file}: {key}: the bracket shares add up to {total}; accepted: shares that add up to 1",
        "{file}：{key}：各档占比之和为 {total}；应为：合计为 1 的占比"),
    "calibrate.bad_edges": (
        "{file}: {key} = {value}; accepted: increasing income thresholds in yuan from: {accepted}",
        "{file}：{key} = {value}；应为：从以下收入门槛（元）中选取、递增排列：{accepted}"),
    "calibrate.edges_unused": (
        "{file}: {key}: 'edges' is only used with measure = \"income_brackets\"; accepted: remove it",
        "{file}：{key}：只有 measure = \"income_brackets\" 时才用 'edges'；应为：删除此项"),
    "calibrate.cannot_write": (
        "{folder}: cannot create or write the output folder ({reason})",
        "{folder}：无法创建或写入输出文件夹（{reason}）"),
    "calibrate.start": (
        "calibrating '{name}': {parameters} parameter(s), {targets} target value(s), {population} particles "
        "per generation, {replicates} replicates per sample, on {where}",
        "校准“{name}”：{parameters} 个参数、{targets} 个目标值，每代 {population} 个粒子，每个样本 {replicates} 次重复，运行于 {where}"),
    "calibrate.progress": ("generation {generation} (tolerance {tolerance})", "第 {generation} 代（容差 {tolerance}）"),
    "calibrate.progress_simulated": ("{proposed} samples simulated", "已模拟 {proposed} 个样本"),
    "calibrate.generation": (
        "generation {generation}: tolerance {tolerance}, {passed} of {proposed} samples within it ({rate}), "
        "{kept} kept, effective sample size {ess}, {seconds} s",
        "第 {generation} 代：容差 {tolerance}，模拟 {proposed} 个样本、{passed} 个在容差之内（{rate}），保留 {kept} 个，有效样本量 {ess}，用时 {seconds} 秒"),
    "calibrate.stop_tolerance": (
        "stopped: the final tolerance {tolerance} is reached after {generations} generations",
        "停止：{generations} 代后达到最终容差 {tolerance}"),
    "calibrate.stop_generations": (
        "stopped: {generations} generations run (tolerance {tolerance}); add generations to go further",
        "停止：已运行 {generations} 代（容差 {tolerance}）；如需继续请增加 generations"),
    "calibrate.stop_acceptance": (
        "stopped: in the next generation fewer than {rate} of the samples were accepted; the result is "
        "generation {generations} (tolerance {tolerance})",
        "停止：下一代的接受率低于 {rate}；结果取第 {generations} 代（容差 {tolerance}）"),
    "calibrate.predictive": (
        "posterior predictive check: {samples} samples drawn from the posterior, on fresh replicates",
        "后验预测检验：从后验中抽取 {samples} 个样本，用新的重复运行"),
    "calibrate.table_title": ("calibration '{name}'", "校准“{name}”"),
    "calibrate.table_parameters": (
        "parameter                                     prior          median  (90% interval)",
        "参数                                          先验           中位数  （90% 区间）"),
    "calibrate.table_targets": (
        "target                                        observed ± sd        simulated median (90%)",
        "目标                                          观测值 ± 标准差      模拟中位数（90%）"),
    "calibrate.table_footer": (
        "{generations} generations, final tolerance {tolerance}, {runs} runs in {seconds} s",
        "共 {generations} 代，最终容差 {tolerance}，{runs} 次运行，用时 {seconds} 秒"),
    "calibrate.done": ("outputs in {folder}/", "结果在 {folder}/"),
    "calibrate.no_cjk_font": (
        "no Chinese font found: the calibration charts are drawn in English only",
        "未找到中文字体：校准图表只绘制英文版"),
    "calibrate.chart_marginals_title": (
        "The observed figures narrow {k} of {n} parameters",
        "观测数据收窄了 {n} 个参数中的 {k} 个"),
    "calibrate.chart_marginals_title_none": (
        "The observed figures hardly narrow any parameter",
        "观测数据几乎没有收窄任何参数"),
    "calibrate.chart_marginals_note": (
        "bars: posterior (weighted samples); black line: median; shaded: 90% interval; dashed: the uniform prior; "
        "x axis: the prior's bounds. Narrowed: 90% interval under {share} of the prior's width",
        "柱：后验（加权样本）；黑线：中位数；阴影：90% 区间；虚线：均匀先验；横轴为先验的上下限。"
        "“收窄”指 90% 区间不到先验宽度的 {share}"),
    "calibrate.chart_density": ("probability density", "概率密度"),
    "calibrate.chart_check_title_ok": (
        "The fitted model reproduces all {n} observed figures",
        "校准后的模型重现了全部 {n} 个观测值"),
    "calibrate.chart_check_title_some": (
        "The fitted model reproduces {k} of {n} observed figures",
        "校准后的模型重现了 {n} 个观测值中的 {k} 个"),
    "calibrate.chart_check_note": (
        "diamond and bar: observed value ± 1.96 sd; box: simulated with posterior parameters (median, 50% and 90% of samples)",
        "菱形与横线：观测值 ± 1.96 倍标准差；箱线：按后验参数模拟（中位数、50% 与 90% 的样本）"),
    "calibrate.chart_observed": ("observed ± 1.96 sd", "观测值 ± 1.96 倍标准差"),
    "calibrate.chart_simulated": ("simulated (posterior)", "模拟（后验）"),
    "calibrate.posterior_missing": (
        "--posterior {file}: file not found; accepted: a posterior.parquet written by `vcsim calibrate`",
        "--posterior {file}：找不到文件；应为：`vcsim calibrate` 写出的 posterior.parquet"),
    "calibrate.posterior_unreadable": (
        "--posterior {file}: cannot use it ({reason}); accepted: a posterior.parquet written by `vcsim calibrate`",
        "--posterior {file}：无法使用（{reason}）；应为：`vcsim calibrate` 写出的 posterior.parquet"),
    "calibrate.posterior_parameter": (
        "--posterior {file}: parameter '{key}' is not in this version's registry or has no column; "
        "accepted: a posterior whose parameters `vcsim params` lists",
        "--posterior {file}：参数“{key}”不在本版本的参数表中或没有对应列；应为：其参数均在 `vcsim params` 中的后验文件"),
    "calibrate.posterior_kept": (
        "scenario '{scenario}' sets {keys} itself, so it keeps its own value(s) instead of the posterior's",
        "情景“{scenario}”自行设定了 {keys}，因此沿用自己的取值，不用后验"),
    "calibrate.posterior_used": (
        "each replicate draws {n} parameter(s) from the posterior {file} ({samples} weighted samples)",
        "每次重复从后验 {file}（{samples} 个加权样本）中抽取 {n} 个参数"),

    # --- replicates, discover ---------------------------------------------------------
    # vcsim replicates
    "replicates.unknown_measure": (
        "--measure {measure!r}: no such measure{hint}; accepted: {accepted}",
        "--measure {measure!r}：没有这个指标{hint}；可用：{accepted}"),
    "replicates.bad_year": (
        "--year {year}: not a simulated year of {file} ({first}-{last}); accepted: a year from "
        "{first} to {last}",
        "--year {year}：不在 {file} 的模拟年份内（{first}-{last}）；可用：{first} 至 {last} 之间的年份"),
    "replicates.bad_half_width": (
        "--half-width {value}: must be a number above 0, in the measure's unit",
        "--half-width {value}：必须是大于 0 的数，单位与指标相同"),
    "replicates.half_width_probability": (
        "--half-width {value}: a probability's 95% interval is never wider than ±0.5; accepted: "
        "a number above 0 and below 0.5, e.g. 0.05 for ±5 percentage points",
        "--half-width {value}：概率的 95% 区间半宽不会超过 0.5；可用：大于 0 小于 0.5 的数，如 0.05 "
        "表示 ±5 个百分点"),
    "replicates.progress": (
        "{runs} replicates: {estimate:.4g} (95% interval {low:.4g} to {high:.4g}, ±{half:.3g})",
        "{runs} 次重复：{estimate:.4g}（95% 区间 {low:.4g} 至 {high:.4g}，±{half:.3g}）"),
    "replicates.answer": (
        "{replicates} replicates give {measure} in {year} ({scenario}) a 95% interval of "
        "half-width ±{half:.3g} (target ±{target:g}): {estimate:.4g}, {low:.4g} to {high:.4g} "
        "({interval} interval). All runs together say {needed} would do; runs used: {replicates} "
        "in batches of {batches}, {seconds} s",
        "{replicates} 次重复使 {scenario} 的 {measure}（{year} 年）95% 区间半宽为 ±{half:.3g}"
        "（目标 ±{target:g}）：{estimate:.4g}，区间 {low:.4g} 至 {high:.4g}（{interval} 区间）。"
        "按全部运行估计，{needed} 次即可；共运行 {replicates} 次，分批 {batches}，用时 {seconds} 秒"),
    "replicates.not_reached": (
        "not reached: after {replicates} replicates (--max-replicates) the 95% interval of "
        "{measure} in {year} ({scenario}) is still ±{half:.3g} (target ±{target:g}): {estimate:.4g}, "
        "{low:.4g} to {high:.4g}. All runs together say about {needed} are needed; raise "
        "--max-replicates or accept a wider interval",
        "未达到：{replicates} 次重复后（--max-replicates），{scenario} 的 {measure}（{year} 年）95% "
        "区间半宽仍为 ±{half:.3g}（目标 ±{target:g}）：{estimate:.4g}，区间 {low:.4g} 至 {high:.4g}。"
        "按全部运行估计约需 {needed} 次；请提高 --max-replicates 或接受更宽的区间"),
    # vcsim discover
    "discover.not_a_sweep": (
        "{folder}: no {file}; this is not a vcsim sweep folder. Accepted: the --out folder of "
        "a finished `vcsim sweep`",
        "{folder}：没有 {file}，这不是 vcsim sweep 的结果文件夹。可用：已完成的 `vcsim sweep` 的 "
        "--out 文件夹"),
    "discover.no_runs": (
        "{folder}: the sweep has no runs yet (runs/part-*.parquet or points.parquet missing); "
        "finish it first: vcsim sweep EXPERIMENT --out {folder} --resume",
        "{folder}：该扫描还没有运行结果（缺少 runs/part-*.parquet 或 points.parquet）；请先完成："
        "vcsim sweep EXPERIMENT --out {folder} --resume"),
    "discover.bad_expression": (
        "--outcome {expression!r} ({where}): does not parse ({reason}). Accepted: a condition on "
        "outputs by year, e.g. \"zero_income_villages[2021] > 0\" or "
        "\"gini[2025] >= 0.4 and mean_income_yuan[2025] < 80000\"",
        "--outcome {expression!r}（{where}）：无法解析（{reason}）。可用：按年份对输出的条件，如 "
        "\"zero_income_villages[2021] > 0\" 或 \"gini[2025] >= 0.4 and mean_income_yuan[2025] < 80000\""),
    "discover.not_allowed": (
        "--outcome {expression!r} ({where}): {what} is not allowed. Accepted: outputs indexed by a "
        "year, numbers, + - * /, comparisons, and, or, not, parentheses",
        "--outcome {expression!r}（{where}）：不允许使用 {what}。可用：带年份的输出、数字、+ - * /、"
        "比较、and、or、not、括号"),
    "discover.no_reference": (
        "--outcome {expression!r} ({where}): names no output; accepted: a condition on outputs "
        "by year, e.g. \"zero_income_villages[2021] > 0\"",
        "--outcome {expression!r}（{where}）：没有引用任何输出；可用：按年份对输出的条件，如 "
        "\"zero_income_villages[2021] > 0\""),
    "discover.not_a_condition": (
        "--outcome {expression!r} ({where}): is a number, not a condition; accepted: a comparison "
        "such as \"zero_income_villages[2021] > 0\"",
        "--outcome {expression!r}（{where}）：是一个数值而不是条件；可用：比较式，如 "
        "\"zero_income_villages[2021] > 0\""),
    "discover.unknown_output": (
        "--outcome {expression!r}: the sweep {where} has no output {output!r}{hint}; accepted: "
        "{accepted}",
        "--outcome {expression!r}：扫描 {where} 没有输出 {output!r}{hint}；可用：{accepted}"),
    "discover.bad_year": (
        "--outcome {expression!r}: {output}[{year}]: the sweep {where} has the years {years}; "
        "accepted: one of them, as a whole number",
        "--outcome {expression!r}：{output}[{year}]：扫描 {where} 的年份为 {years}；可用：其中之一（整数）"),
    "discover.needs_year": (
        "--outcome {expression!r} ({where}): {output} needs a year in brackets, e.g. {example}",
        "--outcome {expression!r}（{where}）：{output} 需要在方括号中给出年份，如 {example}"),
    "discover.constant_outcome": (
        "--outcome {expression!r}: happens in {share:.0%} of the sweep's {runs} runs ({where}), "
        "so there is no region to find; choose a condition that happens in some runs and not others",
        "--outcome {expression!r}：在扫描 {where} 的 {runs} 次运行中发生比例为 {share:.0%}，没有可寻找的"
        "区域；请选择在部分运行中发生的条件"),
    "discover.bad_density": (
        "--density {value}: must be above 0 and at most 1 (the share of runs inside the box "
        "with the outcome)",
        "--density {value}：必须大于 0 且不超过 1（框内发生该结果的运行占比）"),
    "discover.cannot_write": (
        "{folder}: cannot create the output folder ({reason}); choose another --out",
        "{folder}：无法创建输出文件夹（{reason}）；请换一个 --out"),
    "discover.header": (
        "{outcome}: happens in {hits} of {runs} runs ({share:.0%}). Boxes (coverage: share of "
        "those runs inside; density: share of runs inside that have it):",
        "{outcome}：在 {runs} 次运行中发生 {hits} 次（{share:.0%}）。区域（覆盖率：这些运行落在框内的"
        "比例；密度：框内运行发生该结果的比例）："),
    "discover.box": (
        "  {label}: coverage {coverage:.0%}, density {density:.0%}, mass {mass:.0%}",
        "  {label}：覆盖率 {coverage:.0%}，密度 {density:.0%}，质量 {mass:.0%}"),
    # replicate noise of a sweep's outputs (experiments.sensitivity.replicate_noise)
    "noise.unreliable": (
        "{output} {year}: {share:.0%} of the variance of the point means is replicate noise "
        "(limit {limit:.0%}), so the sensitivity indices of this output mostly measure luck. "
        "About {needed} replicates per point (now {replicates}) would bring the noise under "
        "the limit; or choose an output that varies more with the parameters",
        "{output} {year}：各设计点均值的方差中有 {share:.0%} 是重复运行之间的随机波动（上限 "
        "{limit:.0%}），该输出的敏感性指数主要反映运气而非参数。每个点约需 {needed} 次重复"
        "（现为 {replicates} 次）才能把波动降到上限以下；或换一个随参数变化更大的输出"),
    "noise.no_signal": (
        "{output} {year}: the point means vary no more than replicate noise alone would make "
        "them ({share:.0%} of their variance is noise, limit {limit:.0%}): no effect of the "
        "parameters shows, and no number of replicates is known to be enough. Do not read its "
        "indices; choose an output that varies more with the parameters",
        "{output} {year}：各设计点均值的差异不超过随机波动本身造成的差异（噪声占其方差的 "
        "{share:.0%}，上限 {limit:.0%}）：看不出参数的作用，也无法估计需要多少次重复。请勿解读"
        "其敏感性指数；换一个随参数变化更大的输出"),
    "noise.one_replicate": (
        "{output} {year}: one replicate per point, so replicate noise cannot be measured and "
        "the indices may measure luck; set replicates = 2 or more in the experiment file",
        "{output} {year}：每个点只运行一次，无法衡量随机波动，敏感性指数可能只反映运气；"
        "请在实验文件中设置 replicates = 2 或更多"),
    "noise.caption": (
        "Replicate noise: {count} output(s) and year(s) have indices that mostly measure luck "
        "(see sensitivity.json, noise_warnings)",
        "重复运行的随机波动：{count} 个输出与年份的敏感性指数主要反映运气（见 sensitivity.json "
        "的 noise_warnings）"),

    # --- Python API ------------------------------------------------------------------
    "api.bad_count": (
        "{name}={value!r}: must be a whole number of at least {least}",
        "{name}={value!r}：必须是不小于 {least} 的整数"),
    "api.no_scenarios": (
        "vcsim.compare(): give at least one scenario (a .toml file or a shipped name such as "
        "'baseline'); the first is the baseline",
        "vcsim.compare()：请至少给出一个情景（.toml 文件或内置名称，如 'baseline'）；第一个为基准"),
}
