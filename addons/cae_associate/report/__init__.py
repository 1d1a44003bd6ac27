from . import cae_associate_register
from . import cae_associate_register_xlsx
from . import cae_payroll_xlsx
