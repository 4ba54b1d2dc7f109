"""Economics of the eight business models (八种模式), written once for every engine.

The functions marked ``jitable`` take scalars: the Mesa agents call them as they are,
and the vector engine's compiled kernels (``model.vector_kernels``) compile the very
same code, passing ``p`` as named tuples (``model.parameters.params_tuple``); keep them
plain scalar arithmetic (no numpy calls numba cannot compile for scalars). A few numpy
helpers (``feasible``, ``useful_capital_yuan``, ``expected_return``) apply them to whole
arrays for tables and tests. Money is in yuan; rates are per year unless the name says
per month. ``p`` is the parameter namespace from ``model.parameters``.
"""

from __future__ import annotations

import math

import numpy as np

from vcsim.compiled import jitable

MODEL_CODES = ("solar", "cluster", "idle_assets", "town_shop", "attract_investor",
               "enterprise_equity", "cooperative", "workshop")
MODEL_INDEX = {code: i for i, code in enumerate(MODEL_CODES)}
N_MODELS = len(MODEL_CODES)
SOLAR, CLUSTER, IDLE, SHOP, INVESTOR, EQUITY, COOP, WORKSHOP = range(N_MODELS)
MODEL_NAMES = {
    "zh": {"solar": "光伏发电型", "cluster": "抱团发展型", "idle_assets": "盘活“三资”型",
           "town_shop": "异地置业型", "attract_investor": "筑巢引凤型",
           "enterprise_equity": "合作经营型", "cooperative": "专业合作型",
           "workshop": "借鸡下蛋型"},
    "en": {"solar": "Solar PV station", "cluster": "Valley cluster venture",
           "idle_assets": "Revived idle assets", "town_shop": "Town shop fronts",
           "attract_investor": "Attract an investor", "enterprise_equity": "Enterprise equity",
           "cooperative": "Cooperative venture", "workshop": "Factory workshop"},
}
TOURISM_MODELS = ("cluster", "idle_assets", "attract_investor")
DAYS_PER_MONTH = 365.0 / 12.0
HARVEST_MONTHS = (4, 5, 10, 11)  # spring and autumn shiitake flushes
PAYS_EVERY_MONTHS = {"enterprise_equity": 12, "cooperative": 6}  # others pay monthly
# the quarterly comparison closes a project that has taken in nothing for six months, or
# for two payment intervals if that is longer: one skipped dividend does not write off a
# village's equity (firms skip dividends, D2), two in a row do
QUIET_MONTHS = tuple(max(6, 2 * PAYS_EVERY_MONTHS.get(c, 1)) for c in MODEL_CODES)


@jitable
def pv_annual_yield_yuan(kw, full_load_hours, tariff_yuan_per_kwh):
    """Gross yearly PV revenue: capacity x full-load hours x tariff (calibration PV4:
    100 kW x 1,100 h x 0.85 yuan/kWh = 93,500 yuan)."""
    return kw * full_load_hours * tariff_yuan_per_kwh


def model_settings(p, field: str) -> np.ndarray:
    """One per-model setting (e.g. ``build_months``) as an array over MODEL_CODES."""
    return np.array([getattr(getattr(p.models, c), field) for c in MODEL_CODES], dtype=float)


@jitable
def _common(s):
    return s.enabled, s.build_months, s.failure_per_year, s.min_yuan, s.quality_weight


@jitable
def model_common(p, m):
    """The settings every model has, for model index ``m``: (enabled, build months,
    failure per year, least money, quality weight)."""
    ms = p.models
    if m == SOLAR:
        return _common(ms.solar)
    if m == CLUSTER:
        return _common(ms.cluster)
    if m == IDLE:
        return _common(ms.idle_assets)
    if m == SHOP:
        return _common(ms.town_shop)
    if m == INVESTOR:
        return _common(ms.attract_investor)
    if m == EQUITY:
        return _common(ms.enterprise_equity)
    if m == COOP:
        return _common(ms.cooperative)
    return _common(ms.workshop)


@jitable
def is_feasible(p, m, solar_site, scenic_value, idle_buildings, near_enterprise,
                near_cooperative, population):
    """Whether a village meets model ``m``'s preconditions (and the model is allowed).

    A cluster also needs enough neighbours choosing it in the same year; that is decided
    at selection, not here."""
    ms = p.models
    if not model_common(p, m)[0]:
        return False
    if m == SOLAR:
        return solar_site
    if m == CLUSTER:
        return scenic_value >= ms.cluster.min_scenic
    if m == IDLE:
        return idle_buildings >= 1 and scenic_value >= ms.idle_assets.min_scenic
    if m == SHOP:
        return True  # anyone can buy a shop front in town: the route for villages with nothing
    if m == INVESTOR:
        return scenic_value >= ms.attract_investor.min_scenic
    if m == EQUITY:
        return near_enterprise
    if m == COOP:
        return near_cooperative
    return labour(population, p) >= ms.workshop.min_labour


@jitable
def labour(population, p):
    """Working-age people of a village."""
    return population * p.village.labour_share


def feasible(p, solar_site, scenic_value, idle_buildings, near_enterprise,
             near_cooperative, population) -> np.ndarray:
    """``is_feasible`` for villages given as arrays: bool array (..., 8)."""
    columns = np.broadcast_arrays(*(np.asarray(a) for a in (
        solar_site, scenic_value, idle_buildings, near_enterprise, near_cooperative, population)))
    out = np.zeros(columns[0].shape + (N_MODELS,), dtype=bool)
    for index in np.ndindex(columns[0].shape):
        attrs = [c[index].item() for c in columns]
        for m in range(N_MODELS):
            out[index + (m,)] = is_feasible(p, m, bool(attrs[0]), float(attrs[1]), attrs[2],
                                            bool(attrs[3]), bool(attrs[4]), attrs[5])
    return out


@jitable
def useful_capital(p, m, capital_yuan):
    """Capital model ``m`` can put to work: a PV station is capped at ``max_kw`` (PV5);
    the rest stays in the collective fund."""
    if m == SOLAR:
        return min(capital_yuan, p.models.solar.max_kw * 1000.0 * p.models.solar.capex_yuan_per_w)
    return capital_yuan


def useful_capital_yuan(p, capital_yuan) -> np.ndarray:
    """``useful_capital`` of every model for money given as an array: (..., 8)."""
    money = np.asarray(capital_yuan, dtype=float)
    return np.stack([np.vectorize(lambda x, m=m: useful_capital(p, m, float(x)), otypes=[float])(money)
                     for m in range(N_MODELS)], axis=-1)


@jitable
def tourism_draw(scenic_value):
    """Visitor draw relative to an average site: 0.5 (plain) to 1.5 (famous scenery)."""
    return 0.5 + scenic_value


@jitable
def room_revenue_per_year(p, scenic_value):
    """Normal-year room revenue of one homestay room, yuan/yr."""
    return (p.tourism.room_rate_yuan * 365.0 * p.tourism.occupancy_mean
            * tourism_draw(scenic_value))


@jitable
def model_return(p, m, capital_yuan, scenic_value):
    """Expected normal-year net income per yuan invested in model ``m`` with
    ``capital_yuan`` put to work (see ``useful_capital``), before the project's own
    quality: what a perfectly informed judge would expect."""
    ms = p.models
    cap = max(capital_yuan, 1.0)
    if m == SOLAR:
        return (pv_annual_yield_yuan(1.0, ms.solar.full_load_hours, ms.solar.tariff_yuan_per_kwh)
                / (1000.0 * ms.solar.capex_yuan_per_w) - ms.solar.om_share_per_year)
    if m == CLUSTER:
        return room_revenue_per_year(p, scenic_value) * ms.cluster.village_share / ms.cluster.cost_per_room_yuan
    if m == IDLE:
        rooms = cap / ms.idle_assets.cost_per_room_yuan
        return (rooms * room_revenue_per_year(p, scenic_value) * (1 - ms.idle_assets.cost_share)
                - 12 * ms.idle_assets.fixed_cost_yuan_per_month) / cap
    if m == SHOP:
        occupied = 1.0 / (1.0 + ms.town_shop.vacancy_per_year * ms.town_shop.vacancy_months / 12.0)
        return ms.town_shop.rent_yield * occupied
    if m == INVESTOR:
        # the investor must come before the project is given up: after give_up_months, or
        # sooner when the quarterly comparison closes projects six months without income
        horizon = ms.attract_investor.give_up_months
        if p.organisation.quarterly_comparison:
            horizon = min(horizon, float(QUIET_MONTHS[INVESTOR]))
        p_arrive = 1 - (1 - ms.attract_investor.arrival_per_month) ** horizon
        return ms.attract_investor.service_yield * tourism_draw(scenic_value) * p_arrive
    if m == EQUITY:
        return ms.enterprise_equity.dividend_rate * (1 - ms.enterprise_equity.skip_per_year)
    if m == COOP:
        return (ms.cooperative.profit_per_bag_yuan / ms.cooperative.capital_per_bag_yuan
                * ms.cooperative.village_share)
    # share of months a factory is in: arrival and relocation balance
    share_occupied = ms.workshop.arrival_per_month / (
        ms.workshop.arrival_per_month + ms.workshop.relocation_per_year / 12.0)
    return (ms.workshop.rent_yield + 12 * ms.workshop.fee_yuan_per_worker_month * ms.workshop.workers
            / cap) * share_occupied


def expected_return(p, capital_yuan, scenic_value) -> np.ndarray:
    """``model_return`` for arrays: ``capital_yuan`` (..., 8) as ``useful_capital_yuan``
    gives it, ``scenic_value`` (...); returns (..., 8)."""
    cap = np.asarray(capital_yuan, dtype=float)
    scenic = np.broadcast_to(np.asarray(scenic_value, dtype=float), cap.shape[:-1])
    out = np.empty(cap.shape)
    for index in np.ndindex(cap.shape[:-1]):
        for m in range(N_MODELS):
            out[index + (m,)] = model_return(p, m, float(cap[index + (m,)]), float(scenic[index]))
    return out


@jitable
def tourism_index(p, year: int, month: int) -> float:
    """Tourism revenue relative to 2019 in a calendar month (shock S1-S3 when enabled)."""
    s = p.shocks.tourism_2020
    if not s.enabled or year < 2020 or year > 2022:
        return 1.0
    if year == 2020:
        return s.index_2020[month - 1]
    return s.index_2021 if year == 2021 else s.index_2022


@jitable
def tourism_season(p, month: int) -> float:
    """Occupancy of ``month`` relative to the yearly mean (profile normalised to mean 1)."""
    profile = p.tourism.seasonality
    total = 0.0
    for x in profile:  # summed in order: the same bits in Python and compiled
        total += x
    return profile[month - 1] / (total / len(profile))


# --- monthly cash of an operating project, by model --------------------------------
# Each returns the village's net income for one calendar month, in yuan. They are plain
# arithmetic on scalars or arrays, so that the Mesa agents call them as they are and the
# vector engine's compiled kernel (model.vector_kernels) compiles the very same code:
# keep them so (no numpy calls that numba does not compile for scalars).

@jitable
def solar_degradation(p, age_years):
    """Share of its first output a PV station still gives at ``age_years``."""
    return (1 - p.models.solar.degradation_per_year) ** age_years


@jitable
def solar_month(p, capital_yuan, quality, degradation):
    """PV: output by season, degrading with age (``degradation``: ``solar_degradation``
    at the station's age), less operation and maintenance. Returns (gross, om): the
    subsidy part of gross may be paid late (shock PV6)."""
    m = p.models.solar
    kw = capital_yuan / (1000.0 * m.capex_yuan_per_w)
    gross = (pv_annual_yield_yuan(kw, m.full_load_hours, m.tariff_yuan_per_kwh) / 12.0
             * quality * degradation)
    om = capital_yuan * m.om_share_per_year / 12.0
    return gross, om


@jitable
def rooms_revenue_month(p, rooms, scenic_value, quality, year, month):
    """Gross homestay revenue of ``rooms`` rooms in one month."""
    return (rooms * p.tourism.room_rate_yuan * DAYS_PER_MONTH
            * p.tourism.occupancy_mean * tourism_season(p, month) * tourism_draw(scenic_value)
            * tourism_index(p, year, month) * quality)


@jitable
def cluster_month(p, capital_yuan, scenic_value, quality, year, month):
    """Cluster venture: the operator runs the homestays and pays the villages a share of
    revenue (托管分成). Returns the villages' total share."""
    m = p.models.cluster
    rooms = capital_yuan / m.cost_per_room_yuan
    return rooms_revenue_month(p, rooms, scenic_value, quality, year, month) * m.village_share


@jitable
def idle_assets_revenue_month(p, capital_yuan, scenic_value, quality, year, month):
    """Room revenue of a village-run guesthouse in renovated idle buildings: the
    village's operating receipts (经营收入), before its running costs."""
    rooms = capital_yuan / p.models.idle_assets.cost_per_room_yuan
    return rooms_revenue_month(p, rooms, scenic_value, quality, year, month)


@jitable
def idle_assets_month(p, capital_yuan, scenic_value, quality, year, month):
    """Village-run guesthouse in renovated idle buildings: revenue less running costs and
    fixed staff costs; a bad month is a loss."""
    return idle_assets_net(p, idle_assets_revenue_month(p, capital_yuan, scenic_value, quality, year, month))


@jitable
def idle_assets_net(p, revenue_yuan):
    """A village-run guesthouse's month: its room revenue less running costs and fixed
    staff costs."""
    m = p.models.idle_assets
    return revenue_yuan * (1 - m.cost_share) - m.fixed_cost_yuan_per_month


@jitable
def town_shop_month(p, capital_yuan, quality, occupied):
    """Shop fronts in town let out: rent while a tenant is there."""
    return capital_yuan * p.models.town_shop.rent_yield / 12.0 * quality * occupied


@jitable
def attract_investor_month(p, capital_yuan, scenic_value, quality, year, month, arrived):
    """Services around an outside investor's venture (visitor centre, farmhouses): income
    only once the investor has come."""
    m = p.models.attract_investor
    return (capital_yuan * m.service_yield / 12.0 * tourism_draw(scenic_value)
            * tourism_season(p, month) * tourism_index(p, year, month) * quality * arrived)


@jitable
def enterprise_equity_month(p, capital_yuan, quality, month, paid):
    """Equity in a leading enterprise: one dividend a year, in December, unless skipped."""
    december = month == 12
    return capital_yuan * p.models.enterprise_equity.dividend_rate * quality * paid * december


@jitable
def cooperative_month(p, capital_yuan, quality, month, price_factor):
    """Joint shiitake venture: the village's profit share, paid at the four harvests."""
    m = p.models.cooperative
    harvest = month in HARVEST_MONTHS
    bags = capital_yuan / m.capital_per_bag_yuan
    return (bags * m.profit_per_bag_yuan * m.village_share * quality * price_factor
            / len(HARVEST_MONTHS) * harvest)


@jitable
def workshop_month(p, capital_yuan, quality, tenant):
    """A factory's workshop in the village: rent plus a management fee per worker while a
    factory is there; an empty shell earns nothing (W1)."""
    m = p.models.workshop
    return (capital_yuan * m.rent_yield / 12.0 * quality
            + m.fee_yuan_per_worker_month * m.workers) * tenant


@jitable
def monthly_failure_hazard(p, m, quality, capacity):
    """Chance an operating project of model ``m`` fails for good in a month.

    The model's yearly base hazard, raised for poor-quality projects and weak
    leadership, lowered by the quarterly comparison. Both engines set it once, when the
    project starts (its quality and its lead village's capacity are fixed then)."""
    yearly = model_common(p, m)[2]
    base = 1.0 - (1.0 - yearly) ** (1.0 / 12.0)
    h = (base * quality ** (-p.village.quality_failure_effect)
         * math.exp(-p.village.capacity_failure_effect * (capacity - 0.5)))
    if p.organisation.quarterly_comparison:
        h = h * (1 - p.organisation.comparison_effect)
    return min(max(h, 0.0), 1.0)


@jitable
def partner_wave(p, year):
    """Multiplier on partner default and relocation hazards (partner default wave)."""
    w = p.shocks.partner_default_wave
    return w.multiplier if (w.enabled and year == w.year) else 1.0


@jitable
def monthly_from_yearly(rate_per_year):
    """Monthly probability equivalent to a yearly one."""
    return 1.0 - (1.0 - min(max(rate_per_year, 0.0), 1.0)) ** (1.0 / 12.0)
