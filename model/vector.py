"""The array engine: every village (and many replicates at once) as numpy arrays.

It runs exactly the processes of the Mesa agent engine (``model.model``,
``model.agents``), in the same order, with the same business-model functions
(``model.business_models``) and the same random numbers (``model.random_streams``), so
for the same scenario, roster and seed both give the same results; ``tests/test_parity.py``
holds them together. The agent engine is the readable reference: read it first.

Layout: state arrays have shape (R, V) for R replicates and V villages. Each village
runs at most one project at a time, and a project is stored at the index of its lead
village (the first of its owners); ``owner`` maps every village to the lead of the
project it owns a share of (-1: none). Villages may belong to several counties (a
synthetic region), each with its own pool, rollout and demonstrations; county ids must
not decrease along the roster.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from model import business_models as bm
from model.agents import ACCOUNT_KEYS, chance_to_earn_by_december, leadership_capacity, part_a_cost_yuan
from model.business_models import MODEL_CODES, MODEL_INDEX
from model.measures import income_measures
from model.model import START_YEAR
from model.random_streams import PURPOSES, _NORMAL, _UNIFORM, draw, stream_keys
from model.roster import check_roster

N_MODELS = len(MODEL_CODES)
SOLAR, CLUSTER, IDLE, SHOP, INVESTOR, EQUITY, COOP, WORKSHOP = range(N_MODELS)
END_REASONS = ("", "failed", "partner default", "no investor came", "closed: no income",
               "closed: loss over the year")
FAILED, DEFAULT, NO_INVESTOR, CLOSED_NO_INCOME, CLOSED_LOSS = range(1, 6)


class VectorDraws:
    """``RandomStreams`` for R replicates at once: arrays (R, V) or (R, V, width)."""

    def __init__(self, seed: int, replicates, n_villages: int):
        self.keys = {p: stream_keys(seed, replicates, p) for p in PURPOSES}
        self.n = n_villages

    def uniform(self, purpose, key, width=None):
        return draw(self.keys[purpose], key, _UNIFORM, self.n, width)

    def normal(self, purpose, key, width=None):
        return draw(self.keys[purpose], key, _NORMAL, self.n, width)


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
            self.cols[name][ids] = values.get(name, -1 if name in ("failed_t",) else 0)
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
        self.county_sizes = np.bincount(self.county, minlength=self.C)
        # townships and valleys are local to a county
        self.township = pd.factorize(pd.Series(self.county).astype(str) + "/" + ro["township"].astype(str))[0]
        self.valley = pd.factorize(pd.Series(self.county).astype(str) + "/" + ro["valley"].astype(str))[0]
        self.n_townships = int(self.township.max()) + 1
        self.n_valleys = int(self.valley.max()) + 1
        self.index = np.arange(V)
        self.rows = np.arange(R)[:, None]

        # villages' state
        self.cohort = np.zeros((R, V), np.int8)
        self.fund = np.zeros((R, V))
        self.pincome = np.zeros((R, V))  # project income this year
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
        self.pending_active = np.zeros((R, V, self.D))
        self.pending_old = np.zeros((R, V, self.D))
        self.projects = ProjectTable()
        # county
        self.pool = np.full((R, self.C), p.funding.grant_pool_yuan if p.programme.enabled else 0.0, dtype=float)
        self.demo_bits = np.zeros((R, self.n_townships), np.uint16)
        self.accounts: dict[int, dict[str, np.ndarray]] = {}
        self.failed_this_year = np.zeros(R, np.int64)
        self._before_villages = False  # partner events come before the villages' step
        self.price_factor = np.ones(R)
        self.annual_records: list[dict] = []
        self.village_records: list[pd.DataFrame] = []
        self._assign_first_secretaries_and_instructors()

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
        if self.month == 1:
            self.price_factor = self._price_factor()
        self._county_step()
        self._partners_step()
        self._villages_step()
        if self.month % 3 == 0:
            self._assess()
        if self.month == 12:
            self._close_year()
        self.t += 1

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
        self.instructor = rank < p.party.instructors
        self.capacity = leadership_capacity(p, self.leadership, self.instructor).astype(float)

    def _price_factor(self):
        c = self.p.models.cooperative
        if not self.p.shocks.commodity_prices.enabled or c.price_sd == 0:
            return np.ones(self.R)
        z = self.draws.normal("price", self.year)[:, 0]
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
        self.integrated_year = np.zeros((self.R, self.V))  # integrated funds per village this year
        self.accounts[year]["part_a"][:] = sum(part_a_cost_yuan(p, year, int(n)) for n in self.county_sizes)
        entrants = self._entrants(year) if p.programme.enabled else np.zeros((self.R, self.V), bool)
        if entrants.any() and year == p.rollout.poor_year:
            self._choose_demonstrations(entrants & (self.cohort == 1))
        self._select_and_fund(entrants, year)
        starters = ((self.cohort == 0) & ~entrants & self._without_income_source()
                    & (self.draws.uniform("self_start", year) < p.village.self_start_per_year))
        if starters.any():
            self._self_start(starters)

    def _entrants(self, year):
        r = self.p.rollout
        c0 = self.cohort == 0
        wis = self._without_income_source()
        remaining = year == r.remaining_year or (r.mop_up and year > r.remaining_year)
        e1 = c0 & (self.poor & (year == r.poor_year))[None, :]
        e2 = c0 & ~e1 & (~self.poor & (year == r.priority_year) & (
            (self.poor_households > r.priority_poor_households) | self.deep_mountain))[None, :]
        e3 = c0 & ~e1 & ~e2 & wis & remaining
        self.cohort[e1] = 1
        self.cohort[e2] = 2
        self.cohort[e3] = 3
        return ((e1 | e2 | e3) & (self.owner < 0)) | (~c0 & wis & remaining)

    def _choose_demonstrations(self, candidates):
        """The most capable first-cohort village of each township, then the next best."""
        n = self.p.demonstration.villages
        for r in range(self.R):
            idx = np.nonzero(candidates[r])[0]
            if len(idx) == 0:
                continue
            order = idx[np.lexsort((idx, -self.capacity[idx], self.county[idx]))]
            for c in np.unique(self.county[order]):
                ranked = order[self.county[order] == c]
                _, first = np.unique(self.township[ranked], return_index=True)
                firsts = ranked[np.sort(first)][:n]
                rest = ranked[~np.isin(ranked, firsts)]
                chosen = np.concatenate([firsts, rest[: max(0, n - len(firsts))]])
                self.is_demo[r, chosen] = True

    def _options(self, sel, money, year, review):
        """议 and 评 for the selected villages ``sel`` (R, V) with ``money`` (R, V).

        Returns ranked model indices (R, V, 8) padded with -1, and quality (R, V, 8).
        """
        p, s = self.p, self.p.selection
        weights = bm.model_settings(p, "quality_weight")
        quality = np.exp(s.quality_sd * self.draws.normal("quality", self.t, N_MODELS)) ** weights
        feasible = self.feasible[None] & (money[..., None] >= bm.model_settings(p, "min_yuan")) & sel[..., None]
        useful = bm.useful_capital_yuan(p, money)
        ret = bm.expected_return(p, useful, self.scenic[None, :])
        bits = self.demo_bits[:, self.township]  # (R, V)
        seen = ((bits[..., None] >> np.arange(N_MODELS, dtype=np.uint16)) & 1).astype(bool)
        knowledge = np.exp(-p.village.capacity_knowledge_effect * (self.capacity - 0.5))
        noise_sd = (s.proposal_noise_sd * knowledge[None, :, None]
                    * np.where(seen, 1 - p.demonstration.learning, 1.0))
        perceived = (ret * quality * np.exp(noise_sd * self.draws.normal("proposal", self.t, N_MODELS))
                     * np.where(seen, 1 + p.demonstration.pull, 1.0))
        perceived = np.where(feasible, perceived, -np.inf)
        rank = np.argsort(np.argsort(-perceived, axis=-1, kind="stable"), axis=-1)
        cand = feasible & (rank < s.candidates)
        models = np.arange(N_MODELS)
        if not review:
            return _ranked(cand, (models, rank)), quality
        judged = ret * quality * np.exp(s.review_noise_sd * self.draws.normal("review", self.t, N_MODELS))
        passing = cand & (judged >= s.review_min_return)
        shop_ok = feasible[..., SHOP]
        if s.deadline_aware and year >= p.rollout.remaining_year:
            chance = chance_to_earn_by_december(p, self.month)
            sure = passing & (chance >= s.deadline_min_chance)
            any_sure = sure.any(-1)
            shop_only = ~any_sure & shop_ok & (chance[SHOP] >= s.deadline_min_chance)
            ranked_sure = _ranked(sure, (models, -judged))
            ranked_pool = _ranked(passing, (models, -judged, -np.broadcast_to(chance, judged.shape)))
            out = np.where(any_sure[..., None], ranked_sure, ranked_pool)
            out[shop_only] = _only(SHOP)
            return out, quality
        out = _ranked(passing, (models, -judged))
        fallback = ~passing.any(-1) & shop_ok & (judged[..., SHOP] >= s.review_min_return)
        out[fallback] = _only(SHOP)
        return out, quality

    def _select_and_fund(self, entrants, year):
        p = self.p
        acc = self.accounts[year]
        # 扶: grants (then demonstration extras) reserved from the pool in roster order
        tier = np.where(self.poor, p.funding.poor_village_yuan, p.funding.nonpoor_village_yuan)
        grant_req = np.where(entrants, tier[None, :], 0.0)
        demo_req = np.where(entrants & self.is_demo & ~self.has_projects, p.demonstration.extra_yuan, 0.0)
        grant, demo = _greedy_pairs(grant_req, demo_req, self.pool, self.county, self.county_sizes)
        secretary = np.where(entrants, self.fs_money, 0.0)
        own = np.where(entrants, self.fund, 0.0)
        money = grant + demo + secretary + own
        ranked, quality = self._options(entrants, money, year, p.selection.review)
        ranked = self._resolve_clusters(entrants, ranked)
        funded = entrants & (ranked[..., 0] >= 0)
        n_funded = np.zeros((self.R, self.C))
        np.add.at(n_funded, (np.nonzero(funded)[0], self.county[np.nonzero(funded)[1]]), 1)
        spent_c = np.zeros((self.R, self.C))  # integrated funds already spent this year
        np.add.at(spent_c, (np.nonzero(self.integrated_year)[0], self.county[np.nonzero(self.integrated_year)[1]]),
                  self.integrated_year[self.integrated_year != 0])
        left = np.maximum(0.0, p.funding.integrated_yuan_per_year - spent_c)
        with np.errstate(divide="ignore", invalid="ignore"):
            top_up_c = np.where(n_funded > 0, np.minimum(p.funding.integrated_cap_yuan, left / n_funded), 0.0)
        top_up = np.where(funded, top_up_c[:, self.county], 0.0)
        self.integrated_year += top_up
        spent = np.zeros((self.R, self.C))
        np.add.at(spent, (np.nonzero(funded)[0], self.county[np.nonzero(funded)[1]]),
                  (grant + demo)[funded])
        self.pool -= spent
        self.fs_money[funded] = 0.0
        self.fund[funded] = 0.0
        g = np.where(funded, grant, 0.0)
        acc["grant_central"] += (g * p.funding.central_share).sum(1)
        acc["grant_province"] += (g * p.funding.province_share).sum(1)
        acc["grant_city_county"] += (g * (1 - p.funding.central_share - p.funding.province_share)).sum(1)
        acc["integrated"] += top_up.sum(1)
        acc["first_secretary"] += np.where(funded, secretary, 0.0).sum(1)
        acc["demonstration"] += np.where(funded, demo, 0.0).sum(1)
        self.grants += np.where(funded, g + top_up + demo, 0.0)
        total = np.where(funded, 0 + g + top_up + secretary + demo + own, 0.0)
        money_parts = {"grant_yuan": g, "integrated_yuan": top_up, "first_secretary_yuan": secretary,
                       "demonstration_yuan": demo, "own_yuan": own}
        self._start_projects(funded, ranked[..., 0], total, quality, money_parts, year,
                             self_started=False)
        started = funded & self.is_demo
        for r, v in zip(*np.nonzero(started)):  # its project's model (a cluster's is at its lead)
            self.demo_bits[r, self.township[v]] |= np.uint16(1 << int(self.code[r, self.owner[r, v]]))

    def _resolve_clusters(self, sel, ranked):
        """Clusters need ``min_villages`` of one valley; a lone village drops the cluster
        option and moves to its next one."""
        first_cluster = sel & (ranked[..., 0] == CLUSTER)
        r_idx, v_idx = np.nonzero(first_cluster)
        counts = np.zeros((self.R, self.n_valleys), np.int64)
        np.add.at(counts, (r_idx, self.valley[v_idx]), 1)
        lone = first_cluster & (counts[:, self.valley] < self.p.models.cluster.min_villages)
        if lone.any():
            kept = np.where(ranked[lone] == CLUSTER, -1, ranked[lone])
            order = np.argsort(kept < 0, axis=-1, kind="stable")
            ranked[lone] = np.take_along_axis(kept, order, -1)
        return ranked

    def _self_start(self, starters):
        p = self.p
        money = np.where(starters, p.village.self_start_yuan + self.fund, 0.0)
        ranked, quality = self._options(starters, money, self.year, review=False)
        ranked = np.where(ranked == CLUSTER, -1, ranked)
        ranked = np.take_along_axis(ranked, np.argsort(ranked < 0, axis=-1, kind="stable"), -1)
        go = starters & (ranked[..., 0] >= 0)
        self.fund[go] = 0.0
        self._start_projects(go, ranked[..., 0], np.where(go, 0 + money, 0.0), quality,
                             {"own_yuan": money}, self.year, self_started=True)

    def _start_projects(self, go, choice, total, quality, money_parts, year, self_started):
        """Build projects for villages ``go`` running model ``choice`` with ``total`` money;
        villages of one valley running a cluster share one project."""
        p, org = self.p, self.p.organisation
        if not go.any():
            return
        misuse = org.misuse_share
        if org.two_alwayses:
            misuse *= 1 - org.two_alwayses_effect
        if org.monthly_inspection:
            misuse *= 1 - org.inspection_effect
        m = np.where(go, choice, 0)
        useful = np.take_along_axis(bm.useful_capital_yuan(p, total), m[..., None], -1)[..., 0]
        useful = np.where(go, useful, 0.0)
        self.fund += np.where(go, total - useful, 0.0)
        cap_i = useful * (1 - misuse)
        self.accounts[year]["misused"] += np.where(go, useful * misuse, 0.0).sum(1)
        # leads: every village, except cluster members after the first of their valley
        r_idx, v_idx = np.nonzero(go)
        is_cluster = m[r_idx, v_idx] == CLUSTER
        key = r_idx * self.n_valleys + self.valley[v_idx]
        lead = v_idx.copy()
        if is_cluster.any():
            ck = key[is_cluster]
            first_of = {}
            for k, v in zip(ck, v_idx[is_cluster]):  # roster order: the first member leads
                first_of.setdefault(k, v)
            lead[is_cluster] = [first_of[k] for k in ck]
        capital = np.zeros((self.R, self.V))
        np.add.at(capital, (r_idx, lead), cap_i[r_idx, v_idx])
        scenic_sum = np.zeros((self.R, self.V))
        n_members = np.zeros((self.R, self.V), np.int64)
        np.add.at(scenic_sum, (r_idx, lead), self.scenic[v_idx])
        np.add.at(n_members, (r_idx, lead), 1)
        self.owner[r_idx, v_idx] = lead
        with np.errstate(invalid="ignore", divide="ignore"):
            share = cap_i[r_idx, v_idx] / capital[r_idx, lead]
        self.share[r_idx, v_idx] = np.where(capital[r_idx, lead] > 0, share, 1.0 / n_members[r_idx, lead])
        self.has_projects[r_idx, v_idx] = True
        leads = lead == v_idx
        lr, lv = r_idx[leads], v_idx[leads]
        code = m[lr, lv]
        build = bm.model_settings(p, "build_months")[code]
        extra_mean = build * org.extra_delay_share * (1 / 3 if org.monthly_inspection else 1.0)
        u = self.draws.uniform("build", self.t)[lr, lv]
        months = build - extra_mean * np.log(1.0 - u)
        self.code[lr, lv] = code
        self.active[lr, lv] = True
        self.operating[lr, lv] = False
        self.capital[lr, lv] = capital[lr, lv]
        self.quality[lr, lv] = quality[lr, lv, code]
        self.start_t[lr, lv] = self.t
        self.operating_t[lr, lv] = self.t + np.ceil(months).astype(np.int64)
        self.last_income_t[lr, lv] = -1
        self.income_year[lr, lv] = 0.0
        self.income_total[lr, lv] = 0.0
        self.pscenic[lr, lv] = scenic_sum[lr, lv] / n_members[lr, lv]
        self.occupied[lr, lv] = True
        self.arrived[lr, lv] = False
        self.present[lr, lv] = False
        self.pays[lr, lv] = True
        sums = {}
        for name, part in money_parts.items():
            acc = np.zeros((self.R, self.V))
            np.add.at(acc, (r_idx, lead), np.where(go, part, 0.0)[r_idx, v_idx])
            sums[name] = acc[lr, lv]
        ids = self.projects.add(replicate=self.replicates[lr], lead=lv, code=code,
                                cohort=self.cohort[lr, lv], self_started=self_started,
                                start_t=np.full(len(lv), self.t), operating_t=self.operating_t[lr, lv],
                                capital_yuan=capital[lr, lv], quality=self.quality[lr, lv],
                                villages=n_members[lr, lv], failed_t=np.full(len(lv), -1), **sums)
        self.pid[lr, lv] = ids
        for pid, r, v in zip(ids, lr, lv):
            if n_members[r, v] > 1:
                self.projects.members.append((pid, v_idx[(r_idx == r) & (lead == v)]))

    # -- partners -----------------------------------------------------------------------
    def _partners_step(self):
        self._before_villages = True
        try:
            self._partner_events()
        finally:
            self._before_villages = False

    def _partner_events(self):
        p, t = self.p, self.t
        op = self.operating & self.active  # operating before this month's village step
        if not op.any():
            return
        u = self.draws.uniform("partner", t)
        wave = bm.partner_wave(p, self.year)
        eq = op & (self.code == EQUITY)
        if eq.any():
            ent = p.models.enterprise_equity
            if self.month == 12:
                skip = self.draws.uniform("dividend", self.year)
                self.pays = np.where(eq, skip >= ent.skip_per_year, self.pays)
            default = eq & (u < bm.monthly_from_yearly(ent.default_per_year * wave))
            if default.any():
                self._fail(default, DEFAULT, recovered=self.capital * ent.recovery_share)
        inv = op & (self.code == INVESTOR) & ~self.arrived
        if inv.any():
            a = p.models.attract_investor
            rate = np.minimum(a.arrival_per_month * (1 + p.first_secretary.contacts_effect * self.first_secretary), 1.0)
            arrive = inv & (u < rate)
            self.arrived |= arrive
            give_up = inv & ~arrive & (t - self.operating_t + 1 >= a.give_up_months)
            if give_up.any():
                self._fail(give_up, NO_INVESTOR)
        ws = op & (self.code == WORKSHOP)
        if ws.any():
            w = p.models.workshop
            leave = ws & self.present & (u < bm.monthly_from_yearly(w.relocation_per_year * wave))
            rate = np.minimum(w.arrival_per_month * (1 + p.first_secretary.contacts_effect * self.first_secretary), 1.0)
            come = ws & ~self.present & (u < rate)
            self.present = np.where(ws, np.where(self.present, ~leave, come), self.present)

    # -- villages -------------------------------------------------------------------------
    def _villages_step(self):
        p, t = self.p, self.t
        year, month = self.year, self.month
        slot = t % self.D
        # late payments fall due: the running project's (it counts as its income) and
        # those of projects that have ended
        due_active = self.pending_active[..., slot].copy()
        due_old = self.pending_old[..., slot].copy()
        self.pending_active[..., slot] = 0.0
        self.pending_old[..., slot] = 0.0
        paid = due_active != 0
        self.pincome += due_old
        if paid.any():
            self._pay(paid, due_active)
        owned_before = self.owner >= 0
        code_before = np.where(owned_before, self.code[self.rows, np.maximum(self.owner, 0)], 0)
        lead_before = self.owner.copy()
        # building -> operating
        self.operating |= self.active & (t >= self.operating_t)
        op = self.active & self.operating
        net = np.zeros((self.R, self.V))
        if op.any():
            net = self._operate(op, year, month)
            self._pay(op, net)
            hazard = bm.monthly_failure_hazard(p, np.maximum(self.code, 0), self.quality, self.capacity[None, :])
            fail = op & (self.draws.uniform("failure", t) < hazard)
        else:
            fail = np.zeros((self.R, self.V), bool)
        # a cluster member steps after its lead: if the lead's project failed this month,
        # the member no longer sees it (agent engine: villages step in roster order)
        failed_lead = np.where(owned_before, fail[self.rows, np.maximum(lead_before, 0)], False)
        sees = owned_before & ~(failed_lead & (lead_before < self.index[None, :]))
        self.models_bits |= np.where(sees, (1 << code_before).astype(np.uint16), 0).astype(np.uint16)
        if fail.any():
            self._fail(fail, FAILED)

    def _operate(self, op, year, month):
        """The month's net income of every operating project, at its lead village."""
        p = self.p
        net = np.zeros((self.R, self.V))
        code = np.where(op, self.code, -1)
        cap, q = self.capital, self.quality

        def at(model):
            return np.nonzero(code == model)

        r, v = at(SOLAR)
        if len(r):
            age = (self.t - self.operating_t[r, v]) / 12.0
            gross, om = bm.solar_month(p, cap[r, v], q[r, v], age)
            arrears = p.shocks.pv_arrears
            late = np.zeros_like(gross)
            if arrears.enabled and arrears.first_year <= year <= arrears.last_year:
                late = gross * p.models.solar.subsidy_share
                due = (self.t + max(int(math.ceil(arrears.delay_months)), 1)) % self.D
                self.pending_active[r, v, due] += late
            net[r, v] = gross - late - om
        r, v = at(CLUSTER)
        if len(r):
            net[r, v] = bm.cluster_month(p, cap[r, v], self.pscenic[r, v], q[r, v], year, month)
        r, v = at(IDLE)
        if len(r):
            net[r, v] = bm.idle_assets_month(p, cap[r, v], self.scenic[v], q[r, v], year, month)
        r, v = at(SHOP)
        if len(r):
            shop = p.models.town_shop
            u = self.draws.uniform("partner", self.t)[r, v]
            occ = self.occupied[r, v]
            occ = np.where(occ, ~(u < bm.monthly_from_yearly(shop.vacancy_per_year)),
                           u < 1.0 / max(shop.vacancy_months, 1.0))
            self.occupied[r, v] = occ
            net[r, v] = bm.town_shop_month(p, cap[r, v], q[r, v], occ)
        r, v = at(INVESTOR)
        if len(r):
            net[r, v] = bm.attract_investor_month(p, cap[r, v], self.scenic[v], q[r, v], year, month,
                                                  self.arrived[r, v])
        r, v = at(EQUITY)
        if len(r):
            net[r, v] = bm.enterprise_equity_month(p, cap[r, v], q[r, v], month, self.pays[r, v])
        r, v = at(COOP)
        if len(r):
            net[r, v] = bm.cooperative_month(p, cap[r, v], q[r, v], month, self.price_factor[r])
        r, v = at(WORKSHOP)
        if len(r):
            present = self.present[r, v]
            net[r, v] = bm.workshop_month(p, cap[r, v], q[r, v], present)
            jobs = np.minimum(p.models.workshop.workers, self.poor_households[v])
            self.poor_jobs[r, v] += np.where(present, jobs, 0.0)
        return net

    def _pay(self, leads, amount):
        """Book ``amount`` of the projects led at ``leads`` to their owners by share."""
        amount = np.where(leads, amount, 0.0)
        self.income_year += amount
        self.income_total += amount
        self.last_income_t = np.where(leads & (amount > 0), self.t, self.last_income_t)
        owned = self.owner >= 0
        lead = np.maximum(self.owner, 0)
        paid = owned & leads[self.rows, lead]
        self.pincome += np.where(paid, amount[self.rows, lead] * self.share, 0.0)

    def _fail(self, mask, reason, recovered=None):
        """End the projects led at ``mask``: owners get back ``recovered`` by share."""
        mask = mask & self.active
        if not mask.any():
            return
        owned = self.owner >= 0
        lead = np.maximum(self.owner, 0)
        member = owned & mask[self.rows, lead]
        if recovered is not None:
            self.fund += np.where(member, recovered[self.rows, lead] * self.share, 0.0)
        self.owner[member] = -1
        r, v = np.nonzero(mask)
        ids = self.pid[r, v]
        self.projects.cols["failed_t"][ids] = self.t
        self.projects.cols["end_reason"][ids] = reason
        # late payments still due count as the project's income if they fall in the run;
        # this month's are still to come if the failure happens before villages step
        first_due = self.t if self._before_villages else self.t + 1
        due = first_due + (np.arange(self.D) - first_due) % self.D
        late = (self.pending_active[mask] * (due < self.n_months)).sum(1)
        self.projects.cols["income_yuan"][ids] = self.income_total[r, v] + late
        self.active[mask] = False
        self.operating[mask] = False
        self.pending_old[mask] += self.pending_active[mask]
        self.pending_active[mask] = 0.0
        self.failed_this_year += mask.sum(1)

    # -- supervision and year end --------------------------------------------------------
    def _assess(self):
        p, org, t = self.p, self.p.organisation, self.t
        year_end = self.month == 12
        op = self.active & self.operating
        quiet = bm.QUIET_MONTHS[np.maximum(self.code, 0)]
        no_income = np.zeros_like(op)
        if org.quarterly_comparison:
            no_income = op & (self.operating_t <= t - quiet + 1) & (
                (self.last_income_t < 0) | (self.last_income_t <= t - quiet))
        loss = np.zeros_like(op)
        if year_end and org.year_end_assessment:
            loss = op & ~no_income & (self.operating_t <= t - 11) & (self.income_year <= 0)
        self._fail(no_income, CLOSED_NO_INCOME)
        self._fail(loss, CLOSED_LOSS)
        if year_end:
            self.income_year[:] = 0.0

    def _close_year(self):
        p, year = self.p, self.year
        income = self.baseline[None, :] + self.pincome
        self.fund += np.where(self.pincome > 0, p.village.reinvest_share * self.pincome, 0.0)
        zero = income <= p.village.zero_income_threshold_yuan
        acc = self.accounts[year]
        owned = self.owner >= 0
        current = np.where(owned, self.code[self.rows, np.maximum(self.owner, 0)], -1)
        op = self.active & self.operating
        starts = self.projects.cols["start_t"][: self.projects.n] // 12 + START_YEAR
        reps = self.projects.cols["replicate"][: self.projects.n]
        for i, rep in enumerate(self.replicates):
            rec = {"year": year, **income_measures(income[i], zero[i], self.cohort[i])}
            grants = acc["grant_central"][i] + acc["grant_province"][i] + acc["grant_city_county"][i]
            rec.update({f"{k}_yuan": float(acc[k][i]) for k in ACCOUNT_KEYS})
            rec["grants_5025_yuan"] = float(grants)
            rec["fiscal_cost_yuan"] = float(grants + acc["integrated"][i] + acc["demonstration"][i] + acc["part_a"][i])
            rec["county_fiscal_cost_yuan"] = float(acc["grant_city_county"][i] + acc["demonstration"][i] + acc["part_a"][i])
            rec["pool_left_yuan"] = float(self.pool[i].sum())
            rec["projects_started"] = int(((reps == rep) & (starts == year)).sum())
            rec["projects_failed"] = int(self.failed_this_year[i])
            rec["projects_operating"] = int(op[i].sum())
            rec["project_income_yuan"] = float(self.pincome[i].sum())
            rec["poor_household_jobs"] = float(self.poor_jobs[i].sum() / 12.0)
            for k, c in enumerate(MODEL_CODES):
                rec[f"operating_{c}"] = int((op[i] & (self.code[i] == k)).sum())
            self.annual_records.append((int(rep), rec))
        if self.keep_villages:
            names = np.array(MODEL_CODES + ("",), dtype=object)
            models = np.array([";".join(sorted(c for k, c in enumerate(MODEL_CODES) if b >> k & 1))
                               for b in range(1 << N_MODELS)], dtype=object)
            self.village_records.append(pd.DataFrame({
                "replicate": np.repeat(self.replicates, self.V),
                "village_id": np.tile(self.village_ids, self.R), "year": year,
                "income_yuan": income.ravel(), "project_income_yuan": self.pincome.ravel(),
                "zero_income": zero.ravel(), "cohort": self.cohort.ravel().astype(np.int64),
                "model": names[current.ravel()], "models": models[self.models_bits.ravel()],
                "grants_yuan": self.grants.ravel(), "fund_yuan": self.fund.ravel(),
                "capacity": np.tile(self.capacity, self.R), "demonstration": self.is_demo.ravel(),
                "poor_household_jobs": (self.poor_jobs / 12.0).ravel(),
            }))
        self.failed_this_year[:] = 0
        self.pincome[:] = 0.0
        self.grants[:] = 0.0
        self.poor_jobs[:] = 0.0
        self.models_bits = np.where(owned, (1 << np.maximum(current, 0)), 0).astype(np.uint16)

    # -- results as tables ------------------------------------------------------------
    def annual_frame(self) -> pd.DataFrame:
        rows = [{"replicate": rep, **rec} for rep, rec in self.annual_records]
        return pd.DataFrame(rows).sort_values(["replicate", "year"], kind="stable").reset_index(drop=True)

    def village_frame(self) -> pd.DataFrame:
        if not self.village_records:
            return pd.DataFrame()
        return (pd.concat(self.village_records, ignore_index=True)
                .sort_values(["replicate", "year"], kind="stable").reset_index(drop=True))

    def project_frame(self) -> pd.DataFrame:
        live = np.nonzero(self.active)
        ids = self.pid[live]
        self.projects.cols["income_yuan"][ids] = self.income_total[live]
        building = self.pid[self.active & ~self.operating]
        return (self.projects.frame(self.village_ids, building)
                .sort_values(["replicate", "project_id"], kind="stable").reset_index(drop=True))

    def initial_zero_income_share(self) -> float:
        return float(np.mean(self.baseline <= self.p.village.zero_income_threshold_yuan))


def _ranked(mask, keys):
    """Model indices where ``mask``, sorted by ``keys`` (np.lexsort order: last key is
    primary), padded with -1: shape (..., 8)."""
    keys = [np.broadcast_to(k, mask.shape) for k in keys]
    order = np.lexsort([*keys, ~mask], axis=-1)
    picked = np.take_along_axis(np.where(mask, np.arange(N_MODELS), -1), order, -1)
    return picked


def _only(model):
    out = np.full(N_MODELS, -1)
    out[0] = model
    return out


def _greedy_pairs(first, second, pool, county, sizes):
    """Allocate requests in roster order, each village's ``first`` then ``second``,
    greedily from each county's ``pool``: what each gets (the sum of allocations up
    to any point is min(requests so far, pool))."""
    R, V = first.shape
    inter = np.stack([first, second], -1).reshape(R, 2 * V)
    cum = np.cumsum(inter, axis=1)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]) * 2
    before = np.where(starts > 0, cum[:, np.maximum(starts - 1, 0)], 0.0)  # (R, C)
    cum_c = cum - np.repeat(before, sizes * 2, axis=1)
    P = np.repeat(pool, sizes * 2, axis=1)
    got = np.minimum(cum_c, P)
    prev = np.concatenate([np.zeros((R, 1)), got[:, :-1]], axis=1)
    prev[:, starts] = 0.0
    alloc = (got - prev).reshape(R, V, 2)
    return alloc[..., 0], alloc[..., 1]
