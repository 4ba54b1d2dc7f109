"""The county model: a monthly Mesa model of the village collective-economy programme."""

from __future__ import annotations

import math

import mesa
import numpy as np
import pandas as pd

from vcsim.model import business_models as bm
from vcsim.model.agents import ACCOUNT_KEYS, CountyGovernment, Partner, Village
from vcsim.model.business_models import MODEL_CODES
from vcsim.model.measures import income_measures
from vcsim.model.parameters import make_params, scaled_to
from vcsim.model.random_streams import RandomStreams
from vcsim.model.roster import check_roster, county_size

START_YEAR = 2019  # the programme's first year (report: 2019 pilot county)


class CollectiveEconomyModel(mesa.Model):
    """A county's villages under the collective-economy programme, month by month from
    January 2019 to December of ``p.simulation.end_year``.

    Args:
        roster: one row per village with the columns of ``model.roster.VILLAGE_COLUMNS``.
        params: namespace from ``model.parameters.make_params`` (defaults if None); its
            settings that scale with the county are scaled to ``roster``.
        replicate: replicate number; with ``seed`` it fixes every random draw.
        seed: scenario seed. Runs with equal (seed, replicate) share their random
            numbers whatever their parameters (common random numbers).
    """

    def __init__(self, roster: pd.DataFrame, params=None, replicate: int = 0, seed: int = 0):
        # Mesa's own generators are seeded for completeness; the model's draws all come
        # from RandomStreams so they are indexed by village and month, not by call order.
        super().__init__(seed=int(np.random.SeedSequence(seed, spawn_key=(replicate,)).generate_state(1)[0]))
        check_roster(roster)
        self.p = scaled_to(params if params is not None else make_params(), county_size(roster))
        self.seed = int(seed)
        self.replicate = int(replicate)
        self.end_year = int(self.p.simulation.end_year)
        self.n_months = (self.end_year - START_YEAR + 1) * 12
        self.t = 0  # months since January 2019
        self.draws = RandomStreams(seed, replicate, len(roster))
        self.villages = [Village(self, i, row) for i, row in
                         enumerate(roster.reset_index(drop=True).to_dict("records"))]
        self.projects = []
        self.partners: list[Partner] = []
        self.projects_failed_this_year = 0
        self.income_by_model = dict.fromkeys(MODEL_CODES, 0.0)  # this year's, all owners
        self.price_factor = 1.0
        self.county = CountyGovernment(self)
        self.annual_records: list[dict] = []   # county measures, one per year
        self.village_records: list[dict] = []  # one per village and year
        self.datacollector = mesa.DataCollector(model_reporters={
            "month": lambda m: f"{m.year}-{m.month:02d}",
            "operating_projects": lambda m: sum(p.status == "operating" for p in m.projects),
            "tourism_index": lambda m: bm.tourism_index(m.p, m.year, m.month),
            "pool_left_yuan": lambda m: m.county.pool_yuan,
            "income_so_far_yuan": lambda m: sum(v.project_income_this_year for v in m.villages),
        })
        self.running = True

    @property
    def year(self) -> int:
        return START_YEAR + self.t // 12

    @property
    def month(self) -> int:
        return self.t % 12 + 1

    def step(self):
        """One month: the county acts (January: rollout, selection, grants), partners
        decide their events, villages run their projects; December closes the year."""
        if self.month == 1:
            self.price_factor = self._price_factor()
        self.county.step()
        for partner in self.partners:
            if partner.project.active:
                partner.step()
        self.agents_by_type[Village].do("step")
        if self.month % 3 == 0:
            self.county.assess()
        self._drop_finished_partners()
        self.datacollector.collect(self)
        if self.month == 12:
            self._close_year()
        self.t += 1
        if self.t >= self.n_months:
            self.running = False

    def run(self):
        while self.running:
            self.step()
        return self

    def _price_factor(self) -> float:
        c = self.p.models.cooperative
        if not self.p.shocks.commodity_prices.enabled or c.price_sd == 0:
            return 1.0
        z = self.draws.normal("price", self.year)[0]
        return math.exp(c.price_sd * z - c.price_sd ** 2 / 2)  # mean one

    def _drop_finished_partners(self):
        keep = []
        for partner in self.partners:
            if partner.project.active:
                keep.append(partner)
            else:
                partner.remove()
        self.partners = keep

    def _close_year(self):
        year, p = self.year, self.p
        incomes, receipts = np.array([v.close_year() for v in self.villages]).T
        # a zero-income village (空白村) is one without operating receipts (经营收入)
        zero = receipts <= p.village.zero_income_threshold_yuan
        cohorts = np.array([v.cohort for v in self.villages])
        for v, income, receipt, z in zip(self.villages, incomes, receipts, zero):
            self.village_records.append({
                "village_id": v.village_id, "year": year, "income_yuan": float(income),
                "project_income_yuan": v.project_income_this_year,
                "receipts_yuan": float(receipt), "zero_income": bool(z),
                "cohort": v.cohort,
                "model": v.project.code if v.project is not None else "",
                "models": ";".join(sorted(v.models_this_year)),
                "grants_yuan": v.grants_this_year, "fund_yuan": v.fund_yuan,
                "capacity": v.capacity, "demonstration": v.is_demo,
                "poor_household_jobs": v.poor_jobs_months / 12.0,
            })
        rec = {"year": year, **income_measures(incomes, zero, cohorts)}
        acc = self.county.accounts[year]
        grants = sum(acc[k] for k in ("grant_central", "grant_province", "grant_city_county"))
        rec.update({f"{k}_yuan": acc[k] for k in ACCOUNT_KEYS})
        rec["grants_5025_yuan"] = grants
        rec["fiscal_cost_yuan"] = grants + acc["integrated"] + acc["demonstration"] + acc["part_a"]
        rec["county_fiscal_cost_yuan"] = acc["grant_city_county"] + acc["demonstration"] + acc["part_a"]
        rec["pool_left_yuan"] = self.county.pool_yuan
        rec["projects_started"] = sum(pr.start_t // 12 + START_YEAR == year for pr in self.projects)
        rec["projects_failed"] = self.projects_failed_this_year
        rec["projects_operating"] = sum(pr.status == "operating" for pr in self.projects)
        rec["project_income_yuan"] = float(sum(v.project_income_this_year for v in self.villages))
        rec["poor_household_jobs"] = float(sum(v.poor_jobs_months for v in self.villages) / 12.0)
        for code in MODEL_CODES:
            rec[f"operating_{code}"] = sum(pr.status == "operating" and pr.code == code for pr in self.projects)
        for code in MODEL_CODES:
            rec[f"income_{code}_yuan"] = self.income_by_model[code]
        self.annual_records.append(rec)
        self.projects_failed_this_year = 0
        self.income_by_model = dict.fromkeys(MODEL_CODES, 0.0)
        for v in self.villages:
            v.reset_year()

    # -- results as tables --------------------------------------------------------------
    def annual_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.annual_records)

    def village_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.village_records)

    PROJECT_COLUMNS = ("project_id", "model", "village_ids", "villages", "cohort", "self_started",
                       "start_year", "operating_from", "capital_yuan", "quality", "grant_yuan",
                       "integrated_yuan", "first_secretary_yuan", "demonstration_yuan", "own_yuan",
                       "status", "end_reason", "failed_year", "income_yuan")

    def project_frame(self) -> pd.DataFrame:
        rows = []
        for pr in self.projects:
            rows.append({
                "project_id": pr.project_id, "model": pr.code,
                "village_ids": ";".join(v.village_id for v in pr.villages),
                "villages": len(pr.villages), "cohort": pr.cohort,
                "self_started": pr.self_started,
                "start_year": START_YEAR + pr.start_t // 12,
                "operating_from": f"{START_YEAR + pr.operating_t // 12}-{pr.operating_t % 12 + 1:02d}",
                "capital_yuan": pr.capital_yuan, "quality": pr.quality,
                **{f"{k}_yuan": pr.money.get(k, 0.0) for k in
                   ("grant", "integrated", "first_secretary", "demonstration", "own")},
                "status": pr.status, "end_reason": pr.end_reason,
                "failed_year": None if pr.failed_t is None else START_YEAR + pr.failed_t // 12,
                "income_yuan": pr.income_yuan,
            })
        return pd.DataFrame(rows, columns=list(self.PROJECT_COLUMNS))

    def initial_zero_income_share(self) -> float:
        thr = self.p.village.zero_income_threshold_yuan
        return float(np.mean([v.baseline_income_yuan <= thr for v in self.villages]))
