"""Patterns the model is expected to reproduce (docs/validation.md, section 1)."""

from vcsim.model.business_models import TOURISM_MODELS, pv_annual_yield_yuan


def test_baseline_clears_by_end_of_2021(run):
    """P1, the report: every village had collective income by the end of 2021."""
    annual, _, initial = run()
    y2021 = annual[annual.year == 2021]
    assert (y2021.zero_income_villages == 0).mean() > 0.5  # most replicates clear
    assert y2021.zero_income_villages.mean() < 0.02 * initial * 210
    # and it is the programme that does it: the start is far from cleared
    assert annual[annual.year == 2019].zero_income_villages.mean() > 0.3 * initial * 210


def test_pv_yield_arithmetic():
    """P2, calibration PV4: 100 kW x 1,100 h x 0.85 yuan/kWh = 93,500 yuan a year."""
    assert pv_annual_yield_yuan(100, 1100, 0.85) == 93_500


def test_tourism_shock_and_recovery_in_homestay_and_cluster_income(run):
    """P3, calibration S1-S3: the income of tourism projects (homestay clusters, revived
    idle buildings, services around investors) falls in 2020 against the same county
    without the shock, stays depressed in 2021-2022 and recovers from 2023."""
    shocked = _tourism_income(run({})[0])
    calm = _tourism_income(run({"shocks.tourism_2020.enabled": False})[0])
    ratio = shocked / calm
    assert ratio[2019] == 1.0  # nothing differs before the shock
    assert ratio[2020] < 0.75  # collapse (S1, S2)
    assert ratio[2021] < 0.95 and ratio[2022] < 1.0  # still depressed (S3; 2022 assumed)
    assert ratio[2023] > max(ratio[2020], ratio[2021])  # recovery once the index is back to 1
    assert abs(ratio[2024] - 1.0) < 0.15


def _tourism_income(annual):
    cols = [f"income_{m}_yuan" for m in TOURISM_MODELS]
    return annual.groupby("year")[cols].sum().sum(axis=1)


def test_counterfactual_stays_mostly_at_zero(run):
    """P4: without the programme most zero-income villages stay at zero."""
    annual, _, initial = run({"programme.enabled": False})
    start = initial * 210
    assert annual[annual.year == 2025].zero_income_villages.mean() > 0.7 * start
    assert annual[annual.year == 2021].zero_income_villages.mean() > 0.8 * start
