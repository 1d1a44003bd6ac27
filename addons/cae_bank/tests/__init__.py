from . import test_bank
from . import test_bank_import
