from . import res_company
from . import account_move
from . import cae_contribution_scale
from . import cae_contribution_scale_version
from . import cae_contribution_scale_bracket
from . import cae_contribution_exemption
from . import cae_activity
from . import cae_contribution_line
