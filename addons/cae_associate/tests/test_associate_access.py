from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.cae_member.tests.test_access_matrix import AccessMatrixMixin

from .common import AssociateCommon

# model: {role: "rwcu" rights}; "" = no access at all. The support team reads
# the register (it follows each person's steps toward associate status) and
# writes nothing; only the admin team keeps it.
MATRIX = {
    "cae.associate.subscription": {
        "a": "r",
        "support": "r",
        "admin": "rwcu",
        "manager": "rwcu",
    },
    "cae.associate.payment": {
        "a": "r",
        "support": "r",
        "admin": "rwc",
        "manager": "rwc",
    },
    "cae.associate.redemption": {
        "a": "r",
        "support": "r",
        "admin": "rwc",
        "manager": "rwc",
    },
    "cae.associate.redeem": {
        "a": "",
        "support": "",
        "admin": "rwcu",
        "manager": "rwcu",
    },
}


@tagged("post_install", "-at_install")
class TestAssociateAccessMatrix(AccessMatrixMixin, AssociateCommon):
    """Every model of cae_associate against every role."""

    MATRIX = MATRIX

    def test_matrix(self):
        self._cae_check_matrix()


@tagged("post_install", "-at_install")
class TestAssociateAccess(AssociateCommon):
    """Acceptance 5 (ORM side): entrepreneurs see their own shares only and
    write nothing; the support team reads; the admin team keeps the
    register."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sub_a = cls._subscribe(cls.partner_a, 4)
        cls.sub_b = cls._subscribe(cls.partner_b, 2)
        cls.env["cae.associate.payment"].create(
            {"subscription_id": cls.sub_b.id, "amount": 20.0}
        )

    def test_entrepreneur_sees_her_own_entries_only(self):
        Subscription = self.env["cae.associate.subscription"].with_user(self.user_a)
        self.assertEqual(Subscription.search([]), self.sub_a)
        self.assertFalse(
            self.env["cae.associate.payment"].with_user(self.user_a).search([])
        )
        self.assertEqual(
            self.env["cae.associate.payment"].with_user(self.user_b).search([]),
            self.sub_b.payment_ids,
        )
        with self.assertRaises(AccessError):
            self.sub_b.with_user(self.user_a).read(["amount_paid"])
        with self.assertRaises(AccessError):
            self.sub_b.payment_ids.with_user(self.user_a).read(["amount"])

    def test_entrepreneur_writes_nothing(self):
        sub = self.sub_a.with_user(self.user_a)
        with self.assertRaises(AccessError):
            sub.write({"monthly_amount": 1.0})
        with self.assertRaises(AccessError):
            sub.write({"amount_paid": 100.0})
        with self.assertRaises(AccessError):
            self.env["cae.associate.subscription"].with_user(self.user_a).create(
                {"partner_id": self.partner_a.id, "share_count": 1}
            )
        with self.assertRaises(AccessError):
            self.env["cae.associate.payment"].with_user(self.user_a).create(
                {"subscription_id": self.sub_a.id, "amount": 90.0}
            )
        with self.assertRaises(AccessError):
            self.env["cae.associate.redemption"].with_user(self.user_a).create(
                {"subscription_id": self.sub_a.id, "share_count": 4}
            )
        with self.assertRaises(AccessError):
            self.env["cae.associate.redeem"].with_user(self.user_a).create(
                {"subscription_id": self.sub_a.id, "share_count": 4}
            )
        self.assertEqual(self.sub_a.amount_paid, 0.0)
        self.assertEqual(self.sub_a.shares_held, 4)

    def test_entrepreneur_prints_her_certificate_only(self):
        Report = self.env["ir.actions.report"].with_user(self.user_a)
        html = Report._render_qweb_html(
            "cae_associate.cae_associate_certificate_report", self.sub_a.ids
        )[0].decode()
        self.assertIn("Anne Artisan", html)
        with self.assertRaises(AccessError):
            Report._render_qweb_html(
                "cae_associate.cae_associate_certificate_report", self.sub_b.ids
            )
        # the register she prints holds her own entries
        action = (
            self.env["cae.associate.subscription"]
            .with_user(self.user_a)
            .action_print_register()
        )
        self.assertEqual(action["context"]["active_ids"], self.sub_a.ids)

    def test_support_reads_and_writes_nothing(self):
        Subscription = self.env["cae.associate.subscription"].with_user(
            self.user_support
        )
        self.assertEqual(Subscription.search([]), self.sub_a | self.sub_b)
        with self.assertRaises(AccessError):
            self.sub_a.with_user(self.user_support).write({"monthly_amount": 5.0})
        with self.assertRaises(AccessError):
            self.sub_a.with_user(self.user_support).action_subscribe()
        with self.assertRaises(AccessError):
            self.env["cae.associate.payment"].with_user(self.user_support).create(
                {"subscription_id": self.sub_a.id, "amount": 10.0}
            )

    def test_other_company_is_out_of_reach(self):
        other = self.env["res.company"].create({"name": "Autre CAE"})
        self.user_admin.company_ids |= other
        foreign = self.env["cae.associate.subscription"].create(
            {
                "partner_id": self.partner_a.id,
                "share_count": 1,
                "company_id": other.id,
            }
        )
        Subscription = (
            self.env["cae.associate.subscription"]
            .with_user(self.user_admin)
            .with_context(allowed_company_ids=self.company.ids)
        )
        self.assertNotIn(foreign, Subscription.search([]))
