from . import test_meeting
from . import test_votes
from . import test_journey
from . import test_access
