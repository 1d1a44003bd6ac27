from . import test_tender
from . import test_project
from . import test_digest
from . import test_import
