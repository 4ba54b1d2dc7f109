"""The suite runs in English whatever the developer's locale: tests that are about the
language set it themselves (``_messages.lang``, or ``VCSIM_LANG``/``LANG`` in a
subprocess's environment)."""

import os

os.environ["VCSIM_LANG"] = "en"
