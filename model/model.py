"""The county model: a monthly Mesa model of the village collective-economy programme."""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd

from vcsim.model import business_models as bm
from vcsim.model import outputs, rules
from vcsim.model.agents import CountyGovernment, Partner, Village
from vcsim.model.business_models import MODEL_CODES
from vcsim.model.measures import income_measures
from vcsim.model.parameters import make_params, scaled_to
from vcsim.model.random_streams import RandomStreams
from vcsim.model.roster import check_roster, county_size
from vcsim.model.rules import ACCOUNT_KEYS, START_YEAR


class CollectiveEconomyModel(mesa.Model):
    """A county's villages under the collective-economy programme, month by month from
    January 2019 to December of ``p.simulation.end_year``.

    Args:
        roster: one row per village with the columns of ``model.roster.VILLAGE_COLUMNS``;
            an optional ``county`` column splits it into counties (a region), each with
            its own government: pool, rollout, demonstrations, instructors, Part A.
        params: namespace from ``model.parameters.make_params`` (defaults if None); its
            settings that scale with the county are scaled to each county's villages.
        replicate: replicate number; with ``seed`` it fixes every random draw.
        seed: scenario seed. Runs with equal (seed, replicate) share their random
            numbers whatever their parameters (common random numbers).
    """

    def __init__(self, roster: pd.DataFrame, params=None, replicate: int = 0, seed: int = 0):
        # Mesa's own generators are seeded for completeness; the model's draws all come
        # from RandomStreams so they are indexed by village and month, not by call order.
        # (rng=, not Mesa 3.5's deprecated seed=; the same generators on Mesa 3.3 and 3.5)
        super().__init__(rng=int(np.random.SeedSequence(seed, spawn_key=(replicate,)).generate_state(1)[0]))
        check_roster(roster)
        self.p = scaled_to(params if params is not None else make_params(), county_size(roster))
        self.seed = int(seed)
        self.replicate = int(replicate)
        self.end_year = int(self.p.simulation.end_year)
        self.n_months = (self.end_year - START_YEAR + 1) * 12
        self.t = 0  # months since January 2019
        self.draws = RandomStreams(seed, replicate, len(roster))
        rows = roster.reset_index(drop=True)
        county = pd.factorize(rows["county"])[0] if "county" in rows else np.zeros(len(rows), int)
        self.villages = [Village(self, i, row, int(c)) for i, (row, c) in
                         enumerate(zip(rows.to_dict("records"), county))]
        self.projects = []
        self.next_project_id = 1  # projects are numbered in the order they start
        self.partners: list[Partner] = []
        self.projects_failed_this_year = 0
        self.income_by_model = dict.fromkeys(MODEL_CODES, 0.0)  # this year's, all owners
        self.price_factor = 1.0
        # each county's government with the settings scaled to its own villages
        self.counties = [CountyGovernment(self, [v for v in self.villages if v.county == c],
                                          scaled_to(self.p, county_size(rows[county == c])))
                         for c in range(int(county.max()) + 1)]
        self.annual_records: list[dict] = []   # county measures, one per year
        self.village_records: list[dict] = []  # one per village and year
        self.datacollector = mesa.DataCollector(model_reporters={
            "month": lambda m: f"{m.year}-{m.month:02d}",
            "operating_projects": lambda m: sum(p.status == "operating" for p in m.projects),
            "tourism_index": lambda m: bm.tourism_index(m.p, m.year, m.month),
            "pool_left_yuan": lambda m: m.pool_left_yuan,
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
            self.price_factor = rules.price_factor(self.p, self.draws.normal("price", self.year)[0])
        for county in self.counties:
            county.step()
        for partner in self.partners:
            if partner.project.active:
                partner.step()
        self.agents_by_type[Village].do("step")
        if self.month % 3 == 0:
            for county in self.counties:
                county.assess()
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

    @property
    def pool_left_yuan(self) -> float:
        """What is left of the counties' grant pools."""
        return sum(c.pool_yuan for c in self.counties)

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
        zero = np.array([rules.zero_income(p, r) for r in receipts], dtype=bool)
        cohorts = np.array([v.cohort for v in self.villages])
        for v, income, receipt, z in zip(self.villages, incomes, receipts, zero):
            self.village_records.append({
                "replicate": self.replicate, "village_id": v.village_id, "year": year,
                "income_yuan": float(income), "project_income_yuan": v.project_income_this_year,
                "receipts_yuan": float(receipt), "zero_income": bool(z), "cohort": v.cohort,
                "model": v.project.code if v.project is not None else None,
                "models": ";".join(sorted(v.models_this_year)) or None,
                "grants_yuan": v.grants_this_year, "fund_yuan": v.fund_yuan,
                "capacity": v.capacity, "demonstration": v.is_demo,
                "poor_household_jobs": v.poor_jobs_months / 12.0,
                "waiting_for": rules.WAITING_FOR[v.waiting] or None,
            })
        rec = {"replicate": self.replicate, "year": year, **income_measures(incomes, zero, cohorts)}
        acc = {k: sum(c.accounts[year][k] for c in self.counties) for k in ACCOUNT_KEYS}
        rec.update({f"{k}_yuan": acc[k] for k in ACCOUNT_KEYS})
        grants = rules.grants_5025(acc["grant_central"], acc["grant_province"], acc["grant_city_county"])
        rec["grants_5025_yuan"] = grants
        rec["fiscal_cost_yuan"] = rules.fiscal_cost(grants, acc["integrated"], acc["demonstration"], acc["part_a"])
        rec["county_fiscal_cost_yuan"] = rules.county_fiscal_cost(acc["grant_city_county"], acc["demonstration"],
                                                                  acc["part_a"])
        rec["pool_left_yuan"] = self.pool_left_yuan
        rec["tranche_unspent_yuan"] = sum(c.released_yuan for c in self.counties)
        started = [pr for pr in self.projects if pr.start_t // 12 + START_YEAR == year]
        rec["projects_started"] = len(started)
        rec["programme_projects_started"] = sum(not pr.self_started for pr in started)
        waiting = [v.waiting for v in self.villages]
        rec["villages_waiting_capacity"] = waiting.count(rules.WAITING_CAPACITY)
        rec["villages_waiting_money"] = waiting.count(rules.WAITING_MONEY)
        rec["projects_failed"] = self.projects_failed_this_year
        rec["projects_operating"] = sum(pr.status == "operating" for pr in self.projects)
        rec["project_income_yuan"] = sum(v.project_income_this_year for v in self.villages)
        rec["poor_household_jobs"] = sum(v.poor_jobs_months for v in self.villages) / 12.0
        for code in MODEL_CODES:
            rec[f"operating_{code}"] = sum(pr.status == "operating" and pr.code == code for pr in self.projects)
        for code in MODEL_CODES:
            rec[f"income_{code}_yuan"] = self.income_by_model[code]
        self.annual_records.append(rec)
        self.projects_failed_this_year = 0
        self.income_by_model = dict.fromkeys(MODEL_CODES, 0.0)
        for v in self.villages:
            v.reset_year()

    # -- results as tables (columns and types: model.outputs) ----------------------------
    def annual_frame(self) -> pd.DataFrame:
        return outputs.frame("annual", {c.name: [r[c.name] for r in self.annual_records]
                                        for c in outputs.ANNUAL})

    def village_frame(self) -> pd.DataFrame:
        return outputs.frame("villages", {c.name: [r[c.name] for r in self.village_records]
                                          for c in outputs.VILLAGES})

    def project_frame(self) -> pd.DataFrame:
        prs = self.projects
        columns = {
            "replicate": [self.replicate] * len(prs), "project_id": [pr.project_id for pr in prs],
            "model": [pr.code for pr in prs],
            "village_ids": [";".join(v.village_id for v in pr.villages) for pr in prs],
            "villages": [len(pr.villages) for pr in prs], "cohort": [pr.cohort for pr in prs],
            "self_started": [pr.self_started for pr in prs],
            "start_year": [START_YEAR + pr.start_t // 12 for pr in prs],
            "operating_from": [f"{START_YEAR + pr.operating_t // 12}-{pr.operating_t % 12 + 1:02d}" for pr in prs],
            "capital_yuan": [pr.capital_yuan for pr in prs], "quality": [pr.quality for pr in prs],
            **{f"{k}_yuan": [pr.money[k] for pr in prs] for k in rules.MONEY_SOURCES},
            "status": [pr.status for pr in prs], "end_reason": [pr.end_reason for pr in prs],
            "failed_year": [None if pr.failed_t is None else START_YEAR + pr.failed_t // 12 for pr in prs],
            "income_yuan": [pr.income_yuan for pr in prs],
        }
        return outputs.frame("projects", columns)

    def initial_zero_income_share(self) -> float:
        return float(np.mean([rules.zero_income(self.p, v.baseline_income_yuan) for v in self.villages]))
