from . import cae_contribution_run
from . import cae_demo_history
from . import hr_employee
from . import cae_demo_generic
