"""Every message vcsim shows its users, in English and Chinese: the one catalogue.

Code never writes a user-facing sentence inline: it names a catalogue key and the
fields to fill in, ``Msg("scenario.unknown_setting", file=path, key=..., hint=...)``,
and the message is rendered in the user's language when it is shown. The language is
Chinese when ``--lang zh`` or ``VCSIM_LANG=zh`` says so, or when the locale does
(``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` starting with ``zh``); English otherwise.

A field may itself be a ``Msg`` (a reason, a hint, a list of accepted values), or any
object with a ``render(lang)`` method (an ``InputError``, a dashboard control): it is
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
    if isinstance(value, (Msg, Unit)) or callable(getattr(value, "render", None)):
        return value.render(lang)  # anything that says itself in a language
    if isinstance(value, Items) or (isinstance(value, (list, tuple))
                                    and any(isinstance(v, Msg) for v in value)):
        return ("、" if lang == "zh" else ", ").join(str(_render(v, lang)) for v in value)
    return value


def display_width(value: str) -> int:
    """Columns ``value`` takes in a terminal: Chinese characters take two."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def table(rows: list[list[Any]], align: str) -> list[str]:
    """Rows of cells as aligned text lines, whatever the language: ``align`` has one
    letter per column, "<" (left) or ">" (right); cells are padded by display width."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(display_width(row[k]) for row in cells if k < len(row))
              for k in range(len(align))]
    lines = []
    for row in cells:
        out = []
        for k, cell in enumerate(row):
            pad = " " * (widths[k] - display_width(cell))
            out.append(cell + pad if align[k] == "<" else pad + cell)
        lines.append("  ".join(out).rstrip())
    return lines


def say(key: str, /, **fields: Any) -> None:
    """Print a catalogue message (progress, a table line) to standard output."""
    print(text(key, **fields), flush=True)


def warn(key_or_msg: "str | Msg", /, **fields: Any) -> None:
    """Print a warning in the user's language to standard error, prefixed "vcsim: warning:"."""
    import sys
    msg = key_or_msg if isinstance(key_or_msg, Msg) else Msg(key_or_msg, **fields)
    print(text("warning.prefix", message=msg), file=sys.stderr, flush=True)


def _argparse_keys() -> dict[str, str]:
    return {en: key for key, (en, _) in CATALOGUE.items() if key.startswith("argparse.")}


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
    "km": "公里", "buildings": "处", "degrees": "度", "share of the pool": "占资金池比例",
    "projects/yr": "个项目/年",
    # rates of the settings that scale with the county (Parameter.rate_unit)
    "yuan per village": "元/村", "yuan/yr per village": "元/年/村",
    "villages per township": "个村/乡镇", "projects/yr per township": "个项目/年/乡镇",
    "people per poor village": "人/贫困村",
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

    # --- files and scenarios -----------------------------------------------------
    "what.scenario": ("a scenario .toml file", "情景文件（.toml）"),
    "what.experiment": ("an experiment .toml file", "实验文件（.toml）"),
    "what.calibration": ("a calibration .toml file", "校准文件（.toml）"),
    "what.plan": ("a plan .toml file", "方案搜索文件（.toml）"),
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
                           "{headers}), not {what}; accepted: a scenario as a .toml file, "
                           "and a roster saved as .csv or .xlsx given with --roster",
                           "{file}：这是一份村庄名单（表格，表头有 {headers}），不是{what}；"
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
    "param.problem.wrong_sum": ("the numbers must add up to {total}, got {got}",
                                "这些数字之和应为 {total}，实际是 {got}"),
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
    "param.what.list_sum": ("a list of {length} numbers adding up to {total}",
                            "{length} 个数字组成、之和为 {total} 的列表"),
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
                                 "{file}，第 {first} 行和第 {second} 行：乡镇“{township}”的村"
                                 "“{name}”出现了两次；每个村只能列一次"),
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
    "help.run": ("run one scenario for R replicates and write its outputs",
                 "把一个情景运行 R 次重复并写出结果"),
    "help.scenario": ("scenario .toml file, or a shipped name such as 'baseline'",
                      "情景 .toml 文件，或自带情景的名字，如 'baseline'"),
    "help.replicates": ("replicates to run (default {default})", "重复次数（默认 {default}）"),
    "help.seed": ("seed (default 1)", "随机种子（默认 1）"),
    "help.out_run": ("output folder (default results/SCENARIO)", "输出文件夹（默认 results/情景名）"),
    "help.roster": ("village roster (.csv or .xlsx); default: the built-in county",
                    "村庄名单（.csv 或 .xlsx）；默认：内置的示例县"),
    "help.engine_run": ("agents: the Mesa agent model (reference, default); vector: the array "
                        "engine, same numbers, much faster",
                        "agents：Mesa 主体模型（参照实现，默认）；vector：数组引擎，结果相同，快得多"),
    "help.synthetic": ("instead of a roster, a synthetic region of N villages in counties of "
                       "the default county's size, each with its own pool, settings and "
                       "rollout (large regions: use --engine vector)",
                       "不用村庄名单，改用 N 个村的合成地区，按默认县的规模分成若干县，各有资金池、"
                       "设置和推进安排（大地区请用 --engine vector）"),
    "help.quiet": ("no progress bar or table", "不显示进度条和表格"),
    "help.validate": ("check a scenario or a roster file without running",
                      "只检查情景文件或村庄名单，不运行"),
    "help.validate_roster": ("village roster (.csv or .xlsx) the scenario's settings that scale "
                             "with the county are shown for; default: the built-in county",
                             "显示情景中随县规模缩放的设置时所用的村庄名单（.csv 或 .xlsx）；默认："
                             "内置示例县"),
    "params.default_county_value": (" ({value} for the default county)", "（默认县为 {value}）"),
    "help.posterior": ("posterior.parquet from `vcsim calibrate`: each replicate draws the "
                       "calibrated parameters from it (the same draw in every scenario), so "
                       "results carry parameter uncertainty as well as luck",
                       "`vcsim calibrate` 得到的 posterior.parquet：每次重复从中抽取校准后的参数"
                       "（各情景抽取相同），结果因此既含随机性也含参数的不确定性"),
    "help.validate_file": ("scenario .toml, or roster .csv/.xlsx",
                           "情景 .toml，或村庄名单 .csv/.xlsx"),
    "help.params_format": ("md: a table for people, in the chosen language; csv: for programs "
                           "(English units and meanings)",
                           "md：给人看的表格（所选语言）；csv：给程序读（英文单位和含义）"),
    "help.params_lang": ("language of the table: zh (Chinese) or en; default: the global --lang "
                         "or the locale",
                         "表格的语言：zh（中文）或 en；默认：全局 --lang 或系统语言环境"),
    "help.params": ("list every parameter with unit, range and source",
                    "列出每个参数的单位、范围和来源"),
    "run.roster_and_synthetic": ("--roster and --synthetic-villages: give one or the other",
                                 "--roster 和 --synthetic-villages 只能选一个"),
    "run.done": ("{replicates} replicates in {seconds:.1f} s ({engine} engine); outputs in {out}/",
                 "{replicates} 次重复，用时 {seconds:.1f} 秒（{engine} 引擎）；结果在 {out}/"),
    "run.summary_head": ("{villages} villages, {replicates} replicates, seed {seed}; zero-income "
                         "villages at the start of 2019: {zero} ({share:.0%})",
                         "{villages} 个村，{replicates} 次重复，随机种子 {seed}；2019 年初集体经营"
                         "收入为零的村：{zero} 个（{share:.0%}）"),
    "run.col.year": ("year", "年份"),
    "run.col.zero": ("zero-income villages", "零收入村"),
    "run.col.band": ("(90% band)", "（90% 区间）"),
    "run.col.p_cleared": ("P(cleared) (95% CI)", "清零概率（95% 区间）"),
    "run.col.median": ("median income", "收入中位数（元）"),
    "run.col.ge50k": (">= 50k", "≥5万占比"),
    "run.not_by": ("not by {year}", "{year} 年前未清零"),
    "run.summary_foot": ("first year ending with no zero-income village: median {median}; "
                         "{never:.0%} of replicates never get there",
                         "第一个年末没有零收入村的年份：中位数 {median}；{never:.0%} 的重复始终没有清零"),
    "validate.roster_ok": ("{file}: ok: {summary}", "{file}：检查通过：{summary}"),
    "validate.scenario_ok": ("{file}: ok: scenario '{name}' sets {count} parameters",
                             "{file}：检查通过：情景“{name}”设置了 {count} 个参数"),
    "params.header": ("name|meaning|unit|default|range|source", "参数|含义|单位|默认值|范围|来源"),
    "progress.unit": ("run", "次"),
    # argparse's own words (argparse's English is the key's English)
    "argparse.usage": ("usage: ", "用法："),
    "argparse.error": ("%(prog)s: error: %(message)s\n", "%(prog)s：错误：%(message)s\n"),
    "argparse.argument": ("argument %(argument_name)s: %(message)s",
                          "参数 %(argument_name)s：%(message)s"),
    "argparse.invalid_choice": ("invalid choice: %(value)r (choose from %(choices)s)",
                                "无效的选项：%(value)r（可选：%(choices)s）"),
    "argparse.invalid_value": ("invalid %(type)s value: %(value)r", "无效的 %(type)s 值：%(value)r"),
    "argparse.required": ("the following arguments are required: %s", "缺少以下必需参数：%s"),
    "argparse.unrecognized": ("unrecognized arguments: %s", "不认识的参数：%s"),
    "argparse.expected_one": ("expected one argument", "需要一个值"),
    "argparse.expected_at_least_one": ("expected at least one argument", "至少需要一个值"),
    "argparse.not_allowed_with": ("not allowed with argument %s", "不能与参数 %s 同时使用"),
    "argparse.one_required": ("one of the arguments %s is required", "参数 %s 必须给出一个"),
    "argparse.ambiguous": ("ambiguous option: %(option)s could match %(matches)s",
                           "选项不明确：%(option)s 可能是 %(matches)s"),
    "argparse.positional": ("positional arguments", "位置参数"),
    "argparse.options": ("options", "选项"),
    "argparse.help": ("show this help message and exit", "显示本帮助并退出"),

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
    "help.workers": ("local worker processes, this one included (default: the number of cores; "
                     "1 runs in this process alone)",
                     "本机工作进程数，含本进程（默认：CPU 核数；1 表示只在本进程中运行）"),
    "help.scheduler": ("run on an existing Dask cluster, e.g. tcp://10.0.0.5:8786",
                       "在已有的 Dask 集群上运行，例如 tcp://10.0.0.5:8786"),
    "help.engine": ("simulation engine: vector (default; the same numbers as the agents, "
                    "faster) or agents (the Mesa agent model)",
                    "模拟引擎：vector（默认；结果与 agents 相同，更快）或 agents（Mesa 主体模型）"),
    "help.compare": ("run several scenarios on the same replicates and compare them with "
                     "paired differences",
                     "在相同的重复上运行多个情景，用配对差值比较它们"),
    "help.scenarios": ("scenario .toml files or shipped names; the first is the baseline",
                       "情景 .toml 文件或自带情景名；第一个是基准"),
    "help.baseline": ("name of the baseline scenario (default: the first)",
                      "基准情景的名字（默认：第一个）"),
    "help.out_compare": ("output folder (default results/compare-NAME1-NAME2...)",
                         "输出文件夹（默认 results/compare-名字1-名字2...）"),
    "help.sweep": ("run an experiment file (grid, LHS, Sobol, Morris) into a resumable results "
                   "store, with sensitivity indices",
                   "运行实验文件（网格、LHS、Sobol、Morris 设计），结果存入可续跑的结果库，并计算"
                   "敏感性指数"),
    "help.experiment": ("experiment .toml file", "实验 .toml 文件"),
    "help.out_sweep": ("output folder (default results/sweep-EXPERIMENT)",
                       "输出文件夹（默认 results/sweep-实验名）"),
    "help.resume": ("continue an interrupted sweep in --out: run only the missing runs",
                    "继续 --out 中中断的扫描：只运行缺少的部分"),
    "help.roster_sweep": ("village roster (.csv or .xlsx); overrides the experiment's 'roster'; "
                          "default: the built-in county",
                          "村庄名单（.csv 或 .xlsx）；优先于实验文件的 'roster'；默认：内置示例县"),
    "help.chunk_size": ("runs per task (default: about 4 seconds of work)",
                        "每个任务的运行次数（默认：约 4 秒的工作量）"),
    "help.bench": ("benchmarks: --engines (agent vs vector engine), --sweep (this sweep runner "
                   "against mesa.batch_run); default both",
                   "性能测试：--engines（agents 与 vector 引擎对比），--sweep（本扫描器与 "
                   "mesa.batch_run 对比）；默认两项都做"),
    "help.bench_engines": ("agent vs vector engine on the default county, and a 500,000-village "
                           "region", "默认县上 agents 与 vector 引擎对比，以及一个 50 万村的地区"),
    "help.bench_sweep": ("sweep runner vs mesa.batch_run on a 3x3 funding grid x 4 replicates",
                         "扫描器与 mesa.batch_run 对比：3x3 资金网格 x 4 次重复"),
    "help.bench_workers": ("processes for both runners (default 2)", "两种运行器的进程数（默认 2）"),
    "help.bench_repeat": ("alternate the runners this many times and keep each one's fastest "
                          "run (default 1)", "两种运行器交替运行的轮数，各取最快一次（默认 1）"),
    "help.bench_plan": ("vcsim plan on experiments/example_plan.toml, verification included, in "
                        "one process and on --workers workers",
                        "在 experiments/example_plan.toml 上运行 vcsim plan（含验证），单进程和 "
                        "--workers 个工作进程各一次"),
    "help.bench_sweep_throughput": ("an LHS sweep of 400 points x 8 replicates on the vector "
                                    "engine: village-months per second per worker",
                                    "vector 引擎上 400 个点 x 8 次重复的 LHS 扫描：每个工作进程每秒"
                                    "的村·月数"),
    "help.bench_json": ("print one JSON object", "输出一个 JSON 对象"),
    "execution.worker_died": ("a worker process died (killed, or out of memory?)",
                              "有一个工作进程死掉了（被终止，或内存不足？）"),
    "execution.dask_gave_up": ("Dask gave up on a task after its workers died repeatedly "
                               "({reason})", "工作进程反复死掉，Dask 放弃了一个任务（{reason}）"),
    "execution.on_dask": ("Dask cluster {scheduler} ({workers} workers, {threads} threads)",
                          "Dask 集群 {scheduler}（{workers} 个工作进程，{threads} 个线程）"),
    "execution.on_local": ("{workers} local worker processes (this one and {others} more)",
                           "本机 {workers} 个工作进程（本进程和另外 {others} 个）"),
    "execution.on_this_process": ("this process", "本进程"),
    "compare.plan": ("comparing {scenarios} scenarios x {replicates} replicates (seed {seed}, "
                     "common random numbers) on {where}",
                     "比较 {scenarios} 个情景 x {replicates} 次重复（随机种子 {seed}，共同随机数），"
                     "在{where}上运行"),
    "compare.done": ("{scenarios} x {replicates} runs in {seconds:.1f} s; outputs in {out}/",
                     "{scenarios} x {replicates} 次运行，用时 {seconds:.1f} 秒；结果在 {out}/"),
    "compare.head": ("{scenarios} scenarios, {replicates} replicates{seed}; baseline: {baseline}",
                     "{scenarios} 个情景，{replicates} 次重复{seed}；基准：{baseline}"),
    "compare.head_seed": (", seed {seed} (common random numbers)", "，随机种子 {seed}（共同随机数）"),
    "compare.head_differences": ("differences are scenario minus baseline, paired over "
                                 "replicates, with 95% CI",
                                 "差值 = 情景 - 基准，按重复配对，附 95% 置信区间"),
    "compare.col.scenario": ("scenario", "情景"),
    "compare.col.zero": ("zero-income villages", "零收入村"),
    "compare.col.difference": ("difference (95% CI)", "差值（95% 区间）"),
    "compare.col.cum_cost": ("cum. fiscal cost, M yuan", "累计财政总支出（百万元）"),
    "compare.col.per_village": ("yuan per village cleared", "每清零一村的项目资金（元）"),
    "compare.is_baseline": ("(baseline)", "（基准）"),
    "compare.ci": ("{mean:+.1f} ({low:+.1f} to {high:+.1f})", "{mean:+.1f}（{low:+.1f} 至 {high:+.1f}）"),
    "compare.undefined": ("n/a", "无法计算"),
    "compare.foot": ("cum. fiscal cost: parts A and B since 2019; yuan per village cleared: "
                     "public programme money (part B) since 2019 / villages cleared (see README)",
                     "累计财政总支出：2019 年以来 A、B 两部分合计；每清零一村的项目资金：2019 年"
                     "以来 B 部分的公共项目资金 / 清零的村数（见 README）"),
    "sweep.nothing_to_run": ("nothing to run", "没有要运行的"),
    "sweep.plan": ("{name}: {points} points x {replicates} replicates = {runs} runs{done}; "
                   "{missing} to run in chunks of {size} on {where}",
                   "{name}：{points} 个点 x {replicates} 次重复 = {runs} 次运行{done}；"
                   "{missing} 次待运行，每块 {size} 次，在{where}上运行"),
    "sweep.already_done": (", {runs} already done", "，已完成 {runs} 次"),
    "sweep.worker_lost": ("vcsim: {reason}; finished runs are kept in {out}/. Continue with: "
                          "vcsim sweep {experiment} --out {out} --resume",
                          "vcsim：{reason}；完成的运行保存在 {out}/。继续：vcsim sweep "
                          "{experiment} --out {out} --resume"),
    "sweep.all_done": ("all {runs} runs were already done in {out}/",
                       "全部 {runs} 次运行已在 {out}/ 中完成"),
    "sweep.before": ("; {runs} were already done", "；此前已完成 {runs} 次"),
    "sweep.done": ("{runs} runs in {seconds:.1f} s ({rate:.1f} runs/s) on {where}{before}",
                   "{runs} 次运行，用时 {seconds:.1f} 秒（每秒 {rate:.1f} 次），在{where}上{before}"),
    "sweep.sensitivity": ("sensitivity ({method}):", "敏感性（{method}）："),
    "sweep.results_in": ("results in {out}/ (runs/: pandas.read_parquet('{out}/runs'))",
                         "结果在 {out}/（runs/：pandas.read_parquet('{out}/runs')）"),
    "sensitivity.label": ("{output}, {year}", "{output}，{year} 年"),
    "sensitivity.skipped": ("{where}: skipped ({why})", "{where}：跳过（{why}）"),
    "sensitivity.why_no_runs": ("no runs reach this year", "没有运行到这一年"),
    "sensitivity.why_missing": ("missing or undefined values at some points",
                                "部分点的值缺失或无定义"),
    "sensitivity.why_constant": ("the output does not vary (always {value})",
                                 "输出没有变化（始终为 {value}）"),
    "bench.sweep_head": ("sweep benchmark: {setup}", "扫描性能测试：{setup}"),
    "bench.sweep_columns": ("wall s|CPU s|peak MB|workers MB|total MB|rows|years",
                            "耗时秒|CPU秒|峰值MB|工作进程MB|合计MB|行数|年份"),
    "bench.sweep_vector": ("sweep, vector", "扫描, vector"),
    "bench.sweep_ratios": ("batch_run / sweep: wall {wall}x, CPU {cpu}x, peak memory: main "
                           "process {main}x, workers {workers}x, total {total}x",
                           "batch_run / 扫描：耗时 {wall} 倍，CPU {cpu} 倍，峰值内存：主进程 {main} 倍，"
                           "工作进程 {workers} 倍，合计 {total} 倍"),
    "bench.sweep_vector_note": ("(sweep, vector: the same sweep on the vector engine, for "
                                "information; batch_run can only run the Mesa model)",
                                "（扫描, vector：同一扫描用 vector 引擎运行，仅供参考；batch_run "
                                "只能运行 Mesa 模型）"),
    "bench.note": ("note: {note}", "注：{note}"),
    "bench.engines_head": ("engine benchmark ({county}, one core; machine load {load}):",
                           "引擎性能测试（{county}，单核；机器负载 {load}）："),
    "bench.engines_agents": ("  agents                 {rate:>12,} village-months/s ({per_cpu:,} per CPU "
                             "second)",
                             "  agents                 每秒 {rate:>12,} 村·月（每 CPU 秒 {per_cpu:,}）"),
    "bench.engines_vector": ("  vector, 1 replicate    {rate:>12,} village-months/s ({speedup}x "
                             "the agents)",
                             "  vector，1 次重复       每秒 {rate:>12,} 村·月（agents 的 {speedup} 倍）"),
    "bench.engines_batched": ("  vector, 100 batched    {rate:>12,} village-months/s ({speedup}x "
                              "the agents; {per_cpu:,} per CPU second, {speedup_cpu}x the agents "
                              "by CPU time)",
                              "  vector，100 次成批     每秒 {rate:>12,} 村·月（agents 的 {speedup} "
                              "倍；每 CPU 秒 {per_cpu:,}，按 CPU 时间为 agents 的 {speedup_cpu} 倍）"),
    "bench.engines_compiled": ("    run a month at a time, by part: the month {rate:>12,} village-months/s; "
                               "seconds: {parts}",
                               "    逐月运行、分部计时：编译后的月循环 每秒 {rate:>12,} 村·月；各部分秒数：{parts}"),
    "bench.engines_region": ("  {villages:,} villages 2019-2025, vector: {seconds} s ({cpu} s "
                             "CPU; fastest of three runs in a fresh process, the first {first} s), "
                             "peak memory {memory:,.0f} MB",
                             "  {villages:,} 个村 2019-2025，vector：{seconds} 秒（CPU {cpu} 秒；"
                             "新进程中连跑三次取最快，第一次 {first} 秒），峰值内存 {memory:,.0f} MB"),
    "bench.plan_head": ("plan benchmark: vcsim plan {plan}, verification included (target: "
                        "{target} s)",
                        "方案搜索性能测试：vcsim plan {plan}，含验证（目标：{target} 秒）"),
    "bench.plan_in_process": ("in this process", "本进程"),
    "bench.plan_workers": ("{workers} workers", "{workers} 个工作进程"),
    "bench.plan_run": ("  {where}: {wall} s wall ({cpu} s CPU); {trials} plans tried, {simulated} "
                       "simulated x {replicates} replicates + {verify} to verify = {runs:,} runs "
                       "of {years} years; verified P = {probability:.1%}",
                       "  {where}：耗时 {wall} 秒（CPU {cpu} 秒）；试了 {trials} 个方案，模拟 "
                       "{simulated} 个 x {replicates} 次重复 + {verify} 次验证 = {runs:,} 次运行，"
                       "每次 {years} 年；验证概率 P = {probability:.1%}"),
    "bench.plan_seconds": ("    seconds: Python start-up and imports {startup}, loading the "
                           "compiled engine {load}, search: simulation {simulation}, optimiser "
                           "{optimiser}; verification {verification}; files and charts {outputs}",
                           "    秒数：Python 启动和导入 {startup}，加载编译后的引擎 {load}，搜索："
                           "模拟 {simulation}、优化器 {optimiser}；验证 {verification}；文件和图表 "
                           "{outputs}"),
    "bench.plan_within": ("  within the target", "  在目标之内"),
    "bench.plan_not_within": ("  NOT within the target", "  超出目标"),
    "bench.sweep_throughput": ("sweep throughput ({setup}): {wall} s ({cpu} s CPU), {rate:,} "
                               "village-months/s per worker ({per_cpu:,} per CPU second); machine "
                               "load {load}",
                               "扫描吞吐量（{setup}）：{wall} 秒（CPU {cpu} 秒），每个工作进程每秒 "
                               "{rate:,} 村·月（每 CPU 秒 {per_cpu:,} 村·月）；机器负载 {load}"),
    "hint.see_params": ("; `vcsim params` lists them all", "；`vcsim params` 列出全部参数"),
    "engine.compiling": ("first run of this version: compiling the simulation engine (about a minute, "
                         "once; later runs start at once)",
                         "首次运行此版本：正在编译模拟引擎（约一分钟，仅此一次，以后直接开始）"),
    "engine.unknown": ("--engine {name!r}: no such simulation engine{hint}; accepted: {accepted}",
                       "--engine {name!r}：没有这个模拟引擎{hint}；可接受：{accepted}"),
    "execution.no_distributed": ("--scheduler needs dask[distributed]: pip install "
                                 "'dask[distributed]'",
                                 "--scheduler 需要 dask[distributed]：pip install 'dask[distributed]'"),
    "execution.no_scheduler": ("--scheduler {scheduler}: cannot reach a Dask scheduler there "
                               "({reason}); start one with `dask scheduler` and `dask worker "
                               "ADDRESS`, or leave --scheduler out to run on this machine",
                               "--scheduler {scheduler}：连不上那里的 Dask 调度器（{reason}）；"
                               "请用 `dask scheduler` 和 `dask worker 地址` 启动，或不写 "
                               "--scheduler，在本机运行"),
    "execution.no_workers": ("--scheduler {scheduler}: the scheduler has no workers; start some "
                             "with `dask worker {scheduler}`",
                             "--scheduler {scheduler}：调度器没有工作进程；请用 "
                             "`dask worker {scheduler}` 启动"),
    "compare.same_name": ("two scenarios are named {name!r}; scenarios compared together need "
                          "different names (set `name = ...` in the file)",
                          "有两个情景都叫 {name!r}；一起比较的情景需要不同的名字（在文件中设 "
                          "`name = ...`）"),
    "compare.bad_baseline": ("--baseline {baseline!r} is not one of the scenarios compared "
                             "({names})",
                             "--baseline {baseline!r} 不是参与比较的情景之一（{names}）"),
    "store.not_a_folder": ("{file}: exists and is not a folder; choose another --out",
                           "{file}：已存在且不是文件夹；请换一个 --out"),
    "store.other_experiment": ("{file}: holds the results of a different experiment ({stored}, "
                               "hash {stored_hash}); this one ({this}) has hash {this_hash}: the "
                               "experiment, its base scenario, the roster or the engine changed. "
                               "Use another --out folder, or delete {file} to start again",
                               "{file}：存放的是另一个实验的结果（{stored}，哈希 {stored_hash}）；"
                               "本实验（{this}）的哈希是 {this_hash}：实验、基础情景、村庄名单或"
                               "引擎有了变化。请换一个 --out 文件夹，或删除 {file} 后重新开始"),
    "store.needs_resume": ("{file}: already holds results of this sweep; add --resume to run "
                           "only the missing runs, or choose another --out folder",
                           "{file}：已有这个扫描的结果；加 --resume 只运行缺少的部分，或换一个 "
                           "--out 文件夹"),
    "store.not_empty": ("{file}: the folder is not empty; choose another --out folder (or an "
                        "empty one)",
                        "{file}：文件夹不是空的；请换一个 --out 文件夹（或空文件夹）"),
    "store.nothing_to_resume": ("{file}: the folder is not empty and holds no sweep ({manifest} "
                                "is missing), so there is nothing to resume; choose another "
                                "--out folder",
                                "{file}：文件夹不是空的，但里面没有扫描（缺少 {manifest}），"
                                "无法续跑；请换一个 --out 文件夹"),
    "store.locked": ("{file}: another vcsim sweep is writing to this folder; wait for it to "
                     "finish, or stop it first",
                     "{file}：另一个 vcsim 扫描正在写这个文件夹；请等它结束，或先停止它"),
    "store.bad_manifest": ("{file}: cannot read the sweep's manifest ({reason})",
                           "{file}：无法读取扫描的清单文件（{reason}）"),
    "store.no_runs": ("{file}: no {runs}/ folder; is this a sweep's output folder?",
                      "{file}：没有 {runs}/ 文件夹；这是扫描的输出文件夹吗？"),
    "sweep.year_not_simulated": ("{file}: 'sensitivity_years': {year} is not a simulated year "
                                 "({first}-{last})",
                                 "{file}：'sensitivity_years'：{year} 不是模拟年份（{first}-{last}）"),
    "sweep.bad_stored_design": ("{file}: cannot read the stored design ({reason}); start again "
                                "in another --out folder",
                                "{file}：无法读取已保存的设计（{reason}）；请在另一个 --out "
                                "文件夹中重新开始"),
    "sweep.design_differs": ("{file}: the design this installation draws differs from the "
                             "stored {points} (a different scipy or SALib version?); resuming "
                             "would mix two designs. Finish the sweep with the original "
                             "installation, or start again in another --out folder",
                             "{file}：本次安装抽出的设计与已保存的 {points} 不同（scipy 或 SALib "
                             "版本不同？），续跑会混合两种设计。请用原来的安装完成扫描，或在另一个 "
                             "--out 文件夹中重新开始"),
    "experiment.unknown_key": ("{file}: unknown key '{key}'{hint}; accepted keys: {accepted}",
                               "{file}：未知的键 '{key}'{hint}；可用的键：{accepted}"),
    "experiment.samples_with_grid": ("{file}: 'samples' is not used with design = \"grid\", which "
                                     "runs every combination of the values; remove it (set "
                                     "'levels' for how many values a [low, high] range gets)",
                                     "{file}：design = \"grid\" 不用 'samples'（网格设计运行所有取值"
                                     "组合）；请删去（[low, high] 区间取几个值由 'levels' 设定）"),
    "experiment.levels_unused": ("{file}: 'levels' is only used with design = \"grid\" or "
                                 "\"morris\"",
                                 "{file}：'levels' 只用于 design = \"grid\" 或 \"morris\""),
    "experiment.second_order_unused": ("{file}: 'second_order' is only used with design = "
                                       "\"sobol\"",
                                       "{file}：'second_order' 只用于 design = \"sobol\""),
    "experiment.not_bool": ("{file}: '{key}' must be true or false, got {got!r}",
                            "{file}：'{key}' 应为 true 或 false，实际是 {got!r}"),
    "experiment.missing_scenario": ("{file}: missing 'scenario': the base scenario file the sweep "
                                    "starts from, e.g. scenario = \"../scenarios/baseline.toml\"",
                                    "{file}：缺少 'scenario'：扫描所基于的情景文件，例如 "
                                    "scenario = \"../scenarios/baseline.toml\""),
    "experiment.key_unused_for_model": ("{file}: '{key}' is not used with model = \"{model}\"; "
                                        "remove it",
                                        "{file}：model = \"{model}\" 不用 '{key}'；请删去"),
    "experiment.what_bool": ("true/false parameters", "true/false 参数"),
    "experiment.what_list": ("lists of values", "取值列表"),
    "experiment.values_need_grid": ("{file}: [parameters] \"{key}\": {what} can only be used with "
                                    "design = \"grid\"; design \"{design}\" samples ranges "
                                    "[low, high]",
                                    "{file}：[parameters] \"{key}\"：{what}只能用于 design = "
                                    "\"grid\"；\"{design}\" 设计在区间 [low, high] 内抽样"),
    "experiment.sobol_power_of_two": ("{file}: samples = {samples}: Sobol' designs keep their "
                                      "balance only when samples is a power of two (e.g. "
                                      "{example})",
                                      "{file}：samples = {samples}：Sobol' 设计只有在 samples 为 2 的"
                                      "幂时才保持均衡（例如 {example}）"),
    "experiment.morris_even_levels": ("{file}: levels = {levels}: Morris designs work best with "
                                      "an even number of levels",
                                      "{file}：levels = {levels}：Morris 设计用偶数个水平效果最好"),
    "experiment.outputs_not_list": ("{file}: 'outputs' must be a non-empty list of measure names "
                                    "in quotes, got {got!r}",
                                    "{file}：'outputs' 应为带引号的指标名组成的非空列表，实际是 {got!r}"),
    "experiment.outputs_twice": ("{file}: 'outputs' lists {name!r} twice",
                                 "{file}：'outputs' 中 {name!r} 出现了两次"),
    "experiment.years_not_list": ("{file}: 'sensitivity_years' must be a list of years, e.g. "
                                  "[2021, 2025], got {got!r}",
                                  "{file}：'sensitivity_years' 应为年份列表，例如 [2021, 2025]，"
                                  "实际是 {got!r}"),
    "experiment.unknown_output": ("{file}: 'outputs': unknown measure {name!r}{hint}; accepted: "
                                  "{accepted}",
                                  "{file}：'outputs'：未知指标 {name!r}{hint}；可接受：{accepted}"),
    "experiment.missing_choice": ("{file}: missing '{key}'; accepted: {accepted}",
                                  "{file}：缺少 '{key}'；可接受：{accepted}"),
    "experiment.unknown_choice": ("{file}: '{key}' = {got!r}: unknown {key}{hint}; accepted: "
                                  "{accepted}",
                                  "{file}：'{key}' = {got!r}：未知的 {key}{hint}；可接受：{accepted}"),
    "experiment.missing_whole": ("{file}: missing '{key}' (a whole number of at least {least})",
                                 "{file}：缺少 '{key}'（不小于 {least} 的整数）"),
    "experiment.not_whole": ("{file}: '{key}' = {got!r}: must be a whole number of at least "
                             "{least}",
                             "{file}：'{key}' = {got!r}：应为不小于 {least} 的整数"),
    "experiment.file_not_text": ("{file}: '{key}' must be a file name in quotes, got {got!r}",
                                 "{file}：'{key}' 应为带引号的文件名，实际是 {got!r}"),
    "experiment.no_such_file": ("{file}: '{key}' = {got!r}: no such file (looked for {looked})",
                                "{file}：'{key}' = {got!r}：没有这个文件（查找位置：{looked}）"),
    "experiment.no_such_scenario": ("{file}: 'scenario' = {got!r}: no such scenario file (looked "
                                    "for {looked}); paths are relative to the experiment file",
                                    "{file}：'scenario' = {got!r}：没有这个情景文件（查找位置："
                                    "{looked}）；路径相对于实验文件所在的文件夹"),
    "experiment.in_scenario": ("{file}: 'scenario': {message}", "{file}：'scenario'：{message}"),
    "experiment.missing_parameters": ("{file}: missing [parameters]: list the settings to vary, "
                                      "e.g. \"funding.poor_village_yuan\" = [300000, 800000]",
                                      "{file}：缺少 [parameters]：请列出要变化的设置，例如 "
                                      "\"funding.poor_village_yuan\" = [300000, 800000]"),
    "experiment.parameters_not_table": ("{file}: [parameters] must be a table of settings to "
                                        "vary, with at least one entry",
                                        "{file}：[parameters] 应为要变化的设置组成的表，至少一项"),
    "experiment.parameter_label": ("{file}: [parameters] \"{key}\"", "{file}：[parameters] \"{key}\""),
    "experiment.unknown_ishigami": ("{label}: unknown parameter of the Ishigami function{hint}; "
                                    "accepted: {accepted}",
                                    "{label}：Ishigami 函数没有这个参数{hint}；可接受：{accepted}"),
    "experiment.unknown_parameter": ("{label}: unknown parameter{hint}", "{label}：未知参数{hint}"),
    "experiment.list_setting": ("{label}: a list-valued setting cannot be varied in a sweep; set "
                                "it in the base scenario instead",
                                "{label}：列表型设置不能在扫描中变化；请在基础情景中设定"),
    "experiment.values_or_range": ("{label}: give either {{values = [...]}} or {{low = .., high = "
                                   "..}}",
                                   "{label}：请写 {{values = [...]}} 或 {{low = .., high = ..}} 之一"),
    "experiment.values_not_list": ("{label}: 'values' must be a list, got {got!r}",
                                   "{label}：'values' 应为列表，实际是 {got!r}"),
    "experiment.range_keys": ("{label}: a range needs both 'low' and 'high', got {got}",
                              "{label}：区间需要同时写 'low' 和 'high'，实际是 {got}"),
    "experiment.not_range_or_list": ("{label}: expected a range [low, high] or a list of values, "
                                     "got {got!r}",
                                     "{label}：应为区间 [low, high] 或取值列表，实际是 {got!r}"),
    "experiment.what_value": ("value", "取值"),
    "experiment.what_low": ("lower bound", "下限"),
    "experiment.what_high": ("upper bound", "上限"),
    "experiment.bad_value": ("{label}: {what} {got!r}: {problem}; accepted: {accepted}",
                             "{label}：{what} {got!r}：{problem}；可接受：{accepted}"),
    "experiment.not_finite": ("{label}: {what} {got!r}: expected a finite number",
                              "{label}：{what} {got!r}：应为有限的数字"),
    "experiment.empty_values": ("{label}: empty list of values", "{label}：取值列表是空的"),
    "experiment.value_twice": ("{label}: value {got!r} is listed twice",
                               "{label}：取值 {got!r} 列了两次"),
    "experiment.bool_range": ("{label}: a true/false setting has no range; list it as [true, "
                              "false] with design = \"grid\"",
                              "{label}：true/false 设置没有区间；请用 design = \"grid\" 并写成 "
                              "[true, false]"),
    "experiment.empty_range": ("{label}: empty range [{low}, {high}]: lower and upper bound are "
                               "equal; set the value in the base scenario, or widen the range",
                               "{label}：区间 [{low}, {high}] 为空：上下限相等；请在基础情景中设定"
                               "该值，或放宽区间"),
    "experiment.range_reversed": ("{label}: lower bound {low} is above upper bound {high}; write "
                                  "the range as [low, high]",
                                  "{label}：下限 {low} 大于上限 {high}；区间请写成 [low, high]"),
    "experiment.range_too_narrow": ("{label}: the range [{low}, {high}] holds fewer than two "
                                    "whole numbers",
                                    "{label}：区间 [{low}, {high}] 内的整数少于两个"),
    "experiment.point_invalid": ("{file}: [parameters]: {reason}", "{file}：[parameters]：{reason}"),
    "experiment.point_not_scenario": ("{file}: [parameters]: a design point is not a valid "
                                      "scenario: {message}",
                                      "{file}：[parameters]：有一个设计点不是有效的情景：{message}"),

    # --- brief -----------------------------------------------------------------------
    "help.brief": ("briefing pack for a leadership meeting: charts, PDF, slides, key figures",
                   "为领导会议制作汇报材料：图表、PDF、幻灯片、关键数据"),
    "help.brief_long": ("Make a briefing pack from the output of vcsim compare (several "
                        "scenarios), vcsim run (one) or vcsim sweep (sensitivity): PNG charts "
                        "whose titles state the finding, brief.pdf, brief.pptx and "
                        "key_figures.csv/.xlsx. Chinese by default.",
                        "根据 vcsim compare（多个情景）、vcsim run（一个情景）或 vcsim sweep"
                        "（敏感性）的输出制作汇报材料：标题直接说明结论的 PNG 图表、brief.pdf、"
                        "brief.pptx 和 key_figures.csv/.xlsx。默认中文。"),
    "help.brief_results": ("folder written by vcsim compare, run or sweep",
                           "vcsim compare、run 或 sweep 写出的文件夹"),
    "help.brief_lang": ("language of the brief: zh (Chinese) or en; default: the global --lang "
                        "if given, else zh",
                        "汇报材料的语言：zh（中文）或 en；默认：若给了全局 --lang 则用它，否则 zh"),
    "help.brief_year": ("year the brief is about (default: the clearance target 2021 if "
                        "simulated, else the last year)",
                        "汇报针对的年份（默认：模拟范围内用清零目标年 2021，否则用最后一年）"),
    "help.brief_out": ("output folder (default RESULTS_DIR/brief, RESULTS_DIR/brief_en in "
                       "English)",
                       "输出文件夹（默认 RESULTS_DIR/brief，英文版为 RESULTS_DIR/brief_en）"),
    "help.brief_sweep": ("a vcsim sweep folder whose sensitivity results to add (default: "
                         "looked for in RESULTS_DIR and its subfolders)",
                         "要加入其敏感性结果的 vcsim sweep 文件夹（默认：在 RESULTS_DIR 及其子"
                         "文件夹中查找）"),
    "brief.bad_year_option": ("expected a year such as 2021, got {got!r}",
                              "应为年份，例如 2021，实际是 {got!r}"),
    "brief.no_sweep_folder": ("--sweep {folder}: no such folder", "--sweep {folder}：没有这个文件夹"),
    "brief.bad_lang": ("--lang {lang}: expected zh or en", "--lang {lang}：应为 zh 或 en"),
    "brief.bad_json": ("{file}: not valid JSON (line {line}: {reason})",
                       "{file}：不是有效的 JSON（第 {line} 行：{reason}）"),
    "brief.bad_parquet": ("{file}: cannot read it as Parquet ({reason})",
                          "{file}：无法按 Parquet 格式读取（{reason}）"),
    "brief.no_indices": ("{file}: no sensitivity indices found (expected rows with 'parameter' "
                         "and S1/ST (Sobol), mu_star (Morris) or spearman_rho)",
                         "{file}：没有找到敏感性指数（应有 'parameter' 列，以及 S1/ST（Sobol）、"
                         "mu_star（Morris）或 spearman_rho）"),
    "brief.no_folder": ("{folder}: no such folder", "{folder}：没有这个文件夹"),
    "brief.not_a_folder": ("{folder}: not a folder; give the folder that vcsim run, compare or "
                           "sweep wrote",
                           "{folder}：不是文件夹；请给出 vcsim run、compare 或 sweep 写出的文件夹"),
    "brief.nothing_to_brief": ("{folder}: nothing to brief: no comparison.json (vcsim compare), "
                               "no summary.json (vcsim run) and no sensitivity.json or "
                               "sensitivity.parquet (vcsim sweep) in it or its subfolders{hint}",
                               "{folder}：没有可汇报的内容：文件夹及其子文件夹中没有 "
                               "comparison.json（vcsim compare）、summary.json（vcsim run），"
                               "也没有 sensitivity.json 或 sensitivity.parquet（vcsim sweep）{hint}"),
    "brief.hint_sensitivity_unreadable": (". {reason}", "。{reason}"),
    "brief.hint_unfinished_sweep": (". It is a sweep without sensitivity results (its design "
                                    "has no indices, or the sweep has not finished: run it "
                                    "again with --resume)",
                                    "。这是一个还没有敏感性结果的扫描（设计不计算指数，或扫描尚未"
                                    "完成：请加 --resume 再运行）"),
    "brief.year_not_in_results": ("--year {year}: not in the results ({first}-{last})",
                                  "--year {year}：不在结果的年份范围内（{first}-{last}）"),
    "brief.no_cjk_font": ("no Chinese (CJK) font found (install fonts-noto-cjk or "
                          "fonts-wqy-microhei); writing the brief in English",
                          "找不到中文（CJK）字体（请安装 fonts-noto-cjk 或 fonts-wqy-microhei）；"
                          "汇报材料改用英文"),
    "brief.no_chart": ("{folder}: no chart can be made from these results: {reasons}",
                       "{folder}：这些结果画不出任何图：{reasons}"),
    "brief.note.no_summary": ("{folder}: no summary.json: charts that need this scenario's own "
                              "files leave '{name}' out",
                              "{folder}：没有 summary.json：需要该情景自身文件的图表不含“{name}”"),
    "brief.note.missing_files": ("{folder}: missing {files}: charts that need them leave "
                                 "'{name}' out",
                                 "{folder}：缺少 {files}：需要这些文件的图表不含“{name}”"),
    "brief.note.scenario_folder_missing": ("{folder}: folder of scenario '{name}' missing: "
                                           "charts that need its own files leave it out",
                                           "{folder}：缺少情景“{name}”的文件夹：需要其自身文件的"
                                           "图表不含该情景"),
    "brief.note.chart_skipped": ("chart {number} ({key}) skipped: {reason}",
                                 "第 {number} 张图（{key}）未画：{reason}"),
    "brief.note.missing_glyphs": ("characters without a glyph in {family}: {chars}",
                                  "字体 {family} 中缺字：{chars}"),
    "brief.skip.no_zero_counts": ("no zero-income village counts", "没有空白村数量"),
    "brief.skip.no_p_cleared": ("no clearance probabilities", "没有清零概率"),
    "brief.skip.no_villages": ("no villages.parquet: this chart needs it",
                               "没有 villages.parquet：这张图需要它"),
    "brief.skip.no_model_mix": ("no business-model mix in summary.json",
                                "summary.json 中没有经营模式构成"),
    "brief.skip.no_projects": ("{name}: no projects", "{name}：没有项目"),
    "brief.skip.no_cost": ("no fiscal cost in the results", "结果中没有财政支出"),
    "brief.skip.no_roster": ("the results carry no roster (roster.parquet) and their village ids "
                             "are not the default county's: run them again with this vcsim "
                             "to get the map",
                             "结果中没有村庄名单（roster.parquet），村编号也不是默认县的：请用本版 "
                             "vcsim 重新运行以得到地图"),
    "brief.skip.no_sensitivity": ("no sensitivity results (sensitivity.json or "
                                  "sensitivity.parquet from vcsim sweep) in the folder",
                                  "文件夹中没有敏感性结果（vcsim sweep 写出的 sensitivity.json 或 "
                                  "sensitivity.parquet）"),
    "brief.skip.no_index_values": ("{file}: no {index} values", "{file}：没有 {index} 的值"),
    # the watch-list page (experiments/brief/watch.py)
    "brief.note.watch_no_roster": (
        "no watch-list page: the results carry no roster (roster.parquet) to name their villages",
        "未做台账页：结果中没有可用于列出村名的村庄名单（roster.parquet）"),
    "brief.note.watch_missing": ("watch list: '{name}' left out ({files} missing)",
                                 "台账：未含“{name}”（缺少 {files}）"),
    "brief.note.watch_skipped": ("watch list: '{name}' left out: {reason}", "台账：未含“{name}”：{reason}"),
    "brief.watch.the_baseline": ("the baseline", "基准方案"),
    "brief.watch.title_above": (
        "At end-{year} under {scenario}, {count} villages risk having no income (above 10%), "
        "most in {town}",
        "{year}年底{scenario}下有{count}个村无经营收入的风险高于10%，{town}最多"),
    "brief.watch.title_some": (
        "At end-{year} under {scenario}, no village's risk is above 10%; {count} are at "
        "some risk",
        "{year}年底{scenario}下没有村的风险高于10%，{count}个村在部分模拟中无经营收入"),
    "brief.watch.title_none": (
        "At end-{year} every village has operating income under {scenario}, in all {n} replicates",
        "{year}年底{scenario}下每个村在全部{n}次模拟中都有经营收入"),
    "brief.watch.subtitle": (
        "\"{title}\", {n} replicates: each village's chance of no operating income at "
        "end-{year} (95% interval, Wilson) and why; the {shown} riskiest of the {at_risk} "
        "villages at risk (of {villages})",
        "“{title}”台账（{n}次模拟）：各村{year}年底没有集体经营收入的概率（括号内为95%区间，"
        "Wilson）及主要原因；按风险排序，列出有风险的{at_risk}个村中的前{shown}个（全县{villages}个村）"),
    "brief.watch.villages_heading": ("The {shown} villages most at risk", "风险最高的{shown}个村"),
    "brief.watch.townships_heading": ("Townships with villages at risk", "有风险村的乡镇"),
    "brief.watch.col.village": ("Village", "村"),
    "brief.watch.col.township": ("Township", "乡镇"),
    "brief.watch.col.p_zero": ("Chance of no income (95% interval)",
                               "无经营收入的概率（95%区间）"),
    "brief.watch.col.p_below_50k": ("Chance of income < 50,000 yuan", "收入低于5万元的概率"),
    "brief.watch.col.reason": ("Main reason (share of its replicates without income)",
                               "主要原因（占该村无收入模拟的比例）"),
    "brief.watch.col.town": ("Township", "乡镇"),
    "brief.watch.col.expected_zero": ("Expected without income (90% band)",
                                      "预计无收入村数（90%区间）"),
    "brief.watch.col.above_line": ("Villages above 10% risk", "风险高于10%的村"),
    "brief.watch.reason_share": ("{reason} ({share})", "{reason}（{share}）"),
    "brief.watch.col.villages": ("Villages", "村数"),
    "brief.watch.note": (
        "Chance: the share of the {n} replicates in which the village ends {year} with no "
        "collective operating income.",
        "概率：{n}次模拟中该村{year}年底集体经营收入为零的比例。"),
    "brief.watch.note_more_towns": ("{count} more townships not listed.", "另有{count}个乡镇未列出。"),
    "brief.watch.note_others": ("Villages above 10% risk in the other scenarios: {items}.",
                                "其他方案中风险高于10%的村：{items}。"),
    "brief.watch.note_other": ("{scenario} {count}", "{scenario}{count}个"),
    "brief.watch.note_sheet": (
        "Every scenario's villages at risk: the watch-list sheets of key_figures.xlsx.",
        "各方案的风险村见关键数字表格（key_figures.xlsx）的台账工作表。"),
    "brief.watch.sheet_villages": ("Watch list", "台账"),
    "brief.watch.sheet_townships": ("Watch list by township", "台账（乡镇）"),
    # the pack of a vcsim plan folder (experiments/brief/plan_pack.py)
    "brief.plan_missing": ("{folder}: a vcsim plan folder without {files}; accepted: the folder "
                           "vcsim plan wrote (plan.json, evaluations.parquet, best.toml)",
                           "{folder}：vcsim plan 的结果文件夹缺少 {files}；可接受：vcsim plan 写出的文件夹"
                           "（plan.json、evaluations.parquet、best.toml）"),
    "brief.plan_unreadable": ("{file}: not a plan.json that vcsim plan wrote ({reason})",
                              "{file}：不是 vcsim plan 写出的 plan.json（{reason}）"),
    "brief.plan_year": ("--year {year}: the plan in {folder} is about its target year {target}; "
                        "accepted: --year {target}, or no --year",
                        "--year {year}：{folder} 中的方案针对其目标年份 {target}；可接受：--year {target}，"
                        "或不给 --year"),
    "brief.plan_no_sweep": ("--sweep: a plan's pack has no sensitivity chart; accepted: --sweep "
                            "with a vcsim compare, run or sweep folder",
                            "--sweep：方案汇报材料没有敏感性图；可接受：对 vcsim compare、run 或 sweep "
                            "的结果文件夹使用 --sweep"),
    "brief.plan.target_confident": ("{target} (lower bound, {confidence} confidence)",
                                    "{target}（按{confidence}置信下限）"),
    "brief.plan.title": ("The cheapest plan that meets the target", "达到目标的最低成本方案"),
    "brief.plan.footer": ("Made with vcsim · {today} · data: {folder}", "vcsim 模拟生成 · {today} · 数据：{folder}"),
    "brief.plan.county": (" | {villages} villages", "｜{villages}个村"),
    "brief.plan.subtitle": (
        "Plan \"{name}\" | target: a {target} chance of no zero-income village at end-{year} | "
        "least {objective} | {levers} levers, {trials} plans tried on {replicates} replicates each "
        "(seed {seed}) | base scenario: {base}{county}",
        "方案“{name}”｜目标：{year}年底清零（无空白村）的概率不低于{target}｜成本最低：{objective}｜"
        "{levers}个杠杆，尝试{trials}个方案，每个{replicates}次模拟（种子{seed}）｜基准情景：{base}{county}"),
    "brief.plan.objective.programme_cost_yuan": ("programme money (part B), 2019–{year}",
                                                 "2019–{year}年项目资金（B部分）"),
    "brief.plan.objective.fiscal_cost_yuan": ("fiscal total (parts A + B), 2019–{year}",
                                              "2019–{year}年财政总支出（A+B）"),
    "brief.plan.yes": ("yes", "是"),
    "brief.plan.no": ("no", "否"),
    "brief.plan.year_value": ("{year}", "{year}年"),
    "brief.plan.lever.funding.grant_pool_yuan": ("grant pool", "资金池"),
    "brief.plan.lever.funding.poor_village_yuan": ("grant per poor village", "贫困村补助"),
    "brief.plan.lever.funding.nonpoor_village_yuan": ("grant per other village", "非贫困村补助"),
    "brief.plan.lever.funding.integrated_yuan_per_year": ("integrated funds", "整合资金"),
    "brief.plan.lever.rollout.poor_year": ("step 1 (poor villages) starts", "第一步（贫困村）启动"),
    "brief.plan.lever.rollout.priority_year": ("step 2 starts", "第二步启动"),
    "brief.plan.lever.rollout.remaining_year": ("step 3 (all others) starts", "第三步（其余村）启动"),
    "brief.plan.lever.selection.review": ("county review", "县乡联合评审"),
    "brief.plan.cover.cost_label": ("Chosen plan's {objective} (mean)", "选定方案的{objective}（均值）"),
    "brief.plan.cover.cost_detail": ("90% band {band} over {n} fresh replicates; {search} in the search",
                                     "{n}次新模拟的90%区间 {band}；搜索时为{search}"),
    "brief.plan.cover.p_label": ("Verified chance of no zero-income village at end-{year}",
                                 "新模拟验证：{year}年底清零的概率"),
    "brief.plan.cover.p_detail": ("{k} of {n} fresh replicates; 95% interval {interval}; one-sided 95% "
                                  "lower bound {bound} (target {target})",
                                  "{n}次新模拟中{k}次清零；95%区间 {interval}；单侧95%下限 {bound}"
                                  "（目标 {target}）"),
    "brief.plan.cover.target_value": ("≥{target}", "≥{target}"),
    "brief.plan.cover.target_label": ("Target: chance of clearance at end-{year}", "目标：{year}年底清零的概率"),
    "brief.plan.cover.target_detail": ("{met} of the {tried} plans tried met it in the search",
                                       "尝试的{tried}个方案中，搜索时{met}个达到"),
    "brief.plan.cover.none_value": ("None", "没有"),
    "brief.plan.cover.none_label": ("plan in the bounds meets a {target} chance of clearance at end-{year}",
                                    "在给定范围内能以{target}把握在{year}年底清零的方案"),
    "brief.plan.cover.none_detail": ("none of the {tried} plans tried; the best found is shown",
                                     "尝试的{tried}个方案都达不到；以下为找到的最好方案"),
    "brief.plan.reading.verified": (
        "The cheapest plan found: {levers}. On {n} fresh replicates (seed {seed}) it clears every "
        "village by end-{year} in {p} of them (95% interval {interval}; one-sided 95% lower bound "
        "{bound}, against the target {target}), at {cost} on average.",
        "找到的最低成本方案：{levers}。在{n}次新的模拟（种子{seed}）中，{year}年底全部清零的比例为{p}"
        "（95%区间{interval}；单侧95%下限{bound}，目标{target}），平均花费{cost}。"),
    "brief.plan.reading.unconfirmed": (
        "The cheapest plan that met the target in the search ({search_p} of {search_n} replicates): "
        "{levers}. It is NOT confirmed on {n} fresh replicates (seed {seed}): {p} (95% interval "
        "{interval}; one-sided 95% lower bound {bound}), below the target {target}; the search's "
        "result was partly luck. Add replicates or set [target] confidence and search again.",
        "搜索时达到目标的最低成本方案（{search_n}次模拟中{search_p}）：{levers}。它在{n}次新的模拟"
        "（种子{seed}）中未能确认：清零比例{p}（95%区间{interval}；单侧95%下限{bound}），低于目标{target}，"
        "搜索结果部分出于运气。请增加模拟次数或设置目标置信度后重新搜索。"),
    "brief.plan.reading.none": (
        "No plan within the bounds reaches a {target} chance of clearance by end-{year}. The best "
        "found: {levers}; on {n} fresh replicates (seed {seed}) it clears every village in {p} of "
        "them (95% interval {interval}; one-sided 95% lower bound {bound}), at {cost} on average. "
        "Widen the bounds or add levers to reach the target.",
        "在给定范围内，没有方案能以{target}的把握在{year}年底清零。找到的最好方案：{levers}；在{n}次"
        "新的模拟（种子{seed}）中清零比例为{p}（95%区间{interval}；单侧95%下限{bound}），平均花费{cost}。"
        "要达到目标，请放宽范围或增加杠杆。"),
    "brief.plan.reading.adjusted": ("To keep the rollout steps in order, it also moves {levers}.",
                                    "为保持三步走的先后顺序，同时调整：{levers}。"),
    "brief.plan.reading.upper": (
        "For comparison, every lever at its upper bound costs {cost} and clears in {p} of the {n} "
        "search replicates.",
        "作为对照，所有杠杆取上限时花费{cost}，搜索的{n}次模拟中清零比例为{p}。"),
    "brief.plan.reading.base": ("The base scenario ({base}, inside the bounds) costs {cost} ({p}).",
                                "基准情景（{base}，限定在范围内）花费{cost}（清零比例{p}）。"),
    "brief.plan.reading.caveat": ("These are simulation results, not forecasts.",
                                  "以上均为模拟结果，不是预测。"),
    "brief.plan.chart.title_verified": (
        "A {target} chance of clearance by end-{year}: the cheapest plan found costs {cost}",
        "以{target}把握在{year}年底清零，找到的最省方案平均需{cost}"),
    "brief.plan.chart.title_unconfirmed": (
        "The cheapest plan found for a {target} chance of clearance by end-{year} reaches only {p} on "
        "fresh replicates",
        "为{year}年底{target}清零把握找到的最省方案，在新模拟中只有{p}"),
    "brief.plan.chart.title_none": (
        "No plan tried reaches a {target} chance of clearance by end-{year}: the best reaches {p}",
        "尝试的方案都达不到{year}年底清零{target}的把握，最好的为{p}"),
    "brief.plan.chart.subtitle": (
        "Each dot: a plan tried, on the same {n} replicates; star: the chosen plan on {vn} fresh "
        "replicates: {p} (95% interval {interval}; one-sided 95% lower bound {bound}), with its "
        "cost's 90% band",
        "每个点为一个尝试过的方案（同样的{n}次模拟）；星号为选定方案在{vn}次新模拟中的结果：{p}"
        "（95%区间{interval}；单侧95%下限{bound}），竖线为成本的90%区间"),
    "brief.plan.chart.caption": (
        "Every plan tried ran the same {n} replicates (seed {seed}, common random numbers), so plans "
        "differ by their settings, not by luck. Blue: the least cost found for each certainty. The "
        "chosen plan was run again on fresh replicates (seed {vseed}).",
        "每个方案都用同样的{n}次模拟（种子{seed}，共同随机数），方案之间的差别来自设置而非运气。"
        "蓝线：各把握水平下找到的最低成本。选定方案另用新的模拟（种子{vseed}）重新验证。"),
    "brief.plan.chart.left_out": (" {count} plans tried below {below} are off the chart.",
                                  "另有{count}个方案的清零概率低于{below}，未画出。"),
    "brief.plan.chart.x.p_cleared_by": ("Chance of no zero-income village at end-{year}",
                                        "{year}年底清零（无空白村）的概率"),
    "brief.plan.chart.x.p_cleared_ever_by": ("Chance of clearance by end-{year}", "{year}年底前实现清零的概率"),
    "brief.plan.chart.y.programme_cost_yuan": ("Programme money 2019–{year} ({unit})",
                                               "2019–{year}年项目资金（{unit}）"),
    "brief.plan.chart.y.fiscal_cost_yuan": ("Fiscal total 2019–{year} ({unit})",
                                            "2019–{year}年财政总支出（{unit}）"),
    "brief.plan.chart.tried": ("Plans tried ({count}, {n} replicates each)", "尝试过的方案（{count}个，各{n}次模拟）"),
    "brief.plan.chart.frontier": ("Least cost found for each certainty", "各把握水平下的最低成本"),
    "brief.plan.chart.target": ("Target: {target}", "目标：{target}"),
    "brief.plan.chart.chosen": ("Chosen plan on {n} fresh replicates (95% interval)",
                                "选定方案：{n}次新模拟（95%区间）"),
    "brief.plan.chart.upper": ("Every lever at its upper bound", "所有杠杆取上限"),
    "brief.plan.chart.base": ("Base scenario ({base}), inside the bounds", "基准情景（{base}，限定在范围内）"),
    "brief.plan.table.trial": ("Plan", "方案"),
    "brief.plan.table.number": ("{trial}", "{trial}"),
    "brief.plan.table.chosen": ("{trial} (chosen)", "{trial}（选定）"),
    "brief.plan.table.p": ("Chance of clearance, {n} replicates (95% interval)", "清零概率，{n}次模拟（95%区间）"),
    "brief.plan.table.cost": ("Cost, mean (90% band)", "成本：均值（90%区间）"),
    "brief.plan.table.meets": ("Meets the target", "达到目标"),
    "brief.plan.table.title": ("The {shown} cheapest of the {met} plans tried that met the target",
                               "达到目标的{met}个方案中成本最低的{shown}个"),
    "brief.plan.table.title_mixed": (
        "The {met} plans tried that met the target, cheapest first, and the {rest} nearest to it",
        "达到目标的{met}个方案（按成本排序）及最接近目标的{rest}个"),
    "brief.plan.table.title_none": ("The {shown} best plans tried: none met {target}, likeliest first",
                                    "尝试过的最好{shown}个方案：都未达到{target}，按概率排序"),
    "brief.plan.table.subtitle": (
        "Each on the same {n} replicates (seed {seed}, common random numbers), of {tried} plans tried",
        "每个方案用同样的{n}次模拟（种子{seed}，共同随机数）；共尝试{tried}个方案"),
    "brief.plan.table.note": (
        "95% interval: exact (Clopper-Pearson). Cost: the objective's mean over the replicates and its "
        "5th-95th percentiles. Every plan tried: key_figures.xlsx and evaluations.parquet.",
        "95%区间：精确二项区间（Clopper-Pearson）。成本：各次模拟的均值及第5至第95百分位。全部尝试过的方案见"
        "关键数字表格（key_figures.xlsx）和 evaluations.parquet。"),
    "brief.plan.howto.title": ("How to run the chosen plan", "如何运行选定方案"),
    "brief.plan.howto.subtitle": ("best.toml: the base scenario with the chosen levers, a scenario file "
                                  "like any other",
                                  "best.toml：在基准情景上加入选定杠杆的情景文件，与其他情景文件用法相同"),
    "brief.plan.howto.roster": ("The plan ran on the roster {roster}: give it to every command, as below.",
                                "该方案基于村庄名单 {roster}：每条命令都要带上它，如下所示。"),
    "brief.plan.howto.run": ("Run it alone (its watch list: vcsim watchlist on the results folder):",
                             "单独运行（再用 vcsim watchlist 查看其台账）："),
    "brief.plan.howto.compare": ("Compare it with the base scenario ({base}) on the same replicates and "
                                 "make the briefing pack:",
                                 "与基准情景（{base}）用相同的随机数对比，并制作汇报材料："),
    "brief.plan.howto.file": ("The settings best.toml changes:", "best.toml 改变的设置："),
    "brief.plan.howto.files": ("In the plan folder: plan.json (the answer and its verification), "
                               "evaluations.parquet (every plan tried), frontier_zh.png and "
                               "frontier_en.png.",
                               "方案文件夹中还有：plan.json（结论及验证）、evaluations.parquet（每个尝试过的"
                               "方案）、frontier_zh.png 和 frontier_en.png。"),
    "brief.plan.fig.band90": ("90% band ({n} replicates)", "90%区间（{n}次模拟）"),
    "brief.plan.fig.exact": ("95% interval (exact)", "95%区间（精确）"),
    "brief.plan.fig.target": ("Target: chance of clearance at end-{year}", "目标：{year}年底清零的概率"),
    "brief.plan.fig.verified_cost": ("Chosen plan's cost, fresh replicates", "选定方案成本（新模拟）"),
    "brief.plan.fig.verified_p": ("Chosen plan's chance of clearance at end-{year}, fresh replicates",
                                  "选定方案{year}年底清零的概率（新模拟）"),
    "brief.plan.fig.bound": ("Its one-sided 95% lower bound", "其单侧95%下限"),
    "brief.plan.fig.search_cost": ("Chosen plan's cost, search replicates", "选定方案成本（搜索）"),
    "brief.plan.fig.search_p": ("Chosen plan's chance of clearance, {n} search replicates",
                                "选定方案清零的概率（搜索，{n}次模拟）"),
    "brief.plan.fig.upper_bounds_cost": ("Every lever at its upper bound: cost", "所有杠杆取上限：成本"),
    "brief.plan.fig.upper_bounds_p": ("Every lever at its upper bound: chance of clearance",
                                      "所有杠杆取上限：清零的概率"),
    "brief.plan.fig.base_in_bounds_cost": ("Base scenario inside the bounds: cost", "基准情景（限定在范围内）：成本"),
    "brief.plan.fig.base_in_bounds_p": ("Base scenario inside the bounds: chance of clearance",
                                        "基准情景（限定在范围内）：清零的概率"),
    "brief.plan.fig.tried": ("Plans tried", "尝试过的方案"),
    "brief.plan.fig.met": ("Plans that met the target in the search", "搜索时达到目标的方案"),
    "brief.plan.sheet.name": ("Plans tried", "尝试过的方案"),
    "brief.plan.sheet.probability": ("chance of clearance (search)", "清零的概率（搜索）"),
    "brief.plan.sheet.probability_lower_95": ("one-sided 95% lower bound", "单侧95%下限"),
    "brief.plan.sheet.cost_yuan": ("cost, mean (yuan)", "成本均值（元）"),
    "brief.plan.sheet.cost_p05_yuan": ("cost, 5th percentile (yuan)", "成本5%分位（元）"),
    "brief.plan.sheet.cost_p95_yuan": ("cost, 95th percentile (yuan)", "成本95%分位（元）"),
    "brief.plan.sheet.meets_target": ("meets the target", "达到目标"),
    # a sweep brief whose indices mostly measure replicate noise
    "brief.noise.when": (" ({year})", "（{year}年）"),
    "brief.noise.title": (
        "The indices of {output}{when} mostly measure replicate noise: they cannot say which "
        "parameter matters most",
        "{output}{when}的敏感性指数主要反映重复模拟的随机波动，不能据此判断哪个参数影响最大"),
    "brief.noise.subtitle": (
        "; replicate noise is {share} of the point means' variance (limit {limit}): read no ranking",
        "；随机波动占各参数组合均值方差的{share}（上限{limit}），排序不可信"),
    "brief.noise.cover_value": ("Mostly noise", "噪声为主"),
    "brief.noise.cover_label": ("The sensitivity indices of {output}{when} measure luck, not the "
                                "parameters", "{output}{when}的敏感性指数反映的是运气，而非参数的作用"),
    "brief.noise.cover_unreliable": (
        "replicate noise is {share} of the variance of the point means (limit {limit}); about "
        "{needed} replicates per point would do (now {replicates})",
        "随机波动占各参数组合均值方差的{share}（上限{limit}）；每个组合约需{needed}次重复"
        "（现为{replicates}次）"),
    "brief.noise.cover_no_signal": (
        "the point means vary no more than noise alone makes them ({share} of their variance); "
        "choose an output that varies more with the parameters",
        "各参数组合均值的差异不超过随机波动本身（占其方差的{share}）；请换一个随参数变化更大的输出"),
    "brief.noise.cover_one_replicate": (
        "one replicate per point: the noise cannot be measured; run 2 or more per point",
        "每个组合只模拟一次，无法衡量随机波动；请每个组合至少模拟2次"),
    "brief.noise.reading": (
        " Replicate noise: the indices of {count} of the {total} outputs and years mostly measure "
        "luck (sensitivity.json, noise_warnings).",
        "重复模拟的随机波动：{total}个输出与年份中有{count}个的敏感性指数主要反映运气"
        "（见敏感性结果中的噪声警告）。"),
    "brief.done": ("brief for {year} ({language}): {charts} charts; {files}; in {out}/",
                   "{year} 年汇报材料（{language}）：{charts} 张图；{files}；在 {out}/"),

    # the two money totals of the programme, named the same way everywhere (texts.money_name)
    "brief.money.fiscal_total": ("Fiscal total (parts A + B)", "财政总支出（A+B）"),
    "brief.money.programme": ("Programme money (part B)", "集体经济项目资金（B部分）"),
    "brief.money.part_a": ("Party-branch guarantees (part A)", "党建保障（A部分）"),
    # the outputs of a sweep and the designs' sensitivity indices (brief.charts.output_label,
    # index_name)
    "brief.output.zero_income_villages": ("zero-income villages", "空白村数量"),
    "brief.output.zero_income_share": ("share of zero-income villages", "空白村比例"),
    "brief.output.p_cleared": ("probability of clearance", "清零概率"),
    "brief.output.mean_income_yuan": ("mean village income", "村均收入"),
    "brief.output.median_income_yuan": ("median village income", "收入中位数"),
    "brief.output.share_income_ge_50k": ("villages at 50k yuan or more", "收入≥5万元的村"),
    "brief.output.share_income_ge_100k": ("villages at 100k yuan or more", "收入≥10万元的村"),
    "brief.output.gini": ("Gini", "基尼系数"),
    "brief.output.fiscal_cost_yuan": ("fiscal cost", "财政成本"),
    "brief.output.cumulative_fiscal_cost_yuan": ("cumulative fiscal cost", "累计财政成本"),
    "brief.index.sobol": ("total-order index", "总效应指数"),
    "brief.index.morris": ("mean absolute effect μ*", "平均绝对效应 μ*"),
    "brief.index.spearman": ("rank correlation", "秩相关系数"),
    # the pack's title, footer, table notes and cover line (experiments/brief/core.py)
    "brief.pack.title": ("Village collective economy: briefing", "村级集体经济发展简报"),
    "brief.pack.footer": ("Made with vcsim · {today} · data: {results_dir}",
                          "vcsim 模拟生成 · {today} · 数据：{results_dir}"),
    "brief.pack.scenarios_side_by_side": ("The scenarios side by side", "方案对比"),
    "brief.pack.key_figures_title": ("Key figures by scenario ({year})", "各方案关键数字（{year}年）"),
    "brief.pack.key_figures_note": (
        "In brackets: 90% band (5th-95th percentile over replicates); for the chance of clearance, "
        "the 95% interval (Wilson); for the median income, quartiles across villages; for differences "
        "from the baseline, the 95% confidence interval. Source: {measures_source}.",
        "括号内：90%区间（各次模拟的第5至第95百分位）；清零概率括号内为95%区间（Wilson）"
        "；收入中位数括号内为村间四分位；与基准之差括号内为95%置信区间。数据来源：{measures_source}。"),
    "brief.pack.sensitivity_title": ("Sensitivity indices", "敏感性指数"),
    "brief.pack.sensitivity_note": (
        "In brackets: 95% interval; \"not clear\": the interval includes 0, an effect smaller than "
        "the replicate noise. Source: {name}.",
        "括号内：95%区间；“不明显”：区间含0，影响小于模拟噪声。数据来源：{name}。"),
    "brief.pack.screening": ("screening (rank correlation)", "筛选（秩相关）"),
    "brief.pack.sensitivity_subtitle": (
        "Sensitivity analysis: {design}, {n} parameters | data: {source}",
        "敏感性分析：{design}，{n}个参数｜数据：{source}"),
    "brief.pack.county_size": ("{villages} villages in {townships} townships",
                               "{villages}个村、{townships}个乡镇"),
    "brief.pack.cover_subtitle": (
        "{head}{names} | {county} | {replicates} replicates each (seed {seed}) | focus year {year}",
        "{head}{names}｜{county}｜每个方案{replicates}次模拟（种子{seed}）｜重点年份{year}年"),
    "brief.pack.scenarios_head": ("Scenarios: ", "方案："),
    "brief.pack.scenario_head": ("Scenario: ", "方案："),
    "brief.pack.sensitivity_line": (" Sensitivity analysis: {title}.", "敏感性分析：{title}。"),
    "brief.pack.sheet_key_figures": ("Key figures", "关键数字"),
    "brief.pack.sheet_data": ("Data", "数据"),

    # the charts' titles, subtitles, captions and labels (experiments/brief/charts.py)
    "brief.chart.quoted_scenario": ("\"{title}\"", "“{title}”"),
    "brief.chart.legend_baseline": ("Baseline: {name}", "基准：{name}"),
    "brief.chart.legend_panel_scenario": ("The scenario named above each panel", "各小图标题所示方案"),
    "brief.chart.legend_target": ("Clearance target: end-{target_year}", "清零目标：{target_year}年底"),
    "brief.chart.axis_first_year_start": ("Jan\n{year}", "{year}\n年初"),
    "brief.chart.zero.title_cleared": ("By end-{year} {scenario} clears every village",
                                       "到{year}年底，{scenario}下空白村全部清零"),
    "brief.chart.zero.title_almost": (
        "By end-{year} {scenario} clears almost every village ({mean:.1f} left on average)",
        "到{year}年底，{scenario}下空白村基本清零（平均剩{mean:.1f}个）"),
    "brief.chart.zero.title_left": (
        "At end-{year} about {mean:.0f} villages still have no income under {scenario}",
        "到{year}年底，{scenario}下仍有约{mean:.0f}个空白村"),
    "brief.chart.zero.title_second_left": ("; {scenario} leaves about {left:.0f}",
                                           "；{scenario}仍剩约{left:.0f}个"),
    "brief.chart.zero.title_second_cleared": ("; so does {scenario}", "；{scenario}也基本清零"),
    "brief.chart.zero.caption": (
        "Zero-income village: no collective operating income in the year. The first point is "
        "the count at the start of 2019; the dashed line marks the clearance target year.",
        "空白村：当年村集体经营收入为零的行政村。起点为2019年初的数量；竖虚线为清零目标年。"),
    "brief.chart.axis_year_end": ("Year end", "年底"),
    "brief.chart.zero.axis": ("Zero-income villages", "空白村（个村）"),
    "brief.chart.legend_band": ("Shaded: 90% band", "阴影：90%区间"),
    "brief.chart.clear.title_second": ("; {scenario}: {chance}", "，{scenario}为{chance}"),
    "brief.chart.clear.caption": (
        "Cleared: not a single village with zero collective operating income. Probability = replicates "
        "cleared at that year's end ÷ all replicates; a village can lose its income again when "
        "a project fails, so it can fall.",
        "清零：全县没有一个集体经营收入为零的村。概率 = 当年底清零的模拟次数 ÷ 模拟总次数；已有收入的村也可能因项目失败再次变为空白村，所以概率可能回落。"),
    "brief.chart.clear.axis": ("Probability of clearance", "清零概率"),
    "brief.chart.legend_interval": ("Shaded: 95% interval", "阴影：95%区间"),
    "brief.chart.income.title": (
        "In {year} the median village earns {median} under {scenario}; {share} reach 50,000 yuan",
        "{year}年{scenario}下村集体经营收入中位数为{median}，{share}的村达到5万元"),
    "brief.chart.income.subtitle": (
        "Village collective operating income in {year} (10k yuan; log scale above 1): box = quartiles "
        "over all replicates, dots = each village's median",
        "{year}年各村集体经营收入（万元，1万元以上为对数刻度）：箱体为全部模拟的四分位数，点为每个村各次模拟的中位数"),
    "brief.chart.income.caption": (
        "Brown long-dashed lines: 50,000 and 100,000 yuan. Box line = median; whiskers = 5th "
        "and 95th percentiles.",
        "棕色长虚线：5万元和10万元。箱体中线为中位数，须线为第5和第95百分位。"),
    "brief.chart.income.axis": ("Collective income (10k yuan, log scale)", "村集体经营收入（万元，对数刻度）"),
    "brief.chart.models.title_top_and_best": (
        "Villages chose {top} most; {best} earned most per yuan invested",
        "村里最常选{top}，{best}每元投入收入最高"),
    "brief.chart.models.title_top_is_best": (
        "{top} was chosen most and earned most per yuan invested",
        "{top}既最常被选，每元投入收入也最高"),
    "brief.chart.models.title_top": ("Villages chose {top} most", "村里最常选{top}"),
    "brief.chart.scenario_in_brackets": (" ({title})", "（{title}）"),
    "brief.chart.models.subtitle": (
        "Projects per replicate by model and cohort, income per yuan invested {span}, and share "
        "failed{scen}",
        "八种模式的项目数（每次模拟平均，按批次）、{span}年每元投入累计收入和失败比例{scen}"),
    "brief.chart.models.caption": (
        "Cohort 1: poor villages (2019); 2: priority villages (2020); 3: remaining zero-income "
        "villages (2021); self-started: villages outside the programme.",
        "第一批：2019年贫困村；第二批：2020年重点村；第三批：2021年其余空白村；自发：未纳入计划的村自己启动的项目。"),
    "brief.chart.models.cohort_1": ("Cohort 1", "第一批"),
    "brief.chart.models.cohort_2": ("Cohort 2", "第二批"),
    "brief.chart.models.cohort_3": ("Cohort 3", "第三批"),
    "brief.chart.models.self_started": ("Self-started", "自发"),
    "brief.chart.models.axis_projects": ("Projects per replicate", "项目数（个/每次模拟）"),
    "brief.chart.models.axis_income_per_yuan": ("Income per yuan invested", "每元投入累计收入（元）"),
    "brief.chart.models.axis_failed": ("Projects failed (%)", "失败项目比例（%）"),
    "brief.chart.models.note_hollow": ("* hollow bar: under 1 project per replicate, unreliable",
                                       "* 空心条：每次模拟不到1个项目，数值不可靠"),
    "brief.chart.cost.part_b_grants": ("B: 5025 grants", "B：5025补助"),
    "brief.chart.cost.part_b_integrated": ("B: integrated funds", "B：整合资金"),
    "brief.chart.cost.part_b_demonstration": ("B: demonstration extras", "B：示范村奖补"),
    "brief.chart.cost.part_a_only": (" (part A only)", "（仅A部分）"),
    "brief.chart.cost.axis_cleared": ("Villages cleared", "清零的空白村（个村）"),
    "brief.chart.cost.axis_income": ("Project income ({unit})", "项目收入（{unit}）"),
    "brief.chart.map.title_risk": (
        "At end-{year} every village most likely has income; {count} are at risk, most in {town}",
        "{year}年底各村大概率都有收入，{count}个村仍有风险，{town}最多"),
    "brief.chart.map.title_all_income": (
        "At end-{year} every village has income; {count} earn 100,000 yuan or more",
        "{year}年底所有村都有集体收入，{count}个村超过10万元"),
    "brief.chart.map.status_zero": ("Zero income", "空白村"),
    "brief.chart.map.status_risk": ("At risk", "有风险"),
    "brief.chart.map.status_low": ("Income < 50k yuan", "有收入，<5万元"),
    "brief.chart.map.status_mid": ("50k–100k yuan", "5万–10万元"),
    "brief.chart.map.status_high": ("≥ 100k yuan", "≥10万元"),
    "brief.chart.map.subtitle": (
        "Each village's status in {year}{scen}, over all replicates; shaded: townships",
        "{year}年各村状况{scen}，按各次模拟汇总；底色为各乡镇范围"),
    "brief.chart.map.no_township_names": (
        " (township names left out: no Chinese font on this machine)",
        "（没有中文字体，乡镇名称略去）"),
    "brief.chart.map.caption": (
        "Zero income: in at least half of the replicates; at risk: in some; the rest by median "
        "income. Township areas are drawn from the villages' positions (schematic).",
        "空白村：一半以上的模拟中收入为零；有风险：部分模拟中收入为零；其余按收入中位数分档。乡镇范围由各村位置划分（示意）。"),
    "brief.chart.map.caption_no_coordinates": (
        " {count} villages have no coordinates in the roster: placed near their township's centre.",
        "名单中{count}个村没有经纬度，位置按所在乡镇估计。"),
    "brief.chart.map.scale_10km": ("10 km", "10公里"),
    "brief.chart.map.table_subtitle": (
        "Villages of each township by status in {year}{scen}, over all replicates; the roster "
        "has no coordinates, so a table instead of a map",
        "{year}年各乡镇村庄状况{scen}（个村），按各次模拟汇总；名单没有经纬度，故列表而不画地图"),
    "brief.chart.map.table_caption": (
        "Zero income: in at least half of the replicates; at risk: in some; the rest by median "
        "income.",
        "空白村：一半以上的模拟中收入为零；有风险：部分模拟中收入为零；其余按收入中位数分档。"),
    "brief.chart.map.total": ("Total", "合计"),
    "brief.chart.sens.pale_note": (
        "; pale: the interval includes 0, an effect smaller than the replicate noise",
        "；浅色：区间含0，影响小于模拟噪声"),
    "brief.chart.sens.title_none": (
        "No parameter moves {ylab}{when} clearly beyond the replicate noise in the ranges tried",
        "在所试范围内，没有一个参数对{ylab}{when}的影响明显超过模拟噪声"),
    "brief.chart.sens.title_two_overlap": (
        "{top} and {second} matter most for {ylab}{when}; their intervals overlap, so neither "
        "can be called first",
        "“{top}”和“{second}”对{ylab}{when}影响最大，二者的区间重叠，分不出先后"),
    "brief.chart.sens.title_leading_overlap": (
        "The two leading parameters' intervals overlap: neither matters clearly more for {ylab}{when}",
        "影响最大的两个参数对{ylab}{when}的区间重叠，分不出先后"),
    "brief.chart.sens.title_top": ("{top} matters most for {ylab}{when}",
                                   "“{top}”对{ylab}{when}影响最大"),
    "brief.chart.sens.caption_screening": (
        "A screening measure, not a variance decomposition; use a Sobol design for that.",
        "筛选用的相关系数，不是方差分解；要分解请用 Sobol 设计。"),
    "brief.chart.sens.subtitle_sobol": (
        "Sobol total-order index (bar) with its 95% interval; diamond = first-order index; top "
        "{count} parameters{noise}",
        "Sobol 总效应指数（条）及其95%区间，菱形为一阶指数；前{count}个参数{noise}"),
    "brief.chart.sens.caption_sobol": (
        "Total order: the share of the output's variance due to the parameter, alone or with "
        "others.",
        "总效应：该参数单独及与其他参数共同造成的结果变化所占比例。"),
    "brief.chart.sens.subtitle_morris": (
        "Morris μ* (bar) with its 95% interval; diamond = σ; top {count} parameters{noise}",
        "Morris 平均绝对效应 μ*（条）及其95%区间，菱形为 σ；前{count}个参数{noise}"),
    "brief.chart.sens.caption_morris": (
        "μ*: mean absolute change of the output per step of the parameter; a large σ means interactions "
        "or non-linearity.",
        "μ*：参数在其范围内变化时结果的平均绝对变化；σ大表示有交互或非线性。"),
    "brief.chart.sens.legend_interval": ("95% interval", "95%区间"),
    "brief.chart.sens.legend_first_order": ("First order S1", "一阶指数 S1"),
    "brief.chart.sens.axis_morris": ("μ* (units of {ylab})", "μ*（{ylab}的单位）"),
    "brief.chart.panels_note": ("; one panel per scenario, the baseline in grey",
                                "；每个方案一张小图，灰线为基准"),
    "brief.chart.zero.subtitle": (
        "Villages with zero collective income at year end: mean (line) and 90% band over {n} "
        "replicates",
        "年底空白村数量（个村）：线为{n}次模拟的均值，阴影为90%区间"),
    "brief.chart.clear.title": (
        "{scenario} has a {chance} chance (95% interval {interval}) of no zero-income village "
        "at end-{year}",
        "{scenario}到{year}年底全部清零的概率为{chance}（95%区间{interval}）"),
    "brief.chart.clear.title_no_year": ("{scenario}: chance of clearance", "{scenario}全部清零的概率"),
    "brief.chart.clear.subtitle": (
        "Share of the {n} replicates with no zero-income village at year end, shaded: 95% interval "
        "(Wilson)",
        "年底没有一个空白村的模拟所占比例（{n}次模拟），阴影为95%区间（Wilson）"),
    "brief.chart.cost.title": (
        "{scenario} spends {money} of {programme} in {first_year}–{year}: about {per_village} "
        "per village cleared",
        "{scenario}{first_year}–{year}年{programme}{money}，每清零一个空白村约{per_village}"),
    "brief.chart.cost.title_fiscal": ("{scenario}: {fiscal} {money} in {first_year}–{year}",
                                      "{scenario}{first_year}–{year}年{fiscal}{money}"),
    "brief.chart.cost.subtitle": (
        "{first_year}–{year} totals: {fiscal}, villages cleared, project income; dot = mean, "
        "line = 90% band",
        "{first_year}–{year}年累计：{fiscal}、清零的空白村、项目收入；点为均值，线为90%区间"),
    "brief.chart.cost.caption": (
        "Fiscal total = party-branch guarantees (part A) + programme money (part B: 5025 grants, "
        "integrated funds, demonstration extras). Cost per village cleared = programme money "
        "÷ villages cleared (zero-income villages at the start of 2019 minus those at the year's "
        "end), per replicate, then averaged.",
        "财政总支出（A+B） = 党建保障（A部分） + 集体经济项目资金（B部分）（5025补"
        "助、整合资金、示范村奖补）。每清零一村的成本 = 集体经济项目资金（B部分） ÷ 清零的"
        "空白村（2019年初空白村数 − 当年底空白村数），每次模拟分别计算后取平均。"),
    "brief.chart.cost.axis_fiscal": ("Fiscal total, A + B ({unit})", "财政总支出（A+B）（{unit}）"),
    "brief.chart.map.title_zero": (
        "At end-{year}, {count} villages are likely still without income under {scenario}, most "
        "in {town}",
        "{year}年底{scenario}下{count}个村仍可能是空白村，{town}最多"),
    "brief.chart.map.title_zero_one": (
        "At end-{year}, {count} village is likely still without income under {scenario}, most "
        "in {town}",
        "{year}年底{scenario}下{count}个村仍可能是空白村，{town}最多"),
    "brief.chart.map.legend_count": ("{label} ({count})", "{label}（{count}）"),
    "brief.chart.map.more_townships": ("{count} more townships not listed", "另有{count}个乡镇未列出"),
    "brief.chart.map.more_calm_townships": (
        "{count} more townships, none with a village at risk, not listed",
        "另有{count}个乡镇没有空白村或有风险的村，未列出"),
    "brief.chart.sens.title_rising": (
        "{output}{when} goes most closely with {top} (rising as it rises)",
        "“{top}”越高，{output}{when}越高：二者关系最密切"),
    "brief.chart.sens.title_falling": (
        "{output}{when} goes most closely with {top} (falling as it rises)",
        "“{top}”越高，{output}{when}越低：二者关系最密切"),
    "brief.chart.sens.subtitle_screening": (
        "Rank correlation of each parameter with the output (positive: larger parameter, larger "
        "output) with its 95% interval",
        "各参数与结果的秩相关系数（正：参数越大结果越大）及95%区间"),
    "brief.chart.sens.points": (" ({count} parameter points)", "（{count}个参数组合）"),

    # the cover, the reading and the tables (experiments/brief/figures.py)
    "brief.clearance_year.never": ("not by {last} (in any replicate)", "{last}年底前未清零（所有模拟）"),
    "brief.clearance_year.mostly_never": ("not by {last} in most replicates (earliest {earliest})",
                                          "多数模拟{last}年底前未清零（最早{earliest}年）"),
    "brief.clearance_year.band_open": ("{median} (90% band: {low} to after {last})",
                                       "{median}年（90%区间：{low}年至{last}年后）"),
    "brief.clearance_year.exact": ("{median}", "{median}年"),
    "brief.clearance_year.band": ("{median} (90% band: {low}–{high})",
                                  "{median}年（90%区间：{low}–{high}年）"),
    "brief.table.band90": ("90% band (replicates)", "90%区间（各次模拟）"),
    "brief.table.quartiles": ("quartiles across villages", "村间四分位（全部模拟）"),
    "brief.table.confidence_interval": ("{level}confidence interval", "{level}置信区间"),
    "brief.table.p_cleared": ("Probability of clearance (no zero-income village)", "清零概率（年底无空白村）"),
    "brief.table.wilson_interval": ("95% interval (Wilson, replicates)", "95%区间（Wilson，各次模拟）"),
    "brief.table.zero_income_villages": ("Zero-income villages at year end", "年底空白村"),
    "brief.table.zero_income_share": ("Share of zero-income villages", "空白村比例"),
    "brief.table.clearance_year": ("Year the last village clears (median)", "最后一个空白村清零的年份（中位数）"),
    "brief.table.median_income": ("Median village income", "村集体经营收入中位数"),
    "brief.table.mean_income": ("Mean village income", "村均集体经营收入"),
    "brief.table.share_income_ge_50k": ("Villages at ≥ 50,000 yuan", "收入≥5万元的村"),
    "brief.table.share_income_ge_100k": ("Villages at ≥ 100,000 yuan", "收入≥10万元的村"),
    "brief.table.gini": ("Gini of village income", "收入基尼系数"),
    "brief.table.fiscal_cost": ("{fiscal} in the year", "当年{fiscal}"),
    "brief.table.no_programme_money": ("0 (no programme money)", "0（未投入项目资金）"),
    "brief.table.cumulative_fiscal_cost": ("{fiscal}, cumulative", "累计{fiscal}"),
    "brief.table.part_a_only": (", part A only", "，仅A部分"),
    "brief.table.cumulative_programme": ("{programme}, cumulative", "累计{programme}"),
    "brief.table.cost_per_village_cleared": ("{programme} per village cleared",
                                             "每清零一个空白村的{programme}"),
    "brief.table.projects_started": ("Projects started", "启动项目数"),
    "brief.table.projects_failed": ("Projects failed", "失败项目数"),
    "brief.table.diff_zero_income_villages": ("vs baseline: zero-income villages",
                                              "与基准之差：空白村（个村）"),
    "brief.table.diff_p_cleared": ("vs baseline: P(cleared), points", "与基准之差：清零概率（百分点）"),
    "brief.table.same_in_every_replicate": ("0 (the same in every replicate)", "0（每次模拟都相同）"),
    "brief.table.not_clear": (", not clear", "，不明显"),
    "brief.table.sensitivity_index": ("{parameter}: {index} ({output})",
                                      "{parameter}：{index}（{output}）"),
    "brief.cover.p_cleared_label": ("Chance that no village has zero income at end-{year}",
                                    "到{year}年底全部清零（没有空白村）的概率"),
    "brief.cover.zero_at_start": ("; {count} at the start of {year}", "；{year}年初{count}个"),
    "brief.cover.villages": ("{count} villages", "{count}个村"),
    "brief.cover.zero_label": ("Zero-income villages at end-{year} (mean)", "{year}年底空白村（均值）"),
    "brief.cover.zero_detail": ("90% band {band}{start}", "90%区间 {band}个{start}"),
    "brief.cover.fiscal_label": ("{fiscal}, {first_year}–{year}", "{first_year}–{year}年{fiscal}"),
    "brief.cover.fiscal_detail": ("90% band {band}{programme}", "90%区间 {band}{programme}"),
    "brief.cover.median_label": ("Median village collective income, {year}", "{year}年村集体经营收入中位数"),
    "brief.cover.median_detail": ("half the villages between {quartiles}", "一半的村在 {quartiles} 之间"),
    "brief.cover.runs_label": ("runs", "次模拟"),
    "brief.cover.runs_detail": ("{points} parameter points × {replicates} replicates each",
                                "{points}个参数组合 × 每个{replicates}次重复"),
    "brief.cover.in_year": (" ({year})", "（{year}年）"),
    "brief.cover.top_detail": ("95% interval {low:.2f} to {high:.2f}",
                               "95%区间 {low:.2f}–{high:.2f}"),
    "brief.cover.clear_value": ("{count} of {total}", "{count}个（共{total}个）"),
    "brief.cover.clear_label": ("parameters with a clear effect (interval excludes 0)",
                                "参数的影响明显（区间不含0）"),
    "brief.cover.clear_detail": ("the others' effects are smaller than the replicate noise",
                                 "其余参数的影响小于模拟噪声，无法与0区分"),
    "brief.reading.start": (
        "Under \"{name}\", {zero} of the county's {villages} villages had no collective operating "
        "income at the start of {first_year}",
        "按“{name}”方案，全县{villages}个村中{first_year}年初有{zero}个空白村（没有集体经营收入）"),
    "brief.reading.all_cleared": ("by end-{year} every one of them has income", "到{year}年底全部清零"),
    "brief.reading.remain": ("by end-{year} {mean} remain on average (90% band {band})",
                             "到{year}年底平均还剩{mean}个（90%区间{band}个）"),
    "brief.reading.p_cleared": (
        "{chance} of the replicates end {year} with none (95% interval {interval})",
        "{chance}的模拟在{year}年底没有一个空白村（95%区间{interval}）"),
    "brief.reading.median_income": ("the median village earns {median} in {year}",
                                    "{year}年村集体经营收入的中位数为{median}"),
    "brief.reading.share_50k": ("{share} of villages reach 50,000 yuan", "{share}的村达到5万元"),
    "brief.reading.diff_none": ("the same zero-income villages as the baseline", "年底空白村与基准相同"),
    "brief.reading.diff_about_zero": (
        "about as many zero-income villages as the baseline (difference 0.0, 95% interval {low} "
        "to {high})",
        "空白村与基准几乎相同（平均差0.0个，95%区间{low}至{high}）"),
    "brief.reading.other_zero": ("{mean} zero-income villages on average", "年底平均{mean}个空白村"),
    "brief.reading.other_p_cleared": (", chance of clearance {chance} ({interval})",
                                      "，清零概率{chance}（{interval}）"),
    "brief.reading.other": ("\"{scenario}\": {diff}{p_cleared}", "“{scenario}”{diff}{p_cleared}"),
    "brief.reading.not_forecasts": (
        " All figures are simulation results, not forecasts; bands show the spread across replicates.",
        "以上均为模拟结果，不是预测；区间反映模拟中的随机性。"),
    "brief.cover_table.scenario": ("Scenario", "方案"),
    "brief.cover_table.p_cleared": ("Chance of clearance, end-{year} (95% interval)",
                                    "{year}年底清零概率（95%区间）"),
    "brief.cover_table.zero_income_villages": ("Zero-income villages, end-{year} (90% band)",
                                               "{year}年底空白村（90%区间）"),
    "brief.cover_table.difference": ("Difference from the baseline (95% interval)",
                                     "空白村与基准之差（95%区间）"),
    "brief.cover_table.fiscal": ("{fiscal}, {first_year}–{year}", "{first_year}–{year}年{fiscal}"),
    "brief.cover_table.median_income": ("Median income {year}", "{year}年收入中位数"),
    "brief.cover_table.baseline": ("(baseline)", "（基准）"),
    "brief.cover_table.parameter": ("Parameter", "参数"),
    "brief.cover_table.effect": ("Effect", "影响"),
    "brief.cover_table.mostly_noise": ("mostly noise: cannot tell", "噪声为主，无法判断"),
    "brief.cover_table.clear": ("clear", "明显"),
    "brief.cover_table.within_noise": ("within the noise", "小于模拟噪声"),
    "brief.table.diff_cumulative_programme": ("vs baseline: {programme}, cumulative",
                                              "与基准之差：累计{programme}"),
    "brief.cover.p_cleared_detail": (
        "95% interval {interval}; {hits} of {n} replicates end {year} with none",
        "95%区间 {interval}；{n}次模拟中{hits}次{year}年底清零"),
    "brief.cover.of_which_programme": ("; of which {programme} {money}", "；其中{programme}{money}"),
    "brief.cover.top_label": ("{index} of {parameter} for {output}{when}",
                              "“{parameter}”对{output}{when}的{index}"),
    "brief.reading.comma": ("; ", "，"),
    "brief.reading.semicolon": ("; ", "；"),
    "brief.reading.sentence": ("{clauses}.", "{clauses}。"),
    "brief.reading.next_sentence": (" {clauses}.", "{clauses}。"),
    "brief.reading.compared": (" Compared with the baseline, {clauses}.", "与基准相比，{clauses}。"),
    "brief.reading.of_which_programme": (", of which {money} is {programme}",
                                         "，其中{programme}约{money}"),
    "brief.reading.fiscal": ("The {fiscal} for {first_year}–{year} is about {money}{programme}",
                             "{first_year}–{year}年{fiscal}约{money}{programme}"),
    "brief.reading.diff_more": (
        "{count:.1f} more zero-income villages on average (95% interval {low} to {high}{unclear})",
        "空白村平均多{count:.1f}个（95%区间{low}至{high}{unclear}）"),
    "brief.reading.diff_fewer": (
        "{count:.1f} fewer zero-income villages on average (95% interval {low} to {high}{unclear})",
        "空白村平均少{count:.1f}个（95%区间{low}至{high}{unclear}）"),
    "brief.reading.not_clearly_different": (", not clearly different", "，与基准差别不明显"),
    "brief.table.col_measure": ("Measure", "指标"),
    "brief.table.col_year": ("Year", "年份"),
    "brief.table.col_value": ("Value", "数值"),
    # key_figures.csv: its columns (English: the names programs read) and units in words
    "brief.csv.scenario": ("scenario", "情景代码"),
    "brief.csv.scenario_title": ("scenario_title", "情景"),
    "brief.csv.measure": ("measure", "指标代码"),
    "brief.csv.measure_label": ("measure_label", "指标"),
    "brief.csv.year": ("year", "年份"),
    "brief.csv.unit": ("unit", "单位"),
    "brief.csv.mean": ("mean", "均值"),
    "brief.csv.low": ("low", "下限"),
    "brief.csv.high": ("high", "上限"),
    "brief.csv.interval": ("interval", "区间"),
    "brief.csv.text": ("text", "文字"),
    "brief.unit.villages": ("villages", "个村"),
    "brief.unit.share": ("share", "比例"),
    "brief.unit.yuan": ("yuan", "元"),
    "brief.unit.year": ("year", "年"),
    "brief.unit.projects": ("projects", "个项目"),
    "brief.unit.index": ("index", "指数"),
    "brief.unit.yuan_per_yuan": ("yuan per yuan", "元/元"),

    # --- dashboard -------------------------------------------------------------------
    "help.dashboard": ("serve the interactive dashboard in the browser", "在浏览器中打开交互式看板"),
    "help.dashboard_host": ("address to listen on (default {default}: this computer only)",
                            "监听地址（默认 {default}：仅本机）"),
    "help.dashboard_port": ("port (default {default})", "端口（默认 {default}）"),
    "help.dashboard_scenario": ("scenario the controls start from and the replicate panel "
                                "compares against: a .toml file or a shipped name (default "
                                "baseline)",
                                "控件的初始情景，也是重复比较面板的对照：.toml 文件或自带情景名"
                                "（默认 baseline）"),
    # the controls (experiments/dashboard/settings.py)
    "dashboard.group.money": ("Money", "资金（扶、联、领）"),
    "dashboard.group.process": ("Rollout and supervision", "推进与督查"),
    "dashboard.group.shocks": ("Shocks", "外部冲击"),
    "dashboard.group.models": ("Business models allowed", "允许的经营模式"),
    "dashboard.group.run": ("Random numbers", "随机数"),
    "dashboard.control.poor_grant_wan": ("Grant per poor village", "每个贫困村补助"),
    "dashboard.control.nonpoor_grant_wan": ("Grant per non-poor village", "每个非贫困村补助"),
    "dashboard.control.pool_wan": ("County grant pool (whole run)", "县级统筹资金池（全程）"),
    "dashboard.control.secretary_money_wan": ("First-secretary money (mean per village)",
                                              "第一书记带来的资金（平均每村）"),
    "dashboard.control.demonstration_villages": ("Demonstration villages", "示范村数量"),
    "dashboard.control.all_in_2019": ("All villages start in 2019 (unticked = three steps)",
                                      "所有村2019年同时启动（不勾选＝三步走）"),
    "dashboard.control.review": ("County and township review", "县乡联合评审项目（评）"),
    "dashboard.control.monthly_inspection": ("Monthly inspection", "每月专项督查"),
    "dashboard.control.quarterly_comparison": ("Quarterly on-site comparison", "季度观摩评比"),
    "dashboard.control.tourism_shock": ("2020 tourism collapse and recovery", "2020年旅游业冲击及恢复"),
    "dashboard.control.pv_arrears": ("PV subsidy paid late", "光伏补贴拖欠"),
    "dashboard.control.partner_default_wave": ("Partner default wave", "合作企业违约潮"),
    "dashboard.control.commodity_prices": ("Yearly shiitake price swings", "香菇价格年度波动"),
    "dashboard.control.seed": ("Seed (a whole number)", "随机数种子（整数）"),
    "dashboard.unit.wan_yuan": ("× 10k yuan", "万元"),
    "dashboard.unit.villages": ("villages", "个"),
    "dashboard.current_settings": ("current settings", "当前设置"),
    # the page (experiments/dashboard/app.py)
    "dashboard.ui.title": ("Village collective economy simulator (vcsim)",
                           "村级集体经济模拟（vcsim）"),
    "dashboard.ui.switch": ("中文", "English"),  # the other language, in its own words
    "dashboard.ui.through": ("Simulated through", "已模拟至"),
    "dashboard.ui.start": ("(start: before the programme)", "（起点：项目开始前）"),
    "dashboard.ui.zero_now": ("villages with no income in the last 12 months: {n}",
                              "近12个月零收入的村：{n} 个"),
    "dashboard.ui.year_end": ("zero-income villages at year end: {items}", "年末空白村：{items}"),
    "dashboard.ui.spent": ("spent {wan:,.0f} (10k yuan)", "已投入 {wan:,.0f} 万元"),
    "dashboard.ui.scenario": ("Scenario: {title}", "情景：{title}"),
    "dashboard.ui.same": ("settings as in the scenario", "设置与情景相同"),
    "dashboard.ui.changed": ("differs from the scenario: {items}", "与情景不同：{items}"),
    "dashboard.ui.help": ("Buttons above: STEP advances one month (Render Interval = months per "
                          "step), ▶ runs on, RESET starts again from January 2019 with the "
                          "settings below. A changed setting takes effect only on RESET.",
                          "上方按钮：“单步”前进一个月（“刷新间隔”为每次前进的月数），▶ 连续运行，"
                          "“重置”按下列设置从2019年1月重新开始。改动设置后按“重置”才生效。"),
    "dashboard.ui.basis_last12": ("last 12 months", "近12个月"),
    "dashboard.ui.basis_ytd": ("year to date", "本年累计"),
    "dashboard.ui.basis_last_year": ("last full year", "上一完整年度"),
    "dashboard.ui.colour_by": ("Colour:", "颜色："),
    "dashboard.ui.no_font": ("No Chinese font found (e.g. fonts-noto-cjk): the pictures are "
                             "labelled in English.",
                             "未找到中文字体（如 fonts-noto-cjk），图中文字改用英文。"),
    "dashboard.ui.cmp_title": ("Replicates: the settings on screen vs the scenario (end of {year})",
                               "多次重复对比：屏幕上的设置 vs 情景（{year}年末）"),
    "dashboard.ui.cmp_what": ("Runs the settings of the model on screen (as of the last RESET) "
                              "and the scenario '{base}' N times each, with the same seed and "
                              "replicate numbers (common random numbers), so differences come "
                              "from the settings alone.",
                              "用屏幕上模型的设置（最近一次“重置”时的设置）与情景“{base}”各跑 N 次，"
                              "两者用相同的种子和重复编号（共同随机数），差异只来自设置。"),
    "dashboard.ui.cmp_n": ("Replicates N", "重复次数 N"),
    "dashboard.ui.cmp_run": ("Run {n} pairs (about {sec:.0f} s)", "运行 {n} 对（约 {sec:.0f} 秒）"),
    "dashboard.ui.cmp_cancel": ("Cancel", "取消"),
    "dashboard.ui.cmp_running": ("running: {done}/{n}", "运行中：{done}/{n}"),
    "dashboard.ui.cmp_cancelled": ("Cancelled.", "已取消。"),
    "dashboard.ui.cmp_engine": ("Engine:", "引擎："),
    "dashboard.ui.engine_agents": ("Mesa agent model (reference)", "智能体模型（参考实现）"),
    "dashboard.ui.engine_vector": ("vector engine (same numbers, faster)", "向量引擎（结果相同，更快）"),
    "dashboard.ui.p_clear": ("Probability of clearance (no zero-income village) at the end of "
                             "{year}, from {n} replicates",
                             "{year}年末清零（无空白村）的概率，{n} 次重复"),
    "dashboard.ui.current": ("current settings", "当前设置"),
    "dashboard.ui.baseline": ("scenario", "情景"),
    "dashboard.ui.interval": ("95% interval over {n} replicates [{low}, {high}]",
                              "{n} 次重复的95%区间 [{low}, {high}]"),
    "dashboard.ui.fewer_replicates": ("These are replicates 0-{last} of seed {seed}. With {n} "
                                      "replicates a probability is known only to about ±{half} "
                                      "points (the interval above); a brief made with more "
                                      "replicates (e.g. 100, replicates 0-99 of the same seed) "
                                      "has a narrower interval and can show another value "
                                      "inside this one. Raise N to narrow it.",
                                      "这里是种子 {seed} 的第 0–{last} 次重复。只有 {n} 次重复时，"
                                      "概率的误差约为 ±{half} 个百分点（即上面的区间）；用更多重复"
                                      "（如 100 次，同一种子的第 0–99 次）做的汇报材料区间更窄，"
                                      "数值可能不同，但应落在本区间之内。加大 N 可缩小区间。"),
    "dashboard.ui.diff": ("Difference in zero-income villages at the end of {year} (current − "
                          "scenario)", "{year}年末空白村数之差（当前 − 情景）"),
    "dashboard.ui.diff_unit": ("villages", "个村"),
    "dashboard.ui.paired": ("95% paired interval [{low}, {high}]", "95%配对区间 [{low}, {high}]"),
    "dashboard.ui.mean_zero": ("mean zero-income villages: current {cur:.2f}, scenario {base:.2f}",
                               "平均空白村数：当前 {cur:.2f}，情景 {base:.2f}"),
    "dashboard.ui.cmp_meta": ("N = {n}, seed {seed}, replicates 0-{last}, {engine}",
                              "N = {n}，种子 {seed}，重复 0–{last}，{engine}"),
    # the watch-list panel (experiments/dashboard/watch.py)
    "dashboard.ui.watch_title": ("Watch list: villages at risk at end-{year}",
                                 "台账：{year}年底可能无经营收入的村"),
    "dashboard.ui.watch_empty": ("Run the replicates above: the villages most at risk in those runs "
                                 "of the settings on screen are listed here.",
                                 "运行上方的重复比较后，这里列出当前设置下这些模拟中风险最高的村。"),
    "dashboard.ui.watch_cancelled": ("The replicates were cancelled: no watch list.",
                                     "重复比较已取消：没有台账。"),
    "dashboard.ui.watch_heading": (
        "Watch list, end-{year}, settings on screen, {n} replicates (seed {seed}): {at_risk} "
        "villages without operating income in at least one, {above} with a risk above 10%",
        "台账：{year}年底，当前设置，{n}次重复（种子{seed}）：{at_risk}个村至少在一次模拟中无经营收入，"
        "{above}个村风险高于10%"),
    "dashboard.ui.watch_col_village": ("Village", "村"),
    "dashboard.ui.watch_col_township": ("Township", "乡镇"),
    "dashboard.ui.watch_col_p": ("Chance of no operating income (95% interval)",
                                 "无经营收入的概率（95%区间）"),
    "dashboard.ui.watch_col_reason": ("Main reason (share of its replicates without income)",
                                      "主要原因（占该村无收入模拟的比例）"),
    "dashboard.ui.watch_p": ("{p} ({interval})", "{p}（{interval}）"),
    "dashboard.ui.watch_reason": ("{reason} ({share})", "{reason}（{share}）"),
    "dashboard.ui.watch_towns": ("Townships with the most: {items}", "风险最集中的乡镇：{items}"),
    "dashboard.ui.watch_town": ("{town} {expected} expected (90% band {low}-{high})",
                                "{town}预计{expected}个（90%区间{low}–{high}）"),
    "dashboard.ui.watch_note": (
        "Chance: the share of the {n} replicates (0-{last} of seed {seed}) in which the village ends "
        "{year} without operating income; its 95% interval (Wilson) is wide with few replicates. The "
        "whole list, by township: vcsim watchlist on a vcsim run or compare folder.",
        "概率：{n}次重复（种子{seed}的第0–{last}次）中该村{year}年底没有经营收入的比例；括号内为95%区间"
        "（Wilson），重复次数少时区间较宽。完整台账（含乡镇汇总）：对 vcsim run 或 compare 的结果运行 "
        "vcsim watchlist。"),
    "dashboard.ui.watch_none": (
        "No village ends {year} without operating income in any of the {n} replicates (0-{last} of "
        "seed {seed}); with {n} replicates a risk below about 3/{n} can still go unseen.",
        "在{n}次重复（种子{seed}的第0–{last}次）中，没有村在{year}年底无经营收入；只有{n}次重复时，"
        "低于约3/{n}的风险仍可能看不到。"),
    "dashboard.ui.stale": ("Note: the settings on screen have changed since; these results are "
                           "for the earlier settings.",
                           "注意：屏幕上的设置已改变，以上结果对应之前的设置。"),
    "dashboard.ui.identical": ("The settings are the scenario's own; the difference is 0.",
                               "当前设置与情景相同，差值为 0。"),
    "dashboard.ui.cmp_error": ("The comparison failed: {err}", "对比运行出错：{err}"),
    "dashboard.on": ("on", "是"),
    "dashboard.off": ("off", "否"),
    "dashboard.change_switch": ("{control}: {state}", "{control}：{state}"),
    "dashboard.change_value": ("{control} {value} {unit} (scenario {was})",
                               "{control} {value} {unit}（情景 {was}）"),
    "dashboard.problem.not_number": ("'{control}' is not a number ({got!r}); the scenario's "
                                     "value is used",
                                     "“{control}”不是数字（{got!r}），按情景默认值运行"),
    "dashboard.problem.negative": ("'{control}' cannot be negative; the scenario's value is used",
                                   "“{control}”不能为负数，按情景默认值运行"),
    "dashboard.problem.seed": ("The seed must be a whole number 0 or more, got '{got}'; seed "
                               "{seed} is used",
                               "随机数种子应为0或正整数，收到“{got}”；按种子 {seed} 运行"),
    "dashboard.problem.no_model": ("No business model is allowed: no village can start a "
                                   "project, so no zero-income village will clear. Tick at "
                                   "least one model.",
                                   "没有允许任何经营模式：没有村能启动项目，空白村不会减少。"
                                   "请至少勾选一种模式。"),
    "dashboard.problem.empty_pool": ("The grant pool is empty: no 5025 grants; villages have "
                                     "only first-secretary money and their own funds.",
                                     "资金池为0：没有5025补助，村只能靠第一书记资金和自有资金。"),
    "dashboard.problem.small_pool": ("The pool of {pool_wan:,.0f} × 10k yuan does not cover the "
                                     "first {n} poor villages ({need_wan:,.0f} × 10k yuan "
                                     "needed): later villages get no grant.",
                                     "资金池 {pool_wan:,.0f} 万元不够第一批 {n} 个贫困村（需要 "
                                     "{need_wan:,.0f} 万元）：后面的村拿不到补助。"),
    "dashboard.problem.no_grants": ("Both grants are 0: the pool is never used.",
                                    "两档补助都是0：资金池不会被使用。"),
    "dashboard.problem.invalid": ("Invalid settings; the scenario's values are used: {reason}",
                                  "设置无效，按情景默认值运行：{reason}"),
    "dashboard.problem.scenario_file": ("The scenario file cannot be used; the baseline is "
                                        "shown: {reason}",
                                        "情景文件无法使用，改用基准情景：{reason}"),
    "dashboard.problem.roster_file": ("The roster cannot be used; the default county is shown: "
                                      "{reason}", "村名单无法使用，改用默认县：{reason}"),
    # Mesa's SolaraViz (its English is Mesa's own text; app.MesaInTheLanguage)
    "dashboard.mesa.controls": ("Controls", "运行控制"),
    "dashboard.mesa.play_interval": ("Play Interval (ms)", "播放间隔（毫秒）"),
    "dashboard.mesa.render_interval": ("Render Interval (steps)", "刷新间隔（月）"),
    "dashboard.mesa.threads_hint": ("Increase play interval to avoid skipping plots",
                                    "请加大播放间隔，以免图表漏画"),
    "dashboard.mesa.use_threads": ("Use Threads", "使用多线程"),
    "dashboard.mesa.model_parameters": ("Model Parameters", "模型设置"),
    "dashboard.mesa.information": ("Information", "信息"),
    "dashboard.mesa.command_console": ("Command Console", "命令控制台"),
    "dashboard.mesa.reset": ("Reset", "重置"),
    "dashboard.mesa.step": ("Step", "单步"),
    "dashboard.mesa.step_count": ("Step: {value}", "已走步数（月）：{value}"),
    "dashboard.mesa.time_count": ("Time: {value}", "时间（月）：{value}"),
    # the pictures (experiments/dashboard/charts.py)
    "dashboard.chart.map_title": ("Village collective operating income ({basis}, to {month})",
                                  "各村集体经营收入（{basis}，截至 {month}）"),
    "dashboard.chart.last12": ("last 12 months", "近12个月"),
    "dashboard.chart.ytd": ("year to date", "本年累计"),
    "dashboard.chart.last_year": ("last full year", "上一完整年度"),
    "dashboard.chart.last_year_2018": ("2018 (before the programme)", "2018年（项目开始前）"),
    "dashboard.chart.status_zero": ("zero income", "零收入（空白村）"),
    "dashboard.chart.status_low": ("below 50k yuan", "不足5万元"),
    "dashboard.chart.status_mid": ("50k-100k yuan", "5万–10万元"),
    "dashboard.chart.status_high": ("100k yuan and more", "10万元及以上"),
    "dashboard.chart.colour_title": ("Colour: income, {basis}", "颜色：{basis}收入"),
    "dashboard.chart.marker_title": ("Shape: business model", "形状：经营模式"),
    "dashboard.chart.no_project": ("no project yet", "暂无项目"),
    "dashboard.chart.zero_title": ("Zero-income villages ({basis}), by cohort",
                                   "空白村数（{basis}零收入），按批次"),
    "dashboard.chart.cohort_1": ("step 1: poor villages", "第一批：贫困村"),
    "dashboard.chart.cohort_2": ("step 2: priority villages", "第二批：重点非贫困村"),
    "dashboard.chart.cohort_3": ("step 3: other zero-income", "第三批：其余空白村"),
    "dashboard.chart.cohort_0": ("not (yet) in programme", "尚未纳入"),
    "dashboard.chart.total": ("total", "合计"),
    "dashboard.chart.year_end": ("year-end count", "年末统计"),
    "dashboard.chart.villages": ("villages", "村数"),
    "dashboard.chart.quant_title": ("Village income over the last 12 months (10k yuan)",
                                    "各村近12个月收入分布（万元）"),
    "dashboard.chart.median": ("median", "中位数"),
    "dashboard.chart.band50": ("25%-75% band", "25%–75%区间"),
    "dashboard.chart.band80": ("10%-90% band", "10%–90%区间"),
    "dashboard.chart.mix_title": ("Villages with a project, by business model (building or "
                                  "running)", "有项目的村数，按经营模式（在建或运营）"),
    "dashboard.chart.money_title": ("Money spent so far (10k yuan); pool left {pool:,.0f}",
                                    "累计投入（万元）；资金池余额 {pool:,.0f} 万元"),
    "dashboard.chart.money_grant_central": ("central grant", "中央补助"),
    "dashboard.chart.money_grant_province": ("province grant", "省级补助"),
    "dashboard.chart.money_grant_city_county": ("city/county grant", "市县补助"),
    "dashboard.chart.money_integrated": ("integrated funds", "整合资金"),
    "dashboard.chart.money_first_secretary": ("first secretaries", "第一书记资金"),
    "dashboard.chart.money_demonstration": ("demonstration", "示范村奖补"),
    "dashboard.chart.wan": ("10k yuan", "万元"),
    "dashboard.bad_port": ("expected a port number, got {got!r}", "应为端口号，实际是 {got!r}"),
    "dashboard.port_range": ("must be from 1 to 65535, got {got}", "应在 1 到 65535 之间，实际是 {got}"),
    "dashboard.cannot_listen": ("--host {host} --port {port}: cannot listen there ({reason}); is "
                                "another dashboard running? choose another with --port",
                                "--host {host} --port {port}：无法在此监听（{reason}）；是否已有"
                                "看板在运行？请用 --port 换一个端口"),
    "dashboard.public": ("vcsim dashboard: listening on {host}: anyone who can reach this "
                         "computer can open the dashboard",
                         "vcsim dashboard：在 {host} 上监听：能访问这台电脑的人都能打开看板"),
    "dashboard.serving": ("vcsim dashboard: scenario '{name}'; open {url} (Ctrl-C stops it)",
                          "vcsim dashboard：情景“{name}”；请打开 {url}（按 Ctrl-C 停止）"),

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
    "plan.stopped": (
        "stopped ({signal}): the workers are stopped; the plans tried so far are not kept and "
        "nothing of this run is written in {out}/. The search is reproducible: run the command "
        "again for the plan",
        "已停止（{signal}）：工作进程已结束；已尝试的方案不保留，本次运行未在 {out}/ 写出任何文件。"
        "搜索可重现：请重新运行该命令以得到方案"),


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
    "calibrate.stopped": (
        "stopped ({signal}): the workers are stopped; the generations finished so far are not "
        "kept and nothing of this run is written in {out}/. The calibration is reproducible: "
        "run the command again for the posterior",
        "已停止（{signal}）：工作进程已结束；已完成的各代不保留，本次运行未在 {out}/ 写出任何文件。"
        "校准可重现：请重新运行该命令以得到后验分布"),
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
        "重复运行的随机波动：{count} 个输出与年份的敏感性指数主要反映运气（见敏感性结果中的噪声警告）"),

    # --- Python API ------------------------------------------------------------------
    "api.bad_count": (
        "{name}={value!r}: must be a whole number of at least {least}",
        "{name}={value!r}：必须是不小于 {least} 的整数"),
    "api.no_scenarios": (
        "vcsim.compare(): give at least one scenario (a .toml file or a shipped name such as "
        "'baseline'); the first is the baseline",
        "vcsim.compare()：请至少给出一个情景（.toml 文件或内置名称，如 'baseline'）；第一个为基准"),
}


ARGPARSE_KEYS = _argparse_keys()  # argparse's English -> catalogue key
MESA_KEYS = {en: key for key, (en, _) in CATALOGUE.items()  # Mesa's English -> catalogue key
             if key.startswith("dashboard.mesa.") and "{" not in en}
