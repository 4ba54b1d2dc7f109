"""The simulation: a Mesa 3.3.1 model of a county's village collective-economy programme.

Pure simulation: no file I/O, plotting or command line here (see ``experiments``).
"""

from vcsim.model.business_models import MODEL_CODES, MODEL_NAMES
from vcsim.model.model import START_YEAR, CollectiveEconomyModel
from vcsim.model.parameters import PARAMETERS, make_params

__all__ = ["CollectiveEconomyModel", "MODEL_CODES", "MODEL_NAMES", "PARAMETERS", "START_YEAR",
           "make_params"]
