"""The array engine: every village (and many replicates at once) as numpy arrays.

It runs exactly the processes of the Mesa agent engine (``model.model``,
``model.agents``), in the same order, with the same business-model functions
(``model.business_models``) and the same random numbers (``model.random_streams``), so
for the same scenario, roster and seed both give the same results; ``tests/test_parity.py``
holds them together. The agent engine is the readable reference: read it first.

The county's decisions (rollout, selection, funding) and the year's accounts are numpy
here; each month's partner events, takings, failures, payments and assessment run in a
compiled kernel, ``model.vector_kernels``.

Layout: state arrays have shape (R, V) for R replicates and V villages. Each village
runs at most one project at a time, and a project is stored at the index of its lead
village (the first of its owners); ``owner`` maps every village to the lead of the
project it owns a share of (-1: none). Villages may belong to several counties (a
synthetic region), each with its own pool, rollout and demonstrations; county ids must
not decrease along the roster.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd

from vcsim.model import business_models as bm
from vcsim.model.agents import ACCOUNT_KEYS, chance_to_earn_by_december, leadership_capacity, part_a_cost_yuan
from vcsim.model.business_models import MODEL_CODES
from vcsim.model.measures import income_measures_columns
from vcsim.model.model import START_YEAR
from vcsim.model.parameters import params_tuple, scaled_to
from vcsim.model.random_streams import PURPOSES, _NORMAL, _UNIFORM, draw, draw_at, stream_keys
from vcsim.model.vector_kernels import (CLUSTER, END_REASONS, SHOP, Leads, Ledger, Owners, Pending, Rates,
                                  reserve_in_order, run_month)
from vcsim.model.roster import check_roster, county_sizes

N_MODELS = len(MODEL_CODES)


class VectorDraws:
    """``RandomStreams`` for R replicates at once: arrays (R, V) or (R, V, width)."""

    def __init__(self, seed: int, replicates, n_villages: int):
        self.keys = {p: stream_keys(seed, replicates, p) for p in PURPOSES}
        self.n = n_villages

    def uniform(self, purpose, key, width=None):
        return draw(self.keys[purpose], key, _UNIFORM, self.n, width)

    def normal(self, purpose, key, width=None):
        return draw(self.keys[purpose], key, _NORMAL, self.n, width)

    def uniform_at(self, purpose, key, r, v, width=None):
        """The same numbers at (replicate row r[k], village v[k]) only."""
        return draw_at(self.keys[purpose][r], key, _UNIFORM, v, width)

    def normal_at(self, purpose, key, r, v, width=None):
        return draw_at(self.keys[purpose][r], key, _NORMAL, v, width)


class ProjectTable:
    """Every project ever started, as growing columns (for ``projects.parquet``)."""

    COLUMNS = {"replicate": np.int32, "lead": np.int64, "code": np.int8, "cohort": np.int8,
               "self_started": bool, "start_t": np.int32, "operating_t": np.int32,
               "capital_yuan": float, "quality": float, "grant_yuan": float,
               "integrated_yuan": float, "first_secretary_yuan": float,
               "demonstration_yuan": float, "own_yuan": float, "villages": np.int32,
               "failed_t": np.int32, "end_reason": np.int8, "income_yuan": float}

    def __init__(self):
        self.n = 0
        self.cols = {k: np.zeros(1024, dtype=d) for k, d in self.COLUMNS.items()}
        self.members: list[np.ndarray] = []  # (project id, village) pairs of clusters

    def add(self, **values) -> np.ndarray:
        k = len(values["lead"])
        while self.n + k > len(self.cols["lead"]):
            for name, col in self.cols.items():
                self.cols[name] = np.concatenate([col, np.zeros_like(col)])
        ids = np.arange(self.n, self.n + k)
        for name in self.COLUMNS:
            self.cols[name][ids] = values.get(name, 0)
        self.n += k
        return ids

    def frame(self, village_ids: np.ndarray, building: np.ndarray) -> pd.DataFrame:
        """``building``: ids of projects still under construction."""
        c = {k: v[: self.n] for k, v in self.cols.items()}
        failed = c["failed_t"] >= 0
        status = np.where(failed, "failed", "operating").astype(object)
        status[building] = "building"
        ids = village_ids[c["lead"]].astype(object)
        for pid, villages in self.members:
            ids[pid] = ";".join(village_ids[villages])
        op = c["operating_t"]
        return pd.DataFrame({
            "replicate": c["replicate"], "project_id": np.arange(self.n) + 1,
            "model": np.array(MODEL_CODES)[c["code"]], "village_ids": ids,
            "villages": c["villages"], "cohort": c["cohort"], "self_started": c["self_started"],
            "start_year": START_YEAR + c["start_t"] // 12,
            "operating_from": [f"{START_YEAR + t // 12}-{t % 12 + 1:02d}" for t in op],
            "capital_yuan": c["capital_yuan"], "quality": c["quality"],
            "grant_yuan": c["grant_yuan"], "integrated_yuan": c["integrated_yuan"],
            "first_secretary_yuan": c["first_secretary_yuan"],
            "demonstration_yuan": c["demonstration_yuan"], "own_yuan": c["own_yuan"],
            "status": status,
            "end_reason": np.array(END_REASONS)[c["end_reason"]],
            "failed_year": np.where(failed, START_YEAR + c["failed_t"] // 12, np.nan),
            "income_yuan": c["income_yuan"],
        })


class VectorEngine:
    """Runs ``replicates`` replicates of one scenario on a roster, all at once.

    Args:
        roster: the village roster (``model.roster``); an optional ``county`` column
            splits it into counties (non-decreasing ids).
        params: namespace from ``model.parameters.make_params``.
        seed: scenario seed.
        replicates: replicate numbers (e.g. ``range(100)``); replicate r here gives the
            numbers the agent engine gives for (seed, r).
        keep_villages: record village-year rows (off for very large regions).
    """

    def __init__(self, roster: pd.DataFrame, params, seed: int, replicates, keep_villages=True):
        check_roster(roster)
        p = self.p = params
        self.seed = int(seed)
        self.replicates = np.array(list(replicates), dtype=np.int64)
        R, V = len(self.replicates), len(roster)
        self.R, self.V = R, V
        self.keep_villages = keep_villages
        self.end_year = int(p.simulation.end_year)
        self.n_months = (self.end_year - START_YEAR + 1) * 12
        self.t = 0
        # where the time goes (vcsim bench): the county's decisions (numpy), the compiled
        # month, the year's accounts
        self.seconds = {"county": 0.0, "month": 0.0, "year_end": 0.0}
        self.draws = VectorDraws(seed, self.replicates, V)
        ro = roster.reset_index(drop=True)
        self.village_ids = ro["village_id"].astype(str).to_numpy()
        self.poor = ro["poor"].to_numpy(bool)
        self.poor_households = ro["poor_households"].to_numpy(np.int64)
        self.deep_mountain = ro["deep_mountain"].to_numpy(bool)
        self.scenic = ro["scenic_value"].to_numpy(float)
        self.leadership = ro["leadership"].to_numpy(float)
        self.baseline = ro["initial_income_yuan"].to_numpy(float)
        self.feasible = bm.feasible(p, ro["solar_site"].to_numpy(bool), self.scenic,
                                    ro["idle_buildings"].to_numpy(), ro["near_enterprise"].to_numpy(bool),
                                    ro["near_cooperative"].to_numpy(bool), ro["population"].to_numpy())
        county = ro["county"].to_numpy() if "county" in ro else np.zeros(V, dtype=np.int64)
        self.county = pd.factorize(county)[0]
        if np.any(np.diff(self.county) < 0):
            raise ValueError("roster: villages of one county must be contiguous")
        self.C = int(self.county.max()) + 1
        sizes = county_sizes(ro)
        self.county_sizes = sizes.villages
        # the county's own settings: those that scale with its size, one value per county
        self.county_p = scaled_to(p, sizes)
        # townships and valleys are local to a county
        self.township = _codes_within(self.county, ro["township"])
        self.valley = _codes_within(self.county, ro["valley"])
        self.n_townships = int(self.township.max()) + 1
        self.n_valleys = int(self.valley.max()) + 1
        self.index = np.arange(V)
        self.rows = np.arange(R)[:, None]

        # villages' state
        self.cohort = np.zeros((R, V), np.int8)
        self.fund = np.zeros((R, V))
        self.pincome = np.zeros((R, V))  # project income this year
        self.preceipts = np.zeros((R, V))  # project operating receipts this year
        self.grants = np.zeros((R, V))
        self.poor_jobs = np.zeros((R, V))
        self.models_bits = np.zeros((R, V), np.uint16)
        self.has_projects = np.zeros((R, V), bool)
        self.is_demo = np.zeros((R, V), bool)
        self.owner = np.full((R, V), -1, np.int64)  # lead village of the project owned
        self.share = np.zeros((R, V))
        # projects, at their lead village
        self.code = np.full((R, V), -1, np.int64)
        self.active = np.zeros((R, V), bool)
        self.operating = np.zeros((R, V), bool)
        self.capital = np.zeros((R, V))
        self.quality = np.ones((R, V))
        self.hazard = np.zeros((R, V))  # monthly failure chance
        self.start_t = np.zeros((R, V), np.int64)
        self.operating_t = np.zeros((R, V), np.int64)
        self.last_income_t = np.full((R, V), -1, np.int64)
        self.income_year = np.zeros((R, V))
        self.income_total = np.zeros((R, V))
        self.pscenic = np.zeros((R, V))
        self.occupied = np.ones((R, V), bool)
        self.arrived = np.zeros((R, V), bool)
        self.present = np.zeros((R, V), bool)
        self.pays = np.ones((R, V), bool)
        self.pid = np.full((R, V), -1, np.int64)
        delay = int(math.ceil(p.shocks.pv_arrears.delay_months))
        self.pending_delay = max(delay, 1)  # paid at the next month's start at the earliest
        self.D = self.pending_delay + 1
        self.pending_active = np.zeros((self.D, R, V))  # by month due (ring), replicate, lead
        self.pending_old = np.zeros((self.D, R, V))
        self.projects = ProjectTable()
        # county
        pool = self.county_p.funding.grant_pool_yuan if p.programme.enabled else np.zeros(self.C)
        self.pool = np.tile(np.asarray(pool, dtype=float), (R, 1))  # (R, C)
        self.demo_bits = np.zeros((R, self.n_townships), np.uint16)
        self.accounts: dict[int, dict[str, np.ndarray]] = {}
        self.failed_this_year = np.zeros(R, np.int64)
        self.started_this_year = np.zeros(R, np.int64)
        self.income_by_model = np.zeros((R, N_MODELS))  # this year's, all owners
        self.price_factor = np.ones(R)
        self.annual_records: list[dict[str, np.ndarray]] = []  # columns, one dict per year
        self.village_records: list[pd.DataFrame] = []
        self._assign_first_secretaries_and_instructors()
        # what the monthly kernel needs besides the state
        self.params_tuple = params_tuple(p)
        self.settings = {k: bm.model_settings(p, k) for k in ("quality_weight", "min_yuan", "build_months")}
        self.chance_by_month: dict[int, np.ndarray] = {}  # the review's chance to earn by December
        self.month_keys = np.stack([self.draws.keys[k] for k in ("partner", "failure", "dividend")], -1)
        contacts = 1 + p.first_secretary.contacts_effect * self.first_secretary
        self.investor_rate = np.minimum(p.models.attract_investor.arrival_per_month * contacts, 1.0)
        self.workshop_rate = np.minimum(p.models.workshop.arrival_per_month * contacts, 1.0)
        self.workshop_jobs = np.minimum(p.models.workshop.workers, self.poor_households).astype(float)

    # -- time ---------------------------------------------------------------------------
    @property
    def year(self):
        return START_YEAR + self.t // 12

    @property
    def month(self):
        return self.t % 12 + 1

    def run(self):
        while self.t < self.n_months:
            self.step()
        return self

    def step(self):
        start = time.perf_counter()
        if self.month == 1:
            self.price_factor = self._price_factor()
            self.rates = self._partner_rates()
        self._county_step()
        county = time.perf_counter()
        self._run_month()
        month = time.perf_counter()
        if self.month == 12:
            self._close_year()
        self.seconds["county"] += county - start
        self.seconds["month"] += month - county
        self.seconds["year_end"] += time.perf_counter() - month
        self.t += 1

    def _run_month(self):
        """Partner events, the villages' step and the quarterly assessment, compiled
        (``model.vector_kernels``)."""
        cols = self.projects.cols
        run_month(self.t, self.n_months, self.params_tuple, self.rates,
                  Leads(*(getattr(self, f) for f in Leads._fields)),
                  Owners(*(getattr(self, f) for f in Owners._fields)),
                  Ledger(cols["failed_t"], cols["end_reason"], cols["income_yuan"]),
                  Pending(self.pending_active, self.pending_old), self.price_factor,
                  self.month_keys, self.income_by_model, self.failed_this_year)

    # -- set-up ---------------------------------------------------------------------------
    def _assign_first_secretaries_and_instructors(self):
        p, fs = self.p, self.p.first_secretary
        u = self.draws.uniform("first_secretary", 0)
        z = self.draws.normal("first_secretary", 0)
        self.first_secretary = self.poor[None, :] | (u < fs.nonpoor_share)
        self.fs_money = np.zeros((self.R, self.V))
        if fs.money_mean_yuan > 0:
            mu = math.log(fs.money_mean_yuan) - fs.money_sd ** 2 / 2
            self.fs_money = np.where(self.first_secretary, np.exp(mu + fs.money_sd * z), 0.0)
        order = np.lexsort((self.index, self.leadership, ~self.poor, self.county))
        rank = np.empty(self.V, np.int64)
        starts = np.concatenate([[0], np.cumsum(self.county_sizes)[:-1]])
        rank[order] = np.arange(self.V) - starts[self.county[order]]
        self.instructor = rank < self.county_p.party.instructors[self.county]
        self.capacity = leadership_capacity(p, self.leadership, self.instructor).astype(float)

    def _partner_rates(self):
        """The year's monthly partner hazards (a default wave raises them) and PV arrears."""
        p, year = self.p, self.year
        wave = bm.partner_wave(p, year)
        arrears = p.shocks.pv_arrears
        return Rates(
            equity_default=float(bm.monthly_from_yearly(p.models.enterprise_equity.default_per_year * wave)),
            workshop_leave=float(bm.monthly_from_yearly(p.models.workshop.relocation_per_year * wave)),
            shop_vacate=float(bm.monthly_from_yearly(p.models.town_shop.vacancy_per_year)),
            shop_refill=1.0 / max(p.models.town_shop.vacancy_months, 1.0),
            pv_late_share=(p.models.solar.subsidy_share
                           if arrears.enabled and arrears.first_year <= year <= arrears.last_year else 0.0))

    def _price_factor(self):
        c = self.p.models.cooperative
        if not self.p.shocks.commodity_prices.enabled or c.price_sd == 0:
            return np.ones(self.R)
        village_0 = np.zeros(self.R, np.int64)  # one price a year: the draw at village 0
        z = self.draws.normal_at("price", self.year, np.arange(self.R), village_0)
        return np.exp(c.price_sd * z - c.price_sd ** 2 / 2)

    # -- the county ---------------------------------------------------------------------
    def _without_income_source(self):
        return (self.owner < 0) & (self.baseline <= self.p.village.zero_income_threshold_yuan)[None, :]

    def _county_step(self):
        p = self.p
        if self.month == 1:
            self._open_year(self.year)
        elif (p.programme.enabled and p.organisation.monthly_inspection
              and self.year >= p.rollout.remaining_year):
            entrants = self._entrants(self.year)
            if entrants.any():
                self._select_and_fund(entrants, self.year)

    def _open_year(self, year):
        p = self.p
        self.accounts[year] = {k: np.zeros(self.R) for k in ACCOUNT_KEYS}
        self.integrated_spent = np.zeros((self.R, self.C))  # integrated funds spent this year
        self.accounts[year]["part_a"][:] = part_a_cost_yuan(self.county_p, year, self.county_sizes).sum()
        entrants = self._entrants(year) if p.programme.enabled else np.zeros((self.R, self.V), bool)
        if entrants.any() and year == p.rollout.poor_year:
            self._choose_demonstrations(entrants & (self.cohort == 1))
        self._select_and_fund(entrants, year)
        starters = ((self.cohort == 0) & ~entrants & self._without_income_source()
                    & (self.draws.uniform("self_start", year) < p.village.self_start_per_year))
        if starters.any():
            self._self_start(starters)

    def _entrants(self, year):
        """Villages selected this year (replicates, villages); villages entering for the
        first time get their cohort (1 poor, 2 priority, 3 remaining)."""
        r = self.p.rollout
        c0 = self.cohort == 0
        remaining = year == r.remaining_year or (r.mop_up and year > r.remaining_year)
        wis = self._without_income_source() if remaining else np.zeros_like(c0)
        due = {1: self.poor if year == r.poor_year else None,
               2: (~self.poor & ((self.poor_households > r.priority_poor_households) | self.deep_mountain)
                   if year == r.priority_year else None),
               3: wis if remaining else None}
        entering = np.zeros_like(c0)
        for cohort, villages in due.items():  # in this order: a village enters by its first step
            if villages is not None:
                joins = c0 & ~entering & villages
                self.cohort[joins] = cohort
                entering |= joins
        return (entering & (self.owner < 0)) | (~c0 & wis)

    def _choose_demonstrations(self, candidates):
        """The most capable first-cohort village of each township, then the next best,
        up to ``demonstration.villages`` per county (the county's own number)."""
        n = self.county_p.demonstration.villages[self.county]
        for r in range(self.R):
            idx = np.nonzero(candidates[r])[0]
            # by county, then capacity (best first), then roster order
            order = idx[np.lexsort((idx, -self.capacity[idx], self.county[idx]))]
            county = self.county[order]
            best_of_township = np.zeros(len(order), bool)
            best_of_township[np.unique(self.township[order], return_index=True)[1]] = True
            first = best_of_township & (_rank_in_group(county, best_of_township) < n[order])
            firsts = np.bincount(county[first], minlength=self.C)
            rest = ~first & (_rank_in_group(county, ~first) < n[order] - firsts[county])
            self.is_demo[r, order[first | rest]] = True

    def _options(self, r, v, money, year, review):
        """议 and 评 for the villages at (replicate row r[k], village v[k]) with money[k].

        Returns ranked model indices (K, 8) padded with -1, and quality (K, 8).
        """
        p, s = self.p, self.p.selection
        weights = self.settings["quality_weight"]
        quality = np.exp(s.quality_sd * self.draws.normal_at("quality", self.t, r, v, N_MODELS)) ** weights
        feasible = self.feasible[v] & (money[:, None] >= self.settings["min_yuan"])
        useful = bm.useful_capital_yuan(p, money)
        ret = bm.expected_return(p, useful, self.scenic[v])
        bits = self.demo_bits[r, self.township[v]]
        seen = ((bits[:, None] >> np.arange(N_MODELS, dtype=np.uint16)) & 1).astype(bool)
        knowledge = np.exp(-p.village.capacity_knowledge_effect * (self.capacity[v] - 0.5))
        noise_sd = s.proposal_noise_sd * knowledge[:, None] * np.where(seen, 1 - p.demonstration.learning, 1.0)
        perceived = (ret * quality * np.exp(noise_sd * self.draws.normal_at("proposal", self.t, r, v, N_MODELS))
                     * np.where(seen, 1 + p.demonstration.pull, 1.0))
        perceived = np.where(feasible, perceived, -np.inf)
        rank = np.argsort(np.argsort(-perceived, axis=-1, kind="stable"), axis=-1)
        cand = feasible & (rank < s.candidates)
        models = np.arange(N_MODELS)
        if not review:
            return _ranked(cand, (models, rank)), quality
        judged = ret * quality * np.exp(s.review_noise_sd * self.draws.normal_at("review", self.t, r, v, N_MODELS))
        passing = cand & (judged >= s.review_min_return)
        shop_ok = feasible[:, SHOP]
        if s.deadline_aware and year >= p.rollout.remaining_year:
            if self.month not in self.chance_by_month:  # the same every year
                self.chance_by_month[self.month] = chance_to_earn_by_december(p, self.month)
            chance = self.chance_by_month[self.month]
            sure = passing & (chance >= s.deadline_min_chance)
            any_sure = sure.any(-1)
            shop_only = ~any_sure & shop_ok & (chance[SHOP] >= s.deadline_min_chance)
            ranked_sure = _ranked(sure, (models, -judged))
            ranked_pool = _ranked(passing, (models, -judged, -np.broadcast_to(chance, judged.shape)))
            out = np.where(any_sure[:, None], ranked_sure, ranked_pool)
            out[shop_only] = _only(SHOP)
            return out, quality
        out = _ranked(passing, (models, -judged))
        fallback = ~passing.any(-1) & shop_ok & (judged[:, SHOP] >= s.review_min_return)
        out[fallback] = _only(SHOP)
        return out, quality

    def _select_and_fund(self, entrants, year):
        p = self.p
        acc = self.accounts[year]
        # 扶: grants (then demonstration extras) reserved from the pool in roster order
        r, v = np.nonzero(entrants)
        tier = np.where(self.poor[v], p.funding.poor_village_yuan, p.funding.nonpoor_village_yuan)
        demo_req = np.where(self.is_demo[r, v] & ~self.has_projects[r, v], p.demonstration.extra_yuan, 0.0)
        grant, demo = reserve_in_order(r, self.county[v], tier, demo_req, self.pool)
        secretary, own = self.fs_money[r, v], self.fund[r, v]
        money = grant + demo + secretary + own
        ranked, quality = self._options(r, v, money, year, p.selection.review)
        ranked = self._resolve_clusters(r, v, ranked)
        ok = ranked[:, 0] >= 0
        r, v, ranked, quality = r[ok], v[ok], ranked[ok], quality[ok]
        grant, demo, secretary, own = grant[ok], demo[ok], secretary[ok], own[ok]
        county = self.county[v]
        n_funded = np.zeros((self.R, self.C))
        np.add.at(n_funded, (r, county), 1)
        left = np.maximum(0.0, self.county_p.funding.integrated_yuan_per_year - self.integrated_spent)
        with np.errstate(divide="ignore", invalid="ignore"):
            top_up_c = np.where(n_funded > 0, np.minimum(p.funding.integrated_cap_yuan, left / n_funded), 0.0)
        top_up = top_up_c[r, county]
        np.add.at(self.integrated_spent, (r, county), top_up)
        reserved = np.zeros((self.R, self.C))  # what the funded keep; the rest stays in the pool
        np.add.at(reserved, (r, county), grant + demo)
        self.pool -= reserved
        self.fs_money[r, v] = 0.0
        self.fund[r, v] = 0.0
        acc["grant_central"] += np.bincount(r, grant * p.funding.central_share, self.R)
        acc["grant_province"] += np.bincount(r, grant * p.funding.province_share, self.R)
        acc["grant_city_county"] += np.bincount(
            r, grant * (1 - p.funding.central_share - p.funding.province_share), self.R)
        acc["integrated"] += np.bincount(r, top_up, self.R)
        acc["first_secretary"] += np.bincount(r, secretary, self.R)
        acc["demonstration"] += np.bincount(r, demo, self.R)
        self.grants[r, v] += grant + top_up + demo
        total = 0 + grant + top_up + secretary + demo + own
        money_parts = {"grant_yuan": grant, "integrated_yuan": top_up, "first_secretary_yuan": secretary,
                       "demonstration_yuan": demo, "own_yuan": own}
        self._start_projects(r, v, ranked[:, 0], total, quality, money_parts, year, self_started=False)
        demo_started = self.is_demo[r, v]
        for rr, vv in zip(r[demo_started], v[demo_started]):  # a cluster's model is at its lead
            self.demo_bits[rr, self.township[vv]] |= np.uint16(1 << int(self.code[rr, self.owner[rr, vv]]))

    def _resolve_clusters(self, r, v, ranked):
        """Clusters need ``min_villages`` of one valley; a lone village drops the cluster
        option and moves to its next one."""
        first_cluster = ranked[:, 0] == CLUSTER
        counts = np.zeros((self.R, self.n_valleys), np.int64)
        np.add.at(counts, (r[first_cluster], self.valley[v[first_cluster]]), 1)
        lone = first_cluster & (counts[r, self.valley[v]] < self.p.models.cluster.min_villages)
        if lone.any():
            ranked = ranked.copy()
            ranked[lone] = _without(ranked[lone], CLUSTER)
        return ranked

    def _self_start(self, starters):
        r, v = np.nonzero(starters)
        money = self.p.village.self_start_yuan + self.fund[r, v]
        ranked, quality = self._options(r, v, money, self.year, review=False)
        ranked = _without(ranked, CLUSTER)
        go = ranked[:, 0] >= 0
        r, v, money = r[go], v[go], money[go]
        self.fund[r, v] = 0.0
        self._start_projects(r, v, ranked[go, 0], 0 + money, quality[go], {"own_yuan": money},
                             self.year, self_started=True)

    def _start_projects(self, r_idx, v_idx, m, total, quality, money_parts, year, self_started):
        """Build projects for villages (r_idx[k], v_idx[k]) running model m[k] with
        total[k] money; villages of one valley running a cluster share one project."""
        p, org = self.p, self.p.organisation
        if len(r_idx) == 0:
            return
        misuse = org.misuse_share
        if org.two_alwayses:
            misuse *= 1 - org.two_alwayses_effect
        if org.monthly_inspection:
            misuse *= 1 - org.inspection_effect
        useful = np.take_along_axis(bm.useful_capital_yuan(p, total), m[:, None], -1)[:, 0]
        self.fund[r_idx, v_idx] += total - useful
        cap_i = useful * (1 - misuse)
        self.accounts[year]["misused"] += np.bincount(r_idx, useful * misuse, self.R)
        # leads: every village, except cluster members after the first of their valley
        is_cluster = m == CLUSTER
        lead = v_idx.copy()
        if is_cluster.any():
            key = r_idx[is_cluster] * self.n_valleys + self.valley[v_idx[is_cluster]]
            _, first, back = np.unique(key, return_index=True, return_inverse=True)
            lead[is_cluster] = v_idx[is_cluster][first][back]  # roster order: the first leads
        # one project per lead, in roster order; group[k]: the project village k joins
        leads = lead == v_idx
        lr, lv, code = r_idx[leads], v_idx[leads], m[leads]
        group = np.searchsorted(lr * self.V + lv, r_idx * self.V + lead)
        n = len(lr)
        capital = np.bincount(group, cap_i, n)
        n_members = np.bincount(group, minlength=n)
        self.owner[r_idx, v_idx] = lead
        with np.errstate(invalid="ignore", divide="ignore"):
            share = cap_i / capital[group]
        self.share[r_idx, v_idx] = np.where(capital[group] > 0, share, 1.0 / n_members[group])
        self.has_projects[r_idx, v_idx] = True
        build = self.settings["build_months"][code]
        extra_mean = build * org.extra_delay_share * (1 / 3 if org.monthly_inspection else 1.0)
        u = self.draws.uniform_at("build", self.t, lr, lv)
        months = build - extra_mean * np.log(1.0 - u)
        self.code[lr, lv] = code
        self.active[lr, lv] = True
        self.operating[lr, lv] = False
        self.capital[lr, lv] = capital
        self.quality[lr, lv] = quality[leads, code]
        self.hazard[lr, lv] = bm.monthly_failure_hazard(p, code, self.quality[lr, lv], self.capacity[lv])
        self.start_t[lr, lv] = self.t
        self.operating_t[lr, lv] = self.t + np.ceil(months).astype(np.int64)
        self.last_income_t[lr, lv] = -1
        self.income_year[lr, lv] = 0.0
        self.income_total[lr, lv] = 0.0
        self.pscenic[lr, lv] = np.bincount(group, self.scenic[v_idx], n) / n_members
        self.occupied[lr, lv] = True
        self.arrived[lr, lv] = False
        self.present[lr, lv] = False
        self.pays[lr, lv] = True
        sums = {name: np.bincount(group, part, n) for name, part in money_parts.items()}
        ids = self.projects.add(replicate=self.replicates[lr], lead=lv, code=code,
                                cohort=self.cohort[lr, lv], self_started=self_started,
                                start_t=np.full(n, self.t), operating_t=self.operating_t[lr, lv],
                                capital_yuan=capital, quality=self.quality[lr, lv],
                                villages=n_members, failed_t=np.full(n, -1), **sums)
        self.pid[lr, lv] = ids
        self.started_this_year += np.bincount(lr, minlength=self.R)
        for g in np.flatnonzero(n_members > 1):
            self.projects.members.append((ids[g], v_idx[group == g]))

    def _close_year(self):
        p, year = self.p, self.year
        income = self.baseline[None, :] + self.pincome
        receipts = self.baseline[None, :] + self.preceipts
        self.fund += np.where(self.pincome > 0, p.village.reinvest_share * self.pincome, 0.0)
        zero = receipts <= p.village.zero_income_threshold_yuan  # 空白村: no operating receipts
        acc = self.accounts[year]
        owned = self.owner >= 0
        current = np.where(owned, self.code[self.rows, np.maximum(self.owner, 0)], -1)
        op = self.active & self.operating
        # the county's measures, as columns over replicates (the agents' annual record)
        grants = acc["grant_central"] + acc["grant_province"] + acc["grant_city_county"]
        columns = {"replicate": self.replicates, "year": np.full(self.R, year),
                   **income_measures_columns(income, zero, self.cohort),
                   **{f"{k}_yuan": acc[k].copy() for k in ACCOUNT_KEYS},
                   "grants_5025_yuan": grants,
                   "fiscal_cost_yuan": grants + acc["integrated"] + acc["demonstration"] + acc["part_a"],
                   "county_fiscal_cost_yuan": acc["grant_city_county"] + acc["demonstration"] + acc["part_a"],
                   "pool_left_yuan": self.pool.sum(1),
                   "projects_started": self.started_this_year.copy(),
                   "projects_failed": self.failed_this_year.copy(),
                   "projects_operating": op.sum(1),
                   "project_income_yuan": self.pincome.sum(1),
                   "poor_household_jobs": self.poor_jobs.sum(1) / 12.0}
        operating_code = np.where(op, self.code, -1)
        for k, c in enumerate(MODEL_CODES):
            columns[f"operating_{c}"] = (operating_code == k).sum(1)
        for k, c in enumerate(MODEL_CODES):
            columns[f"income_{c}_yuan"] = self.income_by_model[:, k].copy()
        self.annual_records.append(columns)
        if self.keep_villages:  # tables are built once, at the end (village_frame)
            self.village_records.append(dict(
                year=year, income=income, pincome=self.pincome.copy(), receipts=receipts, zero=zero,
                cohort=self.cohort.copy(), current=current, bits=self.models_bits.copy(),
                grants=self.grants.copy(), fund=self.fund.copy(), demo=self.is_demo.copy(),
                jobs=self.poor_jobs / 12.0))
        self.failed_this_year[:] = 0
        self.started_this_year[:] = 0
        self.income_by_model[:] = 0.0
        self.pincome[:] = 0.0
        self.preceipts[:] = 0.0
        self.grants[:] = 0.0
        self.poor_jobs[:] = 0.0
        self.models_bits = np.where(owned, (1 << np.maximum(current, 0)), 0).astype(np.uint16)

    # -- results as tables ------------------------------------------------------------
    def annual_frame(self) -> pd.DataFrame:
        frame = pd.concat([pd.DataFrame(columns) for columns in self.annual_records], ignore_index=True)
        return frame.sort_values(["replicate", "year"], kind="stable").reset_index(drop=True)

    def village_frame(self) -> pd.DataFrame:
        """One row per replicate, village and year (the agents' ``village_frame``)."""
        if not self.village_records:
            return pd.DataFrame()
        names = np.array(MODEL_CODES + ("",), dtype=object)
        models = np.array([";".join(sorted(c for k, c in enumerate(MODEL_CODES) if b >> k & 1))
                           for b in range(1 << N_MODELS)], dtype=object)
        recs = self.village_records
        Y = len(recs)

        def col(name):  # (Y, R, V) -> rows ordered by replicate, year, village
            return np.stack([r[name] for r in recs]).transpose(1, 0, 2).ravel()

        return pd.DataFrame({
            "replicate": np.repeat(self.replicates, Y * self.V),
            "village_id": np.tile(self.village_ids, self.R * Y),
            "year": np.tile(np.repeat([r["year"] for r in recs], self.V), self.R),
            "income_yuan": col("income"), "project_income_yuan": col("pincome"),
            "receipts_yuan": col("receipts"),
            "zero_income": col("zero"), "cohort": col("cohort").astype(np.int64),
            "model": names[col("current")], "models": models[col("bits")],
            "grants_yuan": col("grants"), "fund_yuan": col("fund"),
            "capacity": np.tile(self.capacity, self.R * Y), "demonstration": col("demo"),
            "poor_household_jobs": col("jobs"),
        })

    def project_frame(self) -> pd.DataFrame:
        live = np.nonzero(self.active)
        ids = self.pid[live]
        self.projects.cols["income_yuan"][ids] = self.income_total[live]
        building = self.pid[self.active & ~self.operating]
        frame = (self.projects.frame(self.village_ids, building)
                 .sort_values(["replicate", "project_id"], kind="stable").reset_index(drop=True))
        # numbered within each replicate, as the agents number them
        frame["project_id"] = frame.groupby("replicate").cumcount() + 1
        return frame

    def initial_zero_income_share(self) -> float:
        return float(np.mean(self.baseline <= self.p.village.zero_income_threshold_yuan))


def _ranked(mask, keys):
    """Model indices where ``mask``, sorted by ``keys`` (np.lexsort order: last key is
    primary), padded with -1: shape (..., 8)."""
    keys = [np.broadcast_to(k, mask.shape) for k in keys]
    order = np.lexsort([*keys, ~mask], axis=-1)
    picked = np.take_along_axis(np.where(mask, np.arange(N_MODELS), -1), order, -1)
    return picked


def _without(ranked, model):
    """Ranked lists with ``model`` taken out, the rest moved up."""
    kept = np.where(ranked == model, -1, ranked)
    return np.take_along_axis(kept, np.argsort(kept < 0, axis=-1, kind="stable"), -1)


def _only(model):
    out = np.full(N_MODELS, -1)
    out[0] = model
    return out


def _rank_in_group(group, mask):
    """For sorted ``group`` ids: each element's rank among the ``mask`` elements of its
    group (0 for the first)."""
    before = np.cumsum(mask) - mask  # mask elements before each element
    start = np.searchsorted(group, group)  # first element of each element's group
    return before - before[start]


def _codes_within(county: np.ndarray, names: pd.Series) -> np.ndarray:
    """0, 1, ... for each distinct (county, name) pair, in order of first appearance."""
    name_codes = pd.factorize(names.astype(str))[0]
    return pd.factorize(county.astype(np.int64) * (name_codes.max() + 1) + name_codes)[0]
