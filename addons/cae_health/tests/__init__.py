from . import test_access_matrix
from . import test_health_access
from . import test_health_bill
from . import test_health_visit
from . import test_risk_assessment
