from freezegun import freeze_time

from odoo.tests import tagged

from .common import CaeLeaveCommon


@tagged("post_install", "-at_install")
class TestLeaveLiability(CaeLeaveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_a = cls._cesa(cls.partner_a, "2026-03-01", fixed=1300.0)
        cls._accrue_until("2026-07-01")  # 10 days
        with freeze_time("2026-07-01"):
            leave = cls.Leave.create(
                {
                    "employee_id": cls.employee_a.id,
                    "holiday_status_id": cls.leave_type.id,
                    "request_date_from": "2026-07-06",
                    "request_date_to": "2026-07-09",
                }
            )
            leave.with_user(cls.user_admin).action_approve()

    def _statement(self, user):
        return (
            self.env["cae.account.statement"]
            .with_user(user)
            .create({"activity_id": self.activity_a.id, "date": "2026-07-31"})
        )

    def test_liability_when_provisioned(self):
        """6 days left x 1300 x 1.5 / 26 = 75 a day: 450."""
        self.company.cae_leave_provision = True
        statement = self._statement(self.user_a)
        self.assertAlmostEqual(statement.leave_days_left, 6.0)
        self.assertAlmostEqual(statement.leave_liability, 450.0)
        self.assertAlmostEqual(statement.available_treasury, -450.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "cae_member.cae_account_statement_report", statement.ids
            )[0]
            .decode()
        )
        self.assertIn("cae_leave_liability", html)

    def test_no_liability_by_default(self):
        statement = self._statement(self.user_admin)
        self.assertFalse(statement.cae_leave_provision)
        self.assertEqual(statement.leave_liability, 0.0)
        self.assertEqual(statement.available_treasury, 0.0)

    def test_other_activity_has_no_liability(self):
        self.company.cae_leave_provision = True
        statement = (
            self.env["cae.account.statement"]
            .with_user(self.user_b)
            .create({"activity_id": self.activity_b.id, "date": "2026-07-31"})
        )
        self.assertEqual(statement.leave_liability, 0.0)
