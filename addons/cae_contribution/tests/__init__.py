from . import test_contribution
