from . import res_company
from . import res_partner
from . import cae_associate_subscription
from . import cae_associate_payment
from . import cae_associate_redemption
from . import cae_payroll_export
from . import cae_payroll_export_line
