"""vcsim dashboard: the county model in the browser, on Mesa's SolaraViz.

Served by ``vcsim dashboard`` (``solara run`` on this file); the scenario and roster come
through the environment variables in ``experiments.dashboard.live``. The page:

- left (Mesa's sidebar): Step / Play / Reset, and the planners' levers grouped by theme;
  a moved lever takes effect on Reset (Mesa's rule: Reset re-creates the model);
- a header with the month simulated so far, what differs from the scenario, and any
  problem with the settings;
- the county map at the villages' coordinates, and four charts that grow month by month;
- a panel that runs N replicates of the settings on screen against the scenario, in a
  background thread, with common random numbers;
- the watch list (台账) of those runs: the villages most at risk of no operating income at
  the end of 2021, with the replicate count and 95% intervals.

Chinese by default; the button in the top bar switches to English.

Two Mesa 3.3.1 hooks are replaced (both are module globals that SolaraViz looks up when
it renders, and Mesa is pinned to 3.3.1): ``UserInputs``, so each lever shows its value
and unit and the levers come in groups, and ``make_initial_grid_layout``, so the map and
charts get a layout that fits a laptop screen instead of equal half-width tiles.
"""

from __future__ import annotations

import itertools
import re
import threading

import solara
from mesa.visualization import SolaraViz
from mesa.visualization import solara_viz as mesa_viz
from mesa.visualization.utils import update_counter

from vcsim.experiments.dashboard import charts
from vcsim.experiments.dashboard import settings as st
from vcsim.experiments.dashboard.live import (INCOME_BASES, DashboardModel, initial_language,
                                              load_inputs)
from vcsim.experiments.dashboard.replicates import TARGET_YEAR, paired_comparison
from vcsim.experiments.engines import ENGINES
from vcsim.experiments.messages import MESA_KEYS, text
from vcsim.model.roster import county_size

LANG = solara.reactive(initial_language())  # per browser session; the top bar switches it
# the replicate panel's last run (per browser session): the watch-list panel shows it
LAST_REPLICATES = solara.reactive(None)
# one replicate to the end of 2021 on the default county, for the time estimate


def ui(key: str, lang: str, **fields) -> str:
    """A text of the page (catalogue key ``dashboard.ui.KEY``) in ``lang``."""
    return text(f"dashboard.ui.{key}", lang=lang, **fields)


class MesaInTheLanguage:
    """Mesa's own SolaraViz controls in the page's language.

    Mesa's ``solara_viz`` writes its labels as English literals ("Controls", "Play
    Interval (ms)", "Reset", "Step", "Step: 3"...) in calls to ``solara.Card``,
    ``SliderInt``, ``Checkbox``, ``Button`` and ``Text``, which it looks up through its
    module global ``solara`` when it renders. This object stands in for that global: it
    passes everything through to solara, and those five calls with their label put
    through the message catalogue (keys ``dashboard.mesa.*``, whose English is Mesa's own
    text) in the language of the page at that moment. Labels it does not know stay as
    Mesa wrote them; tests/test_dashboard_parts.py checks that every label in the
    installed Mesa's SolaraViz is known. The same labels serve Mesa 3.3.1 and 3.5.1."""

    _STEP = re.compile(r"^(Step|Time): (.+)$")

    def __init__(self, module, language):
        self._solara = module
        self._language = language

    def __getattr__(self, name):
        return getattr(self._solara, name)

    def label(self, value):
        if not isinstance(value, str):
            return value
        lang = self._language()
        key = MESA_KEYS.get(value)
        if key:
            return text(key, lang=lang)
        counter = self._STEP.match(value)
        if counter:
            key = "dashboard.mesa.step_count" if counter[1] == "Step" else "dashboard.mesa.time_count"
            return text(key, lang=lang, value=counter[2])
        return value

    def _labelled(self, name, args, kwargs):
        if args:
            args = (self.label(args[0]), *args[1:])
        for field in ("label", "title"):
            if field in kwargs:
                kwargs[field] = self.label(kwargs[field])
        return getattr(self._solara, name)(*args, **kwargs)

    def Card(self, *args, **kwargs):  # noqa: N802 - solara's names
        return self._labelled("Card", args, kwargs)

    def SliderInt(self, *args, **kwargs):  # noqa: N802
        return self._labelled("SliderInt", args, kwargs)

    def Checkbox(self, *args, **kwargs):  # noqa: N802
        return self._labelled("Checkbox", args, kwargs)

    def Button(self, *args, **kwargs):  # noqa: N802
        return self._labelled("Button", args, kwargs)

    def Text(self, *args, **kwargs):  # noqa: N802
        return self._labelled("Text", args, kwargs)


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
    {"i": 6, "x": 0, "y": 25, "w": 12, "h": 11},  # replicate panel
    {"i": 7, "x": 0, "y": 36, "w": 12, "h": 11},  # watch list of the replicates
]
_mesa_layout = mesa_viz.make_initial_grid_layout


def dashboard_layout(num_components: int):
    if num_components == len(LAYOUT):
        return [dict(item, moved=False) for item in LAYOUT]
    return _mesa_layout(num_components)


mesa_viz.UserInputs = DashboardInputs
mesa_viz.make_initial_grid_layout = dashboard_layout
mesa_viz.solara = MesaInTheLanguage(solara, lambda: LANG.value)


# -- main area ------------------------------------------------------------------------------
@solara.component
def Header(model: DashboardModel):
    update_counter.get()
    lang = LANG.value
    rec = model.records[-1]
    with solara.Column(classes=["vcsim-header", "vcsim-panel"], gap="2px"):
        with solara.Row(gap="14px", style="align-items: baseline; flex-wrap: wrap"):
            solara.Text(ui("through", lang))
            solara.Text(model.month_text, classes=["vcsim-month"])
            if model.t == 0:
                solara.Text(ui("start", lang), classes=["vcsim-small"])
            solara.Text(ui("zero_now", lang, n=rec["zero_income_villages"]), classes=["vcsim-zero-now"])
            ye = model.year_end_zero()
            if ye:
                solara.Text(ui("year_end", lang, items=", ".join(f"{y}: {n}" for y, n in ye.items())),
                            classes=["vcsim-small"])
            solara.Text(ui("spent", lang, wan=rec["spent_yuan"] / st.WAN), classes=["vcsim-spent"])
        changes = st.describe_changes(model.p, model.base_params, lang)
        sep = "；" if lang == "zh" else "; "
        solara.Text(ui("scenario", lang, title=model.base_scenario.title(lang)) + sep
                    + (ui("changed", lang, items=sep.join(changes)) if changes else ui("same", lang)),
                    classes=["vcsim-small", "vcsim-changes"])
        for problem in model.problems:
            alert = solara.Error if problem.level == "error" else solara.Warning
            alert(problem.text(lang), dense=True, classes=["vcsim-problem"])
        if lang == "zh" and not charts.cjk_font():
            solara.Warning(ui("no_font", lang), dense=True)


@solara.component
def CountyMap(model: DashboardModel):
    update_counter.get()
    lang = LANG.value
    basis, set_basis = solara.use_state("last12")
    png = solara.use_memo(lambda: charts.map_png(model, lang, basis),
                          [_uid(model), model.t, lang, basis])
    with solara.Column(classes=["vcsim-map", "vcsim-panel"], gap="4px"):
        with solara.Row(gap="4px", style="align-items: center"):
            solara.Text(ui("colour_by", lang), classes=["vcsim-small"])
            for b in INCOME_BASES:
                solara.Button(ui(f"basis_{b}", lang), on_click=lambda b=b: set_basis(b), small=True,
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
        out = {"result": result, "flat": dict(m.p.flat), "seed": m.seed_used, "engine": engine}
        LAST_REPLICATES.set(out)  # for the watch-list panel
        return out

    task = solara.lab.use_task(run, dependencies=None, raise_error=False)
    with solara.Columns([5, 6], classes=["vcsim-compare", "vcsim-panel"]):
        with solara.Column(gap="6px"):
            solara.Text(ui("cmp_title", lang, year=TARGET_YEAR), style="font-weight: 700")
            solara.Text(ui("cmp_what", lang, base=model.base_scenario.title(lang)), classes=["vcsim-small"])
            with solara.Row(gap="6px", style="align-items: baseline"):
                solara.Text(ui("cmp_n", lang))
                solara.Text(str(n), classes=["vcsim-value", "vcsim-n"])
            solara.SliderInt("", value=n, on_value=set_n, min=5, max=200, step=5, thumb_label=False)
            with solara.Row(gap="8px"):
                seconds = 2 * n * ENGINES[engine].seconds_per_run(len(model.villages), TARGET_YEAR - 2018) + 0.5
                solara.Button(ui("cmp_run", lang, n=n, sec=seconds), color="primary",
                              on_click=lambda: (set_progress((0, n)), task(model, n, engine)),
                              disabled=task.pending, classes=["vcsim-run-compare"])
                if task.pending:
                    solara.Button(ui("cmp_cancel", lang), on_click=cancel.set, outlined=True,
                                  classes=["vcsim-cancel-compare"])
            with solara.Row(gap="4px", style="align-items: center; flex-wrap: wrap"):
                solara.Text(ui("cmp_engine", lang), classes=["vcsim-small"])
                for e in ENGINES:
                    solara.Button(ui(f"engine_{e}", lang), on_click=lambda e=e: set_engine(e), small=True,
                                  color="primary" if e == engine else None, outlined=e != engine,
                                  disabled=task.pending, classes=[f"vcsim-engine-{e}"])
        with solara.Column(gap="4px"):
            if task.pending:
                done, total = progress
                solara.ProgressLinear(100 * done / total if total else True)
                solara.Text(ui("cmp_running", lang, done=done, n=total), classes=["vcsim-small"])
            if task.error:
                solara.Error(ui("cmp_error", lang, err=task.exception), classes=["vcsim-problem"])
            out = task.value if task.finished else None
            if task.finished and out is not None and out["result"] is None:
                solara.Info(ui("cmp_cancelled", lang), dense=True)
            if out is not None and out["result"] is not None:
                _CompareResult(out, model, lang)


@solara.component
def _CompareResult(out: dict, model: DashboardModel, lang: str):
    r = out["result"]
    year = r.year
    with solara.Column(classes=["vcsim-compare-result"], gap="2px"):
        solara.Text(ui("p_clear", lang, year=year, n=r.replicates),
                    style="font-weight: 700; margin-top: 6px")
        lo, hi = r.p_cleared_interval
        with solara.Row(gap="8px", style="align-items: baseline; flex-wrap: wrap"):
            solara.Text(ui("current", lang))
            solara.Text(_fmt_p(r.p_cleared), classes=["vcsim-big", "vcsim-p-clear"])
            solara.Text(ui("interval", lang, low=_fmt_p(lo), high=_fmt_p(hi), n=r.replicates),
                        classes=["vcsim-small", "vcsim-p-clear-interval"])
        blo, bhi = r.p_cleared_baseline_interval
        with solara.Row(gap="8px", style="align-items: baseline; flex-wrap: wrap"):
            solara.Text(ui("baseline", lang))
            solara.Text(_fmt_p(r.p_cleared_baseline), classes=["vcsim-value", "vcsim-p-clear-baseline"])
            solara.Text(ui("interval", lang, low=_fmt_p(blo), high=_fmt_p(bhi), n=r.replicates),
                        classes=["vcsim-small"])
        # why a brief made with more replicates can show another number
        solara.Text(ui("fewer_replicates", lang, n=r.replicates, seed=r.seed,
                       last=r.replicates - 1, half=round(50 * (hi - lo))),
                    classes=["vcsim-hint", "vcsim-replicates-note"])
        solara.Text(ui("diff", lang, year=year), style="font-weight: 700; margin-top: 6px")
        dlo, dhi = r.difference_interval
        with solara.Row(gap="8px", style="align-items: baseline"):
            solara.Text(f"{r.mean_difference:+.2f}", classes=["vcsim-big", "vcsim-diff"])
            solara.Text(ui("diff_unit", lang))
            if dlo == dlo:  # not NaN (N >= 2)
                solara.Text(ui("paired", lang, low=f"{dlo:+.2f}", high=f"{dhi:+.2f}"), classes=["vcsim-small", "vcsim-diff-interval"])
        solara.Text(ui("mean_zero", lang, cur=r.current_zero.mean(), base=r.baseline_zero.mean()),
                    classes=["vcsim-small"])
        solara.Text(ui("cmp_meta", lang, n=r.replicates, seed=r.seed, last=r.replicates - 1,
                                          engine=ui(f"engine_{out['engine']}", lang)),
                    classes=["vcsim-hint"])
        if out["flat"] == model.base_params.flat:
            solara.Text(ui("identical", lang), classes=["vcsim-hint"])
        if out["flat"] != model.p.flat or out["seed"] != model.seed_used:
            solara.Warning(ui("stale", lang), dense=True)


WATCH_CSS = """
.vcsim-watch-table { border-collapse: collapse; font-size: 13px; margin: 4px 0; }
.vcsim-watch-table th { text-align: left; color: #555; font-weight: 600; border-bottom: 1px solid #999;
                        padding: 2px 12px 2px 0; }
.vcsim-watch-table td { padding: 2px 12px 2px 0; }
.vcsim-watch-table tr:nth-child(even) td { background: #f3f3f3; }
"""


@solara.component
def WatchPanel(model: DashboardModel):
    """The watch list (台账) of the replicate panel's last runs of the settings on screen."""
    from vcsim.experiments.dashboard.watch import table_html, watch_view
    lang = LANG.value
    out = LAST_REPLICATES.value
    solara.Style(WATCH_CSS)
    with solara.Column(classes=["vcsim-watch", "vcsim-panel"], gap="4px"):
        if out is None or out["result"] is None:
            solara.Text(ui("watch_title", lang, year=TARGET_YEAR), style="font-weight: 700")
            solara.Text(ui("watch_cancelled" if out else "watch_empty", lang),
                        classes=["vcsim-hint", "vcsim-watch-empty"])
            return
        view = watch_view(out["result"], lang)
        solara.Text(view.heading, style="font-weight: 700", classes=["vcsim-watch-heading"])
        if view.rows:
            solara.HTML(tag="table", unsafe_innerHTML=table_html(view), classes=["vcsim-watch-table"])
        if view.towns:
            solara.Text(view.towns, classes=["vcsim-small", "vcsim-watch-towns"])
        solara.Text(view.note, classes=["vcsim-hint", "vcsim-watch-note"])
        if out["flat"] != model.p.flat or out["seed"] != model.seed_used:
            solara.Warning(ui("stale", lang), dense=True)


COMPONENTS = [Header, CountyMap, ZeroChart, MoneyChart, QuantileChart, MixChart, ComparePanel,
              WatchPanel]


def model_params(lang: str, initial: dict, fixed: dict) -> dict:
    """Mesa's ``model_params``: one input per control, plus the fixed scenario and roster."""
    out = {}
    for c in st.CONTROLS:
        group = st.group_label(c.group, lang)
        value = initial[c.name]
        if c.kind == "int":
            lo, hi = st.slider_range(c, value)
            out[c.name] = {"type": "SliderInt", "value": value, "label": c.label(lang), "min": lo,
                           "max": hi, "step": c.step, "unit": c.unit_label(lang), "group": group}
        elif c.kind == "bool":
            out[c.name] = {"type": "Checkbox", "value": value, "label": c.label(lang), "group": group}
        else:
            out[c.name] = {"type": "InputText", "value": value, "label": c.label(lang), "group": group}
    first = next(iter(out))
    out[first]["hint"] = ui("help", lang)
    out[first]["context"] = (fixed["base_scenario"], fixed["roster"], lang)
    return {**out, **fixed}


@solara.component
def Dashboard():
    lang = LANG.value
    scenario, roster, problems = solara.use_memo(load_inputs, [])
    initial = solara.use_memo(lambda: st.values_from_params(scenario.params(county_size(roster))), [])
    fixed = {"base_scenario": scenario, "roster": roster, "input_problems": tuple(problems)}
    model = solara.use_memo(lambda: DashboardModel(**initial, **fixed), [])
    solara.Style(CSS)
    solara.Title(ui("title", lang))  # the browser tab
    with solara.AppBar():
        solara.Button(ui("switch", lang), on_click=lambda: LANG.set("en" if lang == "zh" else "zh"),
                      text=True, classes=["vcsim-lang"], style="color: white")
    SolaraViz(model, components=COMPONENTS, model_params=model_params(lang, initial, fixed),
              name=ui("title", lang), play_interval=100)


page = Dashboard()
