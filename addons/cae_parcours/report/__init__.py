from . import cae_funder_statistics_xlsx
from . import cae_contract_cesa
from . import cae_appointment_report
