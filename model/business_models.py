"""Economics of the eight business models (八种模式), written once for every engine.

Each function takes village attributes and project state as numpy arrays or scalars
and broadcasts, so the Mesa agents call them for one project and the vector engine for
many at once. The monthly cash functions (``register_jitable``) are also compiled, as
they are, into the vector engine's monthly kernel (``model.vector_kernels``), which
passes ``p`` as named tuples (``model.parameters.params_tuple``). Money is in yuan;
rates are per year unless the name says per month. ``p`` is the parameter namespace
from ``model.parameters``.
"""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable

MODEL_CODES = ("solar", "cluster", "idle_assets", "town_shop", "attract_investor",
               "enterprise_equity", "cooperative", "workshop")
MODEL_INDEX = {code: i for i, code in enumerate(MODEL_CODES)}
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
QUIET_MONTHS = np.array([max(6, 2 * PAYS_EVERY_MONTHS.get(c, 1)) for c in MODEL_CODES])


@register_jitable
def pv_annual_yield_yuan(kw, full_load_hours, tariff_yuan_per_kwh):
    """Gross yearly PV revenue: capacity x full-load hours x tariff (calibration PV4:
    100 kW x 1,100 h x 0.85 yuan/kWh = 93,500 yuan)."""
    return kw * full_load_hours * tariff_yuan_per_kwh


def model_settings(p, field: str) -> np.ndarray:
    """One per-model setting (e.g. ``build_months``) as an array over MODEL_CODES."""
    return np.array([getattr(getattr(p.models, c), field) for c in MODEL_CODES], dtype=float)


def labour(population, p):
    """Working-age people of a village."""
    return np.multiply(population, p.village.labour_share)


def feasible(p, solar_site, scenic_value, idle_buildings, near_enterprise,
             near_cooperative, population):
    """Which models a village meets the preconditions for: bool array (..., 8).

    A cluster also needs enough neighbours choosing it in the same year; that is decided
    at selection, not here.
    """
    m = p.models
    scenic = np.asarray(scenic_value, dtype=float)
    ones = np.ones_like(scenic, dtype=bool)
    cols = [
        np.asarray(solar_site, dtype=bool) & ones,
        scenic >= m.cluster.min_scenic,
        (np.asarray(idle_buildings) >= 1) & (scenic >= m.idle_assets.min_scenic),
        ones,  # anyone can buy a shop front in town: the route for villages with nothing
        scenic >= m.attract_investor.min_scenic,
        np.asarray(near_enterprise, dtype=bool) & ones,
        np.asarray(near_cooperative, dtype=bool) & ones,
        labour(population, p) >= m.workshop.min_labour,
    ]
    out = np.stack(cols, axis=-1)
    enabled = np.array([getattr(m, c).enabled for c in MODEL_CODES], dtype=bool)
    return out & enabled


def useful_capital_yuan(p, capital_yuan):
    """Capital each model can put to work, array (..., 8): a PV station is capped at
    ``max_kw`` (PV5); the rest stays in the collective fund."""
    cap = np.asarray(capital_yuan, dtype=float)[..., None] * np.ones(len(MODEL_CODES))
    pv_max = p.models.solar.max_kw * 1000.0 * p.models.solar.capex_yuan_per_w
    cap[..., MODEL_INDEX["solar"]] = np.minimum(cap[..., MODEL_INDEX["solar"]], pv_max)
    return cap


@register_jitable
def tourism_draw(scenic_value):
    """Visitor draw relative to an average site: 0.5 (plain) to 1.5 (famous scenery)."""
    return 0.5 + scenic_value


def room_revenue_per_year(p, scenic_value):
    """Normal-year room revenue of one homestay room, yuan/yr."""
    return (p.tourism.room_rate_yuan * 365.0 * p.tourism.occupancy_mean
            * tourism_draw(scenic_value))


def expected_return(p, capital_yuan, scenic_value):
    """Expected normal-year net income per yuan invested, array (..., 8), before the
    project's own quality: what a perfectly informed judge would expect.

    ``capital_yuan`` is the money each model would put to work, shape (..., 8) (see
    ``useful_capital_yuan``); ``scenic_value`` has shape (...).
    """
    m = p.models
    cap = np.maximum(np.asarray(capital_yuan, dtype=float), 1.0)
    scenic = np.asarray(scenic_value, dtype=float)
    ones = np.ones(cap.shape[:-1])
    solar = (pv_annual_yield_yuan(1.0, m.solar.full_load_hours, m.solar.tariff_yuan_per_kwh)
             / (1000.0 * m.solar.capex_yuan_per_w) - m.solar.om_share_per_year) * ones
    cluster = room_revenue_per_year(p, scenic) * m.cluster.village_share / m.cluster.cost_per_room_yuan
    idle_cap = cap[..., MODEL_INDEX["idle_assets"]]
    rooms = idle_cap / m.idle_assets.cost_per_room_yuan
    idle = (rooms * room_revenue_per_year(p, scenic) * (1 - m.idle_assets.cost_share)
            - 12 * m.idle_assets.fixed_cost_yuan_per_month) / idle_cap
    occupied = 1.0 / (1.0 + m.town_shop.vacancy_per_year * m.town_shop.vacancy_months / 12.0)
    shop = m.town_shop.rent_yield * occupied * ones
    # the investor must come before the project is given up: after give_up_months, or
    # sooner when the quarterly comparison closes projects six months without income
    horizon = m.attract_investor.give_up_months
    if p.organisation.quarterly_comparison:
        horizon = min(horizon, QUIET_MONTHS[MODEL_INDEX["attract_investor"]])
    p_arrive = 1 - (1 - m.attract_investor.arrival_per_month) ** horizon
    investor = m.attract_investor.service_yield * tourism_draw(scenic) * p_arrive
    equity = m.enterprise_equity.dividend_rate * (1 - m.enterprise_equity.skip_per_year) * ones
    coop = (m.cooperative.profit_per_bag_yuan / m.cooperative.capital_per_bag_yuan
            * m.cooperative.village_share) * ones
    # share of months a factory is in: arrival and relocation balance
    share_occupied = m.workshop.arrival_per_month / (
        m.workshop.arrival_per_month + m.workshop.relocation_per_year / 12.0)
    workshop = (m.workshop.rent_yield + 12 * m.workshop.fee_yuan_per_worker_month * m.workshop.workers
                / cap[..., MODEL_INDEX["workshop"]]) * share_occupied
    return np.stack(np.broadcast_arrays(solar, cluster, idle, shop, investor, equity, coop,
                                        workshop), axis=-1)


@register_jitable
def tourism_index(p, year: int, month: int) -> float:
    """Tourism revenue relative to 2019 in a calendar month (shock S1-S3 when enabled)."""
    s = p.shocks.tourism_2020
    if not s.enabled or year < 2020 or year > 2022:
        return 1.0
    if year == 2020:
        return s.index_2020[month - 1]
    return s.index_2021 if year == 2021 else s.index_2022


@register_jitable
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

@register_jitable
def solar_month(p, capital_yuan, quality, age_years):
    """PV: output by season, degrading with age, less operation and maintenance.
    Returns (gross, om): the subsidy part of gross may be paid late (shock PV6)."""
    m = p.models.solar
    kw = capital_yuan / (1000.0 * m.capex_yuan_per_w)
    gross = (pv_annual_yield_yuan(kw, m.full_load_hours, m.tariff_yuan_per_kwh) / 12.0
             * quality * (1 - m.degradation_per_year) ** age_years)
    om = capital_yuan * m.om_share_per_year / 12.0
    return gross, om


@register_jitable
def rooms_revenue_month(p, rooms, scenic_value, quality, year, month):
    """Gross homestay revenue of ``rooms`` rooms in one month."""
    return (rooms * p.tourism.room_rate_yuan * DAYS_PER_MONTH
            * p.tourism.occupancy_mean * tourism_season(p, month) * tourism_draw(scenic_value)
            * tourism_index(p, year, month) * quality)


@register_jitable
def cluster_month(p, capital_yuan, scenic_value, quality, year, month):
    """Cluster venture: the operator runs the homestays and pays the villages a share of
    revenue (托管分成). Returns the villages' total share."""
    m = p.models.cluster
    rooms = capital_yuan / m.cost_per_room_yuan
    return rooms_revenue_month(p, rooms, scenic_value, quality, year, month) * m.village_share


@register_jitable
def idle_assets_revenue_month(p, capital_yuan, scenic_value, quality, year, month):
    """Room revenue of a village-run guesthouse in renovated idle buildings: the
    village's operating receipts (经营收入), before its running costs."""
    rooms = capital_yuan / p.models.idle_assets.cost_per_room_yuan
    return rooms_revenue_month(p, rooms, scenic_value, quality, year, month)


@register_jitable
def idle_assets_month(p, capital_yuan, scenic_value, quality, year, month):
    """Village-run guesthouse in renovated idle buildings: revenue less running costs and
    fixed staff costs; a bad month is a loss."""
    m = p.models.idle_assets
    revenue = idle_assets_revenue_month(p, capital_yuan, scenic_value, quality, year, month)
    return revenue * (1 - m.cost_share) - m.fixed_cost_yuan_per_month


@register_jitable
def town_shop_month(p, capital_yuan, quality, occupied):
    """Shop fronts in town let out: rent while a tenant is there."""
    return capital_yuan * p.models.town_shop.rent_yield / 12.0 * quality * occupied


@register_jitable
def attract_investor_month(p, capital_yuan, scenic_value, quality, year, month, arrived):
    """Services around an outside investor's venture (visitor centre, farmhouses): income
    only once the investor has come."""
    m = p.models.attract_investor
    return (capital_yuan * m.service_yield / 12.0 * tourism_draw(scenic_value)
            * tourism_season(p, month) * tourism_index(p, year, month) * quality * arrived)


@register_jitable
def enterprise_equity_month(p, capital_yuan, quality, month, paid):
    """Equity in a leading enterprise: one dividend a year, in December, unless skipped."""
    december = month == 12
    return capital_yuan * p.models.enterprise_equity.dividend_rate * quality * paid * december


@register_jitable
def cooperative_month(p, capital_yuan, quality, month, price_factor):
    """Joint shiitake venture: the village's profit share, paid at the four harvests."""
    m = p.models.cooperative
    harvest = month in HARVEST_MONTHS
    bags = capital_yuan / m.capital_per_bag_yuan
    return (bags * m.profit_per_bag_yuan * m.village_share * quality * price_factor
            / len(HARVEST_MONTHS) * harvest)


@register_jitable
def workshop_month(p, capital_yuan, quality, tenant):
    """A factory's workshop in the village: rent plus a management fee per worker while a
    factory is there; an empty shell earns nothing (W1)."""
    m = p.models.workshop
    return (capital_yuan * m.rent_yield / 12.0 * quality
            + m.fee_yuan_per_worker_month * m.workers) * tenant


def monthly_failure_hazard(p, code, quality, capacity):
    """Chance an operating project fails for good in a month.

    Yearly base hazard of the model (``code``: a model code, or model indices as an
    array), raised for poor-quality projects and weak leadership, lowered by the
    quarterly comparison.
    """
    index = MODEL_INDEX[code] if isinstance(code, str) else np.asarray(code)
    yearly = model_settings(p, "failure_per_year")[index]
    base = 1.0 - (1.0 - yearly) ** (1.0 / 12.0)
    h = (base * np.power(quality, -p.village.quality_failure_effect)
         * np.exp(-p.village.capacity_failure_effect * (np.asarray(capacity) - 0.5)))
    if p.organisation.quarterly_comparison:
        h = h * (1 - p.organisation.comparison_effect)
    return np.clip(h, 0.0, 1.0)


def partner_wave(p, year: int) -> float:
    """Multiplier on partner default and relocation hazards (partner default wave)."""
    w = p.shocks.partner_default_wave
    return w.multiplier if (w.enabled and year == w.year) else 1.0


def monthly_from_yearly(rate_per_year):
    """Monthly probability equivalent to a yearly one."""
    return 1.0 - (1.0 - np.clip(rate_per_year, 0.0, 1.0)) ** (1.0 / 12.0)
