"""Generate the synthetic default county shipped as ``scenarios/default_county.csv``.

The county is synthetic but shaped like the one in the report (calibration N5: a
mountainous tourism county of 14 townships and about 209 villages). Nothing in it is a
real village. Every distribution below is an assumption, stated where it is drawn,
except the pre-programme income of the villages that have one, which is fitted to
public figures (N1, N2; :func:`fit_income_distribution`, docs/validation.md section 4).
User rosters with blank columns are filled from this file's columns
(``experiments.roster``). Run ``python -m vcsim.experiments.default_county`` to regenerate it;
the seed is fixed so the file is reproducible.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from scipy.optimize import brentq
from scipy.special import ndtr, ndtri

from vcsim.experiments.messages import text

SEED = 20190101
COUNTY_SEAT = (111.60, 33.79)  # lon, lat of the synthetic county seat (western Henan)

TOWNSHIPS = ["城关镇", "南岭镇", "北沟镇", "东河镇", "西坪镇", "石门镇", "白云镇",
             "龙潭镇", "青山乡", "松林乡", "清河镇", "三道沟乡", "高庄镇", "红岩乡"]
TOURISM_TOWNSHIPS = {"龙潭镇", "白云镇", "石门镇", "清河镇", "东河镇"}  # assumption: N5's 40 tourism villages cluster
VILLAGES_PER_TOWNSHIP = 15  # 14 x 15 = 210 (N5: 209)
POOR_VILLAGES = 60  # assumption: N5 says the number of poor villages was not found

# Public figures the income distribution is fitted to (docs/sources.md)
N1_SHARE_BELOW_50K = 0.577  # 2019: no operating income or less than 50,000 yuan
N2_SHARE_ABOVE_500K = 0.104  # 2019: income above 500,000 yuan
N2_TOP_VILLAGES, N2_TOP_ASSET_SHARE = 0.14, 0.75  # three quarters of assets in 14% of villages


@dataclass(frozen=True)
class IncomeFit:
    """Villages' collective operating income nationally: a share ``no_income`` has none;
    the others' incomes are lognormal with log-median ``mu`` and log-sd ``sigma``."""
    no_income: float
    mu: float
    sigma: float

    def share_below(self, yuan: float) -> float:
        return self.no_income + (1 - self.no_income) * float(ndtr((np.log(yuan) - self.mu) / self.sigma))

    def share_above(self, yuan: float) -> float:
        return 1.0 - self.share_below(yuan)


def top_share_lognormal(sigma: float, top: float) -> float:
    """Share of the total held by the top ``top`` of a lognormal population with log-sd
    ``sigma``: 1 - Phi(Phi^-1(1 - top) - sigma)."""
    return float(1.0 - ndtr(ndtri(1.0 - top) - sigma))


def fit_income_distribution() -> IncomeFit:
    """The zero-inflated lognormal that meets N1 and N2 exactly.

    - ``sigma``: N2's assets are lognormal across villages with three quarters in the
      top 14% (sigma = 1.755); a village's income is taken as a return on its assets,
      so positive incomes have the same log-spread (assumption: returns do not depend
      on size).
    - ``mu`` and ``no_income`` then solve the two income figures: 57.7% of villages have
      none or less than 50,000 yuan (N1), 10.4% more than 500,000 (N2).
    """
    sigma = brentq(lambda s: top_share_lognormal(s, N2_TOP_VILLAGES) - N2_TOP_ASSET_SHARE, 0.05, 6.0)

    def no_income(mu: float) -> float:  # the share without income that N2's tail leaves
        return 1.0 - N2_SHARE_ABOVE_500K / (1.0 - float(ndtr((np.log(500_000) - mu) / sigma)))

    def n1_gap(mu: float) -> float:
        return IncomeFit(no_income(mu), mu, sigma).share_below(50_000) - N1_SHARE_BELOW_50K

    mu = brentq(n1_gap, np.log(20_000), np.log(2_000_000))
    return IncomeFit(no_income(mu), mu, sigma)


_FIRST = list("石柳杨李王张黄马牛栗松竹桃杏梨枣槐榆枫桑柏樟泉溪河沟岭坪岩")
_SECOND = ["树沟", "家庄", "河", "坪", "岭", "沟", "湾", "店", "门", "峪", "坡", "庄", "园", "台"]


def _village_names(rng: np.random.Generator, n: int) -> list[str]:
    names: set[str] = set()
    out = []
    while len(out) < n:
        name = rng.choice(_FIRST) + rng.choice(_SECOND) + "村"
        if name not in names:
            names.add(name)
            out.append(name)
    return out


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    n_town = len(TOWNSHIPS)
    n = n_town * VILLAGES_PER_TOWNSHIP
    # township centres spread around the seat; 城关镇 is the seat itself
    centres = np.column_stack([
        COUNTY_SEAT[0] + rng.uniform(-0.38, 0.38, n_town),
        COUNTY_SEAT[1] + rng.uniform(-0.24, 0.24, n_town),
    ])
    centres[0] = COUNTY_SEAT
    town_idx = np.repeat(np.arange(n_town), VILLAGES_PER_TOWNSHIP)
    lon = centres[town_idx, 0] + rng.normal(0, 0.035, n)
    lat = centres[town_idx, 1] + rng.normal(0, 0.025, n)
    # road distance: straight line (1 degree ~ 93 km lon / 111 km lat here) x 1.5 winding
    straight = np.hypot((lon - COUNTY_SEAT[0]) * 93.0, (lat - COUNTY_SEAT[1]) * 111.0)
    distance_km = np.round(straight * 1.5 + rng.uniform(1, 6, n), 1)
    # poor villages are more likely far out (assumption)
    weights = distance_km / distance_km.sum()
    poor = np.zeros(n, dtype=bool)
    poor[rng.choice(n, POOR_VILLAGES, replace=False, p=weights)] = True
    deep_mountain = (distance_km > np.quantile(distance_km, 0.7)) & (rng.random(n) < 0.85)
    poor_households = np.where(poor, rng.negative_binomial(6, 6 / (6 + 55), n),
                               rng.negative_binomial(3, 3 / (3 + 18), n))
    population = np.round(rng.lognormal(np.log(1500), 0.4, n)).astype(int)
    town_names = np.array(TOWNSHIPS)[town_idx]
    tourism = np.isin(town_names, list(TOURISM_TOWNSHIPS))
    scenic_value = np.round(np.where(tourism, rng.beta(5, 3, n), rng.beta(2, 4, n)), 3)
    solar_site = rng.random(n) < 0.4
    idle_buildings = rng.poisson(0.8, n)
    near_enterprise = rng.random(n) < np.where(town_idx % 3 == 0, 0.45, 0.15)
    near_cooperative = rng.random(n) < np.where(town_idx % 2 == 1, 0.45, 0.15)
    leadership = np.round(np.where(poor, rng.beta(3, 4, n), rng.beta(4, 4, n)), 3)
    # 2018 collective operating income. Who has any: mostly no one in a poor mountain
    # county; assumption: 85% of poor and 55% of other villages have none (nationally
    # about 30% had none, by the fit below). How much the others have: the national
    # distribution of villages with income, fitted to N1 and N2 (heavy-tailed: median
    # about 81,000 yuan, 15% above 500,000); assumption: a poor county's villages that
    # do have income look like the nation's
    has_income = rng.random(n) > np.where(poor, 0.85, 0.55)
    fit = fit_income_distribution()
    initial_income = np.where(has_income, np.round(rng.lognormal(fit.mu, fit.sigma, n), -2), 0.0)
    valley_k = rng.integers(1, 4, n)
    valley = [f"{t}{'一二三'[k - 1]}沟" for t, k in zip(town_names, valley_k)]
    names = _village_names(rng, n)
    return pd.DataFrame({
        "village_id": [f"V{i + 1:03d}" for i in range(n)],
        "name": names,
        "township": town_names,
        "poor": poor,
        "poor_households": poor_households,
        "population": population,
        "distance_km": distance_km,
        "deep_mountain": deep_mountain,
        "solar_site": solar_site,
        "idle_buildings": idle_buildings,
        "scenic_value": scenic_value,
        "near_enterprise": near_enterprise,
        "near_cooperative": near_cooperative,
        "leadership": leadership,
        "initial_income_yuan": initial_income,
        "valley": valley,
        "lon": np.round(lon, 5),
        "lat": np.round(lat, 5),
    })


def main(path: str | None = None) -> None:
    out = Path(path) if path else Path(__file__).resolve().parent.parent / "scenarios" / "default_county.csv"
    generate().to_csv(out, index=False)
    print(text("file.wrote", file=out))


if __name__ == "__main__":
    main(*sys.argv[1:])


def synthetic_region(n_villages: int, seed: int = 0) -> pd.DataFrame:
    """A region of ``n_villages`` villages in counties of the default county's size, for
    scale runs: each county is the default county's villages drawn again with
    replacement (seeded), with its own townships, valleys, pool and rollout (the
    ``county`` column). Coordinates are shifted so counties lie side by side."""
    from vcsim.experiments.roster import load_default_roster
    base = load_default_roster()
    size = len(base)
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0x5EED,)))
    county = np.arange(n_villages) // size
    rows = base.iloc[rng.integers(0, size, n_villages)].reset_index(drop=True)
    ids = np.char.add("C", county.astype(str))
    prefix = np.char.add(ids, "-")
    out = rows.copy()
    out["county"] = county
    out["village_id"] = np.char.add(prefix, np.char.add("V", (np.arange(n_villages) % size).astype(str)))
    out["township"] = np.char.add(prefix, rows["township"].to_numpy().astype(str))
    out["valley"] = np.char.add(prefix, rows["valley"].to_numpy().astype(str))
    side = int(np.ceil(np.sqrt(county.max() + 1)))
    out["lon"] = rows["lon"].to_numpy() + 0.8 * (county % side)
    out["lat"] = rows["lat"].to_numpy() + 0.5 * (county // side)
    return out
