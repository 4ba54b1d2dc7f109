"""Agents of the county model: villages, their partners, and the county government.

Villages run their collective projects month by month; partners (leading enterprises,
specialised cooperatives, outside investors, factories placing workshops, operators of
cluster ventures) decide the events that villages depend on; the county government
rolls the programme out, selects and funds projects and supervises them.
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from vcsim.model import business_models as bm
from vcsim.model.business_models import MODEL_CODES, MODEL_INDEX


class Project:
    """A collective venture. Owned by one village, or by several for a cluster venture,
    which share its income in proportion to the money they put in."""

    def __init__(self, project_id, code, villages, shares, capital_yuan, quality, start_t,
                 operating_t, cohort, self_started):
        self.project_id = project_id
        self.code = code
        self.villages = villages
        self.shares = shares
        self.lead = villages[0]  # its draws and its operation run through the lead village
        self.capital_yuan = capital_yuan
        self.quality = quality
        self.start_t = start_t
        self.operating_t = operating_t
        self.cohort = cohort
        self.self_started = self_started
        self.status = "building"
        self.failed_t: int | None = None
        self.income_yuan = 0.0
        self.last_income_t: int | None = None  # last month with positive income
        self.income_this_year = 0.0
        self.end_reason = ""
        self.money = {}  # source -> yuan put in
        self.partner = None
        self.pending: list[tuple[int, float]] = []  # (month index due, yuan): late PV subsidy
        self.occupied = True  # town shop has a tenant

    @property
    def active(self) -> bool:
        return self.status in ("building", "operating")

    def pay(self, amount_yuan: float, receipts_yuan: float | None = None) -> None:
        """Book net income (or a loss) and the operating receipts behind it (经营收入,
        before the project's own running costs; the same unless it has such costs) to
        the owning villages by their shares."""
        receipts = amount_yuan if receipts_yuan is None else receipts_yuan
        self.income_yuan += amount_yuan
        self.income_this_year += amount_yuan
        self.lead.model.income_by_model[self.code] += amount_yuan
        if receipts > 0:
            self.last_income_t = self.lead.model.t
        for v, share in zip(self.villages, self.shares):
            v.project_income_this_year += amount_yuan * share
            v.receipts_this_year += receipts * share

    def fail(self, t: int, reason: str, recovered_yuan: float = 0.0) -> None:
        self.status = "failed"
        self.failed_t = t
        self.end_reason = reason
        for v, share in zip(self.villages, self.shares):
            v.fund_yuan += recovered_yuan * share
            if v.project is self:
                v.project = None
        self.lead.model.projects_failed_this_year += 1


class Village(mesa.Agent):
    """An administrative village and its collective economy."""

    def __init__(self, model, index, row):
        super().__init__(model)
        self.index = index  # row in the roster: every random draw for it uses this index
        self.village_id = str(row["village_id"])
        self.name = row["name"]
        self.township = row["township"]
        self.valley = row["valley"]
        self.poor = bool(row["poor"])
        self.poor_households = int(row["poor_households"])
        self.population = int(row["population"])
        self.distance_km = float(row["distance_km"])
        self.deep_mountain = bool(row["deep_mountain"])
        self.scenic_value = float(row["scenic_value"])
        self.leadership = float(row["leadership"])
        self.baseline_income_yuan = float(row["initial_income_yuan"])
        self.feasible = bm.feasible(model.p, row["solar_site"], row["scenic_value"],
                                    row["idle_buildings"], row["near_enterprise"],
                                    row["near_cooperative"], row["population"])
        self.capacity = leadership_capacity(model.p, self.leadership, instructor=False)
        self.first_secretary = False
        self.first_secretary_yuan = 0.0  # outside money not yet spent
        self.has_instructor = False
        self.is_demo = False
        self.cohort = 0  # 0 = never entered the programme
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
        """No running project and no income of its own: the ledger (台账) shows the
        village will have zero income this year unless something is started."""
        return (self.project is None
                and self.baseline_income_yuan <= self.model.p.village.zero_income_threshold_yuan)

    def step(self) -> None:
        """Run this month: the projects this village leads earn, and may fail."""
        model = self.model
        t = model.t
        for project in self.projects:
            if project.pending and project.lead is self:
                due = sum(a for d, a in project.pending if d <= t)
                if due:
                    project.pending = [(d, a) for d, a in project.pending if d > t]
                    project.pay(due)
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
        year, month = model.year, model.month
        code, cap, q = project.code, project.capital_yuan, project.quality
        partner = project.partner
        if code == "solar":
            age = (t - project.operating_t) / 12.0
            gross, om = bm.solar_month(p, cap, q, age)
            late = 0.0
            arrears = p.shocks.pv_arrears
            if arrears.enabled and arrears.first_year <= year <= arrears.last_year:
                late = gross * p.models.solar.subsidy_share
                project.pending.append((t + int(math.ceil(arrears.delay_months)), float(late)))
            net = gross - late - om
            receipts = gross - late
        elif code == "cluster":
            net = bm.cluster_month(p, cap, partner.scenic_value, q, year, month)
        elif code == "idle_assets":
            net = bm.idle_assets_month(p, cap, self.scenic_value, q, year, month)
            receipts = bm.idle_assets_revenue_month(p, cap, self.scenic_value, q, year, month)
        elif code == "town_shop":
            u = model.draws.uniform("partner", t)[self.index]
            shop = p.models.town_shop
            if project.occupied and u < bm.monthly_from_yearly(shop.vacancy_per_year):
                project.occupied = False
            elif not project.occupied and u < 1.0 / max(shop.vacancy_months, 1.0):
                project.occupied = True
            net = bm.town_shop_month(p, cap, q, project.occupied)
        elif code == "attract_investor":
            net = bm.attract_investor_month(p, cap, self.scenic_value, q, year, month,
                                            partner.arrived)
        elif code == "enterprise_equity":
            net = bm.enterprise_equity_month(p, cap, q, month, partner.pays_this_year)
        elif code == "cooperative":
            net = bm.cooperative_month(p, cap, q, month, model.price_factor)
        else:  # workshop
            net = bm.workshop_month(p, cap, q, partner.present)
            if partner.present:
                self.poor_jobs_months += min(p.models.workshop.workers, self.poor_households)
        project.pay(float(net), float(receipts) if code in ("solar", "idle_assets") else None)
        hazard = bm.monthly_failure_hazard(p, code, q, self.capacity)
        if project.status == "operating" and model.draws.uniform("failure", t)[self.index] < hazard:
            project.fail(t, "failed")

    def close_year(self) -> tuple[float, float]:
        """Year-end accounts: the year's collective operating income (net) and operating
        receipts (经营收入, what decides a zero-income village); part reinvested."""
        p = self.model.p
        income = self.baseline_income_yuan + self.project_income_this_year
        receipts = self.baseline_income_yuan + self.receipts_this_year
        if self.project_income_this_year > 0:
            self.fund_yuan += p.village.reinvest_share * self.project_income_this_year
        return income, receipts

    def reset_year(self) -> None:
        self.project_income_this_year = 0.0
        self.receipts_this_year = 0.0
        self.grants_this_year = 0.0
        self.poor_jobs_months = 0.0
        self.models_this_year = set() if self.project is None else {self.project.code}


def leadership_capacity(p, leadership, instructor):
    """Village capacity: leadership raised by Part A's training, instructors and
    performance pay (assumed, tunable effects), within 0-1."""
    cap = leadership
    if p.party.training:
        cap = cap + p.party.training_effect
    if p.organisation.year_end_assessment and p.party.performance_pay_share > 0:
        cap = cap + p.party.performance_effect
    cap = cap + np.where(instructor, p.party.instructor_effect, 0.0)
    return np.clip(cap, 0.0, 1.0)


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
        ent = p.models.enterprise_equity
        if model.month == 12:
            skip = model.draws.uniform("dividend", model.year)[self.project.lead.index]
            self.pays_this_year = bool(skip >= ent.skip_per_year)
        hazard = bm.monthly_from_yearly(ent.default_per_year * bm.partner_wave(p, model.year))
        if u < hazard:
            self.project.fail(t, "partner default",
                              recovered_yuan=self.project.capital_yuan * ent.recovery_share)


class SpecialisedCooperative(Partner):
    """Runs the joint venture's growing and selling; the price swing hits both."""


class OutsideInvestor(Partner):
    """Comes (or not) once the village has packaged its project (筑巢引凤)."""

    arrived = False

    def act(self, t, u):
        p = self.model.p
        inv = p.models.attract_investor
        if self.arrived:
            return
        rate = inv.arrival_per_month * (1 + p.first_secretary.contacts_effect * self.project.lead.first_secretary)
        if u < min(rate, 1.0):
            self.arrived = True
        elif t - self.project.operating_t + 1 >= inv.give_up_months:
            self.project.fail(t, "no investor came")


class Factory(Partner):
    """A factory placing a workshop: moves in, and may leave the shell empty (W1)."""

    present = False

    def act(self, t, u):
        p, model = self.model.p, self.model
        ws = p.models.workshop
        if self.present:
            if u < bm.monthly_from_yearly(ws.relocation_per_year * bm.partner_wave(p, model.year)):
                self.present = False
        else:
            rate = ws.arrival_per_month * (1 + p.first_secretary.contacts_effect * self.project.lead.first_secretary)
            self.present = bool(u < min(rate, 1.0))


class ClusterOperator(Partner):
    """Runs a valley's pooled homestays for a revenue share (托管分成)."""

    def __init__(self, model, project):
        super().__init__(model, project)
        self.scenic_value = float(np.mean([v.scenic_value for v in project.villages]))


PARTNER_FOR = {"cluster": ClusterOperator, "attract_investor": OutsideInvestor,
               "enterprise_equity": LeadingEnterprise, "cooperative": SpecialisedCooperative,
               "workshop": Factory}


# --- the county government ---------------------------------------------------------

class CountyGovernment(mesa.Agent):
    """Rolls the programme out (三步走), selects and funds projects (五字经: 议评扶联领),
    supervises them (monthly inspection, quarterly comparison, 两个一律) and pays for
    Part A (三保障)."""

    def __init__(self, model):
        super().__init__(model)
        p = model.p
        self.pool_yuan = p.funding.grant_pool_yuan if p.programme.enabled else 0.0
        self.demo_models: dict[str, set[str]] = {}  # township -> models its demonstrations run
        self.accounts: dict[int, dict[str, float]] = {}
        self.next_project_id = 1
        self._assign_first_secretaries_and_instructors()

    # -- set-up ------------------------------------------------------------------------
    def _assign_first_secretaries_and_instructors(self):
        model, p = self.model, self.model.p
        villages = model.villages
        u = model.draws.uniform("first_secretary", 0)
        z = model.draws.normal("first_secretary", 0)
        fs = p.first_secretary
        mu = math.log(fs.money_mean_yuan) - fs.money_sd ** 2 / 2 if fs.money_mean_yuan > 0 else None
        for v in villages:
            v.first_secretary = v.poor or bool(u[v.index] < fs.nonpoor_share)
            if v.first_secretary and mu is not None:
                v.first_secretary_yuan = float(math.exp(mu + fs.money_sd * z[v.index]))
        # instructors go to the weakest villages, poor ones first (report section 1)
        order = sorted(villages, key=lambda v: (not v.poor, v.leadership, v.index))
        for v in order[: p.party.instructors]:
            v.has_instructor = True
        for v in villages:
            v.capacity = float(leadership_capacity(p, v.leadership, v.has_instructor))

    # -- monthly -----------------------------------------------------------------------
    def step(self):
        model, p = self.model, self.model.p
        if model.month == 1:
            self.open_year(model.year)
        elif (p.programme.enabled and p.organisation.monthly_inspection
              and model.year >= p.rollout.remaining_year):
            # 每月督查 + 台账: from the clearance year on, a village left without any income
            # source in the middle of a year is supported again at once
            entrants = self._entrants(model.year)
            if entrants:
                self._select_and_fund(entrants, model.year)

    def assess(self):
        """End of a quarter, after the month's operations. The quarterly comparison closes
        projects that have earned nothing for longer than their payment rhythm allows
        (empty workshops, investors who never came); the year-end assessment also closes
        those that made a loss over a whole year. Their villages are then without income
        and are supported again (``step``, ``open_year``)."""
        model, p = self.model, self.model.p
        org = p.organisation
        t, year_end = model.t, model.month == 12
        for pr in model.projects:
            if pr.status != "operating":
                continue
            quiet = bm.QUIET_MONTHS[MODEL_INDEX[pr.code]]
            if (org.quarterly_comparison and pr.operating_t <= t - quiet + 1
                    and (pr.last_income_t is None or pr.last_income_t <= t - quiet)):
                pr.fail(t, "closed: no income")
            elif (year_end and org.year_end_assessment and pr.operating_t <= t - 11
                  and pr.income_this_year < 0):
                pr.fail(t, "closed: loss over the year")
        if year_end:
            for pr in model.projects:
                pr.income_this_year = 0.0

    def open_year(self, year):
        model, p = self.model, self.model.p
        self.accounts[year] = dict.fromkeys(ACCOUNT_KEYS, 0.0)
        self.accounts[year]["part_a"] = part_a_cost_yuan(p, year, len(model.villages))
        entrants = self._entrants(year) if p.programme.enabled else []
        if entrants and year == p.rollout.poor_year:
            self._choose_demonstrations([v for v, c in entrants if c == 1])
        self._select_and_fund(entrants, year)
        entering = {v.index for v, _ in entrants}
        starters = [v for v in model.villages
                    if v.cohort == 0 and v.index not in entering and v.without_income_source
                    and model.draws.uniform("self_start", year)[v.index] < p.village.self_start_per_year]
        self._self_start(starters, year)

    # -- 三步走: who enters this year ---------------------------------------------------
    def _entrants(self, year):
        """Villages selected this year, as (village, cohort); cohort is the step a village
        first entered by (1 poor, 2 priority, 3 remaining); re-supported villages keep it."""
        p = self.model.p
        r = p.rollout
        out = []
        for v in self.model.villages:
            if v.cohort == 0:
                if v.poor and year == r.poor_year:
                    cohort = 1
                elif (not v.poor and year == r.priority_year
                      and (v.poor_households > r.priority_poor_households or v.deep_mountain)):
                    cohort = 2
                elif (year == r.remaining_year or (r.mop_up and year > r.remaining_year)) \
                        and v.without_income_source:
                    cohort = 3
                else:
                    continue
                v.cohort = cohort
                if v.project is None:
                    out.append((v, cohort))
            elif (v.without_income_source
                  and (year == r.remaining_year or (r.mop_up and year > r.remaining_year))):
                out.append((v, v.cohort))
        return out

    def _choose_demonstrations(self, villages):
        """领: the most capable first-cohort village of each township, then the next best."""
        n = self.model.p.demonstration.villages
        ranked = sorted(villages, key=lambda v: (-v.capacity, v.index))
        chosen, towns = [], set()
        for v in ranked:
            if len(chosen) < n and v.township not in towns:
                chosen.append(v)
                towns.add(v.township)
        for v in ranked:
            if len(chosen) < n and v not in chosen:
                chosen.append(v)
        for v in chosen:
            v.is_demo = True

    # -- 议 and 评 ------------------------------------------------------------------------
    def _options(self, v, money_yuan, year, review):
        """Ranked models the village would run with ``money_yuan``.

        议: the village judges each feasible model's return with an error that shrinks with
        capacity and with a demonstration of it nearby, and proposes its best few.
        评: the review judges them with a smaller error, drops those below the minimum
        return and ranks the rest; when none passes it considers town shop fronts, the
        route the report gives villages that find no project.
        Returns (ranked model indices, true quality per model).
        """
        model, p = self.model, self.model.p
        s = p.selection
        i = v.index
        weights = bm.model_settings(p, "quality_weight")
        quality = np.exp(s.quality_sd * model.draws.normal("quality", model.t, len(MODEL_CODES))[i]) ** weights
        feasible = v.feasible & (money_yuan >= bm.model_settings(p, "min_yuan"))
        if not feasible.any():
            return [], quality
        useful = bm.useful_capital_yuan(p, money_yuan)
        r = bm.expected_return(p, useful, v.scenic_value)
        seen = np.array([c in self.demo_models.get(v.township, ()) for c in MODEL_CODES])
        noise_sd = (s.proposal_noise_sd * math.exp(-p.village.capacity_knowledge_effect * (v.capacity - 0.5))
                    * np.where(seen, 1 - p.demonstration.learning, 1.0))
        perceived = (r * quality * np.exp(noise_sd * model.draws.normal("proposal", model.t, len(MODEL_CODES))[i])
                     * np.where(seen, 1 + p.demonstration.pull, 1.0))
        perceived = np.where(feasible, perceived, -np.inf)
        candidates = [int(m) for m in np.argsort(-perceived, kind="stable")[: s.candidates] if feasible[m]]
        if not review:
            return candidates, quality
        judged = r * quality * np.exp(s.review_noise_sd * model.draws.normal("review", model.t, len(MODEL_CODES))[i])
        shop = MODEL_INDEX["town_shop"]
        if s.deadline_aware and year >= p.rollout.remaining_year:
            # 划定项目完成时限: from the clearance year on, a village must earn this year, so
            # the review keeps the candidates that will almost surely earn by December,
            # best return first; failing those, town shop fronts (the report's route for
            # villages with no project) whatever their return; failing that, the likeliest
            chance = chance_to_earn_by_december(p, model.month)
            pool = [m for m in candidates if judged[m] >= s.review_min_return]
            sure = [m for m in pool if chance[m] >= s.deadline_min_chance]
            if sure:
                return sorted(sure, key=lambda m: (-judged[m], m)), quality
            if feasible[shop] and chance[shop] >= s.deadline_min_chance:
                return [shop], quality
            return sorted(pool, key=lambda m: (-chance[m], -judged[m], m)), quality
        approved = sorted((m for m in candidates if judged[m] >= s.review_min_return),
                          key=lambda m: (-judged[m], m))
        if not approved and feasible[shop] and judged[shop] >= s.review_min_return:
            approved = [shop]
        return approved, quality

    # -- 扶, 联, 领: money and projects -------------------------------------------------
    def _select_and_fund(self, entrants, year):
        model, p = self.model, self.model.p
        acc = self.accounts[year]
        plans = []
        for v, cohort in entrants:
            grant = min(p.funding.poor_village_yuan if v.poor else p.funding.nonpoor_village_yuan,
                        self.pool_yuan)
            self.pool_yuan -= grant
            demo = 0.0
            if v.is_demo and not v.projects:
                demo = min(p.demonstration.extra_yuan, self.pool_yuan)
                self.pool_yuan -= demo
            secretary = v.first_secretary_yuan
            money = grant + demo + secretary + v.fund_yuan
            ranked, quality = self._options(v, money, year, p.selection.review)
            plans.append(dict(village=v, cohort=cohort, grant=grant, demo=demo,
                              secretary=secretary, own=v.fund_yuan, money=money,
                              ranked=ranked, quality=quality))
        self._resolve_clusters(plans)
        funded = [pl for pl in plans if pl["ranked"]]
        top_up = 0.0
        if funded:  # what is left of the year's integrated funds, shared equally
            left = max(0.0, p.funding.integrated_yuan_per_year - acc["integrated"])
            top_up = min(p.funding.integrated_cap_yuan, left / len(funded))
        for pl in plans:
            v = pl["village"]
            if not pl["ranked"]:  # nothing fundable: the reserved money goes back to the pool
                self.pool_yuan += pl["grant"] + pl["demo"]
                continue
            v.first_secretary_yuan = 0.0
            v.fund_yuan = 0.0
            money = {"grant": pl["grant"], "integrated": top_up, "first_secretary": pl["secretary"],
                     "demonstration": pl["demo"], "own": pl["own"]}
            self._book_grants(v, money, acc)
            pl["money"] = money
        clusters: dict[int, list] = {}
        for pl in plans:
            if not pl["ranked"]:
                continue
            code = MODEL_CODES[pl["ranked"][0]]
            if code == "cluster":
                clusters.setdefault(pl["cluster_key"], []).append(pl)
            else:
                self._start_project(code, [pl], year, self_started=False)
        for members in clusters.values():
            self._start_project("cluster", members, year, self_started=False)
        for v in model.villages:
            if v.is_demo and v.project is not None and v.project.start_t == model.t:
                self.demo_models.setdefault(v.township, set()).add(v.project.code)

    def _resolve_clusters(self, plans):
        """A cluster needs enough villages of one valley choosing it in the same year; a
        village left alone falls back to its next option."""
        p = self.model.p
        c = MODEL_INDEX["cluster"]
        by_valley: dict[str, list] = {}
        for pl in plans:
            if pl["ranked"] and pl["ranked"][0] == c:
                by_valley.setdefault(pl["village"].valley, []).append(pl)
        for k, (valley, members) in enumerate(sorted(by_valley.items())):
            if len(members) >= p.models.cluster.min_villages:
                for pl in members:
                    pl["cluster_key"] = k
            else:
                for pl in members:
                    pl["ranked"] = [m for m in pl["ranked"] if m != c]

    def _book_grants(self, v, money, acc):
        p = self.model.p
        g = money["grant"]
        acc["grant_central"] += g * p.funding.central_share
        acc["grant_province"] += g * p.funding.province_share
        acc["grant_city_county"] += g * (1 - p.funding.central_share - p.funding.province_share)
        acc["integrated"] += money["integrated"]
        acc["first_secretary"] += money["first_secretary"]
        acc["demonstration"] += money["demonstration"]
        v.grants_this_year += g + money["integrated"] + money["demonstration"]

    def _self_start(self, villages, year):
        """Villages outside the programme that start something with their own or other
        money: the village's own best guess, no review, no grant."""
        p = self.model.p
        for v in villages:
            money = p.village.self_start_yuan + v.fund_yuan
            ranked, quality = self._options(v, money, year, review=False)
            ranked = [m for m in ranked if MODEL_CODES[m] != "cluster"]
            if not ranked:
                continue
            plan = dict(village=v, cohort=0, ranked=ranked, quality=quality,
                        money={"own": money})
            v.fund_yuan = 0.0
            self._start_project(MODEL_CODES[ranked[0]], [plan], year, self_started=True)

    def _start_project(self, code, plans, year, self_started):
        """Build the project: money less misuse, the rest of an oversized budget back
        into the collective fund, construction time with or without inspection."""
        model, p = self.model, self.model.p
        m = MODEL_INDEX[code]
        org = p.organisation
        misuse = org.misuse_share
        if org.two_alwayses:
            misuse *= 1 - org.two_alwayses_effect
        if org.monthly_inspection:
            misuse *= 1 - org.inspection_effect
        capitals = []
        for pl in plans:
            total = sum(pl["money"].values())
            useful = float(bm.useful_capital_yuan(p, total)[m])
            pl["village"].fund_yuan += total - useful
            capitals.append(useful * (1 - misuse))
            self.accounts[year]["misused"] += useful * misuse
        capital = sum(capitals)
        lead = plans[0]["village"]
        build = getattr(p.models, code).build_months
        extra_mean = build * org.extra_delay_share * (1 / 3 if org.monthly_inspection else 1.0)
        u = model.draws.uniform("build", model.t)[lead.index]
        months = build - extra_mean * math.log(1.0 - u)
        project = Project(self.next_project_id, code, [pl["village"] for pl in plans],
                          [c / capital for c in capitals] if capital > 0 else [1.0 / len(plans)] * len(plans),
                          capital, float(plans[0]["quality"][m]), model.t,
                          model.t + int(math.ceil(months)), plans[0]["cohort"], self_started)
        self.next_project_id += 1
        for pl in plans:
            for source, amount in pl["money"].items():
                project.money[source] = project.money.get(source, 0.0) + amount
            pl["village"].project = project
            pl["village"].projects.append(project)
        model.projects.append(project)
        if code in PARTNER_FOR:
            model.partners.append(PARTNER_FOR[code](model, project))


def chance_to_earn_by_december(p, month: int) -> np.ndarray:
    """The review's estimate, per model, of the chance that a project started in
    ``month`` earns something before the year is out: construction (with its random
    extra delay) must end by December, then an investor or a factory must come in the
    months left; a firm may skip the year's dividend."""
    org = p.organisation
    build = bm.model_settings(p, "build_months")
    extra_mean = build * org.extra_delay_share * (1 / 3 if org.monthly_inspection else 1.0)
    slack = (12 - month) - build  # months construction may overrun and still earn by December
    built = np.where(slack >= 0, 1 - np.exp(-np.maximum(slack, 0) / np.maximum(extra_mean, 1e-9)), 0.0)
    left = np.clip(slack + 1, 0, 12)  # months of operation left, on average
    chance = built.copy()
    i, w = MODEL_INDEX["attract_investor"], MODEL_INDEX["workshop"]
    chance[i] *= 1 - (1 - p.models.attract_investor.arrival_per_month) ** left[i]
    chance[w] *= 1 - (1 - p.models.workshop.arrival_per_month) ** left[w]
    chance[MODEL_INDEX["enterprise_equity"]] *= 1 - p.models.enterprise_equity.skip_per_year
    return chance


ACCOUNT_KEYS = ("grant_central", "grant_province", "grant_city_county", "integrated",
                "first_secretary", "demonstration", "part_a", "misused")


def part_a_cost_yuan(p, year, n_villages):
    """Part A (三保障) yearly cost: party-work budget, village office and service funds,
    cadre pay (raised every few years from the 2018 level), retired-cadre subsidies,
    training and instructors. Village funds are counted on top of the 10 M budget
    (assumption: the report lists them separately). With a region's parameters
    (``parameters.scaled_to``) and villages per county as arrays, one cost per county."""
    a = p.party
    raises = max(0, (year - 2018) // a.pay_raise_every_years)
    pay = ((a.secretary_pay_yuan + a.director_pay_yuan + a.members_per_village * a.member_pay_yuan)
           * (1 + a.pay_raise_share) ** raises)
    cost = (a.work_budget_yuan_per_year + n_villages * (a.office_funds_yuan + a.service_funds_yuan + pay)
            + a.retired_subsidy_yuan_per_year + a.instructors * a.instructor_yuan_per_year)
    if a.training:
        cost += n_villages * a.training_yuan_per_village
    return float(cost) if np.ndim(cost) == 0 else cost
