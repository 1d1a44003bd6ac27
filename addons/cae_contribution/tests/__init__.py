from . import test_contribution
from . import test_tours
from . import test_contribution_rules
from . import test_contribution_run
from . import test_contribution_preview
from . import test_contribution_grouped
