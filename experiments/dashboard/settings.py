"""The dashboard's controls: what a planner can move, how each maps onto the parameter
registry, and the checks that turn bad settings into a message instead of a dead page.

Money is shown in 万元 (10,000 yuan), the unit county planners use; the model works
in yuan. Every control maps to one or more dotted keys of ``model.parameters``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vcsim.experiments.messages import Msg, text
from vcsim.model.business_models import MODEL_CODES, MODEL_NAMES
from vcsim.model.parameters import PARAMETERS, make_params
from vcsim.model.roster import county_size

WAN = 10_000  # yuan per 万元


@dataclass(frozen=True)
class Control:
    name: str  # keyword argument of DashboardModel; its label is "dashboard.control.<name>"
    kind: str  # "int" (slider), "bool" (checkbox), "text"
    group: str  # its heading is "dashboard.group.<group>"
    key: str | None = None  # parameter key it sets (None: handled specially)
    scale: float = 1.0  # parameter value = control value * scale
    unit: str = ""  # its unit is "dashboard.unit.<unit>" (万元 / × 10k yuan)
    min: int = 0
    max: int = 1
    step: int = 1

    def label(self, lang: str) -> str:
        """The control's name in ``lang``: a business model by its own name, the others
        from the message catalogue."""
        if self.group == "models":
            return MODEL_NAMES[lang][self.key.split(".")[1]]
        return text(f"dashboard.control.{self.name}", lang)

    def unit_label(self, lang: str) -> str:
        return text(f"dashboard.unit.{self.unit}", lang) if self.unit else ""

    def render(self, lang: str) -> str:  # as a message field: its label
        return self.label(lang)


def group_label(group: str, lang: str) -> str:
    return text(f"dashboard.group.{group}", lang)


CONTROLS: tuple[Control, ...] = (
    Control("poor_grant_wan", "int", "money", "funding.poor_village_yuan", WAN, "wan_yuan",
            0, 100, 5),
    Control("nonpoor_grant_wan", "int", "money", "funding.nonpoor_village_yuan", WAN, "wan_yuan",
            0, 60, 5),
    Control("pool_wan", "int", "money", "funding.grant_pool_yuan", WAN, "wan_yuan", 0, 15_000, 250),
    Control("secretary_money_wan", "int", "money", "first_secretary.money_mean_yuan", WAN,
            "wan_yuan", 0, 30, 1),
    Control("demonstration_villages", "int", "money", "demonstration.villages", 1, "villages",
            0, 30, 1),
    Control("all_in_2019", "bool", "process"),
    Control("review", "bool", "process", "selection.review"),
    Control("monthly_inspection", "bool", "process", "organisation.monthly_inspection"),
    Control("quarterly_comparison", "bool", "process", "organisation.quarterly_comparison"),
    Control("tourism_shock", "bool", "shocks", "shocks.tourism_2020.enabled"),
    Control("pv_arrears", "bool", "shocks", "shocks.pv_arrears.enabled"),
    Control("partner_default_wave", "bool", "shocks", "shocks.partner_default_wave.enabled"),
    Control("commodity_prices", "bool", "shocks", "shocks.commodity_prices.enabled"),
    *(Control(f"model_{code}", "bool", "models", f"models.{code}.enabled") for code in MODEL_CODES),
    Control("seed", "text", "run"),
)
CONTROL_BY_NAME = {c.name: c for c in CONTROLS}
ROLLOUT_KEYS = ("rollout.poor_year", "rollout.priority_year", "rollout.remaining_year")
DEFAULT_SEED = 1


@dataclass(frozen=True)
class Problem:
    level: str  # "error": the setting could not be used; "warning": it runs, but see why
    msg: Msg  # what, from the message catalogue (shown in the page's language)

    def text(self, lang: str) -> str:
        return self.msg.render(lang)


def values_from_params(params, seed: int = DEFAULT_SEED) -> dict:
    """The controls' positions that reproduce ``params`` (a scenario's parameters)."""
    flat = params.flat
    out = {}
    for c in CONTROLS:
        if c.name == "all_in_2019":
            out[c.name] = all(flat[k] == 2019 for k in ROLLOUT_KEYS)
        elif c.name == "seed":
            out[c.name] = str(seed)
        elif c.kind == "bool":
            out[c.name] = bool(flat[c.key])
        else:
            out[c.name] = int(round(flat[c.key] / c.scale))
    return out


def slider_range(control: Control, value: int) -> tuple[int, int]:
    """The slider's span, widened to hold a scenario value outside the usual one."""
    return min(control.min, value), max(control.max, value)


def overrides_from_values(values: dict, base_params) -> tuple[dict, int, list[Problem]]:
    """Dotted-key overrides, the seed, and the problems found in the controls' values.

    ``base_params`` are the scenario's parameters: unticking "all in 2019" goes back to
    its rollout years (or the registry's three steps when the scenario itself starts all
    villages in 2019).
    """
    problems: list[Problem] = []
    out: dict = {}
    for c in CONTROLS:
        v = values.get(c.name)
        if c.name == "seed":
            continue
        if c.name == "all_in_2019":
            if v:
                out.update(dict.fromkeys(ROLLOUT_KEYS, 2019))
            else:
                years = [base_params.flat[k] for k in ROLLOUT_KEYS]
                if all(y == 2019 for y in years):
                    years = [PARAMETERS[k].default for k in ROLLOUT_KEYS]
                out.update(dict(zip(ROLLOUT_KEYS, years)))
            continue
        if c.kind == "bool":
            out[c.key] = bool(v)
            continue
        try:
            number = float(v)
        except (TypeError, ValueError):
            problems.append(Problem("error", Msg("dashboard.problem.not_number", control=c,
                                                 got=v)))
            continue
        if number < 0:
            problems.append(Problem("error", Msg("dashboard.problem.negative", control=c)))
            continue
        value = number * c.scale
        out[c.key] = int(value) if PARAMETERS[c.key].kind == "int" else float(value)
    seed, seed_problem = parse_seed(values.get("seed", DEFAULT_SEED))
    if seed_problem:
        problems.append(seed_problem)
    return out, seed, problems


def parse_seed(text) -> tuple[int, Problem | None]:
    try:
        seed = int(str(text).strip())
        if seed < 0:
            raise ValueError
        return seed, None
    except ValueError:
        return DEFAULT_SEED, Problem("error", Msg("dashboard.problem.seed", got=text,
                                                  seed=DEFAULT_SEED))


def setting_warnings(params, roster: pd.DataFrame) -> list[Problem]:
    """Settings that run but probably are not what the planner meant."""
    p = params
    out: list[Problem] = []
    if not any(getattr(p.models, code).enabled for code in MODEL_CODES):
        out.append(Problem("warning", Msg("dashboard.problem.no_model")))
    pool = p.funding.grant_pool_yuan
    n_poor = int(roster["poor"].sum())
    first_need = n_poor * p.funding.poor_village_yuan
    if pool <= 0:
        out.append(Problem("warning", Msg("dashboard.problem.empty_pool")))
    elif pool < first_need:
        out.append(Problem("warning", Msg("dashboard.problem.small_pool", pool_wan=pool / WAN,
                                          n=n_poor, need_wan=first_need / WAN)))
    if p.funding.poor_village_yuan <= 0 and p.funding.nonpoor_village_yuan <= 0 and pool > 0:
        out.append(Problem("warning", Msg("dashboard.problem.no_grants")))
    return out


def describe_changes(params, base_params, lang: str) -> list[str]:
    """The controls whose value differs from the scenario's, as short phrases."""
    now, base = values_from_params(params), values_from_params(base_params)
    out = []
    for c in CONTROLS:
        if c.name == "seed" or now[c.name] == base[c.name]:
            continue
        if c.kind == "bool":
            state = Msg("dashboard.on" if now[c.name] else "dashboard.off")
            out.append(text("dashboard.change_switch", lang=lang, control=c.label(lang),
                            state=state))
        else:
            out.append(text("dashboard.change_value", lang=lang, control=c.label(lang),
                            value=f"{now[c.name]:,}", unit=c.unit_label(lang),
                            was=f"{base[c.name]:,}"))
    return out


def resolve(values: dict, scenario, roster: pd.DataFrame):
    """(parameters, seed, problems) for the controls' ``values`` on top of ``scenario``.
    Never raises: a value that cannot be used gives a problem and the scenario's value."""
    county = county_size(roster)  # what the scenario's scaled settings start from
    base = scenario.params(county)
    overrides, seed, problems = overrides_from_values(values, base)
    try:
        params = make_params({**scenario.overrides, **overrides}, county)
    except ValueError as exc:
        problems.append(Problem("error", Msg("dashboard.problem.invalid", reason=exc)))
        params = base
    return params, seed, problems + setting_warnings(params, roster)
