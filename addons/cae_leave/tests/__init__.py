from . import test_accrual
from . import test_leave_request
from . import test_leave_access
from . import test_leave_money
