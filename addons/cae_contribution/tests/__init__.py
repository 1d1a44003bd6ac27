from . import test_contribution
from . import test_tours
