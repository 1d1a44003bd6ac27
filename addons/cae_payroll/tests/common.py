"""The payroll-side money fixtures: contracts, entries of an activity,
expenses and exports (shared by the money and trust tests)."""

from freezegun import freeze_time

from odoo import Command

from odoo.addons.cae_member.tests.common import CaeTestCommon


class PayrollCommon(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_employer_cost_rate = 1.45
        cls.employee_a = cls._employee(cls.user_a, "PAY-A")
        cls.employee_b = cls._employee(cls.user_b, "PAY-B")
        cls.contract_a = cls._contract(
            cls.partner_a,
            "cesa",
            "2025-01-01",
            activity_id=cls.activity_a.id,
            fixed_monthly_amount=1200.0,
            monthly_hours=151.67,
        )
        cls._contract(
            cls.partner_b,
            "cesa",
            "2025-01-01",
            activity_id=cls.activity_b.id,
            fixed_monthly_amount=900.0,
        )
        cls.misc_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "general")], limit=1
        )
        cls.product_expense = cls.env["product.product"].create(
            {
                "name": "Frais divers",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "property_account_expense_id": cls.account_expense.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _account(cls, code, account_type):
        account = cls.env["account.account"].search(
            [("company_ids", "in", cls.company.ids), ("code", "=", code)], limit=1
        )
        return account or cls.env["account.account"].create(
            {
                "code": code,
                "name": code,
                "account_type": account_type,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )

    @classmethod
    def _entry(cls, activity, date, lines):
        """A posted entry of ``activity``: lines (code, type, debit, credit)."""
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.misc_journal.id,
                "date": date,
                "cae_activity_id": activity.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": cls._account(code, kind).id,
                            "name": code,
                            "debit": debit,
                            "credit": credit,
                        }
                    )
                    for code, kind, debit, credit in lines
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _cash(cls, activity, amount, date="2025-01-15"):
        """``amount`` of revenue cashed on ``activity``."""
        return cls._entry(
            activity,
            date,
            [
                ("512100", "asset_cash", amount, 0.0),
                ("706100", "income", 0.0, amount),
            ],
        )

    def _export(self, month, **vals):
        wizard = (
            self.env["cae.payroll.export.wizard"]
            .with_user(self.user_admin)
            .create({"month": month, **vals})
        )
        action = wizard.action_export()
        return self.env["cae.payroll.export"].browse(action["res_id"])

    def _expense(self, amount, date, employee=None, activity=None):
        return self.env["hr.expense"].create(
            {
                "name": "Train Tours-Paris",
                "employee_id": (employee or self.employee_a).id,
                "product_id": self.product_expense.id,
                "total_amount_currency": amount,
                "date": date,
                "cae_activity_id": (activity or self.activity_a).id,
            }
        )

    def _approve(self, expenses, day):
        """Report, submit and approve ``expenses`` on ``day``."""
        with freeze_time(day):
            sheet = self.env["hr.expense.sheet"].create(
                {
                    "name": "Frais",
                    "employee_id": expenses.employee_id.id,
                    "expense_line_ids": [Command.set(expenses.ids)],
                }
            )
            sheet.action_submit_sheet()
            sheet.with_user(self.user_admin).action_approve_expense_sheets()
        return sheet
