from . import cae_dashboard
from . import res_groups
from . import res_partner
from . import res_users
