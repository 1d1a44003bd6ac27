from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon
from odoo.addons.cae_member.tests.test_access_matrix import AccessMatrixMixin

# model: {role: "rwcu" rights}; "" = no access at all
MATRIX = {
    "cae.meal.voucher.month": {
        "a": "rwcu",
        "support": "r",
        "admin": "rwcu",
        "manager": "rwcu",
    },
    "cae.meal.voucher.day": {
        "a": "rwcu",
        "support": "r",
        "admin": "rwcu",
        "manager": "rwcu",
    },
    "cae.meal.voucher.suspend": {
        "a": "",
        "support": "",
        "admin": "rwcu",
        "manager": "rwcu",
    },
}


@tagged("post_install", "-at_install")
class TestMealVoucherAccessMatrix(AccessMatrixMixin, CaeTestCommon):
    """Every model of cae_meal_voucher against every role."""

    MATRIX = MATRIX

    # Odoo collects only the test methods a class defines itself
    def test_matrix(self):
        self._cae_check_matrix()
