"""The dashboard's parts without a browser: controls to parameters, the live model's
monthly records, the paired replicate statistics and engines, the pictures, and the two
Mesa 3.3.1 hooks the app replaces (the end-to-end test is ``test_dashboard.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from vcsim.experiments.dashboard import settings as st
from vcsim.experiments.dashboard.live import DashboardModel, load_inputs, month_label
from vcsim.experiments.statistics import wilson_interval as wilson
from vcsim.experiments.dashboard.replicates import (paired_comparison, paired_interval,
                                              zero_income_villages)
from vcsim.model.business_models import MODEL_CODES
from vcsim.model.parameters import make_params


@pytest.fixture(scope="module")
def inputs():
    scenario, roster, problems = load_inputs()
    assert problems == []
    return scenario, roster


def test_controls_reproduce_the_scenario(inputs):
    scenario, roster = inputs
    values = st.values_from_params(scenario.params())
    params, seed, problems = st.resolve(values, scenario, roster)
    assert problems == [] and seed == st.DEFAULT_SEED
    assert params.flat == scenario.params().flat


def test_controls_map_onto_parameters(inputs):
    scenario, roster = inputs
    values = {**st.values_from_params(scenario.params()), "poor_grant_wan": 60, "pool_wan": 5000,
              "all_in_2019": True, "review": False, "model_solar": False, "seed": "7"}
    params, seed, problems = st.resolve(values, scenario, roster)
    assert seed == 7 and problems == []
    assert params.funding.poor_village_yuan == 600_000
    assert params.funding.grant_pool_yuan == 50_000_000
    assert (params.rollout.poor_year, params.rollout.priority_year, params.rollout.remaining_year) == (2019,) * 3
    assert params.selection.review is False and params.models.solar.enabled is False
    changes = st.describe_changes(params, scenario.params(), "en")
    assert any("Grant per poor village 60" in c for c in changes)


def test_bad_settings_give_messages_not_exceptions(inputs):
    scenario, roster = inputs
    values = {**st.values_from_params(scenario.params()), "pool_wan": 0, "seed": "abc",
              **{f"model_{c}": False for c in MODEL_CODES}}
    model = DashboardModel(**values, base_scenario=scenario, roster=roster)
    texts = [p.text("en") for p in model.problems]
    assert any("seed" in t for t in texts)
    assert any("No business model is allowed" in t for t in texts)
    assert any("pool is empty" in t for t in texts)
    for _ in range(13):
        model.step()
    assert model.records[-1]["spent_grant_central_yuan"] == 0
    zh = [p.text("zh") for p in model.problems]
    assert any("随机数种子" in t for t in zh) and any("资金池为0" in t for t in zh)


def test_monthly_records_match_the_year_end_counts(inputs):
    scenario, roster = inputs
    model = DashboardModel(**st.values_from_params(scenario.params()), base_scenario=scenario, roster=roster)
    assert model.month_text == "2018-12" and len(model.records) == 1
    while model.t < 36:
        model.step()
    assert [r["month"] for r in model.records[:2]] == ["2018-12", "2019-01"]
    assert month_label(36) == "2021-12"
    by_month = {r["month"]: r["zero_income_villages"] for r in model.records}
    for year, zero in model.year_end_zero().items():
        assert by_month[f"{year}-12"] == zero
    # in December every basis is the closed year's income
    for basis in ("last12", "ytd"):
        assert np.allclose(model.income_yuan(basis), model.income_yuan("last_year"))
        assert (model.zero_income(basis) == model.zero_income("last_year")).all()
    assert model.zero_income("last_year").sum() == model.year_end_zero()[2021]
    money = model.records[-1]
    assert money["spent_yuan"] == pytest.approx(sum(money[f"spent_{k}_yuan"] for k in
                                                    ("grant_central", "grant_province", "grant_city_county",
                                                     "integrated", "first_secretary", "demonstration")))


def test_wilson_and_paired_interval():
    lo, hi = wilson(0, 20)
    assert lo == 0.0 and 0.1 < hi < 0.2
    lo, hi = wilson(20, 20)
    assert hi == 1.0 and 0.8 < lo < 0.9
    lo, hi = paired_interval([1, 2, 3, 4])
    assert lo < 2.5 < hi and hi - 2.5 == pytest.approx(2.5 - lo)


def test_engines_agree_and_pairs_share_random_numbers(inputs):
    scenario, roster = inputs
    params = make_params({**scenario.overrides, "funding.poor_village_yuan": 300_000})
    agents = zero_income_villages(params, roster, 1, range(3), engine="agents")
    vector = zero_income_villages(params, roster, 1, range(3), engine="vector")
    assert agents.tolist() == vector.tolist()
    same = paired_comparison(scenario.params(), scenario.params(), roster, 3, 1, engine="vector")
    assert same.mean_difference == 0 and same.current_zero.tolist() == same.baseline_zero.tolist()
    calls = []
    cancelled = paired_comparison(params, scenario.params(), roster, 50, 1, engine="agents",
                                  progress=lambda d, n: calls.append(d), cancelled=lambda: bool(calls))
    assert cancelled is None and calls == [1]


def test_pictures_draw_in_both_languages(inputs):
    from vcsim.experiments.dashboard import charts
    scenario, roster = inputs
    model = DashboardModel(**st.values_from_params(scenario.params()), base_scenario=scenario, roster=roster)
    for _ in range(14):
        model.step()
    for lang in ("zh", "en"):
        pictures = [charts.map_png(model, lang, basis) for basis in ("last12", "ytd", "last_year")]
        pictures += [draw(model, lang) for draw in (charts.zero_png, charts.quantiles_png,
                                                    charts.mix_png, charts.money_png)]
        for png in pictures:
            assert png.startswith(b"\x89PNG")
            assert_nothing_clipped(png)


def assert_nothing_clipped(png: bytes) -> None:
    """A legend or label cut by the picture's edge leaves ink on the edge: the outer two
    pixels all round must be the white background."""
    import io

    from PIL import Image
    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    edges = np.concatenate([grey[:2].ravel(), grey[-2:].ravel(), grey[:, :2].ravel(),
                            grey[:, -2:].ravel()])
    assert edges.min() > 240, "something runs off the picture's edge"


def test_the_clipping_check_finds_a_clipped_legend():
    from matplotlib.figure import Figure
    fig = Figure(figsize=(3, 2))
    ax = fig.add_axes((0.1, 0.1, 0.6, 0.8))
    ax.plot([0, 1], label="a legend far longer than the picture is wide")
    fig.legend(loc="upper left", bbox_to_anchor=(0.72, 0.9))
    import io
    buf = io.BytesIO()
    fig.savefig(buf, format="png")  # without the dashboard's tight canvas
    with pytest.raises(AssertionError):
        assert_nothing_clipped(buf.getvalue())


def test_mesa_controls_are_translated():
    """Every label the installed Mesa's SolaraViz writes is in the catalogue, and the
    stand-in for its ``solara`` gives it in the page's language."""
    import re

    import solara
    from mesa.visualization import solara_viz

    from vcsim.experiments.dashboard.app import MesaInTheLanguage
    from vcsim.experiments.messages import MESA_KEYS
    source = open(solara_viz.__file__, encoding="utf-8").read()
    labels = set(re.findall(r'solara\.Card\("([^"]+)"', source))
    labels |= set(re.findall(r'label="([^"]+)"', source))
    labels |= set(re.findall(r'solara\.Text\("([^"]+)"\)', source))
    labels -= {"▶", "❚❚"}  # symbols, the same in every language
    assert {"Controls", "Play Interval (ms)", "Reset", "Step"} <= labels
    assert labels <= set(MESA_KEYS), labels - set(MESA_KEYS)
    assert re.search(r'solara\.Text\(f"(Step|Time): \{', source)
    zh = MesaInTheLanguage(solara, lambda: "zh")
    en = MesaInTheLanguage(solara, lambda: "en")
    assert zh.label("Controls") == "运行控制" and en.label("Controls") == "Controls"
    assert zh.label("Step: 3") == "已走步数（月）：3" and zh.label("Time: 2.0") == "时间（月）：2.0"
    assert zh.label("something Mesa adds later") == "something Mesa adds later"
    assert zh.use_reactive is solara.use_reactive  # everything else passes through


@pytest.mark.filterwarnings("ignore:.*use_state. found despite early return")  # Mesa's own
def test_app_replaces_two_mesa_hooks():
    """The app relies on SolaraViz looking these names up in its module when it renders
    (true of Mesa 3.3.1 and 3.5.1)."""
    from mesa.visualization import solara_viz

    from vcsim.experiments.dashboard import app
    assert solara_viz.UserInputs is app.DashboardInputs
    assert isinstance(solara_viz.solara, app.MesaInTheLanguage)
    assert solara_viz.make_initial_grid_layout(len(app.COMPONENTS))[0]["w"] == 12
    assert len(app.LAYOUT) == len(app.COMPONENTS)
    params = app.model_params("zh", st.values_from_params(load_inputs()[0].params()),
                              {"base_scenario": None, "roster": None, "input_problems": ()})
    solara_viz._check_model_params(DashboardModel.__init__, params)  # names match the model
