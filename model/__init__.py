"""The simulation: a Mesa 3.3.1 model of a county's village collective-economy programme.

Pure simulation: no file I/O, plotting or command line here (see ``experiments``).
Importing this package loads nothing heavy: the Mesa model (and with it Mesa, pandas
and the compiled random streams) is imported when first asked for.
"""

from vcsim.model.business_models import MODEL_CODES, MODEL_NAMES
from vcsim.model.parameters import PARAMETERS, make_params
from vcsim.model.rules import START_YEAR

__all__ = ["CollectiveEconomyModel", "MODEL_CODES", "MODEL_NAMES", "PARAMETERS", "START_YEAR",
           "make_params"]


def __getattr__(name):
    if name == "CollectiveEconomyModel":
        from vcsim.model.model import CollectiveEconomyModel
        return CollectiveEconomyModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
