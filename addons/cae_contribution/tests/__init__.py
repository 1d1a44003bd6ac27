from . import test_contribution
from . import test_tours
from . import test_migration
from . import test_contribution_rules
