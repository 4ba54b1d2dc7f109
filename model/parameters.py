"""Every tunable number of the model, with unit, plausible range and provenance.

This registry is the single source of truth: scenario files are checked against it,
sweeps draw from its ranges, and the ODD parameter tables are generated from it.
``source`` is a key of ``shared/calibration.md`` (e.g. "PV1") or starts with
"assumption:" and says why the number was chosen.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np

from vcsim.model.business_models import MODEL_CODES, MODEL_NAMES

KINDS = ("float", "int", "bool", "float_list")
# what a setting that depends on the county's size is a rate of (``Parameter.per``)
SCALE_UNITS = {"village": "villages", "poor_village": "poor_villages", "township": "townships"}
ORIGINS = ("default", "scenario", "scaled")  # where an effective value came from


@dataclass(frozen=True)
class CountySize:
    """The counts scaled settings are rates of: a county's villages, registered poor
    villages and townships. For a region of several counties (the vector engine's
    ``county`` column) each count is an array with one entry per county."""

    villages: Any
    poor_villages: Any
    townships: Any

    def count(self, per: str):
        return getattr(self, SCALE_UNITS[per])

    @property
    def counties(self) -> int:
        return int(np.size(self.villages))


# The default county (scenarios/default_county.csv, checked by a test): the county the
# report's own figures describe (N5: 14 townships, 209 villages in 2003), so a scaled
# setting's figure for it is its source's figure, and its rate is that over these counts.
DEFAULT_COUNTY = CountySize(villages=210, poor_villages=60, townships=14)


@dataclass(frozen=True)
class Parameter:
    key: str  # dotted scenario key, e.g. "funding.poor_village_yuan"
    default: Any
    unit: str
    meaning: str
    source: str  # calibration key(s) or "assumption: why"
    low: float | None = None  # plausible range, used by sweeps and documented
    high: float | None = None
    kind: str = "float"
    hard_min: float | None = None  # values outside these are rejected
    hard_max: float | None = None
    length: int | None = None  # for float_list
    # Settings that depend on the county's size are rates: ``default``, ``low`` and
    # ``high`` are then per one "village", "poor_village" or "township" (SCALE_UNITS) and
    # ``unit`` is the unit of the county's total, which ``value_for`` gives.
    per: str | None = None
    # a float_list whose numbers are shares of one whole: they must add up to this
    sums_to: float | None = None
    # ``meaning`` in Chinese, in the county report's own terms (5025, 议评扶联领, 清零...),
    # shown by ``vcsim params`` in Chinese; kept beside the English so that both change
    # together (``experiments/`` has the program's messages; a parameter's words are data)
    meaning_zh: str = ""

    def meaning_in(self, lang: str) -> str:
        """``meaning`` in "zh" or "en"."""
        return self.meaning_zh if lang == "zh" else self.meaning

    @property
    def rate_unit(self) -> str:
        """The unit of ``default``, ``low`` and ``high``: "yuan per village" for a rate."""
        return f"{self.unit} per {self.per.replace('_', ' ')}" if self.per else self.unit

    def value_for(self, county: CountySize, rate: float | None = None):
        """The county's value of a scaled setting: its rate (the default one unless
        given) times the county's count, rounded half up to a whole unit (yuan, villages,
        people); an array for a region's counts. Unscaled settings: ``default``."""
        if self.per is None:
            return self.default
        rate = self.default if rate is None else rate
        value = np.floor(rate * np.asarray(county.count(self.per), dtype=float) + 0.5)
        if value.ndim == 0:
            return int(value) if self.kind == "int" else float(value)
        return value.astype(np.int64) if self.kind == "int" else value

    def range_for(self, county: CountySize) -> tuple[float, float]:
        """The plausible range of the county's value (scaled settings: the rates' range
        times its count)."""
        if self.per is None:
            return self.low, self.high
        return self.value_for(county, self.low), self.value_for(county, self.high)

    def problem(self, value: Any) -> tuple[str, dict[str, Any]] | None:
        """Why ``value`` is not acceptable, as (code, fields), or None when it is.

        The codes (``PROBLEM_CODES``) are rendered for users in their language by
        ``experiments.messages`` (keys ``param.problem.CODE``) and in English by ``check``."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else ("not_bool", {"got": value})
        if self.kind == "float_list":
            if not isinstance(value, list) or any(
                isinstance(v, bool) or not isinstance(v, (int, float)) for v in value
            ):
                return "not_list", {"length": self.length, "got": value}
            if self.length is not None and len(value) != self.length:
                return "wrong_length", {"length": self.length, "count": len(value)}
            for v in value:
                found = self._bounds_problem(float(v))
                if found:
                    return found
            if self.sums_to is not None and abs(sum(value) - self.sums_to) > 1e-9:
                return "wrong_sum", {"total": f"{self.sums_to:g}", "got": f"{sum(value):.10g}"}
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "not_number", {"unit": self.unit, "got": value}
        if self.kind == "int" and not float(value).is_integer():
            return "not_whole", {"unit": self.unit, "got": value}
        if isinstance(value, float) and not math.isfinite(value):
            return "not_finite", {"got": value}
        return self._bounds_problem(float(value))

    def _bounds_problem(self, v: float) -> tuple[str, dict[str, Any]] | None:
        if self.unit == "year" and self.hard_max is None:
            return None  # an event's year: the scenario loader checks it against end_year
        fmt = _year if self.unit == "year" else _fmt
        if self.hard_min is not None and v < self.hard_min:
            return "below", {"bound": fmt(self.hard_min), "unit": self.unit, "got": fmt(v)}
        if self.hard_max is not None and v > self.hard_max:
            return "above", {"bound": fmt(self.hard_max), "unit": self.unit, "got": fmt(v)}
        return None

    def check(self, value: Any) -> str | None:
        """Why ``value`` is not acceptable, in English (the Python API's ValueError), or
        None when it is."""
        found = self.problem(value)
        return None if found is None else PROBLEM_CODES[found[0]].format(**found[1])

    def accepted(self) -> str:
        """Human description of the accepted values, for error messages."""
        if self.kind == "bool":
            return "true or false"
        if self.unit == "year" and self.hard_max is None:
            return f"a year from {self.hard_min:g} to [simulation] end_year"
        if self.unit == "year":
            return f"a year from {self.hard_min:g} to {self.hard_max:g}"
        lo = "" if self.hard_min is None else _fmt(self.hard_min)
        hi = "" if self.hard_max is None else _fmt(self.hard_max)
        what = "whole number" if self.kind == "int" else "number"
        if self.kind == "float_list":
            what = f"list of {self.length} numbers"
            if self.sums_to is not None:
                what += f" adding up to {self.sums_to:g}"
        span = f" from {lo or '-inf'} to {hi or 'inf'}" if (lo or hi) else ""
        plausible = f"plausible range {_fmt(self.low)}-{_fmt(self.high)}"
        if self.per:
            plausible += f" {self.rate_unit}"
        return f"a {what}{span} ({self.unit}); {plausible}"


# English wording of ``Parameter.problem``'s codes for the Python API; users see the
# catalogue's (experiments.messages, keys "param.problem.CODE", Chinese and English).
PROBLEM_CODES = {
    "not_bool": "expected true or false, got {got!r}",
    "not_list": "expected a list of {length} numbers, got {got!r}",
    "wrong_length": "expected a list of {length} numbers, got {count}",
    "not_number": "expected a number ({unit}), got {got!r}",
    "not_whole": "expected a whole number ({unit}), got {got!r}",
    "not_finite": "expected a finite number, got {got!r}",
    "below": "must be at least {bound} {unit}, got {got}",
    "above": "must be at most {bound} {unit}, got {got}",
    "wrong_sum": "the numbers must add up to {total}, got {got}",
}


def _year(v: float) -> str:
    return f"{v:g}"


def _fmt(v: float | None) -> str:
    if v is None:
        return "?"
    if float(v).is_integer() or abs(v) >= 1000:  # rates of yuan per village: to the yuan
        return f"{round(v):,}"
    return f"{v:g}"


_REGISTRY: list[Parameter] = []


def _p(key, default, unit, meaning, source, low=None, high=None, *, kind=None,
       hard_min=None, hard_max=None, length=None, per=None, sums_to=None, meaning_zh=""):
    """Register a parameter. With ``per``, ``default``, ``low`` and ``high`` are given as
    the default county's figures (what the sources state) and stored as rates per
    ``per`` of the default county (DEFAULT_COUNTY)."""
    if kind is None:
        kind = ("bool" if isinstance(default, bool) else "int" if isinstance(default, int)
                else "float_list" if isinstance(default, list) else "float")
    if kind == "bool":
        low, high = 0, 1
    if kind == "float_list" and length is None:
        length = len(default)
    if per is not None:
        n = DEFAULT_COUNTY.count(per)
        default, low, high = default / n, low / n, high / n
    _REGISTRY.append(Parameter(key, default, unit, meaning, source, low, high, kind,
                               hard_min, hard_max, length, per, sums_to, meaning_zh))


SHARE = dict(hard_min=0.0, hard_max=1.0)
MONEY = dict(hard_min=0.0)

# --- time -------------------------------------------------------------------------
_p("simulation.end_year", 2025, "year", "last simulated calendar year (runs to its December)",
   "assumption: the report's 2019-2021 programme plus four years to see whether income lasts",
   2021, 2030, hard_min=2019, hard_max=2040,
   meaning_zh="模拟的最后一个日历年（模拟到该年12月）")

# --- programme switch and rollout (三步走) ------------------------------------------
_p("programme.enabled", True, "-", "the collective-economy programme runs at all "
   "(false = counterfactual: no grants, no rollout, no review)", "report section 3",
   meaning_zh="是否实施村级集体经济扶持计划（false为反事实情景：无补助、不分步推进、不评审）")
_p("rollout.poor_year", 2019, "year", "year registered poor villages enter (step 1)",
   "report 三步走 step 1", 2019, 2021, hard_min=2019, hard_max=None,
   meaning_zh="建档立卡贫困村纳入扶持的年份（三步走第一步）")
_p("rollout.priority_year", 2020, "year", "year non-poor villages above the poor-household "
   "threshold and deep-mountain villages enter (step 2)", "report 三步走 step 2",
   2019, 2021, hard_min=2019, hard_max=None,
   meaning_zh="贫困户数超过门槛的非贫困村和深山村纳入扶持的年份（三步走第二步）")
_p("rollout.remaining_year", 2021, "year", "year every remaining zero-income village enters "
   "(step 3)", "report 三步走 step 3", 2019, 2022, hard_min=2019, hard_max=None,
   meaning_zh="其余所有集体经济空白村纳入扶持的年份（三步走第三步）")
_p("rollout.priority_poor_households", 30, "households", "a non-poor village with more poor "
   "households than this enters in step 2", "assumption: the report's threshold is 'X'",
   10, 80, hard_min=0,
   meaning_zh="贫困户数超过此数的非贫困村在第二步纳入扶持")
_p("rollout.mop_up", True, "-", "after step 3, each January villages that had zero income "
   "the year before and have no running project are supported again",
   "assumption: the year-end assessment keeps villages at 清零 (report section 3(5))",
   meaning_zh="三步走完成后，每年1月对上年集体经营收入为零且没有在建在营项目的村再次扶持")

# --- money (5025, integrated funds) ------------------------------------------------
_p("funding.poor_village_yuan", 500_000, "yuan", "5025 grant per poor village",
   "F1, F4", 200_000, 1_000_000, kind="float", **MONEY,
   meaning_zh="“5025”计划对每个贫困村的扶持资金")
_p("funding.nonpoor_village_yuan", 250_000, "yuan", "5025 grant per non-poor village",
   "F4 (250k not confirmed)", 100_000, 500_000, kind="float", **MONEY,
   meaning_zh="“5025”计划对每个非贫困村的扶持资金")
_p("funding.grant_pool_yuan", 70_000_000, "yuan", "county pool for 5025 grants and "
   "demonstration extras over the whole run",
   "assumption: size not found (F4); 70 M yuan is enough for the default county's three "
   "cohorts (about 333,000 yuan a village), so it scales with the villages",
   30_000_000, 120_000_000, kind="float", per="village", **MONEY,
   meaning_zh="县级统筹资金池：整个模拟期内用于“5025”扶持资金和示范村奖补的总额")
_p("funding.tranche_shares", [0.5, 0.25, 0.25], "share of the pool", "share of the grant "
   "pool the upper levels release to the county in January of 2019, 2020 and 2021 (unspent "
   "money carries over; a grant the released money cannot cover waits for the next tranche)",
   "assumption: F1 dates the national programme 2018-2021 and splits it 60% central, ~20% "
   "province, ~20% city/county, but the yearly split was not found; the report funded all "
   "poor villages in 2019 (about 47% of the default pool with the demonstration extras), "
   "so at least that much came in the first year; the rest is assumed even over 2020-2021",
   0.0, 1.0, **SHARE, sums_to=1.0,
   meaning_zh="上级在2019、2020、2021年1月向县里下达的资金占资金池的比例（未用完的结转；下达资金不够支付的补助等下一批）")
_p("funding.central_share", 0.6, "share", "share of each 5025 grant paid by central funds",
   "F1", 0.4, 0.8, **SHARE,
   meaning_zh="每笔“5025”扶持资金中由中央财政承担的比例")
_p("funding.province_share", 0.2, "share", "share paid by the province (the rest by city "
   "and county)", "F1", 0.1, 0.3, **SHARE,
   meaning_zh="由省级财政承担的比例（其余由市、县承担）")
_p("funding.integrated_yuan_per_year", 5_000_000, "yuan/yr", "pooled agricultural, "
   "irrigation and extension funds (整合资金) topping up the year's funded projects",
   "assumption: size not found (F4); 5 M yuan/yr for the default county, scaled with "
   "the villages whose agricultural funds are pooled", 0, 20_000_000, kind="float",
   per="village", **MONEY,
   meaning_zh="统筹整合的农业生产发展、农田水利、农业科技推广等扶持资金（整合资金），追加给当年立项的项目")
_p("funding.integrated_cap_yuan", 100_000, "yuan", "most integrated funds one project gets",
   "assumption: keeps top-ups below the 5025 grant itself", 0, 300_000, kind="float", **MONEY,
   meaning_zh="单个项目最多可得的整合资金")

# --- the county's capacity ----------------------------------------------------------
_p("capacity.projects_per_year", 84, "projects/yr", "programme projects the county can "
   "fund and start in a year (review staff, construction teams, suppliers), counted by "
   "village (a cluster venture once for each of its villages); villages beyond it wait for "
   "the next round, those the review finds nothing for use none",
   "assumption: the report gives no figure. Its staged cohorts (all 60 poor villages in "
   "2019, then the priority and the remaining villages) read as sized to what the county "
   "could do: the baseline starts about 60, 41 and 65 programme projects in 2019-2021 and "
   "at most 72 in any year of 200 replicates, so 6 a township (84 in the default county) "
   "lets the county's own plan (almost) never wait while every village at once (about "
   "164 in 2019) must", 56, 168, hard_min=0, per="township",
   meaning_zh="全县一年能扶持并启动的项目数（受评审人员、施工队伍、供货能力所限），按村计（抱团项目每个参与村各计一次）；超出的村等下一轮，评审没有选出项目的村不占名额")

# --- five-step selection (五字经) ---------------------------------------------------
_p("selection.candidates", 3, "projects", "candidates a village proposes (议)",
   "report 议: 2-3 candidates", 2, 3, hard_min=1, hard_max=8,
   meaning_zh="每个村提出的备选项目数（议）")
_p("selection.quality_sd", 0.4, "log sd", "spread of a project's true site and market "
   "fit (multiplies its return)", "assumption: S6 (failure rates not found)", 0.2, 0.7,
   hard_min=0.0,
   meaning_zh="项目选址与市场契合度的离散程度（乘在项目收益上）")
_p("selection.proposal_noise_sd", 0.5, "log sd", "village's error when it judges a "
   "candidate's return (imperfect knowledge)", "assumption: S5 (villages misjudge ventures)",
   0.2, 1.0, hard_min=0.0,
   meaning_zh="村里判断备选项目收益时的误差（信息不完全）")
_p("selection.review", True, "-", "county and township departments review candidates (评)",
   "report 评",
   meaning_zh="县、乡两级联合评审备选项目（评）")
_p("selection.deadline_aware", True, "-", "from the clearance year on, the review approves "
   "projects that will almost surely earn by December", "report: 划定项目完成时限 (deadlines)",
   meaning_zh="自清零目标年起，评审只批准几乎肯定能在当年12月前见效的项目")
_p("selection.deadline_min_chance", 0.97, "probability", "chance of earning by December the "
   "review asks for from the clearance year on", "assumption: a clearance target leaves little room for risk", 0.8, 0.99, **SHARE,
   meaning_zh="自清零目标年起，评审要求项目在当年12月前见效的概率")
_p("selection.review_noise_sd", 0.15, "log sd", "review's error judging a candidate's "
   "return", "assumption: departments see more than villages but not everything",
   0.05, 0.4, hard_min=0.0,
   meaning_zh="评审判断备选项目收益时的误差")
_p("selection.review_min_return", 0.04, "yuan/yr per yuan", "lowest judged yearly return "
   "the review approves", "assumption: about a deposit rate plus a margin (D1 pays 5-10%)",
   0.0, 0.08, hard_min=0.0,
   meaning_zh="评审批准项目所要求的最低预期年收益率")
_p("first_secretary.nonpoor_share", 0.1, "share", "share of non-poor villages with a "
   "resident first secretary (every poor village has one)",
   "assumption: first secretaries went to poor and weak villages", 0.0, 0.4, **SHARE,
   meaning_zh="有驻村第一书记的非贫困村比例（贫困村都有第一书记）")
_p("first_secretary.money_mean_yuan", 100_000, "yuan", "mean outside money a first "
   "secretary brings to the village's project (联)", "assumption: the report's figure is 'X'",
   0, 300_000, kind="float", **MONEY,
   meaning_zh="驻村第一书记为村里项目筹措的外部资金平均数（联）")
_p("first_secretary.money_sd", 0.8, "log sd", "spread of that money between secretaries",
   "assumption: secretaries' home agencies differ widely", 0.3, 1.2, hard_min=0.0,
   meaning_zh="各第一书记筹措资金多少的离散程度")
_p("first_secretary.contacts_effect", 1.0, "x hazard", "how much a first secretary's "
   "contacts raise the chance an investor or factory arrives", "assumption: report credits first secretaries with outside contacts (联); size not found", 0.0, 2.0,
   hard_min=0.0,
   meaning_zh="第一书记的人脉使投资方或工厂落地的概率提高的倍数")
_p("demonstration.villages", 14, "villages", "demonstration villages chosen in the first "
   "cohort (领), about one per township", "assumption: the report names pilot villages; "
   "one per township", 0, 30, hard_min=0, per="township",
   meaning_zh="第一批中选定的示范村数（领），约每个乡镇一个")
_p("demonstration.extra_yuan", 200_000, "yuan", "extra money for each demonstration village",
   "assumption: report says demonstration villages get more money", 0, 500_000,
   kind="float", **MONEY,
   meaning_zh="每个示范村额外得到的奖补资金")
_p("demonstration.pull", 0.3, "share", "bonus on the judged return of a demonstration's "
   "model for later villages of the same township", "assumption: report says demonstrations pull neighbours (领); size not found", 0.0, 1.0, hard_min=0.0,
   meaning_zh="示范村采用的经营模式对同乡镇后来村的预期收益加成（示范引领）")
_p("demonstration.learning", 0.5, "share", "cut in judging error for a model seen at a "
   "demonstration village of the same township", "assumption: seeing a model run nearby halves misjudging it; not measured", 0.0, 1.0, **SHARE,
   meaning_zh="同乡镇有示范村采用过的模式，后来村判断其收益的误差减少的比例")

# --- business models ---------------------------------------------------------------
# Settings every model has; per-model defaults below. Failure hazards and delays are not
# published anywhere (S6), so they are assumptions ordered by how exposed each model is.
_COMMON = {
    #  code:             build months, failure/yr, least money, quality weight, why
    "solar": (4, 0.01, 150_000, 0.3, "fixed assets, state-backed tariff"),
    "cluster": (8, 0.04, 100_000, 1.0, "operator may walk away"),
    "idle_assets": (6, 0.08, 60_000, 1.0, "villages running businesses themselves fail most (S5)"),
    "town_shop": (3, 0.005, 100_000, 0.5, "a building in town keeps its value"),
    "attract_investor": (6, 0.04, 100_000, 1.0, "depends on a single outside investor"),
    "enterprise_equity": (2, 0.0, 50_000, 0.5, "partner default is modelled separately"),
    "cooperative": (4, 0.05, 50_000, 1.0, "crop and market risk (S5)"),
    "workshop": (5, 0.0, 150_000, 0.7, "factory relocation is modelled separately"),
}
for _code, (_months, _fail, _least, _weight, _why) in _COMMON.items():
    _zh = MODEL_NAMES["zh"][_code]  # 光伏发电型...: the report's names of the eight models
    _p(f"models.{_code}.enabled", True, "-", f"villages may choose the {_code} model",
       "report: eight models", meaning_zh=f"各村可以选择{_zh}模式")
    _p(f"models.{_code}.build_months", _months, "months", "construction or set-up time "
       "with monthly inspection", f"assumption: {_why}", max(1, _months // 2), _months * 2,
       kind="float", hard_min=0.0, hard_max=60.0,
       meaning_zh=f"{_zh}项目的建设或筹备期（有每月专项督查时）")
    _p(f"models.{_code}.failure_per_year", _fail, "1/yr", "yearly chance an average "
       "project of this model fails for good", f"assumption: S6 not found; {_why}",
       0.0, max(0.02, _fail * 3), hard_min=0.0, hard_max=1.0,
       meaning_zh=f"{_zh}一般项目每年彻底失败的概率")
    _p(f"models.{_code}.min_yuan", _least, "yuan", "least money a project of this model "
       "needs", "assumption: a viable smallest unit (one room, one shop front, ~40 kW)",
       _least // 2, _least * 2, kind="float", **MONEY, meaning_zh=f"{_zh}项目所需的最少资金")
    _p(f"models.{_code}.quality_weight", _weight, "-", "how much the site and market fit "
       "(quality) moves this model's return (return x quality^weight)",
       f"assumption: {_why}", max(0.0, _weight - 0.3), min(1.0, _weight + 0.3),
       hard_min=0.0, hard_max=2.0,
       meaning_zh=f"选址与市场契合度（质量）对{_zh}收益的影响程度（收益 × 质量^权重）")

_p("models.solar.capex_yuan_per_w", 4.0, "yuan/W", "installed cost of a village PV station",
   "PV3", 3.5, 8.4, hard_min=0.1,
   meaning_zh="村级光伏电站每瓦的建设成本")
_p("models.solar.full_load_hours", 1100.0, "h/yr", "full-load hours a year", "PV2, PV4",
   950.0, 1400.0, hard_min=0.0, hard_max=8760.0,
   meaning_zh="每年满负荷发电小时数")
_p("models.solar.tariff_yuan_per_kwh", 0.85, "yuan/kWh", "feed-in tariff for village "
   "poverty PV (Henan is zone III)", "PV1", 0.65, 0.85, hard_min=0.0,
   meaning_zh="村级光伏扶贫电站的上网电价（河南属三类资源区）")
_p("models.solar.max_kw", 300.0, "kW", "largest village station", "PV5", 100.0, 500.0,
   hard_min=1.0,
   meaning_zh="单个村级电站的最大装机容量")
_p("models.solar.om_share_per_year", 0.02, "share of capex/yr", "operation and maintenance "
   "cost", "assumption: typical small-PV O&M", 0.01, 0.04, **SHARE,
   meaning_zh="每年运行维护费用（占投资的比例）")
_p("models.solar.degradation_per_year", 0.007, "1/yr", "yearly loss of output",
   "assumption: module datasheets", 0.004, 0.01, **SHARE,
   meaning_zh="每年发电量衰减比例")
_p("models.solar.subsidy_share", 0.55, "share", "part of the tariff that is subsidy (paid "
   "late in arrears years)", "assumption: 0.85 minus a coal benchmark near 0.38 (PV6)",
   0.4, 0.6, **SHARE,
   meaning_zh="电价中属于补贴的部分（补贴拖欠年份延迟发放）")

_p("tourism.occupancy_mean", 0.3, "share", "average yearly room occupancy of village "
   "homestays in a normal year", "assumption: H3 not found; H1 gives the August peak", 0.15,
   0.45, **SHARE,
   meaning_zh="正常年份村级民宿客房的年平均入住率")
_p("tourism.room_rate_yuan", 350.0, "yuan/night", "average room rate", "assumption: H3 not "
   "found", 200.0, 600.0, hard_min=0.0,
   meaning_zh="客房平均房价")
_p("tourism.seasonality", [0.5, 0.7, 0.6, 0.9, 1.1, 0.9, 1.7, 2.1, 1.0, 1.3, 0.6, 0.5],
   "x mean", "monthly occupancy relative to the yearly mean (normalised to mean 1)",
   "H1 (August peak ~70-90%); other months assumption", 0.3, 2.5, hard_min=0.0,
   meaning_zh="各月入住率相对全年均值的倍数（均值归一为1）")

_p("models.cluster.cost_per_room_yuan", 120_000.0, "yuan/room", "cost of a boutique "
   "homestay room", "assumption: boutique homestay fit-out in a mountain county; H3 not found", 80_000.0, 200_000.0, hard_min=1.0,
   meaning_zh="每间精品民宿客房的建设成本")
_p("models.cluster.village_share", 0.25, "share of revenue", "revenue share the operator "
   "pays the villages (托管分成)", "assumption: the report's share is not given", 0.15, 0.4,
   **SHARE,
   meaning_zh="运营方按营业收入付给各村的分成比例（托管分成）")
_p("models.cluster.min_villages", 2, "villages", "villages of one valley needed to form a "
   "cluster", "report: five villages in one valley", 2, 5, hard_min=2,
   meaning_zh="同一流域抱团发展所需的最少村数")
_p("models.cluster.min_scenic", 0.5, "0-1", "scenic value a valley needs", "assumption: only valleys with real scenery draw homestay guests", 0.3,
   0.8, **SHARE,
   meaning_zh="流域需要达到的风景价值")
_p("models.idle_assets.cost_per_room_yuan", 60_000.0, "yuan/room", "cost of turning idle "
   "offices or schools into guest rooms", "assumption: cheaper than new build", 30_000.0,
   100_000.0, hard_min=1.0,
   meaning_zh="把闲置办公楼、校舍改造成客房的每间成本")
_p("models.idle_assets.cost_share", 0.55, "share of revenue", "running costs of a "
   "village-run guesthouse", "assumption: S5", 0.4, 0.75, **SHARE,
   meaning_zh="村集体自营农家宾馆的运营成本（占营业收入比例）")
_p("models.idle_assets.fixed_cost_yuan_per_month", 1500.0, "yuan/month", "staff and upkeep "
   "paid even when empty", "assumption: one caretaker's part-time pay and upkeep", 500.0, 4000.0, hard_min=0.0,
   meaning_zh="无客时也要支付的人员和维护费用")
_p("models.idle_assets.min_scenic", 0.3, "0-1", "scenic value needed", "assumption: a guesthouse needs some visitors passing", 0.1, 0.6,
   **SHARE,
   meaning_zh="需要达到的风景价值")
_p("models.town_shop.rent_yield", 0.06, "1/yr", "gross yearly rent per yuan of shop bought",
   "O1 (~9%), O2 (~5%, weak)", 0.04, 0.09, **SHARE,
   meaning_zh="所购门面房每元投资的年租金（毛收益）")
_p("models.town_shop.vacancy_per_year", 0.1, "1/yr", "yearly chance a shop falls vacant",
   "assumption: O2", 0.0, 0.25, **SHARE,
   meaning_zh="门面房每年空置的概率")
_p("models.town_shop.vacancy_months", 4.0, "months", "mean months to find a new tenant",
   "assumption: O2 (weak); small-town shop fronts re-let within months", 1.0, 12.0, hard_min=0.0,
   meaning_zh="找到新租户平均所需月数")
_p("models.attract_investor.min_scenic", 0.6, "0-1", "scenic or cultural value needed to "
   "interest an investor", "assumption: investors come for scenery or culture (report: 古村文化)", 0.4, 0.8, **SHARE,
   meaning_zh="吸引投资方所需的风景或文化价值")
_p("models.attract_investor.arrival_per_month", 0.05, "1/month", "monthly chance an investor "
   "commits once the project is packaged", "assumption: an investor within about 20 months on average; not found", 0.01, 0.15, **SHARE,
   meaning_zh="项目包装好后，投资方每月签约落地的概率")
_p("models.attract_investor.service_yield", 0.14, "1/yr", "village's net yearly return from "
   "services around the investment in a normal tourism year", "assumption: service income (visitor centre, farmhouses) above deposit rates; not found", 0.06, 0.25,
   hard_min=0.0,
   meaning_zh="正常旅游年份村集体围绕投资项目提供服务的年净收益率")
_p("models.attract_investor.give_up_months", 36.0, "months", "months without an investor "
   "after which the project counts as failed", "assumption: three years without an investor counts as failure", 18.0, 60.0, hard_min=1.0,
   meaning_zh="超过此月数仍无投资方落地则项目视为失败")
_p("models.enterprise_equity.dividend_rate", 0.08, "1/yr", "promised yearly dividend on "
   "equity", "D1", 0.05, 0.10, **SHARE,
   meaning_zh="入股约定的年分红率")
_p("models.enterprise_equity.skip_per_year", 0.05, "1/yr", "chance a firm skips a year's "
   "dividend", "D2 (frequency not found; assumption: rarer where the county brokers and "
   "watches the deal)", 0.0, 0.3, **SHARE,
   meaning_zh="企业某年不分红的概率")
_p("models.enterprise_equity.default_per_year", 0.03, "1/yr", "chance the firm defaults "
   "in a year", "assumption: S4", 0.0, 0.1, **SHARE,
   meaning_zh="企业每年违约的概率")
_p("models.enterprise_equity.recovery_share", 0.2, "share", "capital recovered after a "
   "default", "assumption: equity is junior; little is recovered after a default", 0.0, 0.5, **SHARE,
   meaning_zh="企业违约后能收回的本金比例")
_p("models.cooperative.capital_per_bag_yuan", 6.0, "yuan/bag", "capital per shiitake bag of "
   "capacity, sheds included", "assumption: M2", 4.0, 10.0, hard_min=0.1,
   meaning_zh="香菇种植每袋产能所需资金（含菇棚）")
_p("models.cooperative.profit_per_bag_yuan", 2.5, "yuan/bag/yr", "profit per bag a year",
   "M1", 2.0, 3.0, hard_min=0.0,
   meaning_zh="每袋每年的利润")
_p("models.cooperative.village_share", 0.4, "share", "village's share of the joint "
   "venture's profit", "assumption: 风险同担，利益均沾", 0.3, 0.6, **SHARE,
   meaning_zh="村集体在合作经营利润中的分成比例")
_p("models.cooperative.price_sd", 0.2, "log sd", "year-to-year swing of the shiitake price",
   "assumption: commodity swings (design brief)", 0.0, 0.4, hard_min=0.0,
   meaning_zh="香菇价格的年际波动")
_p("models.workshop.min_labour", 300.0, "people", "working-age people a village needs to "
   "host a workshop", "assumption: a workshop of ~30 needs a labour pool ten times that", 100.0, 600.0, hard_min=0.0,
   meaning_zh="村里承接加工厂所需的劳动年龄人口数")
_p("models.workshop.rent_yield", 0.05, "1/yr", "rent per yuan of workshop built",
   "assumption: W1 (not found)", 0.02, 0.08, **SHARE,
   meaning_zh="所建厂房每元投资的年租金")
_p("models.workshop.fee_yuan_per_worker_month", 40.0, "yuan/worker/month", "management fee "
   "the factory pays the village", "assumption: W1 (not found)", 0.0, 100.0, hard_min=0.0,
   meaning_zh="工厂按每个工人每月付给村集体的管理费")
_p("models.workshop.workers", 30.0, "workers", "jobs in one workshop", "assumption: W1",
   10.0, 80.0, hard_min=0.0,
   meaning_zh="一个加工厂的就业岗位数")
_p("models.workshop.arrival_per_month", 0.2, "1/month", "chance a factory moves into an "
   "empty workshop in a month", "assumption: the county brokers factories (引厂入村); about 5 months to find one", 0.05, 0.5, **SHARE,
   meaning_zh="空置厂房每月引进工厂的概率")
_p("models.workshop.relocation_per_year", 0.15, "1/yr", "chance the factory leaves in a year",
   "assumption: W1 (empty shells)", 0.05, 0.3, **SHARE,
   meaning_zh="工厂每年迁走的概率")

# --- organisation (monthly inspection, quarterly comparison, year-end, 两个一律) ------
_p("organisation.monthly_inspection", True, "-", "monthly special inspection of projects",
   "report section 3(5)",
   meaning_zh="每月开展项目专项督查")
_p("organisation.extra_delay_share", 0.5, "share of build time", "mean extra construction "
   "delay without monthly inspection (with it: a third of this)", "assumption: S4 (idle "
   "funds)", 0.2, 1.0, hard_min=0.0,
   meaning_zh="没有每月专项督查时平均多出的建设延误（有督查时为其三分之一）")
_p("organisation.quarterly_comparison", True, "-", "quarterly on-site comparison of projects",
   "report section 3(5)",
   meaning_zh="每季度开展项目观摩评比")
_p("organisation.comparison_effect", 0.2, "share", "cut in failure hazard from the "
   "quarterly comparison", "assumption: peer comparison improves management; size not found", 0.0, 0.5, **SHARE,
   meaning_zh="季度观摩评比使项目失败风险降低的比例")
_p("organisation.year_end_assessment", True, "-", "year-end assessment tied to cadre "
   "performance pay", "report sections 2 and 3(5)",
   meaning_zh="年终统一考核总评，与村干部绩效报酬挂钩")
_p("organisation.two_alwayses", True, "-", "projects run by the village cooperative and "
   "income held by the township asset office (两个一律)", "report section 3(5)",
   meaning_zh="项目一律委托村集体经济合作社管理，收入一律由乡镇“三资办”管理（两个一律）")
_p("organisation.misuse_share", 0.1, "share", "share of a project's money lost to misuse "
   "with no controls at all", "assumption: S4 (141 M yuan repurposed)", 0.0, 0.3, **SHARE,
   meaning_zh="完全没有监管时项目资金被挪用的比例")
_p("organisation.two_alwayses_effect", 0.7, "share", "cut in misuse from 两个一律",
   "assumption: cooperative management and township-held income prevent most misuse", 0.4, 1.0, **SHARE,
   meaning_zh="“两个一律”使挪用减少的比例")
_p("organisation.inspection_effect", 0.3, "share", "cut in misuse from monthly inspection",
   "assumption: monthly inspection catches some misuse", 0.0, 0.6, **SHARE,
   meaning_zh="每月专项督查使挪用减少的比例")

# --- part A: people and money for the party branches (三保障) ----------------------
_p("party.work_budget_yuan_per_year", 10_000_000.0, "yuan/yr", "county budget for "
   "grassroots party work", "report section 2 (Part A): 10 M yuan/yr for the county's "
   "villages (N5: about 210), scaled with the villages", 8_000_000.0, 12_000_000.0,
   per="village", **MONEY,
   meaning_zh="县财政列支的基层党建专项经费")
_p("party.office_funds_yuan", 15_000.0, "yuan/village/yr", "office funds per village",
   "report section 2", 15_000.0, 15_000.0, **MONEY,
   meaning_zh="每村每年的村级党组织办公经费")
_p("party.service_funds_yuan", 10_000.0, "yuan/village/yr", "service funds per village",
   "report section 2", 10_000.0, 10_000.0, **MONEY,
   meaning_zh="每村每年的服务群众专项经费")
_p("party.secretary_pay_yuan", 21_600.0, "yuan/yr", "village party secretary's pay (2x 2017 "
   "rural income)", "report section 2", 21_600.0, 21_600.0, **MONEY,
   meaning_zh="村党组织书记年工作报酬（2017年农民人均纯收入的2倍）")
_p("party.director_pay_yuan", 17_400.0, "yuan/yr", "village director's pay", "report",
   17_400.0, 17_400.0, **MONEY,
   meaning_zh="村委会主任年工作报酬")
_p("party.member_pay_yuan", 13_200.0, "yuan/yr", "other committee member's pay", "report",
   13_200.0, 13_200.0, **MONEY,
   meaning_zh="村“两委”其他成员年工作报酬")
_p("party.members_per_village", 3, "people", "committee members besides secretary and "
   "director", "assumption: typical 5-7 member committees", 2, 5, hard_min=0,
   meaning_zh="书记、主任以外的村“两委”成员人数")
_p("party.pay_raise_every_years", 3, "years", "pay is raised at least this often", "report",
   3, 3, hard_min=1,
   meaning_zh="村干部报酬至少每隔这么多年调整增长一次")
_p("party.pay_raise_share", 0.1, "share", "size of each raise", "assumption: report requires a raise every 3 years, size not given", 0.05, 0.2,
   **SHARE,
   meaning_zh="每次报酬调整的增幅")
_p("party.retired_subsidy_yuan_per_year", 5_000_000.0, "yuan/yr", "subsidies for retired "
   "village cadres", "report: over 5 M yuan/yr for the county's villages (N5: about 210); "
   "retired cadres come from every village, so it scales with the villages",
   5_000_000.0, 6_000_000.0, per="village", **MONEY,
   meaning_zh="离任村干部生活补贴")
_p("party.training", True, "-", "every party worker trained once a year", "report section 1",
   meaning_zh="基层党务干部每年至少轮训一遍")
_p("party.training_yuan_per_village", 3_000.0, "yuan/village/yr", "training cost",
   "assumption: a few days of county training a year per village's workers", 1_000.0, 8_000.0, **MONEY,
   meaning_zh="培训费用")
_p("party.training_effect", 0.05, "capacity", "capacity gained from yearly training",
   "assumption: effect size not found (Part A)", 0.0, 0.15, hard_min=0.0, hard_max=1.0,
   meaning_zh="每年轮训带来的能力提升")
_p("party.instructors", 30, "people", "party-building instructors sent to the weakest poor "
   "villages", "assumption: report says 'X'; one for every second poor village", 0, 60,
   hard_min=0, per="poor_village",
   meaning_zh="派驻到最薄弱贫困村的党建指导员人数")
_p("party.instructor_yuan_per_year", 20_000.0, "yuan/yr", "cost of one instructor "
   "(allowances; they are existing civil servants)", "assumption: allowances of seconded civil servants", 10_000.0, 40_000.0,
   **MONEY,
   meaning_zh="每名党建指导员的费用（补贴；指导员本是在编公务员）")
_p("party.instructor_effect", 0.1, "capacity", "capacity gained by a village with an "
   "instructor", "assumption: effect size not found (Part A)", 0.0, 0.25, hard_min=0.0,
   hard_max=1.0,
   meaning_zh="有党建指导员的村能力提升")
_p("party.performance_pay_share", 0.2, "share", "part of cadre pay tied to the year-end "
   "assessment", "assumption: report gives no share", 0.1, 0.4, **SHARE,
   meaning_zh="村干部报酬中与年终考核挂钩的绩效部分比例")
_p("party.performance_effect", 0.05, "capacity", "capacity gained from performance pay",
   "assumption: effect size not found (Part A)", 0.0, 0.15, hard_min=0.0, hard_max=1.0,
   meaning_zh="绩效报酬带来的能力提升")

# --- village behaviour ---------------------------------------------------------------
_p("village.capacity_failure_effect", 1.0, "log hazard per capacity", "how strongly "
   "leadership capacity lowers failure (hazard x exp(-e (capacity - 0.5)))", "assumption: better-led villages run projects better (Part A: effect not found)",
   0.0, 2.0, hard_min=0.0,
   meaning_zh="村班子能力降低项目失败风险的强度（风险 × exp(-e × (能力 − 0.5))）")
_p("village.capacity_knowledge_effect", 1.0, "log sd per capacity", "how strongly capacity "
   "cuts judging error", "assumption: better-led villages judge projects better (Part A: effect not found)", 0.0, 2.0, hard_min=0.0,
   meaning_zh="村班子能力减少判断误差的强度")
_p("village.quality_failure_effect", 1.5, "-", "failure hazard x quality^-e: poor projects "
   "fail more", "assumption: poorly fitted projects fail more (S4, S5)", 0.5, 3.0, hard_min=0.0,
   meaning_zh="失败风险 × 质量^(-e)：质量差的项目更容易失败")
_p("village.labour_share", 0.55, "share", "working-age share of the population",
   "assumption: mountain villages lose young people to cities", 0.4, 0.65, **SHARE,
   meaning_zh="劳动年龄人口占总人口的比例")
_p("village.reinvest_share", 0.3, "share", "share of positive yearly income kept in the "
   "collective fund", "assumption: part of income kept for the collective, the rest spent on services", 0.0, 0.6, **SHARE,
   meaning_zh="当年正收入中留存到集体积累的比例")
_p("village.self_start_per_year", 0.03, "1/yr", "chance a zero-income village without "
   "programme support starts a project with its own or other money",
   "assumption: keeps the counterfactual from being frozen", 0.0, 0.1, **SHARE,
   meaning_zh="未获计划扶持的空白村每年用自有或其他资金自发启动项目的概率")
_p("village.self_start_yuan", 80_000.0, "yuan", "money such a self-started project has",
   "assumption: a village's own savings plus small outside funds", 30_000.0, 200_000.0, **MONEY,
   meaning_zh="自发启动项目的资金")
_p("village.zero_income_threshold_yuan", 0.0, "yuan/yr", "a year's income at or below this "
   "counts as zero (空白村)", "assumption: 清零 means any positive operating income", 0.0,
   10_000.0, **MONEY,
   meaning_zh="年集体经营收入不超过此数即算为零（空白村）")

# --- shocks ---------------------------------------------------------------------------
_p("shocks.tourism_2020.enabled", True, "-", "the 2020 tourism collapse and recovery",
   "S1, S2, S3",
   meaning_zh="2020年旅游业冲击及其后的恢复")
_p("shocks.tourism_2020.index_2020", [0.5, 0.05, 0.14, 0.35, 0.5, 0.62, 0.9, 0.92, 0.72, 0.67,
   0.67, 0.67], "x 2019", "2020 tourism revenue by month relative to 2019",
   "S2 (first quarter -77.1%, >90% by Jul-Aug), S1 (second quarter -51%, fourth -32.9%)", 0.0, 1.0, hard_min=0.0,
   meaning_zh="2020年各月旅游收入相对2019年的倍数")
_p("shocks.tourism_2020.index_2021", 0.65, "x 2019", "2021 tourism relative to 2019", "S3",
   0.58, 0.9, hard_min=0.0,
   meaning_zh="2021年旅游收入相对2019年的倍数")
_p("shocks.tourism_2020.index_2022", 0.7, "x 2019", "2022 tourism relative to 2019",
   "assumption: 2022 outbreaks; no figure in calibration", 0.5, 1.0, hard_min=0.0,
   meaning_zh="2022年旅游收入相对2019年的倍数")
_p("shocks.pv_arrears.enabled", True, "-", "PV subsidy paid late", "PV6",
   meaning_zh="光伏补贴拖欠")
_p("shocks.pv_arrears.first_year", 2020, "year", "first year the subsidy is paid late",
   "assumption: PV6 (years not given)", 2019, 2022, hard_min=2019, hard_max=None,
   meaning_zh="补贴开始拖欠的年份")
_p("shocks.pv_arrears.last_year", 2022, "year", "last year the subsidy is paid late",
   "assumption: PV6", 2020, 2025, hard_min=2019, hard_max=None,
   meaning_zh="补贴最后拖欠的年份")
_p("shocks.pv_arrears.delay_months", 18.0, "months", "how late the subsidy arrives",
   "assumption: PV6", 6.0, 36.0, hard_min=0.0,
   meaning_zh="补贴延迟到账的月数")
_p("shocks.partner_default_wave.enabled", False, "-", "a wave of partner defaults and "
   "factory relocations", "assumption: design brief asks for the switch; no event dated",
   meaning_zh="合作企业集中违约、工厂集中迁走的冲击")
_p("shocks.partner_default_wave.year", 2022, "year", "year of the wave", "assumption: a hypothetical year for the wave", 2020,
   2025, hard_min=2019, hard_max=None,
   meaning_zh="冲击发生的年份")
_p("shocks.partner_default_wave.multiplier", 5.0, "x hazard", "how much default and "
   "relocation hazards rise that year", "assumption: a severe but not total wave", 2.0, 10.0, hard_min=1.0,
   meaning_zh="当年违约和迁走风险提高的倍数")
_p("shocks.commodity_prices.enabled", True, "-", "yearly shiitake price swings",
   "design brief: commodity price swings",
   meaning_zh="香菇价格年度波动")

PARAMETERS: dict[str, Parameter] = {p.key: p for p in _REGISTRY}
assert len(PARAMETERS) == len(_REGISTRY), "duplicate parameter key"


def nearest_keys(key: str, n: int = 1) -> list[str]:
    """Closest valid keys to a misspelt one (for 'did you mean')."""
    close = difflib.get_close_matches(key, PARAMETERS.keys(), n=n, cutoff=0.6)
    if not close:  # a misspelt last part under a valid section
        tail = key.rsplit(".", 1)[-1]
        by_tail = {k.rsplit(".", 1)[-1]: k for k in PARAMETERS if k.startswith(key.rsplit(".", 1)[0])}
        close = [by_tail[t] for t in difflib.get_close_matches(tail, by_tail, n=n, cutoff=0.6)]
    return close


def _namespace(flat: dict[str, Any]) -> SimpleNamespace:
    """``flat``'s dotted keys as nested attributes, sections in order of first use.
    (Sweeps, plans and calibrations make hundreds of parameter sets: each section's
    node is found by its dotted name rather than walked to.)"""
    nodes = {"": SimpleNamespace()}
    for key, value in flat.items():
        section, _, leaf = key.rpartition(".")
        node = nodes.get(section)
        if node is None:
            node = _section(nodes, section)
        setattr(node, leaf, value)
    return nodes[""]


def _section(nodes: dict[str, SimpleNamespace], section: str) -> SimpleNamespace:
    """The node of a dotted section, made (with its parents) if it is new."""
    parent, _, name = section.rpartition(".")
    above = nodes.get(parent)
    if above is None:
        above = _section(nodes, parent)
    node = nodes[section] = SimpleNamespace()
    setattr(above, name, node)
    return node


def _record_dtype(section: str = ""):
    """The numpy structured type of one parameter set, nested by section (``models.solar``
    is a record within ``models``), in registry order; lists are sub-arrays."""
    fields: dict[str, object] = {}
    prefix = section + "." if section else ""
    for key, p in PARAMETERS.items():
        if not key.startswith(prefix):
            continue
        name, _, rest = key[len(prefix):].partition(".")
        if rest:
            fields.setdefault(name, None)
        else:
            kind = {"float": np.float64, "int": np.int64, "bool": np.bool_}.get(p.kind)
            fields[name] = (np.float64, (p.length,)) if p.kind == "float_list" else kind
    return np.dtype([(name, _record_dtype(prefix + name) if t is None else t)
                     if not isinstance(t, tuple) else (name, *t) for name, t in fields.items()])


def _record_values(flat: dict[str, Any], dtype, section: str = "") -> tuple:
    prefix = section + "." if section else ""
    return tuple(_record_values(flat, dtype[name], prefix + name) if dtype[name].names
                 else (tuple(flat[prefix + name]) if isinstance(flat[prefix + name], list)
                       else flat[prefix + name]) for name in dtype.names)


def params_record(params: list[SimpleNamespace]) -> np.ndarray:
    """Parameter sets (from ``make_params``) as a structured array, one element each.

    Compiled kernels (``model.vector_kernels``) read an element like the namespace
    (``p.models.solar.max_kw``), so the rules run unchanged on either; every element
    has the same type whatever its values, so one compiled kernel serves them all."""
    dtype = RECORD_DTYPE
    return np.array([_record_values(p.flat, dtype) for p in params], dtype=dtype)


def _typed(p: Parameter, value):
    """A value as its kind: ``float`` parameters are floats even when written 500000."""
    if p.kind == "float":
        return float(value)
    if p.kind == "int":
        return int(value)
    if p.kind == "float_list":
        return [float(v) for v in value]
    return value


SCALED_KEYS = tuple(k for k, p in PARAMETERS.items() if p.per)


def _one_county(county: CountySize) -> bool:
    return np.ndim(county.villages) == 0


def make_params(overrides: dict[str, Any] | None = None,
                county: CountySize | None = None) -> SimpleNamespace:
    """Defaults with ``overrides`` (dotted keys) applied, as nested attributes.

    Settings that scale with the county (``SCALED_KEYS``) get their rate times
    ``county``'s counts (default: ``DEFAULT_COUNTY``) unless ``overrides`` sets them:
    a value set is used as given. Besides the settings the namespace carries ``flat``
    (dotted key -> value), ``origin`` (dotted key -> "default", "scenario" or "scaled")
    and ``county``. Engines rescale to the roster they run (``scaled_to``), so
    parameters made for another county still run right.

    Raises ValueError naming the key for an unknown key or a bad value; scenario files
    are checked earlier with file and line context by ``experiments.scenario``.
    """
    county = county or DEFAULT_COUNTY
    flat, origin = _defaults(county)
    for key, value in (overrides or {}).items():
        if key not in PARAMETERS:
            hint = nearest_keys(key)
            raise ValueError(f"unknown parameter {key!r}"
                             + (f"; did you mean {hint[0]!r}?" if hint else ""))
        problem = PARAMETERS[key].check(value)
        if problem:
            raise ValueError(f"{key}: {problem}")
        flat[key] = _typed(PARAMETERS[key], value)
        origin[key] = "scenario"
    return _with_record(flat, origin, county)


_DEFAULTS: dict[CountySize, tuple[dict[str, Any], dict[str, str]]] = {}


def _defaults(county: CountySize) -> tuple[dict[str, Any], dict[str, str]]:
    """New (flat, origin) dicts of the defaults for ``county``; a one-county size's are
    computed once and copied (lists too: a parameter set owns its values)."""
    def computed():
        return ({k: _typed(p, p.value_for(county)) for k, p in PARAMETERS.items()},
                {k: "scaled" if p.per else "default" for k, p in PARAMETERS.items()})

    if not _one_county(county):
        return computed()
    if county not in _DEFAULTS:
        _DEFAULTS[county] = computed()
    flat, origin = _DEFAULTS[county]
    return {k: list(v) if isinstance(v, list) else v for k, v in flat.items()}, dict(origin)


def _with_record(flat: dict[str, Any], origin: dict[str, str], county: CountySize) -> SimpleNamespace:
    ns = _namespace(flat)
    ns.flat, ns.origin, ns.county = flat, origin, county
    return ns


def scenario_settings(p: SimpleNamespace) -> dict[str, Any]:
    """The settings of ``p`` a scenario set (origin "scenario"), as overrides."""
    return {k: v for k, v in p.flat.items() if p.origin[k] == "scenario"}


def with_settings(p: SimpleNamespace, changes: dict[str, Any]) -> SimpleNamespace:
    """``p`` with some settings set, the others keeping their origin (a scaled setting
    stays scaled)."""
    return make_params({**scenario_settings(p), **changes}, p.county)


def scaled_to(p: SimpleNamespace, county: CountySize) -> SimpleNamespace:
    """``p`` with its scaled settings (origin "scaled") recomputed for ``county``; ``p``
    itself when it was made for that county. With a region's counts (arrays, one entry
    per county) every setting that can scale becomes an array over the counties: the
    scaled ones each county's own, those a scenario set the same in each county."""
    if _one_county(county) and _one_county(p.county) and county == p.county:
        return p
    region = not _one_county(county)
    flat = dict(p.flat)
    for key in SCALED_KEYS:
        if p.origin[key] == "scaled":
            flat[key] = PARAMETERS[key].value_for(county)
        elif region:  # a value a scenario sets applies to each county
            flat[key] = np.full(county.counties, p.flat[key])
    return _with_record(flat, p.origin, county)


RECORD_DTYPE = _record_dtype()

__all__ = ["Parameter", "PARAMETERS", "MODEL_CODES", "CountySize", "DEFAULT_COUNTY", "SCALED_KEYS",
           "make_params", "nearest_keys", "params_record", "scaled_to", "scenario_settings", "with_settings"]
