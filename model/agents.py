"""Agents of the county model: villages, their partners, and the county governments.

Villages run their collective projects month by month; partners (leading enterprises,
specialised cooperatives, outside investors, factories placing workshops, operators of
cluster ventures) decide the events that villages depend on; each county government
rolls the programme out to its villages, selects and funds their projects and
supervises them. The formulas and decision rules they apply are those of
``model.rules`` and ``model.business_models``, which the vector engine compiles: the
agents hold the state and the order of events, the rules say what happens.
"""

from __future__ import annotations

import mesa
import numpy as np

from vcsim.model import business_models as bm
from vcsim.model import rules
from vcsim.model.business_models import CLUSTER, MODEL_CODES, MODEL_INDEX, N_MODELS, SHOP, SOLAR, WORKSHOP


def added_in_order(values) -> float:
    """The floats added one after another, left to right, as the compiled kernels add
    them. Not the built-in ``sum``: from Python 3.12 it compensates rounding, so the two
    engines would differ in the last bits on 3.12 and agree on 3.11."""
    total = 0.0
    for value in values:
        total += value
    return total


class Project:
    """A collective venture. Owned by one village, or by several for a cluster venture,
    which share its income in proportion to the money they put in."""

    def __init__(self, project_id, code, villages, shares, capital_yuan, quality, start_t,
                 operating_t, cohort, self_started, hazard):
        self.project_id = project_id
        self.code = code
        self.villages = villages
        self.shares = shares
        self.lead = villages[0]  # its draws and its operation run through the lead village
        self.capital_yuan = capital_yuan
        self.quality = quality
        self.hazard = hazard  # monthly chance of failing, set at the start
        self.start_t = start_t
        self.operating_t = operating_t
        self.cohort = cohort
        self.self_started = self_started
        self.status = "building"
        self.failed_t: int | None = None
        self.income_yuan = 0.0
        self.last_income_t = -1  # last month with positive receipts (-1: none yet)
        self.income_this_year = 0.0
        self.end_reason: str | None = None
        self.money = dict.fromkeys(rules.MONEY_SOURCES, 0.0)  # source -> yuan put in
        self.partner = None
        self.pending: list[tuple[int, float]] = []  # (month index due, yuan): late PV subsidy
        self.occupied = True  # town shop has a tenant

    @property
    def active(self) -> bool:
        return self.status in ("building", "operating")

    def pay(self, amount_yuan: float, receipts_yuan: float) -> None:
        """Book net income (or a loss) and the operating receipts behind it (经营收入,
        before the project's own running costs) to the owning villages by their shares."""
        self.income_yuan += amount_yuan
        self.income_this_year += amount_yuan
        self.lead.model.income_by_model[self.code] += amount_yuan
        if receipts_yuan > 0:
            self.last_income_t = self.lead.model.t
        for v, share in zip(self.villages, self.shares):
            v.project_income_this_year += amount_yuan * share
            v.receipts_this_year += receipts_yuan * share

    def fail(self, t: int, reason: int, recovered_yuan: float = 0.0) -> None:
        """End the project in month ``t`` (``reason``: one of ``rules.END_REASONS``)."""
        self.status = "failed"
        self.failed_t = t
        self.end_reason = rules.END_REASONS[reason]
        for v, share in zip(self.villages, self.shares):
            v.fund_yuan += recovered_yuan * share
            if v.project is self:
                v.project = None
        self.lead.model.projects_failed_this_year += 1


class Village(mesa.Agent):
    """An administrative village and its collective economy."""

    def __init__(self, model, index, row, county):
        super().__init__(model)
        self.index = index  # row in the roster: every random draw for it uses this index
        self.village_id = str(row["village_id"])
        self.county = county  # the county government it belongs to
        self.township = row["township"]
        self.valley = row["valley"]
        self.poor = bool(row["poor"])
        self.poor_households = int(row["poor_households"])
        self.deep_mountain = bool(row["deep_mountain"])
        self.scenic_value = float(row["scenic_value"])
        self.leadership = float(row["leadership"])
        self.baseline_income_yuan = float(row["initial_income_yuan"])
        self.feasible = bm.feasible(model.p, row["solar_site"], row["scenic_value"],
                                    row["idle_buildings"], row["near_enterprise"],
                                    row["near_cooperative"], row["population"])
        self.capacity = 0.0  # set by the county, with its instructors
        self.first_secretary = False
        self.first_secretary_yuan = 0.0  # outside money not yet spent
        self.has_instructor = False
        self.is_demo = False
        self.cohort = 0  # 0 = never entered the programme
        self.waiting = rules.NOT_WAITING  # selected, waiting for the county's capacity or money
        self.project: Project | None = None
        self.projects: list[Project] = []
        self.fund_yuan = 0.0
        self.project_income_this_year = 0.0
        self.receipts_this_year = 0.0  # operating receipts of its projects (经营收入)
        self.grants_this_year = 0.0
        self.poor_jobs_months = 0.0
        self.models_this_year: set[str] = set()

    @property
    def without_income_source(self) -> bool:
        """No running project and no income of its own (see ``rules.without_income_source``)."""
        return rules.without_income_source(self.model.p, self.project is not None,
                                           self.baseline_income_yuan)

    def step(self) -> None:
        """Run this month: the projects this village leads earn, and may fail."""
        model = self.model
        t = model.t
        for project in self.projects:
            if project.pending and project.lead is self:
                due = added_in_order(a for d, a in project.pending if d <= t)
                if due:
                    project.pending = [(d, a) for d, a in project.pending if d > t]
                    project.pay(due, due)
        project = self.project
        if project is None:
            return
        self.models_this_year.add(project.code)
        if project.lead is not self:
            return
        if project.status == "building":
            if t < project.operating_t:
                return
            project.status = "operating"
        self._operate(project, t)

    def _operate(self, project: Project, t: int) -> None:
        model, p = self.model, self.model.p
        code = MODEL_INDEX[project.code]
        partner = project.partner
        if code == SHOP:  # a tenant leaves or a new one comes
            project.occupied = rules.shop_occupied(project.occupied, model.draws.uniform("partner", t)[self.index],
                                                   *rules.shop_chances(p))
        degradation = (bm.solar_degradation(p, rules.operating_age_years(t, project.operating_t))
                       if code == SOLAR else 1.0)
        net, receipts, late = rules.operate(
            p, code, project.capital_yuan, project.quality, self.scenic_value,
            getattr(partner, "scenic_value", self.scenic_value), degradation,
            model.year, model.month, rules.pv_late_share(p, model.year), model.price_factor,
            project.occupied, getattr(partner, "arrived", False), getattr(partner, "present", False),
            getattr(partner, "pays_this_year", True))
        if late != 0.0:
            project.pending.append((t + rules.pv_delay_months(p), late))
        if code == WORKSHOP and partner.present:
            self.poor_jobs_months += min(p.models.workshop.workers, self.poor_households)
        project.pay(net, receipts)
        if model.draws.uniform("failure", t)[self.index] < project.hazard:
            project.fail(t, rules.FAILED)

    def close_year(self) -> tuple[float, float]:
        """Year-end accounts: the year's collective operating income (net) and operating
        receipts (经营收入, what decides a zero-income village); part reinvested."""
        income = self.baseline_income_yuan + self.project_income_this_year
        receipts = self.baseline_income_yuan + self.receipts_this_year
        self.fund_yuan += rules.reinvested(self.model.p, self.project_income_this_year)
        return income, receipts

    def reset_year(self) -> None:
        self.project_income_this_year = 0.0
        self.receipts_this_year = 0.0
        self.grants_this_year = 0.0
        self.poor_jobs_months = 0.0
        self.models_this_year = set() if self.project is None else {self.project.code}


# --- partners ---------------------------------------------------------------------

class Partner(mesa.Agent):
    """A firm, cooperative, investor, factory or operator that one project depends on."""

    def __init__(self, model, project: Project):
        super().__init__(model)
        self.project = project
        project.partner = self

    def step(self) -> None:
        """Called by the model only while the project is active (finished ones are dropped)."""
        if self.project.status == "operating":
            self.act(self.model.t, self.model.draws.uniform("partner", self.model.t)[self.project.lead.index])

    def act(self, t: int, u: float) -> None:
        """Decide this month's event from the uniform draw ``u``."""


class LeadingEnterprise(Partner):
    """Holds a village's equity: pays the dividend, skips it, or defaults (D1, D2)."""

    pays_this_year = True

    def act(self, t, u):
        p, model = self.model.p, self.model
        if model.month == 12:
            self.pays_this_year = rules.dividend_paid(p, model.draws.uniform("dividend", model.year)[self.project.lead.index])
        if u < rules.equity_default_chance(p, model.year):
            self.project.fail(t, rules.DEFAULT, recovered_yuan=self.project.capital_yuan
                              * p.models.enterprise_equity.recovery_share)


class SpecialisedCooperative(Partner):
    """Runs the joint venture's growing and selling; the price swing hits both."""


class OutsideInvestor(Partner):
    """Comes (or not) once the village has packaged its project (筑巢引凤)."""

    arrived = False

    def act(self, t, u):
        p = self.model.p
        if self.arrived:
            return
        if u < rules.arrival_chance(p, p.models.attract_investor.arrival_per_month,
                                    self.project.lead.first_secretary):
            self.arrived = True
        elif rules.investor_gives_up(p, t - self.project.operating_t + 1):
            self.project.fail(t, rules.NO_INVESTOR)


class Factory(Partner):
    """A factory placing a workshop: moves in, and may leave the shell empty (W1)."""

    present = False

    def act(self, t, u):
        p = self.model.p
        self.present = rules.factory_present(
            self.present, u, rules.factory_leave_chance(p, self.model.year),
            rules.arrival_chance(p, p.models.workshop.arrival_per_month, self.project.lead.first_secretary))


class ClusterOperator(Partner):
    """Runs a valley's pooled homestays for a revenue share (托管分成)."""

    def __init__(self, model, project):
        super().__init__(model, project)
        scenic = np.array([v.scenic_value for v in project.villages])
        self.scenic_value = rules.mean_of(scenic, len(scenic))


PARTNER_FOR = {"cluster": ClusterOperator, "attract_investor": OutsideInvestor,
               "enterprise_equity": LeadingEnterprise, "cooperative": SpecialisedCooperative,
               "workshop": Factory}


# --- the county government ---------------------------------------------------------

class CountyGovernment(mesa.Agent):
    """Rolls the programme out to its villages (三步走), selects and funds projects
    (五字经: 议评扶联领), supervises them (monthly inspection, quarterly comparison,
    两个一律) and pays for Part A (三保障)."""

    def __init__(self, model, villages: list[Village], params):
        super().__init__(model)
        p = self.p = params  # the model's, with the settings that scale scaled to these villages
        self.villages = villages  # in roster order
        self.pool_yuan = p.funding.grant_pool_yuan if p.programme.enabled else 0.0  # not yet committed
        self.released_yuan = 0.0  # of which released by the upper levels (tranches)
        self.funded_this_year = 0  # villages whose project it funded this year (its capacity)
        self.demo_models: dict[str, int] = {}  # township -> bits of the models its demonstrations run
        self.accounts: dict[int, dict[str, float]] = {}
        self.projects: list[Project] = []  # the projects it started
        self._assign_first_secretaries_and_instructors()

    # -- set-up ------------------------------------------------------------------------
    def _assign_first_secretaries_and_instructors(self):
        model, p = self.model, self.p
        u = model.draws.uniform("first_secretary", 0)
        z = model.draws.normal("first_secretary", 0)
        for v in self.villages:
            v.first_secretary = rules.has_first_secretary(p, v.poor, u[v.index])
            if v.first_secretary:
                v.first_secretary_yuan = rules.first_secretary_money(p, z[v.index])
        instructor = rules.instructed(np.array([v.poor for v in self.villages]),
                                      np.array([v.leadership for v in self.villages]),
                                      p.party.instructors)
        for v, has_one in zip(self.villages, instructor):
            v.has_instructor = bool(has_one)
            v.capacity = rules.leadership_capacity(p, v.leadership, has_one)

    # -- monthly -----------------------------------------------------------------------
    def step(self):
        model, p = self.model, self.p
        if model.month == 1:
            self.open_year(model.year)
        elif rules.inspection_resupports(p, model.year, model.month):
            entrants = self._entrants(model.year)
            if entrants:
                self._select_and_fund(entrants, model.year)

    def assess(self):
        """End of a quarter, after the month's operations: the quarterly comparison and
        the year-end assessment (``rules.assessment``) close projects; their villages are
        then without income and are supported again (``step``, ``open_year``)."""
        model = self.model
        for pr in self.projects:
            if pr.status == "operating":
                reason = rules.assessment(self.p, MODEL_INDEX[pr.code], pr.operating_t,
                                          pr.last_income_t, pr.income_this_year, model.t, model.month)
                if reason:
                    pr.fail(model.t, reason)
        if model.month == 12:
            for pr in self.projects:
                pr.income_this_year = 0.0

    def open_year(self, year):
        model, p = self.model, self.p
        self.accounts[year] = dict.fromkeys(rules.ACCOUNT_KEYS, 0.0)
        self.accounts[year]["part_a"] = rules.part_a_cost_yuan(p, year, len(self.villages))
        self.funded_this_year = 0
        released = rules.released_after_tranche(p, year, self.released_yuan, self.pool_yuan)
        self.accounts[year]["tranche_released"] = released - self.released_yuan
        self.released_yuan = released
        entrants = self._entrants(year) if p.programme.enabled else []
        if entrants and year == p.rollout.poor_year:
            self._choose_demonstrations([v for v, c in entrants if c == 1])
        self._select_and_fund(entrants, year)
        u = model.draws.uniform("self_start", year)
        self._self_start([v for v in self.villages
                          if u[v.index] < rules.self_start_chance(p, v.cohort, v.without_income_source)], year)

    # -- 三步走: who enters this year ---------------------------------------------------
    def _entrants(self, year):
        """The round's villages, as (village, cohort), in priority order
        (``rules.priority_order``): those the rollout selects now and those still waiting
        from an earlier round. Cohort is the step a village first entered by (1 poor, 2
        priority, 3 remaining); re-supported and waiting villages keep it."""
        p = self.p
        out = []
        for v in self.villages:
            v.cohort, selected = rules.rollout(p, year, v.cohort, v.poor, v.poor_households,
                                               v.deep_mountain, v.project is not None,
                                               v.baseline_income_yuan)
            if selected or v.waiting:
                out.append((v, v.cohort))
        order = rules.priority_order(np.array([c for _, c in out], dtype=np.int64),
                                     np.empty(len(out), np.int64))
        return [out[k] for k in order]

    def _choose_demonstrations(self, villages):
        """领: the most capable first-cohort village of each township, then the next best."""
        towns = {}
        chosen = rules.choose_demonstrations(
            self.p.demonstration.villages, np.array([v.capacity for v in villages]),
            np.array([towns.setdefault(v.township, len(towns)) for v in villages]),
            np.empty(len(villages), np.int64), np.empty(len(villages), bool))
        for v, demo in zip(villages, chosen):
            v.is_demo = bool(demo)

    # -- 议 and 评 ------------------------------------------------------------------------
    def _options(self, v, money_yuan, year, review):
        """Ranked models the village would run with ``money_yuan`` (``rules.options``),
        and the true quality of a project of each model."""
        model = self.model
        i, t = v.index, model.t
        quality, ranked = np.zeros(N_MODELS), np.full(N_MODELS, -1)
        draws = np.stack([model.draws.normal(purpose, t, N_MODELS)[i]
                          for purpose in ("quality", "proposal", "review")])
        n = rules.options(self.p, money_yuan, v.feasible, v.capacity, v.scenic_value,
                          self.demo_models.get(v.township, 0), draws, review, year, model.month,
                          quality, ranked, np.zeros((5, N_MODELS)), np.zeros((3, N_MODELS), int))
        return [int(m) for m in ranked[:n]], quality

    # -- 扶, 联, 领: money and projects -------------------------------------------------
    def _select_and_fund(self, entrants, year):
        p = self.p
        acc = self.accounts[year]
        plans = []
        funded_now = 0  # of this round's plans, those with a project to fund
        for v, cohort in entrants:  # taken up in turn; grants, then demonstration extras
            grant = rules.grant_asked(p, v.poor)
            demo = rules.demonstration_asked(p, v.is_demo, bool(v.projects))
            v.waiting = rules.waits_for(p, year, self.funded_this_year + funded_now, grant + demo,
                                        self.released_yuan)
            if v.waiting:
                continue
            grant = min(grant, self.released_yuan)
            self._commit(grant)
            demo = min(demo, self.released_yuan)
            self._commit(demo)
            secretary = v.first_secretary_yuan
            money = grant + demo + secretary + v.fund_yuan
            ranked, quality = self._options(v, money, year, p.selection.review)
            funded_now += bool(ranked)  # (a cluster that does not form may yet leave it without)
            plans.append(dict(village=v, cohort=cohort, grant=grant, demo=demo,
                              secretary=secretary, own=v.fund_yuan, ranked=ranked, quality=quality))
        self._resolve_clusters(plans)
        funded = [pl for pl in plans if pl["ranked"]]
        self.funded_this_year += len(funded)
        top_up = rules.integrated_top_up(p, acc["integrated"], len(funded)) if funded else 0.0
        for pl in plans:
            v = pl["village"]
            if not pl["ranked"]:  # nothing fundable: the reserved money goes back to the pool
                self._commit(-(pl["grant"] + pl["demo"]))
                continue
            v.first_secretary_yuan = 0.0
            v.fund_yuan = 0.0
            pl["money"] = {"grant": pl["grant"], "integrated": top_up, "first_secretary": pl["secretary"],
                           "demonstration": pl["demo"], "own": pl["own"]}
            self._book_grants(v, pl["money"], acc)
        self._start_projects(funded, year, self_started=False)
        for pl in funded:
            v = pl["village"]
            if v.is_demo:
                self.demo_models[v.township] = (self.demo_models.get(v.township, 0)
                                                | 1 << MODEL_INDEX[v.project.code])

    def _commit(self, yuan):
        """Reserve money of the released pool for a village (negative: give it back)."""
        self.pool_yuan -= yuan
        self.released_yuan -= yuan

    def _resolve_clusters(self, plans):
        """A cluster needs enough villages of one valley choosing it in the same round
        (``rules.cluster_forms``); a village left alone falls back to its next option."""
        by_valley: dict[str, list] = {}
        for pl in plans:
            if pl["ranked"] and pl["ranked"][0] == CLUSTER:
                by_valley.setdefault(pl["village"].valley, []).append(pl)
        for members in by_valley.values():
            if not rules.cluster_forms(self.p, len(members)):
                for pl in members:
                    pl["ranked"] = [m for m in pl["ranked"] if m != CLUSTER]

    def _book_grants(self, v, money, acc):
        central, province, city_county = rules.grant_split(self.p, money["grant"])
        acc["grant_central"] += central
        acc["grant_province"] += province
        acc["grant_city_county"] += city_county
        acc["integrated"] += money["integrated"]
        acc["first_secretary"] += money["first_secretary"]
        acc["demonstration"] += money["demonstration"]
        v.grants_this_year += money["grant"] + money["integrated"] + money["demonstration"]

    def _self_start(self, villages, year):
        """Villages outside the programme that start something with their own or other
        money: the village's own best guess, no review, no grant, no cluster."""
        p = self.p
        for v in villages:
            money = p.village.self_start_yuan + v.fund_yuan
            ranked, quality = self._options(v, money, year, review=False)
            ranked = [m for m in ranked if m != CLUSTER]
            if not ranked:
                continue
            v.fund_yuan = 0.0
            self._start_projects([dict(village=v, cohort=0, ranked=ranked, quality=quality,
                                       money={"own": money})], year, self_started=True)

    def _start_projects(self, plans, year, self_started):
        """Start the funded plans' projects in roster order; the villages of one valley
        choosing a cluster share one project, started with the first of them."""
        clusters: dict[str, list] = {}
        for pl in plans:
            if pl["ranked"][0] == CLUSTER:
                clusters.setdefault(pl["village"].valley, []).append(pl)
        for pl in plans:
            m = pl["ranked"][0]
            if m != CLUSTER:
                self._start_project(m, [pl], year, self_started)
            elif clusters[pl["village"].valley][0] is pl:
                self._start_project(m, clusters[pl["village"].valley], year, self_started)

    def _start_project(self, m, plans, year, self_started):
        """Build the project: money less misuse, the rest of an oversized budget back
        into the collective fund, construction time with or without inspection."""
        model, p = self.model, self.p
        misuse = rules.misuse_share(p)
        capitals = []
        for pl in plans:
            total = added_in_order(pl["money"].values())
            useful = bm.useful_capital(p, m, total)
            pl["village"].fund_yuan += total - useful
            capitals.append(useful * (1 - misuse))
            self.accounts[year]["misused"] += useful * misuse
        capital = added_in_order(capitals)
        lead = plans[0]["village"]
        quality = float(plans[0]["quality"][m])
        months = rules.build_months(p, m, model.draws.uniform("build", model.t)[lead.index])
        project = Project(model.next_project_id, MODEL_CODES[m], [pl["village"] for pl in plans],
                          [c / capital for c in capitals] if capital > 0 else [1.0 / len(plans)] * len(plans),
                          capital, quality, model.t, model.t + months, plans[0]["cohort"], self_started,
                          bm.monthly_failure_hazard(p, m, quality, lead.capacity))
        model.next_project_id += 1
        for pl in plans:
            for source, amount in pl["money"].items():
                project.money[source] += amount
            pl["village"].project = project
            pl["village"].projects.append(project)
        model.projects.append(project)
        self.projects.append(project)
        if project.code in PARTNER_FOR:
            model.partners.append(PARTNER_FOR[project.code](model, project))
