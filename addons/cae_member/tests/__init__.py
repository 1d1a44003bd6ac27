from . import test_activity
from . import test_access
from . import test_documents
from . import test_account_statement
from . import test_tours
from . import test_access_matrix
from . import test_pole
from . import test_document_identity
