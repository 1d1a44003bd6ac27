from . import test_bank
