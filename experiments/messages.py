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
    "execution.stopped": ("stopped ({signal})", "已停止（{signal}）"),
    "sweep.stopped": (
        "stopped ({signal}): the workers are stopped; the {done} of {total} runs finished so "
        "far are kept in {out}/. Continue with: {command}",
        "已停止（{signal}）：工作进程已结束；已完成的 {done}/{total} 次运行保存在 {out}/。"
        "继续运行：{command}"),
    "compare.stopped": (
        "stopped ({signal}): the workers are stopped; the scenarios finished before the stop "
        "are written in {out}/, comparison.json is not. Run the command again for the "
        "comparison",
        "已停止（{signal}）：工作进程已结束；停止前已完成的情景已写入 {out}/，"
        "comparison.json 未写出。请重新运行该命令以得到比较结果"),

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

    # --- Python API ------------------------------------------------------------------
}
