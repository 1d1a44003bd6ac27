from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.cae_member.tests.test_access_matrix import AccessMatrixMixin

from .common import CaeLeaveCommon


@tagged("post_install", "-at_install")
class TestLeaveAccess(CaeLeaveCommon):
    """Acceptance 5 (ORM; UserError covers AccessError): an entrepreneur
    sees her own balances and
    requests only; the admin team approves; support has no HR access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_a = cls._cesa(cls.partner_a, "2026-03-01")
        cls.contract_b = cls._cesa(cls.partner_b, "2026-03-01")
        cls._accrue_until("2026-07-01")
        cls.alloc_a = cls._allocation(cls.contract_a)
        cls.alloc_b = cls._allocation(cls.contract_b)
        with freeze_time("2026-07-01"):
            cls.leave_a = cls.Leave.create(
                {
                    "employee_id": cls.employee_a.id,
                    "holiday_status_id": cls.leave_type.id,
                    "request_date_from": "2026-07-06",
                    "request_date_to": "2026-07-08",
                }
            )
            cls.leave_b = cls.Leave.create(
                {
                    "employee_id": cls.employee_b.id,
                    "holiday_status_id": cls.leave_type.id,
                    "request_date_from": "2026-07-06",
                    "request_date_to": "2026-07-08",
                }
            )

    def test_entrepreneur_sees_her_own(self):
        Allocation = self.Allocation.with_user(self.user_a)
        self.assertEqual(
            Allocation.search([("holiday_status_id", "=", self.leave_type.id)]),
            self.alloc_a,
        )
        self.assertEqual(self.alloc_a.with_user(self.user_a).number_of_days, 10)
        self.assertEqual(
            self.Leave.with_user(self.user_a).search(
                [("holiday_status_id", "=", self.leave_type.id)]
            ),
            self.leave_a,
        )
        with self.assertRaises(AccessError):
            self.leave_b.with_user(self.user_a).read(["number_of_days"])
        with self.assertRaises(AccessError):
            self.alloc_b.with_user(self.user_a).read(["number_of_days"])

    def test_entrepreneur_cannot_approve(self):
        with freeze_time("2026-07-01"):
            for leave in (self.leave_a, self.leave_b):
                with self.assertRaises(UserError):
                    leave.with_user(self.user_a).action_approve()
                with self.assertRaises(UserError):
                    leave.with_user(self.user_a).write({"state": "validate"})
        self.assertEqual((self.leave_a | self.leave_b).mapped("state"), ["confirm"] * 2)

    def test_entrepreneur_cannot_ask_for_someone_else(self):
        before = self.Leave.search_count([])
        with freeze_time("2026-07-01"), self.assertRaises(AccessError):
            self.Leave.with_user(self.user_a).create(
                {
                    "employee_id": self.employee_b.id,
                    "holiday_status_id": self.leave_type.id,
                    "request_date_from": "2026-07-13",
                    "request_date_to": "2026-07-14",
                }
            )
        self.assertEqual(self.Leave.search_count([]), before)

    def test_entrepreneur_cannot_raise_her_allocation(self):
        with self.assertRaises(AccessError):
            self.alloc_a.with_user(self.user_a).write({"number_of_days": 50})
        with self.assertRaises(AccessError):
            self.Allocation.with_user(self.user_a).create(
                {
                    "employee_id": self.employee_a.id,
                    "holiday_status_id": self.leave_type.id,
                    "number_of_days": 20,
                }
            )
        self.assertEqual(self.alloc_a.number_of_days, 10)
        self.assertEqual(
            self.Allocation.search_count([("employee_id", "=", self.employee_a.id)]), 1
        )

    def test_admin_team_approves(self):
        for user in (self.user_admin, self.user_manager):
            self.assertTrue(user.has_group("hr_holidays.group_hr_holidays_user"))
        self.assertEqual(
            self.Allocation.with_user(self.user_admin).search(
                [("holiday_status_id", "=", self.leave_type.id)]
            ),
            self.alloc_a | self.alloc_b,
        )
        with freeze_time("2026-07-01"):
            self.leave_a.with_user(self.user_admin).action_approve()
            self.leave_b.with_user(self.user_manager).action_approve()
        self.assertEqual(
            (self.leave_a | self.leave_b).mapped("state"), ["validate"] * 2
        )

    def test_support_has_no_leave_access(self):
        self.assertFalse(
            self.user_support.has_group("hr_holidays.group_hr_holidays_user")
        )
        self.assertFalse(
            self.Allocation.with_user(self.user_support).search(
                [("holiday_status_id", "=", self.leave_type.id)]
            )
        )
        self.assertFalse(
            self.Leave.with_user(self.user_support).search(
                [("holiday_status_id", "=", self.leave_type.id)]
            )
        )
        with freeze_time("2026-07-01"), self.assertRaises(UserError):
            self.leave_a.with_user(self.user_support).action_approve()
        self.assertEqual(self.leave_a.state, "confirm")


@tagged("post_install", "-at_install")
class TestLeaveAccessMatrix(AccessMatrixMixin, CaeLeaveCommon):
    """The configuration of paid leave (type, plan) is read by all, changed
    by no role of the CAE (Time Off administrators and the settings); the
    admin team reads the plans as Time Off officers."""

    MATRIX = {
        "hr.leave.type": {"a": "r", "support": "r", "admin": "r", "manager": "r"},
        "hr.leave.accrual.plan": {
            "a": "",
            "support": "",
            "admin": "r",
            "manager": "r",
        },
    }

    def test_matrix(self):
        self._cae_check_matrix()
