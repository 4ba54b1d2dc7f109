"""The array engine: every village (and many replicates at once) as numpy arrays.

It runs exactly the processes of the Mesa agent engine (``model.model``,
``model.agents``), in the same order, with the same rules (``model.rules``,
``model.business_models``) and the same random numbers (``model.random_streams``), so
for the same scenario, roster and seed both give the same results;
``tests/test_parity.py`` holds them together. The agent engine is the readable
reference: read it first.

Everything that happens runs in compiled kernels (``model.vector_kernels``): the
counties' decisions, the month, the year's accounts; this module holds the state, calls
them month by month and makes the output tables (``model.outputs``).

Every replicate may have its own parameters (a list of parameter sets, one per
replicate): sweep points, plan candidates and calibration samples then run as one
batch. They must share ``simulation.end_year`` (the length of the run); anything else
may differ.

Layout: state arrays have shape (R, V) for R replicates and V villages (see
``model.vector_kernels``). Villages may belong to several counties (a synthetic region:
a ``county`` column), each with its own pool, rollout, demonstrations and instructors;
the villages of one county must be contiguous in the roster.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from vcsim.memory import keep_freed_memory
from vcsim.model import outputs, rules
from vcsim.model import vector_kernels as K
from vcsim.model.business_models import MODEL_CODES, N_MODELS
from vcsim.model.measures import income_measures_columns
from vcsim.model.parameters import CountySize, params_record, scaled_to
from vcsim.model.random_streams import PURPOSES, stream_keys
from vcsim.model.roster import check_roster, sizes_of_counties
from vcsim.model.rules import ACCOUNT_KEYS, START_YEAR


class VectorEngine:
    """Runs R replicates on a roster, all at once.

    Args:
        roster: the village roster (``model.roster``); an optional ``county`` column
            splits it into counties (each county's villages contiguous).
        params: namespace from ``model.parameters.make_params`` for every replicate, or
            a list of them, one per replicate (equal ``simulation.end_year``).
        seed: scenario seed.
        replicates: replicate numbers (e.g. ``range(100)``); replicate r here gives the
            numbers the agent engine gives for (seed, r) with the same parameters. A
            number may repeat (the same replicate of several parameter sets).
        keep_villages: record village-year rows (off for very large regions).
    """

    def __init__(self, roster: pd.DataFrame, params, seed: int, replicates, keep_villages=True):
        check_roster(roster)
        keep_freed_memory()  # a run's arrays reuse the last run's memory (vcsim.memory)
        self.seed = int(seed)
        self.replicates = np.array(list(replicates), dtype=np.int64)
        R, V = len(self.replicates), len(roster)
        self.R, self.V = R, V
        params_list = list(params) if isinstance(params, (list, tuple)) else [params] * R
        if len(params_list) != R:
            raise ValueError(f"{len(params_list)} parameter sets for {R} replicates")
        unique: dict[int, int] = {}
        self.pidx = np.array([unique.setdefault(id(p), len(unique)) for p in params_list], np.int64)
        sets = list({id(p): p for p in params_list}.values())
        self.p = sets[0]
        self.param_sets = sets
        if len({p.simulation.end_year for p in sets}) > 1:
            raise ValueError("replicates run together need the same simulation.end_year")
        self.keep_villages = keep_villages
        self.end_year = int(self.p.simulation.end_year)
        self.n_months = (self.end_year - START_YEAR + 1) * 12
        self.t = 0
        # where the time goes, when run by part (vcsim bench): the counties' decisions,
        # the month, the year's end
        self.seconds = {"county": 0.0, "month": 0.0, "year_end": 0.0}
        self.keys = np.stack([stream_keys(seed, self.replicates, name) for name in
                              sorted(PURPOSES, key=PURPOSES.get)], axis=-1)
        ro = roster  # (columns are read by position: its index does not matter)
        self.village_ids = ro["village_id"].astype(str).to_numpy()
        county = ro["county"].to_numpy() if "county" in ro else np.zeros(V, dtype=np.int64)
        county = pd.factorize(county)[0]
        if np.any(np.diff(county) < 0):
            raise ValueError("roster: villages of one county must be contiguous")
        sizes = np.bincount(county)
        self.C = len(sizes)
        # the parameter record of each (parameter set, county): the settings that scale
        # with a county scaled to its own villages (counties of one size share a record)
        township = _codes_within(county, ro["township"])
        valley = _codes_within(county, ro["valley"])
        counts = sizes_of_counties(county, ro["poor"].to_numpy(bool), township)
        size_of = [CountySize(int(counts.villages[c]), int(counts.poor_villages[c]), int(counts.townships[c]))
                   for c in range(self.C)]
        unique_sizes: dict[CountySize, int] = {}
        column = [unique_sizes.setdefault(size, len(unique_sizes)) for size in size_of]
        records = params_record([scaled_to(p, size) for p in sets for size in unique_sizes])
        self.P = records.reshape(len(sets), len(unique_sizes))[:, column]
        self.roster = K.Roster(
            poor=ro["poor"].to_numpy(bool), poor_households=ro["poor_households"].to_numpy(np.int64),
            deep_mountain=ro["deep_mountain"].to_numpy(bool), scenic=ro["scenic_value"].to_numpy(float),
            leadership=ro["leadership"].to_numpy(float), own_income=ro["initial_income_yuan"].to_numpy(float),
            solar_site=ro["solar_site"].to_numpy(bool), idle_buildings=ro["idle_buildings"].to_numpy(np.int64),
            near_enterprise=ro["near_enterprise"].to_numpy(bool),
            near_cooperative=ro["near_cooperative"].to_numpy(bool),
            population=ro["population"].to_numpy(np.int64), township=township, valley=valley,
            county=county.astype(np.int64), county_start=np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64))
        self.scratch = K.scratch(int(sizes.max()), int(valley.max()) + 1)

        def zeros(dtype=float):
            return np.zeros((R, V), dtype)

        self.villages = K.Villages(
            cohort=zeros(np.int8), fund=zeros(), pincome=zeros(), preceipts=zeros(), grants=zeros(),
            poor_jobs=zeros(), models_bits=zeros(np.uint16), has_projects=zeros(bool),
            is_demo=zeros(bool), owner=np.full((R, V), -1, np.int32), share=zeros(),
            first_secretary=zeros(bool), fs_money=zeros(), instructor=zeros(bool), capacity=zeros(),
            investor_rate=zeros(), workshop_rate=zeros(), waiting=zeros(np.int8), feasible=zeros(np.uint8))
        # small integer types where they suffice: less memory for a large region
        self.leads = K.Leads(
            code=np.full((R, V), -1, np.int8), active=zeros(bool), operating=zeros(bool),
            capital=zeros(), quality=np.ones((R, V)), hazard=zeros(), pscenic=zeros(),
            operating_t=zeros(np.int32), last_income_t=np.full((R, V), -1, np.int32),
            income_year=zeros(), income_total=zeros(), pid=np.full((R, V), -1, np.int64),
            occupied=np.ones((R, V), bool), arrived=zeros(bool), present=zeros(bool),
            pays=np.ones((R, V), bool), shared=zeros(bool), late_until=np.full((R, V), -1, np.int32))
        self.county = K.County(
            pool=np.zeros((R, self.C)), released=np.zeros((R, self.C)), funded=np.zeros((R, self.C), np.int64),
            settled=np.zeros((R, self.C), bool),
            accounts=np.zeros((R, self.C, len(ACCOUNT_KEYS))),
            demo_bits=np.zeros((R, int(township.max()) + 1), np.uint16), rates=np.zeros((R, 5)),
            price=np.ones(R), started=np.zeros((R, 2), np.int64), failed=np.zeros(R, np.int64),
            income_by_model=np.zeros((R, N_MODELS)), next_id=np.zeros(R, np.int64))
        self.ledger = _ledger(2 * R * V + 1024)
        D = max(rules.pv_delay_months(p) for p in sets) + 1  # late payments: a ring of months
        self.pending = K.Pending(np.zeros((D, R, V)), np.zeros((D, R, V)))
        self.degradation = K.degradation_table(self.P, self.n_months)
        self.month_work = K.Month(zeros(np.int8), zeros(), zeros(), zeros(), zeros(), np.zeros(V, np.int64))
        self.years = K.years(self.n_months // 12, R, V, len(ACCOUNT_KEYS) + 4, keep_villages)
        K.setup(self.P, self.pidx, self.keys, self.roster, self.villages, self.county)

    # -- time ---------------------------------------------------------------------------
    @property
    def year(self):
        return START_YEAR + self.t // 12

    @property
    def month(self):
        return self.t % 12 + 1

    def run(self, by_part: bool = False):
        """The whole run in one compiled call (``vector_kernels.advance``), or with
        ``by_part`` a month at a time, each kernel timed (``seconds``): the same numbers."""
        while self.t < self.n_months:
            if by_part:
                self.step()
                continue
            self._make_room()
            self.t = K.advance(self.t, self.n_months, self.P, self.pidx, self.keys, self.roster,
                               self.villages, self.leads, self.county, self.ledger, self.pending,
                               self.month_work, self.degradation, self.scratch, self.years)
        return self

    def step(self):
        """One month: the counties' decisions, the month, in December the year's end."""
        start = time.perf_counter()
        self._make_room()
        K.county_month(self.t, self.P, self.pidx, self.keys, self.roster, self.villages, self.leads,
                       self.county, self.ledger, self.scratch)
        county = time.perf_counter()
        K.run_month(self.t, self.n_months, self.P, self.pidx, self.keys, self.roster, self.villages,
                    self.leads, self.county, self.ledger, self.pending, self.month_work, self.degradation)
        month = time.perf_counter()
        if self.month == 12:
            K.close_year(self.t // 12, self.P, self.pidx, self.roster, self.villages, self.leads, self.county,
                         self.years)
        self.seconds["county"] += county - start
        self.seconds["month"] += month - county
        self.seconds["year_end"] += time.perf_counter() - month
        self.t += 1

    def _make_room(self):
        """Room in the project table for a project per village and replicate (what a month
        may start at most): ``advance`` stops where there is not."""
        if self.ledger.size.max() + self.R * self.V > len(self.ledger.ints):
            self.ledger = _grown(self.ledger, self.R * self.V)

    # -- results as tables (columns and types: model.outputs) ---------------------------
    def _by_replicate(self, a: np.ndarray) -> np.ndarray:
        """Years' array (years, replicates, ...) of the years run, as rows ordered by
        replicate, then year: (replicates x years, ...)."""
        a = a[: self.t // 12]
        return a.swapaxes(0, 1).reshape((-1,) + a.shape[2:])

    def annual_frame(self) -> pd.DataFrame:
        """One row per replicate (in the order given) and year."""
        Y, n_acc = self.t // 12, len(ACCOUNT_KEYS)
        out, rows = self.years, self._by_replicate
        totals, started, operating = rows(out.totals), rows(out.started), rows(out.operating)
        waiting, income_by_model = rows(out.waiting), rows(out.income_by_model)
        acc = dict(zip(ACCOUNT_KEYS, totals[:, :n_acc].T))
        grants = rules.grants_5025(acc["grant_central"], acc["grant_province"], acc["grant_city_county"])
        columns = {"replicate": np.repeat(self.replicates, Y),
                   "year": np.tile(START_YEAR + np.arange(Y), self.R),
                   **income_measures_columns(rows(out.income), rows(out.zero), rows(out.cohort)),
                   **{f"{k}_yuan": acc[k] for k in ACCOUNT_KEYS},
                   "grants_5025_yuan": grants,
                   "fiscal_cost_yuan": rules.fiscal_cost(grants, acc["integrated"], acc["demonstration"],
                                                         acc["part_a"]),
                   "county_fiscal_cost_yuan": rules.county_fiscal_cost(acc["grant_city_county"],
                                                                       acc["demonstration"], acc["part_a"]),
                   "pool_left_yuan": totals[:, n_acc],
                   "tranche_unspent_yuan": totals[:, n_acc + 3],
                   "projects_started": started[:, 0],
                   "programme_projects_started": started[:, 1],
                   "villages_waiting_capacity": waiting[:, 0],
                   "villages_waiting_money": waiting[:, 1],
                   "projects_failed": rows(out.failed),
                   "projects_operating": operating.sum(1),
                   "project_income_yuan": totals[:, n_acc + 1],
                   "poor_household_jobs": totals[:, n_acc + 2] / 12.0}
        for k, c in enumerate(MODEL_CODES):
            columns[f"operating_{c}"] = operating[:, k]
        for k, c in enumerate(MODEL_CODES):
            columns[f"income_{c}_yuan"] = income_by_model[:, k]
        return outputs.frame("annual", {c.name: columns[c.name] for c in outputs.ANNUAL})

    def village_frame(self) -> pd.DataFrame:
        """One row per replicate, year and village (the agents' ``village_frame``)."""
        if not self.keep_villages:
            raise ValueError("this run did not keep the villages' years (keep_villages=False)")
        names = MODEL_CODES + (None,)
        models = [";".join(sorted(c for k, c in enumerate(MODEL_CODES) if b >> k & 1)) or None
                  for b in range(1 << N_MODELS)]
        Y, out = self.t // 12, self.years

        def col(a):  # (years, replicates, villages) -> rows ordered by replicate, year, village
            return self._by_replicate(a).ravel()

        return outputs.frame("villages", {
            "replicate": np.repeat(self.replicates, Y * self.V),
            "village_id": _text(self.village_ids, np.tile(np.arange(self.V), self.R * Y)),
            "year": np.tile(np.repeat(START_YEAR + np.arange(Y), self.V), self.R),
            "income_yuan": col(out.income), "project_income_yuan": col(out.pincome),
            "receipts_yuan": col(out.receipts),
            "zero_income": col(out.zero), "cohort": col(out.cohort),
            "model": _text(names, col(out.current)), "models": _text(models, col(out.bits)),
            "grants_yuan": col(out.grants), "fund_yuan": col(out.fund),
            "capacity": np.repeat(self.villages.capacity, Y, axis=0).ravel(),
            "demonstration": col(out.demo), "poor_household_jobs": col(out.jobs),
            "waiting_for": _text([w or None for w in rules.WAITING_FOR], col(out.waiting_for)),
        })

    def project_frame(self) -> pd.DataFrame:
        """One row per replicate (in the order given) and project, numbered as the agents
        number them: in the order they started."""
        L, g = self.leads, self.ledger
        live = np.nonzero(L.active)
        g.floats[L.pid[live], K.INCOME] = L.income_total[live]
        n = int(g.size[0])
        order = np.argsort(g.ints[:n, K.ROW], kind="stable")  # creation order within a replicate
        c = {name: g.ints[:n, k][order] for k, name in enumerate(K.LEDGER_INTS)}
        c.update({name: g.floats[:n, k][order] for k, name in enumerate(K.LEDGER_FLOATS)})
        ids = self.village_ids[c["lead"]].astype(object)
        position = np.empty(n, np.int64)
        position[order] = np.arange(n)
        m = int(g.size[1])
        if m:
            joined = (pd.Series(self.village_ids[g.members[:m, 1]])
                      .groupby(g.members[:m, 0], sort=False).agg(";".join))
            ids[position[joined.index.to_numpy()]] = joined.to_numpy()
        failed = c["failed_t"] >= 0
        building = ~failed & L.active[c["row"], c["lead"]] & ~L.operating[c["row"], c["lead"]]
        status = np.where(failed, 2, np.where(building, 1, 0))
        months, where = np.unique(c["operating_t"], return_inverse=True)
        labels = [f"{START_YEAR + t // 12}-{t % 12 + 1:02d}" for t in months]
        return outputs.frame("projects", {
            "replicate": self.replicates[c["row"]], "project_id": c["project_id"],
            "model": _text(MODEL_CODES, c["code"]), "village_ids": ids,
            "villages": c["villages"], "cohort": c["cohort"], "self_started": c["self_started"].astype(bool),
            "start_year": START_YEAR + c["start_t"] // 12, "operating_from": _text(labels, where.ravel()),
            "capital_yuan": c["capital"], "quality": c["quality"],
            **{f"{k}_yuan": c[k] for k in rules.MONEY_SOURCES},
            "status": _text(("operating", "building", "failed"), status),
            "end_reason": _text((None,) + rules.END_REASONS[1:], c["end_reason"]),
            "failed_year": pd.arrays.IntegerArray(START_YEAR + np.maximum(c["failed_t"], 0) // 12, ~failed),
            "income_yuan": c["income"],
        })

    def rows_of(self, table: str) -> np.ndarray:
        """For each row of ``annual_frame``, ``village_frame`` or ``project_frame``: the
        replicate row (position in ``replicates``) it belongs to."""
        Y = self.t // 12
        if table == "annual":
            return np.repeat(np.arange(self.R), Y)
        if table == "villages":
            return np.repeat(np.arange(self.R), Y * self.V)
        return np.sort(self.ledger.ints[: int(self.ledger.size[0]), K.ROW], kind="stable")

    def initial_zero_income_shares(self) -> np.ndarray:
        """Share of villages with zero income before the programme, per replicate row."""
        own = self.roster.own_income
        return np.array([np.mean(rules.zero_income(p, own)) for p in self.param_sets])[self.pidx]

    def initial_zero_income_share(self) -> float:
        return float(self.initial_zero_income_shares()[0])


def _text(vocabulary, codes: np.ndarray) -> pd.arrays.StringArray:
    """A text column: ``vocabulary[codes]`` (None: missing; a code of -1 is the last
    word) in pandas' string type. Each distinct word is checked and converted once, not
    once per row: most of the time of making a large table went to that."""
    return pd.array(list(vocabulary), dtype="string").take(codes)


def _ledger(size: int) -> K.Ledger:
    """An empty project table with room for ``size`` projects and as many cluster members
    (rows are written when used: only the rows counted in ``Ledger.size`` are read)."""
    return K.Ledger(np.empty((size, len(K.LEDGER_INTS)), np.int64), np.empty((size, len(K.LEDGER_FLOATS))),
                    np.empty((size, 2), np.int64), np.zeros(2, np.int64))


def _grown(ledger: K.Ledger, room: int) -> K.Ledger:
    """The same table with room for ``room`` more projects (and members)."""
    grown = _ledger(max(2 * len(ledger.ints), int(ledger.size.max()) + room))
    for old, new in zip(ledger, grown):
        new[: len(old)] = old
    return grown


def _codes_within(county: np.ndarray, names: pd.Series) -> np.ndarray:
    """0, 1, ... for each distinct (county, name) pair, in order of first appearance."""
    name_codes = pd.factorize(names.astype(str))[0]
    return pd.factorize(county.astype(np.int64) * (name_codes.max() + 1) + name_codes)[0].astype(np.int64)
