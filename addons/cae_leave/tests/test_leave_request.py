from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CaeLeaveCommon


@tagged("post_install", "-at_install")
class TestLeaveRequest(CaeLeaveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_a = cls._cesa(cls.partner_a, "2026-03-01")
        cls._accrue_until("2026-07-01")  # 10 days
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["cae_leave"], ["fr_FR"], overwrite=True
        )

    def _count(self):
        return self.Leave.search_count([("holiday_status_id", "=", self.leave_type.id)])

    def test_beyond_balance_is_refused_in_french(self):
        before = self._count()
        with freeze_time("2026-07-01"), self.assertRaises(ValidationError) as caught:
            self._request(self.user_a, "2026-07-06", "2026-07-24", lang="fr_FR")
        self.assertIn("dépasse le solde de congés payés", str(caught.exception))
        self.assertEqual(self._count(), before)

    def test_within_balance_is_accepted(self):
        with freeze_time("2026-07-01"):
            leave = self._request(self.user_a, "2026-07-06", "2026-07-17")
        self.assertEqual(leave.number_of_days, 10)
        self.assertEqual(leave.state, "confirm")

    def test_negative_balance_setting(self):
        """The company's setting is hr_holidays' own negative cap."""
        self.company.write(
            {"cae_leave_allow_negative": True, "cae_leave_max_negative": 3}
        )
        self.assertTrue(self.leave_type.allows_negative)
        self.assertEqual(self.leave_type.max_allowed_negative, 3)
        with freeze_time("2026-07-01"):
            leave = self._request(self.user_a, "2026-07-06", "2026-07-20")
            self.assertEqual(leave.number_of_days, 11)
            before = self._count()
            with self.assertRaises(ValidationError):
                self._request(self.user_a, "2026-08-03", "2026-08-07")
        self.assertEqual(self._count(), before)
        self.company.cae_leave_allow_negative = False
        self.assertFalse(self.leave_type.allows_negative)
        with self.assertRaises(ValidationError):
            self.company.write(
                {"cae_leave_allow_negative": True, "cae_leave_max_negative": 0}
            )

    def test_cape_holder_is_refused_in_french(self):
        with freeze_time("2026-03-01"):
            self._contract(self.partner_c, "cape", "2026-03-01", "2026-08-31")
        before = self._count()
        with freeze_time("2026-07-01"), self.assertRaises(ValidationError) as caught:
            self.Leave.with_user(self.user_admin).with_context(lang="fr_FR").create(
                {
                    "employee_id": self.employee_c.id,
                    "holiday_status_id": self.leave_type.id,
                    "request_date_from": "2026-07-06",
                    "request_date_to": "2026-07-07",
                }
            )
        self.assertIn("n'est pas en CESA", str(caught.exception))
        self.assertEqual(self._count(), before)

    def test_request_outside_the_cesa_is_refused(self):
        with freeze_time("2026-07-01"), self.assertRaises(ValidationError):
            self._request(self.user_a, "2026-02-16", "2026-02-17")

    def test_entrepreneur_cannot_forge_the_duration(self):
        """The duration is the one of the dates: a forged number of days is
        refused (write) or recomputed (create)."""
        with freeze_time("2026-07-01"):
            leave = self._request(self.user_a, "2026-07-06", "2026-07-10")
            with self.assertRaises(AccessError):
                leave.with_user(self.user_a).write({"number_of_days": 1})
            self.assertEqual(leave.number_of_days, 5)
            # on create, core computes the duration from the dates
            forged = self.Leave.with_user(self.user_a).create(
                {
                    "employee_id": self.employee_a.id,
                    "holiday_status_id": self.leave_type.id,
                    "request_date_from": "2026-07-13",
                    "request_date_to": "2026-07-14",
                    "number_of_days": 1,
                }
            )
            self.assertEqual(forged.number_of_days, 2)

    def test_entrepreneur_cancels_her_request(self):
        with freeze_time("2026-07-01"):
            leave = self._request(self.user_a, "2026-07-06", "2026-07-10")
            leave.with_user(self.user_a).unlink()
        self.assertFalse(leave.exists())

    def test_salary_request_shows_the_approved_leave(self):
        with freeze_time("2026-07-01"):
            leave = self._request(self.user_a, "2026-07-27", "2026-08-07")
            leave.with_user(self.user_admin).action_approve()
        self.assertEqual(leave.number_of_days, 10)
        request = self.env["cae.salary.request"].create(
            {
                "partner_id": self.partner_a.id,
                "activity_id": self.activity_a.id,
                "month": "2026-07-01",
                "leave_days": 1,
            }
        )
        # split by month: 5 working days in July, 5 in August
        self.assertEqual(request.with_user(self.user_a).cae_leave_days, 5)
        with freeze_time("2026-08-05"):
            export = self.env["cae.payroll.export"]._cae_generate(
                "2026-07-01", self.company
            )
        line = export.line_ids.filtered(lambda l: l.partner_id == self.partner_a)
        # the typed value is not the source any more
        self.assertEqual(line.leave_days, 5)
        with freeze_time("2026-09-05"):
            august = self.env["cae.payroll.export"]._cae_generate(
                "2026-08-01", self.company
            )
        self.assertEqual(
            august.line_ids.filtered(
                lambda l: l.partner_id == self.partner_a
            ).leave_days,
            5,
        )
