"""Issue 21, acceptance 5 (meal vouchers): entrepreneur A, through real
JSON-RPC and XML-RPC, cannot read or write B's meal voucher month, validate
her own, or write her entitled count or employer share; the database is
unchanged (read back as the admin)."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustMealVoucher(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._employee(cls.user_a, "PAY-A")
        cls._employee(cls.user_b, "PAY-B")
        for partner, activity in (
            (cls.partner_a, cls.activity_a),
            (cls.partner_b, cls.activity_b),
        ):
            cls._contract(partner, "cesa", "2025-01-01", activity_id=activity.id)
        Month = cls.env["cae.meal.voucher.month"]
        cls.month_a = Month.create(
            {
                "partner_id": cls.partner_a.id,
                "activity_id": cls.activity_a.id,
                "month": "2025-10-01",
                "company_id": cls.company.id,
                "day_ids": [Command.create({"date": date(2025, 10, 1), "hours": 7.0})],
            }
        )
        cls.month_a.with_user(cls.user_a).action_submit()
        cls.month_b = Month.create(
            {
                "partner_id": cls.partner_b.id,
                "activity_id": cls.activity_b.id,
                "month": "2025-10-01",
                "company_id": cls.company.id,
                "day_ids": [Command.create({"date": date(2025, 10, 1), "hours": 7.0})],
            }
        )

    def _state(self):
        self.env.invalidate_all()
        return [
            (m.state, m.voucher_count, m.employer_share, m.note, len(m.day_ids))
            for m in self.month_a | self.month_b
        ]

    def test_hostile_calls_are_refused(self):
        before = self._state()
        model = "cae.meal.voucher.month"
        calls = [
            ("read", [self.month_b.id], ["voucher_count"]),
            ("write", [self.month_b.id], {"note": "pris"}),
            ("action_submit", [self.month_b.id]),
            ("action_validate", [self.month_a.id]),
            ("write", [self.month_a.id], {"voucher_count": 22}),
            ("write", [self.month_a.id], {"employer_share": 1.0}),
            ("write", [self.month_a.id], {"state": "validated"}),
        ]
        for method, *args in calls:
            for call in self.both("ent_a", model, method, *args):
                with self.subTest(method=method, args=args):
                    self.assertRefused(call)
        for call in self.both(
            "ent_a",
            "cae.meal.voucher.day",
            "create",
            {"month_id": self.month_b.id, "date": "2025-10-02", "hours": 8.0},
        ):
            self.assertRefused(call)
        self.assertEqual(self._state(), before)
        # her own search returns hers only
        found = self.jsonrpc("ent_a", model, "search", [])
        self.assertEqual(found, self.month_a.ids)

    def test_her_approved_leave_is_not_a_day_worked(self):
        """The days worked come from the leave data: the time off the admin
        team approved (hr_holidays) is skipped when she fills her month with
        her week, through JSON-RPC and XML-RPC; declaring it is refused in
        French and writes nothing."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_meal_voucher"], ["fr_FR"], overwrite=True
        )
        self.user_a.lang = "fr_FR"
        employee = self.user_a.employee_id
        leave = self.env["hr.leave"].create(
            {
                "employee_id": employee.id,
                "holiday_status_id": self.company.cae_leave_type_id.id,
                "request_date_from": "2025-11-17",
                "request_date_to": "2025-11-17",
            }
        )
        leave.with_user(self.user_admin).action_approve()
        self.assertEqual(leave.state, "validate")
        model = "cae.meal.voucher.month"
        for call, month in ((self.jsonrpc, "2025-11-01"), (self.xmlrpc, "2025-12-01")):
            with self.subTest(call=call.__name__):
                record_id = call(
                    "ent_a",
                    model,
                    "create",
                    {
                        "activity_id": self.activity_a.id,
                        "month": month,
                        "monday_hours": 7.5,
                    },
                )
                call("ent_a", model, "action_fill_week", [record_id])
                record = self.env[model].browse(record_id)
                self.env.invalidate_all()
                mondays = record.day_ids.mapped("date")
                self.assertTrue(mondays)
                self.assertTrue(all(day.weekday() == 0 for day in mondays))
                self.assertNotIn(date(2025, 11, 17), mondays)
                self.assertEqual(record.voucher_count, len(mondays))
        november = self.env[model].search(
            [("partner_id", "=", self.partner_a.id), ("month", "=", "2025-11-01")]
        )
        self.assertEqual(
            november.day_ids.mapped("date"),
            [date(2025, 11, d) for d in (3, 10, 24)],
        )
        message = self.assertRefused(
            self.xmlrpc,
            "ent_a",
            "cae.meal.voucher.day",
            "create",
            {"month_id": november.id, "date": "2025-11-17", "hours": 8.0},
            context={"lang": "fr_FR"},
        )
        self.assertIn("en congé", message)
        self.assertEqual(len(november.day_ids), 3)
