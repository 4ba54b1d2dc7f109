"""docs/sources.md holds every calibration key a parameter cites (issue 12)."""

import re
from pathlib import Path

from vcsim.model.parameters import PARAMETERS

SOURCES = Path(__file__).resolve().parent.parent / "docs" / "sources.md"
KEY = re.compile(r"\b[A-Z]{1,2}\d\b")  # F1, PV1, S6 ...


def documented_keys() -> set[str]:
    """Keys that head a row of a table in docs/sources.md, with a fact and a source."""
    keys = set()
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and KEY.fullmatch(cells[0]) and cells[1] and cells[2]:
            keys.add(cells[0])
    return keys


def test_every_key_a_parameter_cites_is_in_docs_sources():
    documented = documented_keys()
    cited = {(key, p.key) for p in PARAMETERS.values() for key in KEY.findall(p.source)}
    missing = sorted((k, param) for k, param in cited if k not in documented)
    assert not missing, f"cited but not in docs/sources.md: {missing}"


def test_the_keys_the_code_cites_are_in_docs_sources():
    """Keys cited in the code's comments and docstrings ("calibration PV4", "N1") too."""
    root = SOURCES.parent.parent
    documented = documented_keys()
    for folder in ("model", "experiments"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for key in re.findall(r"calibration (?:notes? )?([A-Z]{1,2}\d)\b", text):
                assert key in documented, (path.name, key)


def test_sources_page_covers_every_group_of_the_calibration_notes():
    assert {"F1", "F4", "N1", "N2", "N5", "PV1", "PV6", "D1", "O1", "H1", "H3", "M1",
            "W1", "S1", "S6"} <= documented_keys()
