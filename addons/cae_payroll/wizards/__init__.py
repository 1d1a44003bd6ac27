from . import cae_payroll_export_wizard
from . import cae_payroll_import
from . import cae_payslip_import
