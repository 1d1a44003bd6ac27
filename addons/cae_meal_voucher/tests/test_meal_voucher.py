from datetime import date, datetime, time, timedelta

from psycopg2 import IntegrityError
from pytz import timezone, utc

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OCTOBER, MealVoucherCommon


@tagged("post_install", "-at_install")
class TestMealVoucherDays(MealVoucherCommon):
    """The days worked and the entitlement rule."""

    def test_full_days_only(self):
        days = self._working_days(OCTOBER)
        self.assertEqual(len(days), 23)
        record = self._month(
            days=[(days[0], 7.0), (days[1], 9.5), (days[2], 6.99), (days[3], 3.5)]
        )
        self.assertEqual(record.day_count, 4)
        self.assertEqual(record.voucher_count, 2)
        self.assertEqual(record.day_ids.mapped("entitled"), [True, True, False, False])
        self.assertEqual(record.working_day_count, 23)
        self.assertEqual(record.month, OCTOBER)

    def test_minimum_hours_is_a_setting(self):
        self.company.cae_meal_voucher_min_hours = 6.0
        days = self._working_days(OCTOBER)
        record = self._month(days=[(days[0], 6.0), (days[1], 5.5)])
        self.assertEqual(record.voucher_count, 1)

    def test_half_time_on_two_full_days(self):
        """Acceptance 3: half-time spread over two full days a week gives
        vouchers on those days only; on five half days, none."""
        two_days = self._month()
        two_days.write({"monday_hours": 8.75, "tuesday_hours": 8.75})
        two_days.action_fill_week()
        self.assertEqual(
            two_days.day_ids.mapped("date"),
            [date(2025, 10, d) for d in (6, 7, 13, 14, 20, 21, 27, 28)],
        )
        self.assertEqual(two_days.voucher_count, 8)
        self.assertTrue(all(two_days.day_ids.mapped("entitled")))

        half_days = self._month(activity=self.activity_a, month=date(2025, 11, 1))
        half_days.write({name: 3.5 for name in self._weekday_fields()})
        half_days.action_fill_week()
        self.assertEqual(half_days.day_count, 20)
        self.assertEqual(half_days.voucher_count, 0)
        self.assertEqual(half_days.employer_share, 0.0)

    def test_week_pattern_skips_holidays_and_declared_days(self):
        calendar = self.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Armistice",
                "calendar_id": calendar.id,
                "company_id": self.company.id,
                "date_from": datetime(2025, 11, 10, 23, 0),
                "date_to": datetime(2025, 11, 11, 22, 59, 59),
            }
        )
        record = self._month(month=date(2025, 11, 1), days=[(date(2025, 11, 3), 4.0)])
        record.write({name: 7.5 for name in self._weekday_fields()})
        record.action_fill_week()
        dates = record.day_ids.mapped("date")
        self.assertNotIn(date(2025, 11, 11), dates)
        self.assertEqual(len(dates), 19)
        # the day she declared keeps its hours
        self.assertEqual(
            record.day_ids.filtered(lambda d: d.date == date(2025, 11, 3)).hours, 4.0
        )
        self.assertEqual(record.voucher_count, 18)
        with self.assertRaises(ValidationError) as caught:
            record.day_ids = [Command.create({"date": date(2025, 11, 11), "hours": 7})]
        self.assertIn("11/11/2025", str(caught.exception))

    def _leave(self, day, hour_from=0, hour_to=24):
        """Leave of A on ``day`` from ``hour_from`` to ``hour_to`` (local
        time), as core hr_holidays writes an approved time off: a calendar
        leave of her resource."""
        calendar = self.company.resource_calendar_id
        tz = timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.combine(day, time.min)) + timedelta(
            hours=hour_from
        )
        stop = tz.localize(datetime.combine(day, time.min)) + timedelta(
            hours=hour_to, seconds=-1
        )
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Congés",
                "calendar_id": calendar.id,
                "company_id": self.company.id,
                "resource_id": self.employee_a.resource_id.id,
                "time_type": "leave",
                "date_from": start.astimezone(utc).replace(tzinfo=None),
                "date_to": stop.astimezone(utc).replace(tzinfo=None),
            }
        )

    def test_days_of_leave_give_no_voucher(self):
        """The days worked come from the leave data too: the week pattern
        skips her approved leave (a whole day, and a half day); a whole day
        of leave cannot be declared, in French; B is not concerned."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self._leave(date(2025, 10, 13))
        self._leave(date(2025, 10, 14), 8, 12)
        record = self._month()
        record.write({"monday_hours": 8.75, "tuesday_hours": 8.75})
        record.action_fill_week()
        self.assertEqual(
            record.day_ids.mapped("date"),
            [date(2025, 10, d) for d in (6, 7, 20, 21, 27, 28)],
        )
        self.assertEqual(record.voucher_count, 6)
        with self.assertRaises(ValidationError) as caught:
            record.with_context(lang="fr_FR").day_ids = [
                Command.create({"date": date(2025, 10, 13), "hours": 7})
            ]
        self.assertIn("13/10/2025", str(caught.exception))
        self.assertIn("en congé", str(caught.exception))
        self.assertEqual(len(record.day_ids), 6)
        # the afternoon after a morning off may still be declared by hand
        record.day_ids = [Command.create({"date": date(2025, 10, 14), "hours": 4})]
        self.assertEqual(record.voucher_count, 6)
        other = self._month(partner=self.partner_b, activity=self.activity_b)
        other.write({"monday_hours": 8.75})
        other.action_fill_week()
        self.assertIn(date(2025, 10, 13), other.day_ids.mapped("date"))

    def _weekday_fields(self):
        return (
            "monday_hours",
            "tuesday_hours",
            "wednesday_hours",
            "thursday_hours",
            "friday_hours",
        )

    def test_bad_days_are_refused(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        Month = self.env["cae.meal.voucher.month"]
        days = self._working_days(OCTOBER)
        for bad, says in (
            # a Saturday
            ([(date(2025, 10, 4), 7.0)], "04/10/2025 n'est pas un jour ouvré"),
            # more days than the month's 23 working days
            (
                [(day, 7.0) for day in days] + [(date(2025, 10, 11), 7.0)],
                "seuls les 23 jours ouvrés du mois",
            ),
            ([(date(2025, 11, 3), 7.0)], "03/11/2025"),  # another month
            ([(days[0], 7.0), (days[0], 8.0)], "deux fois"),
            ([(days[0], 25.0)], "entre 0 et 24"),
            ([(days[0], 0.0)], "entre 0 et 24"),
        ):
            with self.subTest(bad=bad):
                with self.assertRaises(ValidationError) as caught:
                    self._month(days=bad, user=self.user_a, lang="fr_FR")
                self.assertIn(says, str(caught.exception))
                self.assertFalse(Month.search([("partner_id", "=", self.partner_a.id)]))
                self.assertFalse(self.env["cae.meal.voucher.day"].search([]))

    def test_day_declared_twice_later(self):
        days = self._working_days(OCTOBER)
        record = self._month(days=[(days[0], 7.0)])
        with self.assertRaises(ValidationError):
            self.env["cae.meal.voucher.day"].create(
                {"month_id": record.id, "date": days[0], "hours": 8.0}
            )
        self.assertEqual(len(record.day_ids), 1)

    def test_cape_holder_is_refused(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        user_c = new_test_user(
            self.env,
            login="ent_c",
            name="Chloé Cape",
            groups="base.group_user,cae_member.cae_member_group_entrepreneur",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        partner_c = user_c.partner_id
        partner_c.is_cae_member = True
        activity_c = self.env["cae.activity"].create(
            {
                "name": "Couture C",
                "code": "ACTC",
                "company_id": self.company.id,
                "member_ids": [Command.link(partner_c.id)],
            }
        )
        self._contract(partner_c, "cape", "2025-09-01", "2026-02-28")
        Month = self.env["cae.meal.voucher.month"]
        for user in (user_c, self.user_admin):
            with self.subTest(user=user.login):
                with self.assertRaises(ValidationError) as caught:
                    self._month(
                        partner_c,
                        activity_c,
                        days=[(date(2025, 10, 1), 7.0)],
                        user=user,
                        lang="fr_FR",
                    )
                self.assertIn("CESA", str(caught.exception))
                self.assertIn("CAPE", str(caught.exception))
                self.assertIn("10/2025", str(caught.exception))
        self.assertFalse(Month.search([("partner_id", "=", partner_c.id)]))
        self.assertFalse(self.env["cae.meal.voucher.day"].search([]))

    def test_before_the_cesa_is_refused(self):
        with self.assertRaises(ValidationError):
            self._month(month=date(2024, 12, 1))

    def test_one_month_per_person_and_activity(self):
        self._month()
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self._month()


@tagged("post_install", "-at_install")
class TestMealVoucherFlow(MealVoucherCommon):
    """Submit, validate, suspension."""

    def test_flow_and_frozen(self):
        days = self._working_days(OCTOBER)
        record = self._month(days=[(days[0], 7.0)], user=self.user_a)
        with self.assertRaises(UserError):
            record.with_user(self.user_admin).action_validate()
        record.with_user(self.user_a).action_submit()
        self.assertEqual(record.state, "submitted")
        with self.assertRaises(UserError):
            record.with_user(self.user_a).write({"note": "changed"})
        with self.assertRaises(UserError):
            record.day_ids.with_user(self.user_a).write({"hours": 9.0})
        record.with_user(self.user_admin).action_reset_draft()
        record.with_user(self.user_a).action_submit()
        record.with_user(self.user_admin).action_validate()
        self.assertEqual(record.state, "validated")
        with self.assertRaises(UserError):
            record.with_user(self.user_admin).write({"note": "changed"})
        with self.assertRaises(UserError):
            record.day_ids.with_user(self.user_admin).unlink()
        with self.assertRaises(UserError):
            record.with_user(self.user_admin).unlink()

    def test_submit_needs_days(self):
        record = self._month(user=self.user_a)
        with self.assertRaises(UserError):
            record.with_user(self.user_a).action_submit()

    def test_suspension(self):
        """An activity below the threshold is suspended with a reason; its
        entrepreneur sees why; its months are not validated until resumed."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self._cash(self.activity_b, 5000.0)
        days = self._working_days(OCTOBER)
        record = self._month(days=[(days[0], 7.0)], user=self.user_a)
        record.with_user(self.user_a).action_submit()
        wizard = (
            self.env["cae.meal.voucher.suspend"]
            .with_user(self.user_admin)
            .create(
                {
                    "activity_ids": [
                        Command.set((self.activity_a | self.activity_b).ids)
                    ],
                    "reason": "Trésorerie insuffisante",
                    "date": date(2025, 10, 20),
                }
            )
        )
        self.assertEqual(wizard.below_threshold_ids, self.activity_a)
        with self.assertRaises(UserError) as caught:
            wizard.with_context(lang="fr_FR").action_suspend()
        self.assertIn("Boulangerie B", str(caught.exception))
        self.assertFalse(self.activity_a.cae_meal_voucher_suspended)
        wizard.activity_ids = self.activity_a
        wizard.action_suspend()
        self.assertTrue(self.activity_a.cae_meal_voucher_suspended)
        seen = record.with_user(self.user_a)
        self.assertTrue(seen.activity_suspended)
        self.assertEqual(seen.suspension_reason, "Trésorerie insuffisante")
        self.assertEqual(seen.suspension_date, date(2025, 10, 20))
        self.assertEqual(
            self.activity_a.with_user(self.user_a).cae_meal_voucher_suspension_reason,
            "Trésorerie insuffisante",
        )
        with self.assertRaises(UserError) as caught:
            record.with_user(self.user_admin).with_context(
                lang="fr_FR"
            ).action_validate()
        self.assertIn("Trésorerie insuffisante", str(caught.exception))
        self.assertIn("20/10/2025", str(caught.exception))
        self.assertEqual(record.state, "submitted")
        self.assertFalse(record.move_id)
        # she can neither suspend nor resume, nor write the flag
        with self.assertRaises(AccessError):
            self.activity_a.with_user(self.user_a).action_cae_meal_voucher_resume()
        with self.assertRaises(AccessError):
            self.activity_a.with_user(self.user_a).write(
                {"cae_meal_voucher_suspended": False}
            )
        self.activity_a.with_user(self.user_admin).action_cae_meal_voucher_resume()
        record.with_user(self.user_admin).action_validate()
        self.assertEqual(record.state, "validated")

    def test_suspend_button_opens_the_wizard(self):
        action = self.activity_a.with_user(
            self.user_admin
        ).action_cae_meal_voucher_suspend()
        self.assertEqual(action["res_model"], "cae.meal.voucher.suspend")
        with self.assertRaises(AccessError):
            self.activity_a.with_user(self.user_a).action_cae_meal_voucher_suspend()

    def test_employer_rate_bounds(self):
        with self.assertRaises(ValidationError):
            self.company.cae_meal_voucher_employer_rate = 70.0
        with self.assertRaises(ValidationError):
            self.company.cae_meal_voucher_min_hours = 0.0
