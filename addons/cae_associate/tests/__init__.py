from . import test_associate_register
from . import test_associate_payroll
from . import test_associate_access
