from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OCTOBER, MealVoucherCommon


@tagged("post_install", "-at_install")
class TestMealVoucherAccess(MealVoucherCommon):
    """Acceptance 5 (ORM): an entrepreneur sees and changes her own meal
    voucher months only, and never the count, the shares or the state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        days = cls._working_days(OCTOBER)
        cls.month_a = cls._month(days=[(days[0], 7.0)], user=cls.user_a)
        cls.month_b = cls._month(
            cls.partner_b, cls.activity_b, days=[(days[0], 7.0)], user=cls.user_b
        )

    def test_she_sees_her_own_only(self):
        Month = self.env["cae.meal.voucher.month"].with_user(self.user_a)
        self.assertEqual(Month.search([]), self.month_a)
        self.assertEqual(
            self.env["cae.meal.voucher.day"].with_user(self.user_a).search([]),
            self.month_a.day_ids,
        )
        with self.assertRaises(AccessError):
            self.month_b.with_user(self.user_a).read(["voucher_count"])
        with self.assertRaises(AccessError):
            self.month_b.day_ids.with_user(self.user_a).read(["hours"])

    def test_she_cannot_change_hers_beyond_her_fields(self):
        mine = self.month_a.with_user(self.user_a)
        for vals in (
            {"voucher_count": 20},
            {"employer_share": 1.0},
            {"employee_share": 1.0},
            {"face_value": 100.0},
            {"employer_rate": 60.0},
            {"state": "validated"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                mine.write(vals)
        with self.assertRaises(AccessError):
            mine.day_ids.write({"entitled": True})
        self.assertEqual(self.month_a.voucher_count, 1)
        self.assertEqual(self.month_a.state, "draft")

    def test_she_cannot_validate(self):
        mine = self.month_a.with_user(self.user_a)
        mine.action_submit()
        with self.assertRaises(AccessError):
            mine.action_validate()
        with self.assertRaises(AccessError):
            mine.action_reset_draft()
        self.assertEqual(self.month_a.state, "submitted")
        self.assertFalse(self.month_a.move_id)

    def test_she_cannot_touch_b(self):
        days = self._working_days(OCTOBER)
        theirs = self.month_b.with_user(self.user_a)
        with self.assertRaises(AccessError):
            theirs.write({"note": "x"})
        with self.assertRaises(AccessError):
            theirs.action_submit()
        with self.assertRaises(AccessError):
            self.env["cae.meal.voucher.day"].with_user(self.user_a).create(
                {"month_id": self.month_b.id, "date": days[1], "hours": 8.0}
            )
        with self.assertRaises(AccessError):
            self.month_b.day_ids.with_user(self.user_a).unlink()
        with self.assertRaises(AccessError):
            self.month_a.with_user(self.user_a).write(
                {"day_ids": [Command.link(self.month_b.day_ids.id)]}
            )
        self.assertEqual(len(self.month_b.day_ids), 1)
        self.assertEqual(self.month_b.state, "draft")

    def test_she_declares_for_herself_only(self):
        Month = self.env["cae.meal.voucher.month"].with_user(self.user_a)
        with self.assertRaises(AccessError):
            Month.create(
                {
                    "partner_id": self.partner_b.id,
                    "activity_id": self.activity_b.id,
                    "month": "2025-11-01",
                }
            )
        with self.assertRaises(AccessError):
            Month.create({"activity_id": self.activity_b.id, "month": "2025-11-01"})
        with self.assertRaises(AccessError):
            self.month_a.with_user(self.user_a).write(
                {"activity_id": self.activity_b.id}
            )

    def test_support_reads_admin_validates(self):
        self.assertEqual(
            self.env["cae.meal.voucher.month"]
            .with_user(self.user_support)
            .search([("id", "in", (self.month_a | self.month_b).ids)]),
            self.month_a | self.month_b,
        )
        with self.assertRaises(AccessError):
            self.month_a.with_user(self.user_support).write({"note": "x"})
        self.month_a.with_user(self.user_a).action_submit()
        with self.assertRaises(AccessError):
            self.month_a.with_user(self.user_support).action_validate()
        self.month_a.with_user(self.user_manager).action_validate()
        self.assertEqual(self.month_a.state, "validated")
