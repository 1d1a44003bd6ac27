from . import account_payment_register
from . import cae_validation_refuse
from . import cae_member_onboarding
from . import cae_payroll_export_wizard
from . import cae_payroll_import
from . import cae_payslip_import
from . import cae_migration_import
from . import sale_advance_payment_inv
