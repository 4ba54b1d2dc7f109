"""The ODD document and the parameter registry stay in step."""

import re

from vcsim.experiments.odd import ODD_PATH, with_current_table
from vcsim.model.parameters import DEFAULT_COUNTY, PARAMETERS


def test_every_parameter_has_unit_range_and_provenance():
    for p in PARAMETERS.values():
        assert p.unit, p.key
        assert p.meaning, p.key
        assert p.low is not None and p.high is not None and p.low <= p.high, p.key
        assert p.check(p.value_for(DEFAULT_COUNTY)) is None, p.key
        # a source is a calibration key (F1, PV2, S1 ...), the report, the design brief,
        # or an assumption with its reason
        assert (re.search(r"\b[A-Z]{1,2}\d\b", p.source) or p.source.startswith("report")
                or p.source.startswith("design brief")
                or re.match(r"assumption: \S", p.source)), (p.key, p.source)


def test_odd_parameter_table_is_current():
    text = ODD_PATH.read_text(encoding="utf-8")
    assert "<!-- parameters:start -->" in text
    assert text == with_current_table(text), "run `python -m vcsim.experiments.odd` to update docs/ODD.md"


def test_odd_names_code_that_exists():
    """Every `model.x` / `Class.method` the ODD cites as implementing code exists."""
    import vcsim.model.agents
    import vcsim.model.business_models
    import vcsim.model.model
    import vcsim.model.rules
    text = ODD_PATH.read_text(encoding="utf-8")
    names = set(re.findall(r"`(?:CountyGovernment|Village|Partner)\.(\w+)`", text))
    names |= set(re.findall(r"`(_\w+|\w+_\w+)`", text)) & {
        "_entrants", "_options", "_select_and_fund", "_book_grants", "_start_project",
        "_resolve_clusters", "part_a_cost_yuan", "leadership_capacity", "chance_to_earn_by_december",
        "monthly_failure_hazard", "expected_return", "feasible", "_close_year"}
    model = vcsim.model
    where = [model.agents.CountyGovernment, model.agents.Village, model.agents.Partner,
             model.agents, model.business_models, model.rules, model.model.CollectiveEconomyModel]
    for name in names:
        assert any(hasattr(w, name) for w in where), name
