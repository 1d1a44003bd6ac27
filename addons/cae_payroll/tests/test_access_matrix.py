from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon
from odoo.addons.cae_member.tests.test_access_matrix import AccessMatrixMixin

# model: {role: "rwcu" rights}; "" = no access at all
MATRIX = {
    "cae.salary.request": {
        "a": "rwcu",
        "support": "r",
        "admin": "rwcu",
        "manager": "rwcu",
    },
    "cae.payroll.export": {"a": "", "support": "", "admin": "rwc", "manager": "rwc"},
    "cae.payroll.export.line": {
        "a": "",
        "support": "",
        "admin": "rwc",
        "manager": "rwc",
    },
    "cae.payroll.export.wizard": {
        "a": "",
        "support": "",
        "admin": "rwcu",
        "manager": "rwcu",
    },
    "cae.payroll.import": {"a": "", "support": "", "admin": "rwcu", "manager": "rwcu"},
    "cae.payslip": {"a": "r", "support": "", "admin": "rwc", "manager": "rwc"},
    "cae.payslip.import": {"a": "", "support": "", "admin": "rwcu", "manager": "rwcu"},
    "cae.mileage.rate": {"a": "r", "support": "r", "admin": "rwcu", "manager": "rwcu"},
}


@tagged("post_install", "-at_install")
class TestPayrollAccessMatrix(AccessMatrixMixin, CaeTestCommon):
    """Every model of cae_payroll against every role."""

    MATRIX = MATRIX

    # Odoo collects only the test methods a class defines itself
    def test_matrix(self):
        self._cae_check_matrix()
