from . import test_payroll
from . import test_payroll_money
from . import test_payroll_trust
from . import test_payroll_files_trust
from . import test_access_matrix
from . import test_tours
