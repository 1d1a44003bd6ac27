from . import test_support_time
