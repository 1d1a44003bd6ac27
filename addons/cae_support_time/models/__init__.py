from . import cae_support_time_kind
from . import cae_support_time
from . import cae_payroll_export
from . import cae_payroll_export_line
from . import res_company
from . import res_config_settings
