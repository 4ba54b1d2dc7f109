"""Settings for the whole test suite (the conftest at its root; tests/validation/ adds
its own shared runs).

- The suite tests this checkout: the ``vcsim`` it imports must be this repository's
  folders (an editable install of another worktree, or an installed copy, would test
  other code and pass or fail for the wrong reasons).
- Messages are in English unless a test asks for Chinese (``VCSIM_LANG=zh``, ``--lang
  zh``, or a Chinese ``LANG`` with ``VCSIM_LANG`` removed), so the suite gives the same
  result whatever the developer's locale; subprocesses inherit this.
- Charts render with matplotlib's Agg backend: no display is needed.
- The ``slow`` marker (registered in pyproject.toml) tags the tests that take more than a
  few seconds: real processes, many replicates, a browser. ``pytest -m "not slow"`` runs
  the rest in under a minute; the whole suite (``pytest``) is what CI runs.
- A test that skips fails (``pytest_runtest_makereport`` below): nothing passes by
  skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

os.environ["VCSIM_LANG"] = "en"
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config: pytest.Config) -> None:
    import vcsim.experiments
    imported = Path(vcsim.experiments.__file__).resolve().parent
    if imported != ROOT / "experiments":
        raise pytest.UsageError(
            f"the tests import vcsim from {imported.parent}, not from this checkout ({ROOT}); "
            f"install this checkout into the interpreter that runs them: "
            f"python -m pip install -e '{ROOT}[dev]'")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A test that skips fails: a test that cannot run (a missing package, font, browser
    or office suite) must not let the suite pass."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, which this suite counts as a failure: {reason}"
