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
    "scaled.unit.projects/yr": ("projects/yr", "个项目/年"),


    # --- watchlist -------------------------------------------------------------------
    "watchlist.help": ("the watch list (台账): villages at risk of zero income at a year's end, "
                       "how likely and why, by village and township",
                       "台账：年底可能无经营收入的村、概率和原因，按村和乡镇列出"),
    "watchlist.description": (
        "Reads a vcsim run or vcsim compare folder and writes watchlist.xlsx (per scenario a "
        "sheet of villages sorted by risk and a sheet of townships), watchlist.csv and "
        "watchlist_townships.csv (UTF-8 with BOM). Chinese headers by default.",
        "读取 vcsim run 或 vcsim compare 的结果文件夹，写出 watchlist.xlsx（每个情景一张按风险排序的"
        "村表和一张乡镇表）、watchlist.csv 和 watchlist_townships.csv（带 BOM 的 UTF-8）。默认中文表头。"),
    "watchlist.help_results": ("folder written by vcsim run or vcsim compare",
                               "vcsim run 或 vcsim compare 写出的文件夹"),
    "watchlist.help_year": ("year whose end the list is about (default: the clearance deadline, "
                            "rollout.remaining_year, 2021 in the baseline)",
                            "台账针对的年份年底（默认：清零期限 rollout.remaining_year，基准情景为 2021）"),
    "watchlist.help_lang": ("language of the files: zh (Chinese, default) or en",
                            "文件语言：zh（中文，默认）或 en（英文）"),
    "watchlist.help_out": ("output folder (default RESULTS_DIR/watchlist)",
                           "输出文件夹（默认 RESULTS_DIR/watchlist）"),
    "watchlist.help_roster": ("the village roster the results were run on (.csv or .xlsx; default: "
                              "the built-in county): it gives the villages' names and townships",
                              "结果所用的村名册（.csv 或 .xlsx；默认：内置县），提供村名和乡镇"),
    "watchlist.year_not_a_number": ("expected a year such as 2021, got {got!r}",
                                    "应为年份（如 2021），收到 {got!r}"),
    "watchlist.not_a_folder": (
        "{folder}: no such folder; accepted: a folder written by vcsim run or vcsim compare",
        "{folder}：文件夹不存在；可接受：vcsim run 或 vcsim compare 写出的文件夹"),
    "watchlist.no_villages": (
        "{folder}: not a vcsim run results folder: {missing} missing; accepted: a folder written "
        "by vcsim run (summary.json, villages.parquet, projects.parquet, annual.parquet) or by "
        "vcsim compare (comparison.json and one such folder per scenario)",
        "{folder}：不是 vcsim run 的结果文件夹：缺少 {missing}；可接受：vcsim run 写出的文件夹"
        "（summary.json、villages.parquet、projects.parquet、annual.parquet）或 vcsim compare "
        "写出的文件夹（comparison.json 和每个情景一个这样的文件夹）"),
    "watchlist.bad_year": (
        "--year {year}: {folder} holds the years {first}-{last}; accepted: a year from {first} to {last}",
        "--year {year}：{folder} 只有 {first}-{last} 年的结果；可接受：{first} 至 {last} 之间的年份"),
    "watchlist.roster_mismatch": (
        "{folder}: {count} villages of the results are not in the roster {roster} (for example "
        "{example}); accepted: the roster the results were run on, given with --roster (default: "
        "the built-in county)",
        "{folder}：结果中有 {count} 个村不在村名册 {roster} 中（例如 {example}）；可接受：运行结果时"
        "所用的村名册，用 --roster 指定（默认：内置县）"),
    "watchlist.cannot_write": ("{folder}: cannot write the watch list there ({reason})",
                               "{folder}：无法在此写出台账（{reason}）"),
    "watchlist.top_header": (
        "{scenario}: end of {year}, {replicates} replicates: {at_risk} villages with zero income in "
        "at least one replicate, {above} with a risk above 10%",
        "{scenario}：{year} 年底，{replicates} 次重复模拟：{at_risk} 个村至少在一次模拟中无经营收入，"
        "{above} 个村风险高于 10%"),
    "watchlist.top_row": ("  {name} ({township}): {p} (95% CI {low}-{high}); {reason}",
                          "  {name}（{township}）：{p}（95%置信区间 {low}-{high}）；{reason}"),
    "watchlist.done": ("watch list written: {files} in {folder}/", "台账已写出：{files}，位于 {folder}/"),
    "watchlist.yes": ("yes", "是"),
    "watchlist.no": ("no", "否"),
    "watchlist.sheet_villages": ("villages", "村"),
    "watchlist.sheet_townships": ("townships", "乡镇"),
    "watchlist.col.scenario": ("scenario", "情景"),
    "watchlist.col.village_id": ("village id", "村编号"),
    "watchlist.col.name": ("village", "村名"),
    "watchlist.col.township": ("township", "乡镇"),
    "watchlist.col.poor": ("poor village", "贫困村"),
    "watchlist.col.cohort": ("rollout step (0 = not entered)", "批次（0＝未纳入）"),
    "watchlist.col.p_zero": ("P(zero income)", "无经营收入概率"),
    "watchlist.col.p_zero_low": ("P(zero income) 95% CI low", "无经营收入概率95%区间下限"),
    "watchlist.col.p_zero_high": ("P(zero income) 95% CI high", "无经营收入概率95%区间上限"),
    "watchlist.col.p_below_50k": ("P(income < 50,000 yuan)", "收入低于5万元概率"),
    "watchlist.col.income_mean_yuan": ("mean income (yuan)", "平均收入（元）"),
    "watchlist.col.income_p05_yuan": ("income 5th percentile (yuan)", "收入5%分位（元）"),
    "watchlist.col.income_p95_yuan": ("income 95th percentile (yuan)", "收入95%分位（元）"),
    "watchlist.col.model": ("most common business model", "最常见经营模式"),
    "watchlist.col.model_share": ("share of replicates with it", "该模式所占模拟比例"),
    "watchlist.col.reason": ("main reason at risk", "主要风险原因"),
    "watchlist.col.reason_share": ("share of its zero-income replicates", "占其无收入模拟的比例"),
    "watchlist.col.villages": ("villages", "村数"),
    "watchlist.col.poor_villages": ("poor villages", "贫困村数"),
    "watchlist.col.expected_zero_villages": ("expected zero-income villages", "预计无经营收入村数"),
    "watchlist.col.zero_villages_p05": ("zero-income villages 5th percentile", "无经营收入村数5%分位"),
    "watchlist.col.zero_villages_p95": ("zero-income villages 95th percentile", "无经营收入村数95%分位"),
    "watchlist.col.villages_above_risk_line": ("villages with risk above 10%", "风险高于10%的村数"),
    "watchlist.reason.building": ("project still under construction at year end", "年底项目仍在建设"),
    "watchlist.reason.dividend_skipped": ("partner firm skipped the dividend", "合作企业未分红"),
    "watchlist.reason.no_factory": ("workshop empty: no factory", "车间空置：无工厂入驻"),
    "watchlist.reason.waiting_investor": ("still waiting for an investor", "仍在等待投资方"),
    "watchlist.reason.no_receipts": ("project operating but took in nothing", "项目运营但无收入"),
    "watchlist.reason.partner_default": ("partner firm defaulted", "合作企业违约"),
    "watchlist.reason.failed": ("project failed", "项目失败"),
    "watchlist.reason.no_investor": ("no investor came; project given up", "未引来投资方，项目放弃"),
    "watchlist.reason.closed_no_income": ("project closed: no income for months", "项目因长期无收入被关停"),
    "watchlist.reason.closed_loss": ("project closed after a loss", "项目因亏损被关停"),
    "watchlist.reason.waiting_capacity": ("waiting for the county's capacity (this year's projects used up)",
                                          "等待县里的实施能力（本年度项目数已满）"),
    "watchlist.reason.waiting_money": ("waiting for money (the next tranche of the grant pool)",
                                       "等待资金（下一批扶持资金下达）"),
    "watchlist.reason.not_entered": ("not yet in the programme", "尚未纳入扶持"),
    "watchlist.reason.pool_empty": ("no project: grant pool exhausted", "无项目：资金池已用完"),
    "watchlist.reason.no_fundable": ("no project passed the review", "无项目通过评审"),


    # --- plan ------------------------------------------------------------------------
    "plan.help": ("search the levers a planner controls for the cheapest plan that meets a target "
                  "with a stated certainty, and verify it on fresh replicates",
                  "在规划者可调的政策杠杆中寻找以给定把握达到目标的最低成本方案，并用新的随机数验证"),
    "plan.description": (
        "Reads a plan file (base scenario, target, objective, levers with bounds), searches with "
        "optuna (constrained TPE) on the vector engine with common random numbers, verifies the "
        "chosen plan on fresh replicates and writes plan.json, best.toml, evaluations.parquet, "
        "frontier_zh.png, frontier_en.png and provenance.json.",
        "读取方案文件（基准情景、目标、目标函数、杠杆及其范围），用 optuna（带约束的 TPE）在向量引擎上以"
        "共同随机数搜索，用新的随机数验证选出的方案，写出 plan.json、best.toml、evaluations.parquet、"
        "frontier_zh.png、frontier_en.png 和 provenance.json。"),
    "plan.help_file": ("plan file (.toml); see experiments/example_plan.toml",
                       "方案文件（.toml）；示例见 experiments/example_plan.toml"),
    "plan.help_out": ("output folder (default results/plan-NAME)", "输出文件夹（默认 results/plan-方案名）"),
    "plan.help_roster": ("village roster (.csv or .xlsx); overrides the plan's 'roster'; default: "
                         "the built-in county", "村名册（.csv 或 .xlsx），优先于方案文件中的 roster；默认：内置县"),
    "plan.missing_key": ("{file}: '{key}' is missing; a plan file needs base, replicates, seed, "
                         "[target], [objective] and [levers] (see experiments/example_plan.toml)",
                         "{file}：缺少“{key}”；方案文件需要 base、replicates、seed、[target]、[objective] 和 "
                         "[levers]（见 experiments/example_plan.toml）"),
    "plan.unknown_key": ("{file}: unknown key '{key}'{hint}; accepted: {accepted}",
                         "{file}：未知的键“{key}”{hint}；可接受：{accepted}"),
    "plan.not_a_section": ("{file}: '{key}' must be a section: write [{key}] on a line of its own and "
                           "its settings below it", "{file}：“{key}”应为一节：单独一行写 [{key}]，下面写其设置"),
    "plan.bad_whole_number": ("{file}: '{key}' = {got}; accepted: a whole number of at least {least}",
                              "{file}：“{key}” = {got}；可接受：不小于 {least} 的整数"),
    "plan.bad_text": ("{file}: '{key}' = {got}; accepted: text in quotes", "{file}：“{key}” = {got}；可接受：加引号的文字"),
    "plan.same_verify_seed": ("{file}: verify_seed {seed} is the search's seed; accepted: another seed "
                              "(the verification needs fresh replicates)",
                              "{file}：verify_seed {seed} 与搜索所用种子相同；可接受：另一个种子（验证需要新的随机数）"),
    "plan.unknown_measure": ("{file}: [target] measure = {got}{hint}; accepted: {accepted}",
                             "{file}：[target] measure = {got}{hint}；可接受：{accepted}"),
    "plan.year_outside": ("{file}: [target] year = {got} is outside the run; accepted: a year from "
                          "{first} to {last} (the base scenario's [simulation] end_year)",
                          "{file}：[target] year = {got} 不在模拟年份内；可接受：{first} 至 {last} 之间的年份"
                          "（基准情景的 [simulation] end_year）"),
    "plan.probability_outside": ("{file}: {key} = {got}; accepted: a probability between 0 and 1, "
                                 "both excluded (for example 0.9)",
                                 "{file}：{key} = {got}；可接受：0 与 1 之间（不含 0 和 1）的概率，例如 0.9"),
    "plan.unknown_objective": ("{file}: [objective] minimise = {got}{hint}; accepted: {accepted}",
                               "{file}：[objective] minimise = {got}{hint}；可接受：{accepted}"),
    "plan.no_levers": ("{file}: [levers] is empty; accepted: one or more settings with their bounds, "
                       "for example \"funding.grant_pool_yuan\" = [20000000, 120000000] (see vcsim params)",
                       "{file}：[levers] 为空；可接受：一个或多个设置及其范围，例如 "
                       "\"funding.grant_pool_yuan\" = [20000000, 120000000]（见 vcsim params）"),
    "plan.unknown_lever": ("{file}: [levers] \"{key}\" is not a setting a plan can move{hint}; accepted: "
                           "any setting `vcsim params` lists except simulation.end_year",
                           "{file}：[levers] \"{key}\" 不是方案可以调整的设置{hint}；可接受：vcsim params 列出的"
                           "任何设置（simulation.end_year 除外）"),
    "plan.lever_kind": ("{file}: [levers] \"{key}\" is a list of numbers; accepted: a number, whole-number, "
                        "year or true/false setting", "{file}：[levers] \"{key}\" 是一组数；可接受：数值、整数、"
                        "年份或是/否设置"),
    "plan.bounds_not_pair": ("{file}: [levers] \"{key}\" = {got}; accepted: {accepted}",
                             "{file}：[levers] \"{key}\" = {got}；可接受：{accepted}"),
    "plan.bound_outside": ("{file}: [levers] \"{key}\": the bound {got} is outside the setting's range "
                           "({problem}); accepted: {accepted}", "{file}：[levers] \"{key}\"：范围 {got} 超出该设置的"
                           "取值范围（{problem}）；可接受：{accepted}"),
    "plan.outside_run": ("outside the simulated years {first}-{last}", "不在模拟年份 {first}-{last} 内"),
    "plan.bounds_reversed": ("{file}: [levers] \"{key}\": the lower bound {low} is above the upper "
                             "bound {high}; accepted: [lower, upper] with lower <= upper",
                             "{file}：[levers] \"{key}\"：下限 {low} 大于上限 {high}；可接受：[下限, 上限]，"
                             "且下限不大于上限"),
    "plan.accepted_years": ("[first, last] years from {first} to {last}", "[起, 止] 年份，在 {first} 至 {last} 之间"),
    "plan.accepted_range": ("[lower, upper], each {accepted}", "[下限, 上限]，每个为 {accepted}"),
    "plan.searching": ("plan '{name}': trying {trials} plans, each on {replicates} replicates of seed "
                       "{seed} (common random numbers), on {where}",
                       "方案“{name}”：尝试 {trials} 个方案，每个用种子 {seed} 的 {replicates} 次重复模拟"
                       "（共同随机数），运行于 {where}"),
    "plan.progress_best": ("best {cost} (10k yuan) at P={p}", "最优 {cost} 万元，P={p}"),
    "plan.progress_none": ("none meets the target yet; best P={p}", "尚无方案达到目标；最高 P={p}"),
    "plan.measure.p_cleared_by": ("P(no zero-income village at the end of {year})",
                                  "{year}年底无空白村（清零）的概率"),
    "plan.measure.p_cleared_ever_by": ("P(no zero-income village at the end of some year up to {year})",
                                       "到{year}年底前某年年底实现清零的概率"),
    "plan.objective.programme_cost_yuan": (
        "programme money 2019-{year}: 5025 grants, integrated funds and demonstration extras (yuan)",
        "2019-{year}年项目资金：5025补助、整合资金和示范村资金（元）"),
    "plan.objective.fiscal_cost_yuan": ("fiscal cost 2019-{year}: programme money and Part A (yuan)",
                                        "2019-{year}年财政成本：项目资金和三保障（元）"),
    "plan.best_comment": ("scenario found by vcsim plan ({name}): the base scenario with the chosen levers",
                          "vcsim plan 找到的情景（{name}）：基准情景加上选定的杠杆"),
    "plan.best_title": ("Cheapest plan found: {name}", "最低成本方案：{name}"),
    "plan.chart.tried": ("plans tried ({n})", "尝试过的方案（{n}个）"),
    "plan.chart.frontier": ("least cost for each certainty", "各把握水平下的最低成本"),
    "plan.chart.target": ("target: {p}", "目标：{p}"),
    "plan.chart.base": ("base scenario ({name})", "基准情景（{name}）"),
    "plan.chart.chosen": ("chosen plan, verified: {p} on {n} fresh replicates (95% CI)",
                          "选定方案，新随机数验证：{p}（{n}次模拟，95%区间）"),
    "plan.chart.x.p_cleared_by": ("probability of no zero-income village at the end of {year}",
                                  "{year}年底清零（无空白村）的概率"),
    "plan.chart.x.p_cleared_ever_by": ("probability of clearance by the end of {year}",
                                       "{year}年底前实现清零的概率"),
    "plan.chart.y.programme_cost_yuan": ("programme money 2019-{year} (million yuan)",
                                         "2019-{year}年项目资金（万元）"),
    "plan.chart.y.fiscal_cost_yuan": ("fiscal cost 2019-{year} (million yuan)", "2019-{year}年财政成本（万元）"),
    "plan.chart.title": ("A {p} chance of clearance by {year}: the cheapest plan found costs {cost} million yuan",
                         "以{p}把握在{year}年底清零：找到的最省方案需{cost}万元"),
    "plan.chart.title_none": ("No plan tried reaches a {p} chance of clearance by {year} (best {best})",
                              "尝试的方案都达不到{year}年底清零{p}的把握（最高{best}）"),
    "plan.chart.note": ("Each grey dot: one plan on {n} replicates (seed {seed}). The star: the chosen "
                        "plan on {vn} fresh replicates (seed {vseed}); one-sided 95% lower bound {bound}.",
                        "灰点：每个方案（{n}次重复模拟，种子{seed}）。星号：选定方案在{vn}次新的重复模拟"
                        "（种子{vseed}）中的结果，单侧95%下限{bound}。"),
    "plan.no_cjk_font": ("no Chinese font found: frontier_zh.png is drawn with English letters only",
                         "未找到中文字体：frontier_zh.png 无法显示中文"),
    "plan.result_found": ("plan '{name}': cheapest plan with {measure} >= {p}:",
                          "方案“{name}”：{measure}不低于{p}的最低成本方案："),
    "plan.result_none": ("plan '{name}': no plan within the bounds reaches {measure} >= {p}; the best found:",
                         "方案“{name}”：在给定范围内没有方案使{measure}达到{p}；找到的最好方案："),
    "plan.result_cost": ("  cost: {cost} yuan ({objective})", "  成本：{cost} 元（{objective}）"),
    "plan.result_search": ("  search: P = {p} on {n} replicates (seed {seed})",
                           "  搜索：P = {p}（{n} 次重复模拟，种子 {seed}）"),
    "plan.result_verified": ("  verified on {n} fresh replicates (seed {seed}): P = {p}, one-sided 95% "
                             "lower bound {bound} (target {target})",
                             "  新随机数验证（{n} 次，种子 {seed}）：P = {p}，单侧95%下限 {bound}（目标 {target}）"),
    "plan.result_not_verified": ("  NOT confirmed on {n} fresh replicates (seed {seed}): P = {p}, one-sided "
                                 "95% lower bound {bound}, below the target {target}: the search's result was "
                                 "partly luck; add replicates or set [target] confidence",
                                 "  新随机数验证未通过（{n} 次，种子 {seed}）：P = {p}，单侧95%下限 {bound}，"
                                 "低于目标 {target}：搜索结果部分出于运气；请增加重复次数或设置 [target] confidence"),
    "plan.result_upper": ("  for comparison, every lever at its upper bound: {cost} yuan, P = {p}",
                          "  对照：所有杠杆取上限：{cost} 元，P = {p}"),
    "plan.done": ("plan written: {files} in {folder}/", "方案已写出：{files}，位于 {folder}/"),
    "plan.cannot_write": ("{folder}: cannot write the plan there ({reason})", "{folder}：无法在此写出方案（{reason}）"),


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
