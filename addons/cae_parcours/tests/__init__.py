from . import test_journey
from . import test_appointments
from . import test_workshops
from . import test_tours
from . import test_legal_edge_cases
from . import test_sponsor
