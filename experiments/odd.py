"""Keep the ODD document's parameter table in step with the registry.

``python -m vcsim.experiments.odd`` rewrites the table between the markers in docs/ODD.md;
``tests/test_docs.py`` fails when it is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from vcsim.experiments.cli import params_table
from vcsim.experiments.messages import text

ODD_PATH = Path(__file__).resolve().parent.parent / "docs" / "ODD.md"
_BLOCK = re.compile(r"(<!-- parameters:start -->\n).*?(<!-- parameters:end -->)", re.S)


def with_current_table(text: str) -> str:
    return _BLOCK.sub(lambda m: m.group(1) + params_table("md", "en") + m.group(2), text)


def main() -> int:
    ODD_PATH.write_text(with_current_table(ODD_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    print(text("file.wrote", file=ODD_PATH))
    return 0


if __name__ == "__main__":
    sys.exit(main())
