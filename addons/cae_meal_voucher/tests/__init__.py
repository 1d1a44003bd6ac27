from . import test_meal_voucher
from . import test_meal_voucher_accounting
from . import test_meal_voucher_access
from . import test_access_matrix
