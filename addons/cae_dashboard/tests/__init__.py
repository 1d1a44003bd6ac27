from . import test_dashboard
from . import test_home_action
from . import test_i18n
from . import test_journey
from . import test_rpc
from . import test_tours
