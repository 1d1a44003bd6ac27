from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestAccess(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_a = cls._invoice(cls.activity_a, cls.customer_a, 300.0)
        cls.invoice_a.action_post()
        cls.order_a = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer_a.id,
                "cae_activity_id": cls.activity_a.id,
                "order_line": [Command.create({"product_id": cls.product_service.id})],
            }
        )
        cls.contract_a = cls._current_cape(cls.partner_a)
        cls.expense_a = cls.env["hr.expense"].create(
            {
                "name": "Train",
                "employee_id": cls.env["hr.employee"].create({"name": "Anne"}).id,
                "cae_activity_id": cls.activity_a.id,
                "total_amount_currency": 42.0,
                "product_id": cls.product_service.id,
            }
        )

    def _check_invisible(self, user, records):
        model = self.env[records._name].with_user(user)
        self.assertFalse(model.search([("id", "in", records.ids)]), records._name)
        with self.assertRaises(AccessError, msg=records._name):
            model.browse(records.ids).read(["display_name"])

    def test_entrepreneur_b_sees_nothing_of_a(self):
        """Acceptance 2."""
        analytic = self.env["account.analytic.line"].search(
            [("move_line_id", "in", self.invoice_a.line_ids.ids)]
        )
        self.assertTrue(analytic)
        for records in (
            self.order_a,
            self.order_a.order_line,
            self.invoice_a,
            self.invoice_a.line_ids,
            analytic,
            self.customer_a,
            self.expense_a,
            self.contract_a,
        ):
            self._check_invisible(self.user_b, records)
        # and A sees all of them
        for records in (
            self.order_a,
            self.invoice_a,
            self.invoice_a.line_ids,
            analytic,
        ):
            self.assertEqual(
                self.env[records._name]
                .with_user(self.user_a)
                .search([("id", "in", records.ids)]),
                records,
            )
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.user_a)
            .search([("id", "=", self.customer_a.id)]),
            self.customer_a,
        )

    def test_entrepreneur_cannot_write_others(self):
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.user_b).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.activity_a.with_user(self.user_b).write({"trade_name": "Piraté"})
        self.activity_a.with_user(self.user_a).write({"trade_name": "Nouveau nom"})
        with self.assertRaises(AccessError):
            self.partner_a.with_user(self.user_b).write({"phone": "0600000000"})
        with self.assertRaises(AccessError):
            self.env["cae.contract"].with_user(self.user_a).create(
                {
                    "partner_id": self.partner_a.id,
                    "contract_type": "cesa",
                    "date_start": "2030-01-01",
                }
            )
        with self.assertRaises(AccessError):
            self.env["cae.activity"].with_user(self.user_a).create(
                {
                    "name": "X",
                    "code": "X",
                    "member_ids": [Command.link(self.partner_a.id)],
                }
            )

    def test_entrepreneur_customer_creation_is_private(self):
        customer = (
            self.env["res.partner"].with_user(self.user_a).create({"name": "Privé A"})
        )
        self.assertEqual(customer.cae_customer_activity_ids, self.activity_a)
        self._check_invisible(self.user_b, customer)
        contact = (
            self.env["res.partner"]
            .with_user(self.user_a)
            .create(
                {
                    "name": "Contact de Privé A",
                    "parent_id": customer.id,
                }
            )
        )
        self._check_invisible(self.user_b, contact)

    def test_public_records_stay_readable(self):
        """Members, users, the company: the directory and chatter keep working."""
        env_b = self.env(user=self.user_b)
        partners = (
            self.partner_a | self.user_support.partner_id | self.company.partner_id
        )
        self.assertEqual(
            len(env_b["res.partner"].browse(partners.ids).read(["name"])), 3
        )
        self.assertEqual(
            env_b["cae.activity"].search([("id", "=", self.activity_a.id)]),
            self.activity_a,
        )
        self.activity_b.with_user(self.user_b).message_post(body="Bonjour")

    def test_entrepreneur_has_no_accounting_or_sales_group(self):
        for xmlid in (
            "account.group_account_invoice",
            "account.group_account_readonly",
            "sales_team.group_sale_salesman",
        ):
            self.assertFalse(self.user_a.has_group(xmlid), xmlid)

    def test_support_and_admin_see_everything(self):
        for user in (self.user_support, self.user_admin, self.user_manager):
            for records in (
                self.invoice_a,
                self.order_a,
                self.customer_a,
                self.contract_a,
            ):
                found = (
                    self.env[records._name]
                    .with_user(user)
                    .search([("id", "in", records.ids)])
                )
                self.assertEqual(found, records, f"{user.login} {records._name}")

    def test_support_and_admin_rights_on_cae_models(self):
        pole = (
            self.env["cae.pole"].with_user(self.user_support).create({"name": "Makers"})
        )
        territory = (
            self.env["cae.territory"]
            .with_user(self.user_support)
            .create({"name": "Blois"})
        )
        with self.assertRaises(AccessError):
            pole.with_user(self.user_support).unlink()
        pole.with_user(self.user_admin).unlink()
        territory.with_user(self.user_admin).unlink()
        for user in (self.user_a, self.user_b):
            with self.assertRaises(AccessError):
                self.env["cae.pole"].with_user(user).create({"name": "Interdit"})
        contract = (
            self.env["cae.contract"]
            .with_user(self.user_support)
            .create(
                {
                    "partner_id": self.partner_b.id,
                    "contract_type": "cesa",
                    "date_start": "2030-01-01",
                }
            )
        )
        with self.assertRaises(AccessError):
            contract.with_user(self.user_support).unlink()
        contract.with_user(self.user_admin).unlink()
        self.assertEqual(
            self.env["cae.contract"].with_user(self.user_a).search([]), self.contract_a
        )

    def test_wizards_access(self):
        for user in (self.user_support, self.user_admin):
            self.env["cae.validation.refuse"].with_user(user).create({"reason": "x"})
            self.env["cae.member.onboarding"].with_user(user).create(
                {
                    "name": "N",
                    "email": "n@example.com",
                    "activity_name": "N",
                    "activity_code": "N",
                }
            )
        for model in ("cae.validation.refuse", "cae.member.onboarding"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_a).create({})

    def test_sensitive_hr_fields_admin_only(self):
        employee = self.env["hr.employee"].create(
            {
                "name": "Anne",
                "user_id": self.user_a.id,
                "ssnid": "2840137000000",
                "cae_health_notes": "RQTH",
            }
        )
        values = employee.with_user(self.user_admin).read(
            ["ssnid", "cae_health_notes"]
        )[0]
        self.assertEqual(values["ssnid"], "2840137000000")
        self.assertEqual(values["cae_health_notes"], "RQTH")
        for user in (self.user_support, self.user_a):
            with self.assertRaises(AccessError):
                employee.with_user(user).read(["cae_health_notes"])
            with self.assertRaises(AccessError):
                employee.with_user(user).read(["ssnid"])

    def test_threshold_field_hidden_from_entrepreneurs(self):
        with self.assertRaises(AccessError):
            self.partner_a.with_user(self.user_a).read(["cae_validation_threshold"])
        self.partner_a.with_user(self.user_support).read(["cae_validation_threshold"])
