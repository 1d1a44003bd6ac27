from . import test_issuance
