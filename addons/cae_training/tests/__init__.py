from . import test_invoicing
from . import test_documents
from . import test_program
from . import test_bpf
from . import test_cpf
from . import test_quality
from . import test_trainer
from . import test_access
