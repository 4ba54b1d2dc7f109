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

    # --- watchlist -------------------------------------------------------------------

    # --- plan ------------------------------------------------------------------------

    # --- calibrate -------------------------------------------------------------------

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
