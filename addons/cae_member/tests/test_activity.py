from datetime import date

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestActivity(CaeTestCommon):
    def test_analytic_account_created_in_activity_plan(self):
        account = self.activity_a.analytic_account_id
        self.assertTrue(account)
        self.assertEqual(account.code, "ACTA")
        self.assertEqual(
            account.plan_id, self.env.ref("cae_member.analytic_plan_activities")
        )
        self.assertEqual(account.company_id, self.company)

    def test_structure_account_exists_for_new_company(self):
        self.assertTrue(self.company.cae_structure_analytic_account_id)
        self.assertEqual(self.company.cae_structure_analytic_account_id.code, "CAE")

    def test_rename_follows_on_analytic_account(self):
        self.activity_a.write({"name": "Atelier Anne", "code": "acta2"})
        self.assertEqual(self.activity_a.code, "ACTA2")
        self.assertEqual(self.activity_a.analytic_account_id.name, "Atelier Anne")
        self.assertEqual(self.activity_a.analytic_account_id.code, "ACTA2")

    def test_duplicate_code_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.env["cae.activity"].create(
                {
                    "name": "Copie",
                    "code": "ACTA",
                    "company_id": self.company.id,
                    "member_ids": [Command.link(self.partner_b.id)],
                }
            )

    def test_activity_without_member_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "at least one entrepreneur"),
            self.cr.savepoint(),
        ):
            self.env["cae.activity"].create({"name": "Vide", "code": "VIDE"})
        self.assertFalse(self.env["cae.activity"].search([("code", "=", "VIDE")]))
        with self.assertRaises(ValidationError):
            self.activity_a.write({"member_ids": [Command.clear()]})
        self.assertEqual(self.activity_a.member_ids, self.partner_a)

    def test_shared_activity_and_several_activities(self):
        shared = self.env["cae.activity"].create(
            {
                "name": "Studio partagé",
                "code": "SHARED",
                "member_ids": [Command.set((self.partner_a | self.partner_b).ids)],
            }
        )
        self.assertEqual(self.partner_a.cae_activity_ids, self.activity_a | shared)
        self.assertIn(shared, self.partner_b.cae_activity_ids)

    def test_members_become_cae_members(self):
        partner = self.env["res.partner"].create({"name": "Nouvelle"})
        self.activity_a.member_ids = [Command.link(partner.id)]
        self.assertTrue(partner.is_cae_member)
        self.assertEqual(partner.cae_status, "candidate")

    def test_delete_activity_with_entries_refused_archive_instead(self):
        invoice = self._invoice(self.activity_a, self.customer_a, 100.0)
        invoice.action_post()
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.activity_a.unlink()
        self.assertTrue(self.activity_a.exists())
        self.activity_a.active = False
        self.assertFalse(self.activity_a.analytic_account_id.active)

    def test_delete_unused_activity(self):
        activity = self.env["cae.activity"].create(
            {
                "name": "Éphémère",
                "code": "EPH",
                "member_ids": [Command.link(self.partner_b.id)],
            }
        )
        account = activity.analytic_account_id
        activity.unlink()
        self.assertFalse(account.exists())

    def test_pickers_offer_her_own_activities(self):
        """Issue 18: the activity pickers of an entrepreneur list hers only
        (she still reads the others in the directory); the back office sees
        them all."""
        third = self.env["cae.activity"].create(
            {
                "name": "Troisième",
                "code": "TROIS",
                "company_id": self.company.id,
                "member_ids": [Command.link(self.partner_a.id)],
            }
        )
        picked = {
            i
            for i, _name in self.env["cae.activity"]
            .with_user(self.user_a)
            .name_search("")
        }
        self.assertEqual(picked, set((self.activity_a | third).ids))
        self.assertIn(
            self.activity_b,
            self.env["cae.activity"].with_user(self.user_a).search([]),
        )
        everything = {
            i
            for i, _name in self.env["cae.activity"]
            .with_user(self.user_support)
            .name_search("")
        }
        self.assertLessEqual(
            set((self.activity_a | self.activity_b | third).ids), everything
        )

    def test_name_search_by_code(self):
        found = self.env["cae.activity"].name_search("ACTB")
        self.assertEqual([r[0] for r in found], [self.activity_b.id])
        self.assertEqual(self.activity_b.display_name, "[ACTB] Boulangerie B")


@tagged("post_install", "-at_install")
class TestMemberStatus(CaeTestCommon):
    def test_status_from_contracts(self):
        partner = self.partner_a
        self.assertEqual(partner.cae_status, "candidate")
        self._current_cape(partner)
        self.assertEqual(partner.cae_status, "cape")
        self.assertEqual(partner._cae_status_at(date(2019, 6, 1)), "candidate")

    def test_status_cesa_associate_exit(self):
        partner = self.partner_b
        self._contract(partner, "cape", "2020-01-01", "2020-06-30")
        self._contract(partner, "cesa", "2020-07-01")
        self.assertEqual(partner.cae_status, "cesa")
        self.assertEqual(partner._cae_status_at(date(2020, 3, 1)), "cape")
        partner.cae_associate_date = "2021-01-01"
        self.assertEqual(partner.cae_status, "associate")
        self.assertEqual(partner._cae_status_at(date(2020, 9, 1)), "cesa")
        partner.cae_exit_date = "2022-01-01"
        self.assertEqual(partner.cae_status, "exited")

    def test_draft_contract_does_not_count(self):
        self.env["cae.contract"].create(
            {
                "partner_id": self.partner_a.id,
                "contract_type": "cesa",
                "date_start": "2020-01-01",
            }
        )
        self.assertEqual(self.partner_a.cae_status, "candidate")

    def test_contract_rules(self):
        cases = [
            ("ends before it starts", ("2024-06-01", "2024-01-01")),
            ("end date", ("2024-06-01", False)),
        ]
        for message, dates in cases:
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                self._contract(self.partner_a, "cape", *dates)
        self._contract(self.partner_a, "cape", "2024-01-01", "2024-06-30")
        with (
            self.assertRaisesRegex(ValidationError, "already has a CAPE"),
            self.cr.savepoint(),
        ):
            self._contract(self.partner_a, "cape", "2024-03-01", "2024-09-30")
        self.assertEqual(len(self.partner_a.cae_contract_ids), 1)

    def test_signed_contract_cannot_be_deleted(self):
        contract = self._contract(self.partner_a, "cape", "2024-01-01", "2024-06-30")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            contract.unlink()
        contract.active = False
        self.assertFalse(contract.active)

    def test_cron_ends_expired_contracts(self):
        contract = self._contract(self.partner_a, "cape", "2020-01-01", "2020-06-30")
        self.env["cae.contract"]._cron_end_expired_contracts()
        self.assertEqual(contract.state, "ended")
        self.assertEqual(self.partner_a.cae_status, "candidate")


@tagged("post_install", "-at_install")
class TestOnboarding(CaeTestCommon):
    def test_wizard_creates_partner_user_employee_activity(self):
        wizard = (
            self.env["cae.member.onboarding"]
            .with_user(self.user_support)
            .create(
                {
                    "name": "Chloé Céramique",
                    "email": "chloe@example.com",
                    "payroll_ref": "PAY-042",
                    "activity_name": "Céramiques Chloé",
                    "activity_code": "CERA",
                    "activity_type": "standard",
                }
            )
        )
        action = wizard.action_create()
        partner = self.env["res.partner"].browse(action["res_id"])
        self.assertTrue(partner.is_cae_member)
        user = partner.user_ids
        self.assertEqual(user.login, "chloe@example.com")
        self.assertTrue(user.has_group("cae_member.cae_member_group_entrepreneur"))
        self.assertFalse(user.has_group("account.group_account_invoice"))
        employee = self.env["hr.employee"].search([("user_id", "=", user.id)])
        self.assertEqual(employee.cae_payroll_ref, "PAY-042")
        self.assertEqual(partner.cae_activity_ids.code, "CERA")
        self.assertEqual(user._cae_default_activity(), partner.cae_activity_ids)

    def test_onboarded_people_are_employees_of_their_kind(self):
        """Issue 18: the employee record of onboarding is Odoo's non-salaried
        type until a CESA starts; a CAPE holder saves her expense sheet."""
        action = (
            self.env["cae.member.onboarding"]
            .with_user(self.user_support)
            .create(
                {
                    "name": "Inès Illustration",
                    "email": "ines@example.com",
                    "activity_name": "Illustrations Inès",
                    "activity_code": "ILLU",
                    "activity_type": "standard",
                }
            )
            .action_create()
        )
        partner = self.env["res.partner"].browse(action["res_id"])
        user = partner.user_ids
        employee = user.employee_ids
        self.assertEqual(employee.employee_type, "freelance")
        self._current_cape(partner)
        self.assertEqual(employee.employee_type, "freelance")
        # she claims an expense and reports it herself
        product = self.env["product.product"].create(
            {"name": "Train", "can_be_expensed": True, "standard_price": 0.0}
        )
        env = self.env(user=user)
        expense = env["hr.expense"].create(
            {
                "name": "Train Tours-Paris",
                "employee_id": employee.id,
                "product_id": product.id,
                "total_amount_currency": 42.0,
                "cae_activity_id": partner.cae_activity_ids.id,
            }
        )
        sheet = env["hr.expense.sheet"].create(
            {
                "name": "Frais",
                "employee_id": employee.id,
                "expense_line_ids": [Command.set(expense.ids)],
            }
        )
        sheet.action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        # a CESA makes an employee of a non-salaried record
        employee_b = self._employee(self.user_b, "PAY-B")
        employee_b.employee_type = "freelance"
        self._contract(self.partner_b, "cesa", fields.Date.today().replace(day=1))
        self.assertEqual(employee_b.employee_type, "employee")

    def test_wizard_refuses_existing_login(self):
        wizard = self.env["cae.member.onboarding"].create(
            {
                "name": "Doublon",
                "email": "ent_a",
                "login": "ent_a",
                "activity_name": "X",
                "activity_code": "X1",
            }
        )
        with self.assertRaisesRegex(UserError, "already exists"):
            wizard.action_create()
        self.assertFalse(self.env["cae.activity"].search([("code", "=", "X1")]))

    def test_payroll_reference_unique_per_company(self):
        employee_vals = {
            "name": "E1",
            "company_id": self.company.id,
            "cae_payroll_ref": "P1",
        }
        self.env["hr.employee"].create(employee_vals)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.env["hr.employee"].create(dict(employee_vals, name="E2"))


@tagged("post_install", "-at_install")
class TestContractName(CaeTestCommon):
    def test_contract_reads_with_the_users_date(self):
        """A contract reads "CESA - Anne Artisan - 01/03/2026" in French; its
        stored name keeps the ISO date (issue 18)."""
        self.env["res.lang"]._activate_lang("fr_FR")
        contract = self._contract(self.partner_a, "cesa", "2026-03-01")
        self.assertEqual(
            contract.with_context(lang="fr_FR").display_name,
            "CESA - Anne Artisan - 01/03/2026",
        )
        self.assertIn("2026-03-01", contract.name)
