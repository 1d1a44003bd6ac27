from . import test_issuance
from . import test_reception
from . import test_status
from . import test_ereporting
