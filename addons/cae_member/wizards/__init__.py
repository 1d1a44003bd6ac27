from . import account_payment_register
from . import cae_validation_refuse
from . import cae_member_onboarding
from . import sale_advance_payment_inv
