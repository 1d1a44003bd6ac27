from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CaeTestCommon

# model: {role: "rwcu" rights}; "" = no access at all
MATRIX = {
    "cae.activity": {"a": "rw", "support": "rwc", "admin": "rwcu", "manager": "rwcu"},
    "cae.pole": {"a": "rw", "support": "rwc", "admin": "rwcu", "manager": "rwcu"},
    "cae.territory": {"a": "r", "support": "rwc", "admin": "rwcu", "manager": "rwcu"},
    "cae.contract": {"a": "r", "support": "rwc", "admin": "rwcu", "manager": "rwcu"},
    "cae.account.statement": {
        "a": "rwcu",
        "support": "rwcu",
        "admin": "rwcu",
        "manager": "rwcu",
    },
    "cae.validation.refuse": {
        "a": "",
        "support": "rwcu",
        "admin": "rwcu",
        "manager": "rwcu",
    },
    "cae.member.onboarding": {
        "a": "",
        "support": "rwcu",
        "admin": "rwcu",
        "manager": "rwcu",
    },
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


class AccessMatrixMixin:
    """Every model of ``MATRIX`` against every role: what it can and cannot do
    (a module's matrix test: this mixin, CaeTestCommon, its MATRIX and a
    ``test_matrix`` calling ``_cae_check_matrix``)."""

    MATRIX = {}

    def _cae_check_matrix(self):
        users = {
            "a": self.user_a,
            "support": self.user_support,
            "admin": self.user_admin,
            "manager": self.user_manager,
        }
        for model, rights in self.MATRIX.items():
            for role, user in users.items():
                for letter, operation in OPERATIONS.items():
                    allowed = letter in rights[role]
                    with self.subTest(model=model, role=role, operation=operation):
                        records = self.env[model].with_user(user)
                        if allowed:
                            records.check_access(operation)
                        else:
                            with self.assertRaises(AccessError):
                                records.check_access(operation)


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrixMixin, CaeTestCommon):
    """Every model of cae_member against every role."""

    MATRIX = MATRIX

    # Odoo collects only the test methods a class defines itself
    def test_matrix(self):
        self._cae_check_matrix()
