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


class Items(tuple):
    """A list shown as text: joined with the language's separator ("a, b" or "a、b").
    Items may be ``Msg``s."""

    def __new__(cls, items=()):
        return super().__new__(cls, items)


def items(values, quote: str = "{}") -> Items:
    """``values`` as an ``Items`` field, each formatted with ``quote`` (e.g. "'{}'")."""
    return Items(quote.format(v) if not isinstance(v, Msg) else v for v in values)


def _render(value: Any, lang: str) -> Any:
    if isinstance(value, (Msg, Unit)):
        return value.render(lang)
    if isinstance(value, Items) or (isinstance(value, (list, tuple))
                                    and any(isinstance(v, Msg) for v in value)):
        return ("、" if lang == "zh" else ", ").join(str(_render(v, lang)) for v in value)
    return value


def say(key: str, /, **fields: Any) -> None:
    """Print a catalogue message (progress, a table line) to standard output."""
    print(text(key, **fields), flush=True)


def warn(key_or_msg: "str | Msg", /, **fields: Any) -> None:
    """Print a warning in the user's language to standard error, prefixed "vcsim: warning:"."""
    import sys
    msg = key_or_msg if isinstance(key_or_msg, Msg) else Msg(key_or_msg, **fields)
    print(text("warning.prefix", message=msg), file=sys.stderr, flush=True)


# Units of the parameter registry and the roster columns, in Chinese (English is the
# registry's own text). ``unit_text`` shows a unit in the current language.
UNITS_ZH: dict[str, str] = {
    "-": "无单位", "1/yr": "每年", "1/month": "每月", "share": "比例", "yuan": "元",
    "months": "月", "yuan/yr": "元/年", "year": "年", "years": "年", "log sd": "对数标准差",
    "0-1": "0-1", "people": "人", "yuan/village/yr": "元/村/年", "capacity": "能力",
    "x 2019": "相对 2019 年倍数", "x hazard": "风险倍数", "villages": "个村",
    "yuan/room": "元/间", "share of revenue": "占营业收入比例", "households": "户",
    "projects": "个项目", "probability": "概率", "yuan/yr per yuan": "每元每年收益（元）",
    "yuan/W": "元/瓦", "h/yr": "小时/年", "yuan/kWh": "元/千瓦时", "kW": "千瓦",
    "share of capex/yr": "占投资比例/年", "yuan/night": "元/晚", "x mean": "均值倍数",
    "yuan/month": "元/月", "yuan/bag": "元/袋", "yuan/bag/yr": "元/袋/年",
    "yuan/worker/month": "元/人/月", "workers": "人", "share of build time": "占建设期比例",
    "log hazard per capacity": "每单位能力的对数风险", "log sd per capacity": "每单位能力的对数标准差",
    "km": "公里", "buildings": "处", "degrees": "度",
}


def unit_text(unit: str, lang: str | None = None) -> str:
    """A unit of the registry or the roster in ``lang`` (default: the current language)."""
    return UNITS_ZH.get(unit, unit) if (lang or language()) == "zh" else unit


class Unit:
    """A unit as a message field: rendered in the language of the message around it."""

    __slots__ = ("unit",)

    def __init__(self, unit: str):
        self.unit = unit

    def render(self, lang: str | None = None) -> str:
        return unit_text(self.unit, lang)

    def __str__(self) -> str:
        return self.render()


# key -> (English, Chinese). Fields in braces; keep the two versions' fields the same.
# Sections by command or module; add a new command's messages in a section of its own.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- general ------------------------------------------------------------------
    "error.prefix": ("vcsim: error: {message}", "vcsim：错误：{message}"),
    "warning.prefix": ("vcsim: warning: {message}", "vcsim：警告：{message}"),
    "hint.did_you_mean": ("; did you mean {name}?", "；是否想输入 {name}？"),
    "hint.sections": ("; sections are {sections} (see `vcsim params`)",
                      "；可用的节有 {sections}（见 `vcsim params`）"),
    "none": ("none", "无"),
    "cli.description": ("Simulate a county's village collective-economy programme.",
                        "模拟一个县的村级集体经济发展项目。"),
    "cli.lang_help": ("language of messages, tables and charts: zh (Chinese) or en "
                      "(English); default: VCSIM_LANG, else the locale (LANG)",
                      "提示信息、表格和图表的语言：zh（中文）或 en（英文）；默认看 VCSIM_LANG，"
                      "其次看系统语言环境（LANG）"),
    "cli.bad_whole_number": ("expected a whole number, got {got!r}", "应为整数，实际是 {got!r}"),
    "cli.too_small": ("must be at least {least}, got {got}", "不能小于 {least}，实际是 {got}"),
    "cli.interrupted": ("interrupted", "已中断"),

    # --- files and scenarios -----------------------------------------------------
    "what.scenario": ("a scenario .toml file", "情景文件（.toml）"),
    "what.experiment": ("an experiment .toml file", "实验文件（.toml）"),
    "what.roster": ("a village roster (.csv or .xlsx)", "村庄名单（.csv 或 .xlsx）"),
    "file.not_found": ("{file}: file not found", "{file}：找不到此文件"),
    "file.is_folder": ("{file}: is a folder, expected {what}", "{file}：这是一个文件夹，应为{what}"),
    "file.unreadable": ("{file}: cannot read it ({reason})", "{file}：无法读取（{reason}）"),
    "file.not_utf8": ("{file}: not UTF-8 text; save {what} as UTF-8",
                      "{file}：不是 UTF-8 编码的文本；请把{what}另存为 UTF-8 编码"),
    "file.cannot_create_folder": ("{file}: cannot create the output folder ({reason})",
                                  "{file}：无法创建输出文件夹（{reason}）"),
    "file.cannot_write": ("{file}: cannot write the results there ({reason})",
                          "{file}：无法在此写入结果（{reason}）"),
    "toml.syntax": ("{file}: line {line}: not valid TOML ({reason}){fix}",
                    "{file}：第 {line} 行不是有效的 TOML 格式（解析器提示：{reason}）{fix}"),
    "toml.fix.full_width": ("; line {line} has full-width (Chinese keyboard) characters "
                            "{found}: type {fixed} instead, with the input method in English "
                            "(half-width) mode",
                            "；第 {line} 行有全角（中文输入法）字符 {found}：请切换到英文（半角）"
                            "输入，改为 {fixed}"),
    # the TOML parser's own reasons (tomllib's wording as the English)
    "toml.reason.expected_equals": ("Expected '=' after a key in a key/value pair",
                                    "键后面缺少 '='"),
    "toml.reason.invalid_value": ("Invalid value", "值的写法无效"),
    "toml.reason.expected_newline": ("Expected newline or end of document after a statement",
                                     "一条设置后面应换行，却还有别的字符"),
    "toml.reason.table_end": ("Expected ']' at the end of a table declaration",
                              "节名后面缺少 ']'"),
    "toml.reason.unclosed_array": ("Unclosed array", "列表缺少结尾的 ']'"),
    "toml.reason.key_start": ("Invalid initial character for a key part", "键名的第一个字符无效"),
    "toml.reason.unterminated_string": ("Unterminated string", "字符串缺少结尾的引号"),
    "toml.reason.illegal_character": ("Illegal character", "非法字符"),
    "toml.full_width_space": ("a full-width space", "全角空格"),
    "toml.fix.thousands": ("; line {line}: write numbers without thousands separators: "
                           "{written} -> {fixed}",
                           "；第 {line} 行：数字不要加千位分隔符：把 {written} 改为 {fixed}"),
    "toml.fix.unquoted_text": ("; line {line}: text must be in straight double quotes: "
                               "{key} = \"{value}\"",
                               "；第 {line} 行：文字要用半角双引号括起来：{key} = \"{value}\""),
    "scenario.not_found": ("{spec}: no such scenario file, and not a shipped scenario{hint} "
                           "(shipped: {shipped})",
                           "{spec}：没有这个情景文件，也不是自带情景{hint}（自带情景：{shipped}）"),
    "scenario.extends_cycle": ("{file}: 'extends' goes round in a circle: {cycle}",
                               "{file}：'extends' 循环引用，绕了一圈：{cycle}"),
    "scenario.extends_not_text": ("{file}: 'extends' must be a file name in quotes, got {got!r}",
                                  "{file}：'extends' 应为带引号的文件名，实际是 {got!r}"),
    "scenario.extends_missing": ("{file}: 'extends' names {name!r}, which does not exist "
                                 "(looked for {looked})",
                                 "{file}：'extends' 指定的 {name!r} 不存在（查找位置：{looked}）"),
    "scenario.meta_not_text": ("{file}: '{key}' must be text in quotes, got {got!r}",
                               "{file}：'{key}' 应为带引号的文字，实际是 {got!r}"),
    "scenario.name_empty": ("{file}: 'name' must be non-empty text in quotes, got {got!r}",
                            "{file}：'name' 应为带引号的非空文字，实际是 {got!r}"),
    "scenario.empty": ("{file}: the scenario sets nothing (no setting and no 'extends'), so it "
                       "would silently run the model's defaults; accepted: extends = "
                       "\"baseline.toml\" and the settings that differ (see `vcsim params`)",
                       "{file}：情景文件是空的（没有任何设置，也没有 'extends'），运行时会悄悄使用"
                       "模型默认值；可接受：写上 extends = \"baseline.toml\" 和要修改的设置"
                       "（见 `vcsim params`）"),
    "scenario.bad_value": ("{file}: {where}: {problem}; accepted: {accepted}",
                           "{file}：{where}：{problem}；可接受：{accepted}"),
    "scenario.section_as_value": ("{file}: '{key}' is a section, not a setting: write [{key}] "
                                  "on a line of its own and its settings below it (see "
                                  "`vcsim params`)",
                                  "{file}：'{key}' 是一个节，不是设置项：请单独一行写 [{key}]，"
                                  "再在下面写它的设置（见 `vcsim params`）"),
    "scenario.unknown_setting": ("{file}: unknown setting {where}{hint}",
                                 "{file}：未知设置 {where}{hint}"),
    "scenario.year_outside": ("{file}: {where} = {value} is outside the simulated years "
                              "2019-{end}; accepted: a year from 2019 to [simulation] end_year",
                              "{file}：{where} = {value} 不在模拟年份 2019-{end} 之内；"
                              "可接受：2019 年到 [simulation] end_year 之间的年份"),
    "scenario.rollout_backwards": ("{file}: the rollout years must not go backwards (poor_year "
                                   "{poor} <= priority_year {priority} <= remaining_year "
                                   "{remaining})",
                                   "{file}：三步走的年份不能倒退（应为 poor_year {poor} <= "
                                   "priority_year {priority} <= remaining_year {remaining}）"),
    "scenario.is_roster": ("{file}: this is a village roster (a table with the headers "
                           "{headers}), not a scenario; accepted: a scenario as a .toml file, "
                           "and a roster saved as .csv or .xlsx given with --roster",
                           "{file}：这是一份村庄名单（表格，表头有 {headers}），不是情景文件；"
                           "可接受：情景用 .toml 文件，村庄名单另存为 .csv 或 .xlsx 后用 --roster 传入"),
    "scenario.is_workbook": ("{file}: this is an Excel workbook (a village roster?), not a "
                             "scenario; accepted: a scenario as a .toml file, and a roster "
                             "saved as .xlsx given with --roster",
                             "{file}：这是一个 Excel 工作簿（村庄名单？），不是情景文件；"
                             "可接受：情景用 .toml 文件，村庄名单存为 .xlsx 后用 --roster 传入"),
    "param.problem.not_bool": ("expected true or false, got {got!r}",
                               "应为 true 或 false，实际是 {got!r}"),
    "param.problem.not_list": ("expected a list of {length} numbers, got {got!r}",
                               "应为 {length} 个数字组成的列表，实际是 {got!r}"),
    "param.problem.wrong_length": ("expected a list of {length} numbers, got {count}",
                                   "应为 {length} 个数字组成的列表，实际有 {count} 个"),
    "param.problem.not_number": ("expected a number ({unit}), got {got!r}",
                                 "应为数字（{unit}），实际是 {got!r}"),
    "param.problem.not_whole": ("expected a whole number ({unit}), got {got!r}",
                                "应为整数（{unit}），实际是 {got!r}"),
    "param.problem.not_finite": ("expected a finite number, got {got!r}",
                                 "应为有限的数字，实际是 {got!r}"),
    "param.problem.below": ("must be at least {bound} {unit}, got {got}",
                            "不能小于 {bound} {unit}，实际是 {got}"),
    "param.problem.above": ("must be at most {bound} {unit}, got {got}",
                            "不能大于 {bound} {unit}，实际是 {got}"),
    "param.accepted.bool": ("true or false", "true 或 false"),
    "param.accepted.year_to_end": ("a year from {first} to [simulation] end_year",
                                   "{first} 年到 [simulation] end_year 之间的年份"),
    "param.accepted.year_span": ("a year from {first} to {last}", "{first} 到 {last} 之间的年份"),
    "param.accepted.value": ("{what}{span} ({unit}); plausible range {low}-{high}",
                             "{what}{span}（{unit}）；合理范围 {low}-{high}"),
    "param.what.number": ("a number", "数字"),
    "param.what.whole": ("a whole number", "整数"),
    "param.what.list": ("a list of {length} numbers", "{length} 个数字组成的列表"),
    "param.span": (" from {low} to {high}", "，{low} 至 {high}"),
    "param.span_min": (" of at least {low}", "，不小于 {low}"),
    "param.span_max": (" of at most {high}", "，不大于 {high}"),

    # --- rosters -------------------------------------------------------------------
    "roster.formats": (".csv (UTF-8, UTF-8 with BOM, or GBK) or .xlsx (Excel, first sheet)",
                       ".csv（UTF-8、带 BOM 的 UTF-8 或 GBK 编码）或 .xlsx（Excel，读取第一个工作表）"),
    "roster.hint_xls": (" (old .xls workbooks: save as .xlsx first)",
                        "（旧版 .xls 工作簿请先另存为 .xlsx）"),
    "roster.unsupported_type": ("{file}: unsupported file type '{suffix}'{hint}; accepted: "
                                "{formats}",
                                "{file}：不支持的文件类型 '{suffix}'{hint}；可接受：{formats}"),
    "roster.is_scenario": ("{file}: this is a scenario file (TOML settings: {keys}), not a "
                           "village roster; accepted: a roster as .csv or .xlsx with a header "
                           "row (see scenarios/roster_template.csv), and a scenario given as "
                           "the SCENARIO argument",
                           "{file}：这是情景文件（TOML 设置：{keys}），不是村庄名单；可接受："
                           "村庄名单为带表头的 .csv 或 .xlsx（见 scenarios/roster_template.csv），"
                           "情景文件作为 SCENARIO 参数传入"),
    "roster.cannot_decode": ("{file}: cannot decode the text; accepted encodings: UTF-8, UTF-8 "
                             "with BOM, GBK (in Excel: Save As > 'CSV UTF-8')",
                             "{file}：无法识别文字编码；可接受的编码：UTF-8、带 BOM 的 UTF-8、GBK"
                             "（Excel 中：另存为 >“CSV UTF-8”）"),
    "roster.malformed_csv": ("{file}, row {row}: malformed CSV ({reason})",
                             "{file}，第 {row} 行：CSV 格式有误（{reason}）"),
    "roster.bad_xlsx": ("{file}: not a readable .xlsx workbook ({reason}); accepted: {formats}",
                        "{file}：不是可读取的 .xlsx 工作簿（{reason}）；可接受：{formats}"),
    "roster.where_cell": ("{file}, row {row}, column '{column}'", "{file}，第 {row} 行，“{column}”列"),
    "roster.unit": (" ({unit})", "（{unit}）"),
    "roster.range": ("expected {kind}{unit} from {low} to {high}",
                     "应为{kind}{unit}，{low} 至 {high}"),
    "roster.not_flag": ("{where}: '{value}' is not a yes/no value; accepted: {flags}",
                        "{where}：“{value}”不是“是/否”值；可接受：{flags}"),
    "roster.not_number": ("{where}: '{value}' is not a number; {range}",
                          "{where}：“{value}”不是数字；{range}"),
    "roster.not_whole": ("{where}: '{value}' is not a whole number; {range}",
                         "{where}：“{value}”不是整数；{range}"),
    "roster.out_of_range": ("{where}: '{value}' is out of range; {range}",
                            "{where}：“{value}”超出范围；{range}"),
    "roster.empty": ("{file}: the file is empty; it needs a header row and one row per village "
                     "(see scenarios/roster_template.csv)",
                     "{file}：文件是空的；需要一行表头，下面每个村一行（见 scenarios/roster_template.csv）"),
    "roster.no_villages": ("{file}: no villages: there are no rows below the header (row {row})",
                           "{file}：没有村庄：表头（第 {row} 行）下面没有数据行"),
    "roster.blank_required": ("{where}: blank, but this column is required",
                              "{where}：是空的，但这一列必填"),
    "roster.no_header_cell": ("(column {index}, no header)", "（第 {index} 列，无表头）"),
    "roster.same_column_twice": ("{file}, row {row}: columns '{first}' and '{second}' both mean "
                                 "'{name}'; keep only one",
                                 "{file}，第 {row} 行：“{first}”和“{second}”两列都表示 '{name}'；"
                                 "只保留一列"),
    "roster.wanted_column": ("'{name}' (accepted headers: {accepted})",
                             "'{name}'（可用表头：{accepted}）"),
    "roster.missing_columns": ("{file}: missing required column(s) {wanted}. Headers found in "
                               "row {row}: {found}",
                               "{file}：缺少必填列 {wanted}。第 {row} 行找到的表头：{found}"),
    "roster.ignored_columns": ("{file}: ignoring unrecognised column(s): {columns}",
                               "{file}：忽略不认识的列：{columns}"),
    "roster.duplicate_village": ("{file}, rows {first} and {second}: village '{name}' of "
                                 "township '{township}' appears twice; each village may be "
                                 "listed only once",
                                 "{file}，第 {first} 行和第 {second} 行：{township}的“{name}”"
                                 "出现了两次；每个村只能列一次"),
    "roster.id_defaulted": ("; a village without an id (row {rows}) gets township/name",
                            "；没有编号的村（第 {rows} 行）默认用“乡镇/村名”作编号"),
    "suffix.none": ("(none)", "（无）"),
    "roster.duplicate_id": ("{file}, rows {first} and {second}, column '{column}': village id "
                            "'{id}' appears twice{note}; each village needs its own id",
                            "{file}，第 {first} 行和第 {second} 行，“{column}”列：村编号“{id}”"
                            "出现了两次{note}；每个村要有自己的编号"),
    "roster.summary": ("{villages} villages in {townships} townships, {poor} poor; {filled}{ignored}",
                       "{villages} 个村，分属 {townships} 个乡镇，其中贫困村 {poor} 个；{filled}{ignored}"),
    "roster.filled_from_defaults": ("filled from defaults: {columns}", "按默认县补齐：{columns}"),
    "roster.filled_column_of": ("{name} ({count} of {n})", "{name}（{n} 个中补 {count} 个）"),
    "roster.filled_column": ("{name} ({count})", "{name}（{count} 个）"),
    "roster.no_blank_cells": ("no blank cells to fill", "没有需要补齐的空白单元格"),
    "roster.ignored_list": ("; ignored columns: {columns}", "；忽略的列：{columns}"),
    "roster.filled_notice": ("{file}: blank cells filled from the default county: {columns}",
                             "{file}：空白单元格已按默认县补齐：{columns}"),
    "roster.template_type": ("{file}: unsupported template type '{suffix}'; accepted: .csv or .xlsx",
                             "{file}：不支持的模板类型 '{suffix}'；可接受：.csv 或 .xlsx"),
    "roster.usage": ("usage: python -m vcsim.experiments.roster FILE | --write-templates [DIR]",
                     "用法：python -m vcsim.experiments.roster 文件 | --write-templates [文件夹]"),
    "file.wrote": ("wrote {file}", "已写入 {file}"),

    # --- run, validate, params -----------------------------------------------------

    # --- compare, sweep, bench --------------------------------------------------------

    # --- brief -----------------------------------------------------------------------

    # --- dashboard -------------------------------------------------------------------

    # --- settings scaled to the roster ----------------------------------------------

    # --- watchlist -------------------------------------------------------------------

    # --- plan ------------------------------------------------------------------------

    # --- calibrate -------------------------------------------------------------------

    # --- replicates, discover ---------------------------------------------------------

    # --- Python API ------------------------------------------------------------------
}
