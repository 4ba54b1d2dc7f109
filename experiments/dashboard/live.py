"""The model the dashboard steps month by month, with its own per-month records.

``DashboardModel`` is ``CollectiveEconomyModel`` built from the dashboard's controls
(keyword arguments, as Mesa's SolaraViz re-creates a model with ``cls(**params)`` on
Reset). It never raises on bad settings: it falls back to the scenario's values and
lists the problems in ``problems`` for the page to show.

The model collects county measures once a year; the dashboard wants them every month,
so each step it reads the villages and records (``records``): zero-income villages by
cohort, income quantiles, the business-model mix and the money spent. Village income
per month is the change in each village's project income booked so far this year; a
village's own (pre-programme) income counts in full for a year, as at the year's close.
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np
import pandas as pd

from vcsim.experiments.dashboard import settings as st
from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import Msg
from vcsim.model import CollectiveEconomyModel
from vcsim.model.business_models import MODEL_CODES
from vcsim.model.model import START_YEAR
from vcsim.model.roster import county_size

ENV_SCENARIO = "VCSIM_DASHBOARD_SCENARIO"
ENV_ROSTER = "VCSIM_DASHBOARD_ROSTER"
INCOME_BASES = ("last12", "ytd", "last_year")  # how the map reads a village's income
MONEY_SOURCES = ("grant_central", "grant_province", "grant_city_county", "integrated",
                 "first_secretary", "demonstration")
QUANTILES = (10, 25, 50, 75, 90)


@lru_cache(maxsize=4)
def _scenario(spec: str | None):
    from vcsim.experiments.scenario import load_scenario
    return load_scenario(spec or "baseline")


@lru_cache(maxsize=4)
def _roster(path: str | None) -> pd.DataFrame:
    from vcsim.experiments.roster import load_default_roster, read_roster
    roster = load_default_roster() if not path else read_roster(path, seed=st.DEFAULT_SEED)
    return roster.reset_index(drop=True)


def load_inputs():
    """(scenario, roster, problems) from the environment that ``vcsim dashboard`` sets.
    A file that cannot be read gives a problem and the built-in default instead."""
    problems = []
    try:
        scenario = _scenario(os.environ.get(ENV_SCENARIO) or None)
    except InputError as exc:
        problems.append(st.Problem("error", Msg("dashboard.problem.scenario_file", reason=exc)))
        scenario = _scenario(None)
    try:
        roster = _roster(os.environ.get(ENV_ROSTER) or None)
    except InputError as exc:
        problems.append(st.Problem("error", Msg("dashboard.problem.roster_file", reason=exc)))
        roster = _roster(None)
    return scenario, roster, problems


ENV_LANG = "VCSIM_DASHBOARD_LANG"


def initial_language() -> str:
    """The page's language when it opens: ``vcsim --lang en dashboard`` gives English;
    otherwise Chinese (the page has a switch)."""
    return "en" if os.environ.get(ENV_LANG) == "en" else "zh"


def month_label(t: int) -> str:
    """'YYYY-MM' of the last month simulated after ``t`` steps ('2018-12' before any)."""
    if t <= 0:
        return f"{START_YEAR - 1}-12"
    return f"{START_YEAR + (t - 1) // 12}-{(t - 1) % 12 + 1:02d}"


class DashboardModel(CollectiveEconomyModel):
    """The county model made from the dashboard's controls (see ``settings.CONTROLS``)."""

    def __init__(self, poor_grant_wan=50, nonpoor_grant_wan=25, pool_wan=7000,
                 secretary_money_wan=10, demonstration_villages=14, all_in_2019=False,
                 review=True, monthly_inspection=True, quarterly_comparison=True,
                 tourism_shock=True, pv_arrears=True, partner_default_wave=False,
                 commodity_prices=True, model_solar=True, model_cluster=True,
                 model_idle_assets=True, model_town_shop=True, model_attract_investor=True,
                 model_enterprise_equity=True, model_cooperative=True, model_workshop=True,
                 base_scenario=None, roster=None, input_problems=(), seed="1"):
        # base_scenario, not scenario: Mesa 3.5's Model has a ``scenario`` attribute of its
        # own (its experimental Scenario), and SolaraViz passes arguments back on Reset
        arguments = locals()
        values = {name: arguments[name] for name in st.CONTROL_BY_NAME}
        if base_scenario is None or roster is None:
            sc, ro, input_problems = load_inputs()
            base_scenario = base_scenario if base_scenario is not None else sc
            roster = roster if roster is not None else ro
        params, seed_int, problems = st.resolve(values, base_scenario, roster)
        super().__init__(roster, params, replicate=0, seed=seed_int)
        self.problems: list[st.Problem] = list(input_problems) + problems
        base_params = base_scenario.params(county_size(roster))
        self.values = values
        self.base_scenario = base_scenario  # the scenario the controls started from
        self.base_params = base_params
        self.roster = roster.reset_index(drop=True)
        self.seed_used = seed_int
        n = len(self.villages)
        self.own_income_yuan = np.array([v.baseline_income_yuan for v in self.villages])
        # per month and village: project income booked (net), and the operating receipts
        # behind it where the model keeps them apart (what decides a zero-income village)
        self.monthly_income: list[np.ndarray] = []
        self.monthly_receipts: list[np.ndarray] = []
        self._ytd_before = (np.zeros(n), np.zeros(n))
        self.last_year_income = self.own_income_yuan.copy()  # 2018 before the first close
        self.last_year_receipts = self.own_income_yuan.copy()
        self.records: list[dict] = []
        self._record()

    # -- per-month records ---------------------------------------------------------------
    def step(self):
        super().step()
        closed = self.t % 12 == 0  # this step was a December: the year's accounts closed
        n = len(self.villages)
        if closed:
            rows = self.village_records[-n:]
            ytd = (np.array([r["project_income_yuan"] for r in rows]),
                   np.array([r.get("receipts_yuan", r["income_yuan"]) for r in rows])
                   - self.own_income_yuan)
            self.last_year_income = np.array([r["income_yuan"] for r in rows])
            self.last_year_receipts = ytd[1] + self.own_income_yuan
        else:
            ytd = (np.array([v.project_income_this_year for v in self.villages]),
                   np.array([getattr(v, "receipts_this_year", v.project_income_this_year)
                             for v in self.villages]))
        self.monthly_income.append(ytd[0] - self._ytd_before[0])
        self.monthly_receipts.append(ytd[1] - self._ytd_before[1])
        self._ytd_before = (np.zeros(n), np.zeros(n)) if closed else ytd
        self._record()

    def _window(self, monthly: list[np.ndarray], last_year: np.ndarray, basis: str) -> np.ndarray:
        if basis == "last_year":
            return last_year
        if basis == "ytd":
            months = (self.t - 1) % 12 + 1 if self.t > 0 else 12
            recent = monthly[max(len(monthly) - months, 0):]
            return self.own_income_yuan * months / 12 + (np.sum(recent, axis=0) if recent else 0.0)
        recent = monthly[-12:]
        return self.own_income_yuan + (np.sum(recent, axis=0) if recent else 0.0)

    def income_yuan(self, basis: str = "last12") -> np.ndarray:
        """Each village's collective operating income on one basis (yuan):
        ``last12`` the last 12 months (own income counted for a whole year),
        ``ytd`` this year so far (own income pro rata; full year in December),
        ``last_year`` the last closed calendar year (2018 before the first)."""
        return self._window(self.monthly_income, self.last_year_income, basis)

    def zero_income(self, basis: str = "last12") -> np.ndarray:
        """Villages without collective operating income on that basis, judged as the model
        judges at the year's end (on operating receipts where it keeps them apart)."""
        receipts = self._window(self.monthly_receipts, self.last_year_receipts, basis)
        return receipts <= self.p.village.zero_income_threshold_yuan

    def _record(self):
        income = self.income_yuan("last12")
        zero = self.zero_income("last12")
        cohorts = np.array([v.cohort for v in self.villages])
        rec = {"t": self.t, "month": month_label(self.t),
               "zero_income_villages": int(zero.sum())}
        for c in (1, 2, 3, 0):
            rec[f"zero_cohort_{c}"] = int((zero & (cohorts == c)).sum())
        for q, v in zip(QUANTILES, np.percentile(income, QUANTILES)):
            rec[f"income_p{q}_yuan"] = float(v)
        codes = [v.project.code if v.project is not None else "" for v in self.villages]
        for code in MODEL_CODES:
            rec[f"villages_{code}"] = codes.count(code)
        spent = dict.fromkeys(MONEY_SOURCES, 0.0)
        for county in self.counties:
            for acc in county.accounts.values():
                for k in MONEY_SOURCES:
                    spent[k] += acc[k]
        rec.update({f"spent_{k}_yuan": v for k, v in spent.items()})
        rec["spent_yuan"] = float(sum(spent.values()))
        rec["pool_left_yuan"] = float(self.pool_left_yuan)
        self.records.append(rec)

    def records_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.records)

    @property
    def month_text(self) -> str:
        return month_label(self.t)

    def year_end_zero(self) -> dict[int, int]:
        """Zero-income villages at each closed year's end (the county's official count)."""
        return {int(r["year"]): int(r["zero_income_villages"]) for r in self.annual_records}


def initial_values() -> dict:
    """The controls' starting positions: the scenario given to ``vcsim dashboard``."""
    scenario, roster, _ = load_inputs()
    return st.values_from_params(scenario.params(county_size(roster)))
