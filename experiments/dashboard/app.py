"""vcsim dashboard: the county model in the browser, on Mesa's SolaraViz.

Served by ``vcsim dashboard`` (``solara run`` on this file); the scenario and roster come
through the environment variables in ``experiments.dashboard.live``. The page:

- left (Mesa's sidebar): Step / Play / Reset, and the planners' levers grouped by theme;
  a moved lever takes effect on Reset (Mesa's rule: Reset re-creates the model);
- a header with the month simulated so far, what differs from the scenario, and any
  problem with the settings;
- the county map at the villages' coordinates, and four charts that grow month by month;
- a panel that runs N replicates of the settings on screen against the scenario, in a
  background thread, with common random numbers.

Chinese by default; the button in the top bar switches to English.

Two Mesa 3.3.1 hooks are replaced (both are module globals that SolaraViz looks up when
it renders, and Mesa is pinned to 3.3.1): ``UserInputs``, so each lever shows its value
and unit and the levers come in groups, and ``make_initial_grid_layout``, so the map and
charts get a layout that fits a laptop screen instead of equal half-width tiles.
"""

from __future__ import annotations

import itertools
import threading

import solara
from mesa.visualization import SolaraViz
from mesa.visualization import solara_viz as mesa_viz
from mesa.visualization.utils import update_counter

from vcsim.experiments.dashboard import charts
from vcsim.experiments.dashboard import settings as st
from vcsim.experiments.dashboard.live import INCOME_BASES, DashboardModel, load_inputs
from vcsim.experiments.dashboard.replicates import REPLICATES_PER_CALL, TARGET_YEAR, paired_comparison
from vcsim.model.roster import county_size

LANG = solara.reactive("zh")  # per browser session
# one replicate to the end of 2021 on the default county, for the time estimate
SECONDS_PER_RUN = {"agents": 0.15, "vector": 0.006}

UI = {
    "zh": {
        "title": "村级集体经济模拟（vcsim）",
        "switch": "English",
        "through": "已模拟至",
        "start": "（起点：项目开始前）",
        "zero_now": "近12个月零收入的村：{n} 个",
        "year_end": "年末空白村：{items}",
        "spent": "已投入 {wan:,.0f} 万元",
        "scenario": "情景：{title}",
        "same": "设置与情景相同",
        "changed": "与情景不同：{items}",
        "help": ("上方按钮：STEP 前进一个月（Render Interval 为每次前进的月数），▶ 连续运行，"
                 "RESET 按下列设置从2019年1月重新开始。改动设置后按 RESET 才生效。"),
        "basis": {"last12": "近12个月", "ytd": "本年累计", "last_year": "上一完整年度"},
        "colour_by": "颜色：",
        "no_font": "未找到中文字体（如 fonts-noto-cjk），图中文字改用英文。",
        "cmp_title": "多次重复对比：屏幕上的设置 vs 情景（{year}年末）",
        "cmp_what": ("用屏幕上模型的设置（最近一次 RESET 时的设置）与情景“{base}”各跑 N 次，"
                     "两者用相同的种子和重复编号（共同随机数），差异只来自设置。"),
        "cmp_n": "重复次数 N", "cmp_run": "运行 {n} 对（约 {sec:.0f} 秒）", "cmp_cancel": "取消",
        "cmp_running": "运行中：{done}/{n}", "cmp_cancelled": "已取消。",
        "cmp_engine": "引擎：",
        "engines": {"agents": "Mesa 智能体模型（参考）", "vector": "向量引擎（结果相同，更快）"},
        "p_clear": "{year}年末清零（无空白村）的概率",
        "current": "当前设置", "baseline": "情景",
        "diff": "{year}年末空白村数之差（当前 − 情景）",
        "diff_unit": "个村",
        "interval": "95%区间",
        "paired": "95%配对区间",
        "mean_zero": "平均空白村数：当前 {cur:.2f}，情景 {base:.2f}",
        "cmp_meta": "N = {n}，种子 {seed}，重复 0–{last}，{engine}",
        "stale": "注意：屏幕上的设置已改变，以上结果对应之前的设置。",
        "identical": "当前设置与情景相同，差值为 0。",
        "cmp_error": "对比运行出错：{err}",
        "charts": {"zero": "空白村", "quantiles": "收入分布", "mix": "经营模式", "money": "投入"},
    },
    "en": {
        "title": "Village collective economy simulator (vcsim)",
        "switch": "中文",
        "through": "Simulated through",
        "start": "(start: before the programme)",
        "zero_now": "villages with no income in the last 12 months: {n}",
        "year_end": "zero-income villages at year end: {items}",
        "spent": "spent {wan:,.0f} (10k yuan)",
        "scenario": "Scenario: {title}",
        "same": "settings as in the scenario",
        "changed": "differs from the scenario: {items}",
        "help": ("Buttons above: STEP advances one month (Render Interval = months per step), "
                 "▶ runs on, RESET starts again from January 2019 with the settings below. A "
                 "changed setting takes effect only on RESET."),
        "basis": {"last12": "last 12 months", "ytd": "year to date", "last_year": "last full year"},
        "colour_by": "Colour:",
        "no_font": "",
        "cmp_title": "Replicates: the settings on screen vs the scenario (end of {year})",
        "cmp_what": ("Runs the settings of the model on screen (as of the last RESET) and the "
                     "scenario '{base}' N times each, with the same seed and replicate numbers "
                     "(common random numbers), so differences come from the settings alone."),
        "cmp_n": "Replicates N", "cmp_run": "Run {n} pairs (about {sec:.0f} s)", "cmp_cancel": "Cancel",
        "cmp_running": "running: {done}/{n}", "cmp_cancelled": "Cancelled.",
        "cmp_engine": "Engine:",
        "engines": {"agents": "Mesa agent model (reference)", "vector": "vector engine (same numbers, faster)"},
        "p_clear": "Probability of clearance (no zero-income village) at the end of {year}",
        "current": "current settings", "baseline": "scenario",
        "diff": "Difference in zero-income villages at the end of {year} (current − scenario)",
        "diff_unit": "villages",
        "interval": "95% interval",
        "paired": "95% paired interval",
        "mean_zero": "mean zero-income villages: current {cur:.2f}, scenario {base:.2f}",
        "cmp_meta": "N = {n}, seed {seed}, replicates 0-{last}, {engine}",
        "stale": "Note: the settings on screen have changed since; these results are for the earlier settings.",
        "identical": "The settings are the scenario's own; the difference is 0.",
        "cmp_error": "The comparison failed: {err}",
        "charts": {"zero": "zero income", "quantiles": "income", "mix": "models", "money": "money"},
    },
}

CSS = """
.vcsim-input .v-input { margin-top: 0 !important; padding-top: 0 !important; }
.vcsim-input .v-messages { display: none; }
.vcsim-input .v-input__slot { margin-bottom: 0 !important; }
.vcsim-input .v-input--checkbox label { font-size: 14px; }
.vcsim-group { font-weight: 700; margin-top: 10px; color: #1565c0; }
.vcsim-hint { color: #777; font-size: 12px; }
.vcsim-value { font-weight: 700; }
.vcsim-month { font-size: 22px; font-weight: 700; }
.vcsim-small { color: #555; font-size: 13px; }
.vcsim-panel { padding: 6px 10px; }
.vcsim-big { font-size: 26px; font-weight: 700; }
.vcsim-header { max-height: 150px; overflow-y: auto; }
/* Mesa's tab bar holds one tab ("Page 0") here: hide it to give the charts the room */
.v-sheet.elevation-0.d-flex.ma-0 > .v-tabs { display: none; }
"""

_uids = itertools.count(1)


def _uid(model) -> int:
    """A token per model instance (``id()`` may be reused after a Reset)."""
    if not hasattr(model, "_dashboard_uid"):
        model._dashboard_uid = next(_uids)
    return model._dashboard_uid


# -- sidebar inputs (replaces Mesa's UserInputs) -------------------------------------------
@solara.component
def _Input(name: str, options: dict, on_change):
    value, set_value = solara.use_state(options.get("value"))

    def changed(v):
        set_value(v)
        on_change(name, v)

    kind = options.get("type")
    with solara.Column(classes=["vcsim-input", f"vcsim-input-{name}"], gap="0px"):
        if kind in ("SliderInt", "SliderFloat"):
            with solara.Row(gap="6px", style="align-items: baseline"):
                solara.Text(options.get("label", name))
                solara.Text(f"{value:,}", classes=["vcsim-value"])
                solara.Text(options.get("unit", ""), classes=["vcsim-hint"])
            slider = solara.SliderInt if kind == "SliderInt" else solara.SliderFloat
            slider("", value=value, on_value=changed, min=options.get("min"),
                   max=options.get("max"), step=options.get("step"), thumb_label=False)
        elif kind == "Checkbox":
            solara.Checkbox(label=options.get("label", name), value=value, on_value=changed)
        elif kind == "InputText":
            solara.InputText(options.get("label", name), value=value, on_value=changed)
        elif kind == "Select":
            solara.Select(options.get("label", name), value=value, values=options.get("values"),
                          on_value=changed)
        else:
            raise ValueError(f"{kind} is not a supported input type")


@solara.component
def DashboardInputs(user_params, on_change=None):
    """Mesa's model_params inputs, grouped, each with its value and unit shown, and the
    problems of the settings as they stand (before Reset) right above them."""
    first = next(iter(user_params.values()), {})
    current, set_current = solara.use_state({n: o.get("value") for n, o in user_params.items()})

    def changed(name, value):
        set_current(lambda old: {**old, name: value})
        if on_change is not None:
            on_change(name, value)

    if first.get("hint"):
        solara.Text(first["hint"], classes=["vcsim-hint", "vcsim-help"])
    context = first.get("context")
    with solara.Column(gap="4px", classes=["vcsim-input-problems"]):  # always there: the
        if context is not None:  # inputs below keep their place (and their state)
            scenario, roster, lang = context
            _, _, problems = st.resolve(current, scenario, roster)
            for problem in problems:
                alert = solara.Error if problem.level == "error" else solara.Warning
                alert(problem.text(lang), dense=True, classes=["vcsim-problem", "vcsim-input-problem"])
    group = None
    for name, options in user_params.items():
        if options.get("group") != group:
            group = options.get("group")
            solara.Text(group or "", classes=["vcsim-group"]).key(f"group-{name}")
        _Input(name, options, changed).key(f"input-{name}")


# component order and where each goes (12 columns, rows of 40 px)
LAYOUT = [
    {"i": 0, "x": 0, "y": 0, "w": 12, "h": 4},  # header
    {"i": 1, "x": 0, "y": 4, "w": 6, "h": 14},  # map
    {"i": 2, "x": 6, "y": 4, "w": 6, "h": 7},  # zero-income villages by cohort
    {"i": 3, "x": 6, "y": 11, "w": 6, "h": 7},  # money
    {"i": 4, "x": 0, "y": 18, "w": 6, "h": 7},  # income quantiles
    {"i": 5, "x": 6, "y": 18, "w": 6, "h": 7},  # model mix
    {"i": 6, "x": 0, "y": 25, "w": 12, "h": 10},  # replicate panel
]
_mesa_layout = mesa_viz.make_initial_grid_layout


def dashboard_layout(num_components: int):
    if num_components == len(LAYOUT):
        return [dict(item, moved=False) for item in LAYOUT]
    return _mesa_layout(num_components)


mesa_viz.UserInputs = DashboardInputs
mesa_viz.make_initial_grid_layout = dashboard_layout


# -- main area ------------------------------------------------------------------------------
@solara.component
def Header(model: DashboardModel):
    update_counter.get()
    lang = LANG.value
    tx = UI[lang]
    rec = model.records[-1]
    with solara.Column(classes=["vcsim-header", "vcsim-panel"], gap="2px"):
        with solara.Row(gap="14px", style="align-items: baseline; flex-wrap: wrap"):
            solara.Text(tx["through"])
            solara.Text(model.month_text, classes=["vcsim-month"])
            if model.t == 0:
                solara.Text(tx["start"], classes=["vcsim-small"])
            solara.Text(tx["zero_now"].format(n=rec["zero_income_villages"]), classes=["vcsim-zero-now"])
            ye = model.year_end_zero()
            if ye:
                solara.Text(tx["year_end"].format(items=", ".join(f"{y}: {n}" for y, n in ye.items())),
                            classes=["vcsim-small"])
            solara.Text(tx["spent"].format(wan=rec["spent_yuan"] / st.WAN), classes=["vcsim-spent"])
        changes = st.describe_changes(model.p, model.base_params, lang)
        sep = "；" if lang == "zh" else "; "
        solara.Text(tx["scenario"].format(title=model.scenario.title(lang)) + sep
                    + (tx["changed"].format(items=sep.join(changes)) if changes else tx["same"]),
                    classes=["vcsim-small", "vcsim-changes"])
        for problem in model.problems:
            alert = solara.Error if problem.level == "error" else solara.Warning
            alert(problem.text(lang), dense=True, classes=["vcsim-problem"])
        if lang == "zh" and not charts.cjk_font():
            solara.Warning(tx["no_font"], dense=True)


@solara.component
def CountyMap(model: DashboardModel):
    update_counter.get()
    lang = LANG.value
    basis, set_basis = solara.use_state("last12")
    png = solara.use_memo(lambda: charts.map_png(model, lang, basis),
                          [_uid(model), model.t, lang, basis])
    with solara.Column(classes=["vcsim-map", "vcsim-panel"], gap="4px"):
        with solara.Row(gap="4px", style="align-items: center"):
            solara.Text(UI[lang]["colour_by"], classes=["vcsim-small"])
            for b in INCOME_BASES:
                solara.Button(UI[lang]["basis"][b], on_click=lambda b=b: set_basis(b), small=True,
                              color="primary" if b == basis else None, outlined=b != basis,
                              classes=[f"vcsim-basis-{b}"])
        solara.Image(png, width="100%")


def _chart(kind: str, draw):
    @solara.component
    def Chart(model: DashboardModel):
        update_counter.get()
        lang = LANG.value
        png = solara.use_memo(lambda: draw(model, lang), [_uid(model), model.t, lang])
        with solara.Column(classes=["vcsim-chart", f"vcsim-chart-{kind}", "vcsim-panel"], gap="0px"):
            solara.Image(png, width="100%")

    Chart.__name__ = f"Chart_{kind}"
    return Chart


ZeroChart = _chart("zero", charts.zero_png)
QuantileChart = _chart("quantiles", charts.quantiles_png)
MixChart = _chart("mix", charts.mix_png)
MoneyChart = _chart("money", charts.money_png)


def _fmt_p(p: float) -> str:
    return f"{p:.2f}"


@solara.component
def ComparePanel(model: DashboardModel):
    lang = LANG.value
    tx = UI[lang]
    n, set_n = solara.use_state(20)
    engine, set_engine = solara.use_state("agents")
    progress, set_progress = solara.use_state((0, 0))
    cancel = solara.use_memo(threading.Event, [])

    def run(m: DashboardModel, replicates: int, engine: str):
        cancel.clear()
        result = paired_comparison(m.p, m.base_params, m.roster, replicates, m.seed_used,
                                   year=TARGET_YEAR, engine=engine,
                                   progress=lambda d, t: set_progress((d, t)),
                                   cancelled=cancel.is_set)
        return {"result": result, "flat": dict(m.p.flat), "seed": m.seed_used, "engine": engine}

    task = solara.lab.use_task(run, dependencies=None, raise_error=False)
    with solara.Columns([5, 6], classes=["vcsim-compare", "vcsim-panel"]):
        with solara.Column(gap="6px"):
            solara.Text(tx["cmp_title"].format(year=TARGET_YEAR), style="font-weight: 700")
            solara.Text(tx["cmp_what"].format(base=model.scenario.title(lang)), classes=["vcsim-small"])
            with solara.Row(gap="6px", style="align-items: baseline"):
                solara.Text(tx["cmp_n"])
                solara.Text(str(n), classes=["vcsim-value", "vcsim-n"])
            solara.SliderInt("", value=n, on_value=set_n, min=5, max=200, step=5, thumb_label=False)
            with solara.Row(gap="8px"):
                seconds = 2 * n * SECONDS_PER_RUN[engine] * len(model.villages) / 210 + 0.5
                solara.Button(tx["cmp_run"].format(n=n, sec=seconds), color="primary",
                              on_click=lambda: (set_progress((0, n)), task(model, n, engine)),
                              disabled=task.pending, classes=["vcsim-run-compare"])
                if task.pending:
                    solara.Button(tx["cmp_cancel"], on_click=cancel.set, outlined=True,
                                  classes=["vcsim-cancel-compare"])
            with solara.Row(gap="4px", style="align-items: center; flex-wrap: wrap"):
                solara.Text(tx["cmp_engine"], classes=["vcsim-small"])
                for e in REPLICATES_PER_CALL:
                    solara.Button(tx["engines"][e], on_click=lambda e=e: set_engine(e), small=True,
                                  color="primary" if e == engine else None, outlined=e != engine,
                                  disabled=task.pending, classes=[f"vcsim-engine-{e}"])
        with solara.Column(gap="4px"):
            if task.pending:
                done, total = progress
                solara.ProgressLinear(100 * done / total if total else True)
                solara.Text(tx["cmp_running"].format(done=done, n=total), classes=["vcsim-small"])
            if task.error:
                solara.Error(tx["cmp_error"].format(err=task.exception), classes=["vcsim-problem"])
            out = task.value if task.finished else None
            if task.finished and out is not None and out["result"] is None:
                solara.Info(tx["cmp_cancelled"], dense=True)
            if out is not None and out["result"] is not None:
                _CompareResult(out, model, lang)


@solara.component
def _CompareResult(out: dict, model: DashboardModel, lang: str):
    tx = UI[lang]
    r = out["result"]
    year = r.year
    with solara.Column(classes=["vcsim-compare-result"], gap="2px"):
        solara.Text(tx["p_clear"].format(year=year), style="font-weight: 700; margin-top: 6px")
        lo, hi = r.p_cleared_interval
        with solara.Row(gap="8px", style="align-items: baseline"):
            solara.Text(tx["current"])
            solara.Text(_fmt_p(r.p_cleared), classes=["vcsim-big", "vcsim-p-clear"])
            solara.Text(f"{tx['interval']} [{_fmt_p(lo)}, {_fmt_p(hi)}]", classes=["vcsim-small"])
        blo, bhi = r.p_cleared_baseline_interval
        with solara.Row(gap="8px", style="align-items: baseline"):
            solara.Text(tx["baseline"])
            solara.Text(_fmt_p(r.p_cleared_baseline), classes=["vcsim-value", "vcsim-p-clear-baseline"])
            solara.Text(f"{tx['interval']} [{_fmt_p(blo)}, {_fmt_p(bhi)}]", classes=["vcsim-small"])
        solara.Text(tx["diff"].format(year=year), style="font-weight: 700; margin-top: 6px")
        dlo, dhi = r.difference_interval
        with solara.Row(gap="8px", style="align-items: baseline"):
            solara.Text(f"{r.mean_difference:+.2f}", classes=["vcsim-big", "vcsim-diff"])
            solara.Text(tx["diff_unit"])
            if dlo == dlo:  # not NaN (N >= 2)
                solara.Text(f"{tx['paired']} [{dlo:+.2f}, {dhi:+.2f}]", classes=["vcsim-small", "vcsim-diff-interval"])
        solara.Text(tx["mean_zero"].format(cur=r.current_zero.mean(), base=r.baseline_zero.mean()),
                    classes=["vcsim-small"])
        solara.Text(tx["cmp_meta"].format(n=r.replicates, seed=r.seed, last=r.replicates - 1,
                                          engine=tx["engines"][out["engine"]]),
                    classes=["vcsim-hint"])
        if out["flat"] == model.base_params.flat:
            solara.Text(tx["identical"], classes=["vcsim-hint"])
        if out["flat"] != model.p.flat or out["seed"] != model.seed_used:
            solara.Warning(tx["stale"], dense=True)


COMPONENTS = [Header, CountyMap, ZeroChart, MoneyChart, QuantileChart, MixChart, ComparePanel]


def model_params(lang: str, initial: dict, fixed: dict) -> dict:
    """Mesa's ``model_params``: one input per control, plus the fixed scenario and roster."""
    out = {}
    for c in st.CONTROLS:
        group = st.GROUPS[c.group][0 if lang == "zh" else 1]
        value = initial[c.name]
        if c.kind == "int":
            lo, hi = st.slider_range(c, value)
            out[c.name] = {"type": "SliderInt", "value": value, "label": c.label(lang), "min": lo,
                           "max": hi, "step": c.step, "unit": c.unit(lang), "group": group}
        elif c.kind == "bool":
            out[c.name] = {"type": "Checkbox", "value": value, "label": c.label(lang), "group": group}
        else:
            out[c.name] = {"type": "InputText", "value": value, "label": c.label(lang), "group": group}
    first = next(iter(out))
    out[first]["hint"] = UI[lang]["help"]
    out[first]["context"] = (fixed["scenario"], fixed["roster"], lang)
    return {**out, **fixed}


@solara.component
def Dashboard():
    lang = LANG.value
    scenario, roster, problems = solara.use_memo(load_inputs, [])
    initial = solara.use_memo(lambda: st.values_from_params(scenario.params(county_size(roster))), [])
    fixed = {"scenario": scenario, "roster": roster, "input_problems": tuple(problems)}
    model = solara.use_memo(lambda: DashboardModel(**initial, **fixed), [])
    solara.Style(CSS)
    with solara.AppBar():
        solara.Button(UI[lang]["switch"], on_click=lambda: LANG.set("en" if lang == "zh" else "zh"),
                      text=True, classes=["vcsim-lang"], style="color: white")
    SolaraViz(model, components=COMPONENTS, model_params=model_params(lang, initial, fixed),
              name=UI[lang]["title"], play_interval=100)


page = Dashboard()
