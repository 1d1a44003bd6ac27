from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon
from odoo.addons.cae_member.tests.test_access_matrix import AccessMatrixMixin

# model: {role: "rwcu" rights}; "" = no access at all. Support staff have no
# access to health data; everyone reads the risk assessment and acknowledges
# it (for herself); nothing is ever deleted.
MATRIX = {
    "cae.health.visit": {"a": "r", "support": "", "admin": "rwc", "manager": "rwc"},
    "cae.health.rule": {"a": "", "support": "", "admin": "rwcu", "manager": "rwcu"},
    "cae.risk.assessment": {
        "a": "r",
        "support": "r",
        "admin": "rwc",
        "manager": "rwc",
    },
    "cae.risk.assessment.ack": {
        "a": "rc",
        "support": "rc",
        "admin": "rc",
        "manager": "rc",
    },
}


@tagged("post_install", "-at_install")
class TestHealthAccessMatrix(AccessMatrixMixin, CaeTestCommon):
    """Every model of cae_health against every role."""

    MATRIX = MATRIX

    # Odoo collects only the test methods a class defines itself
    def test_matrix(self):
        self._cae_check_matrix()
