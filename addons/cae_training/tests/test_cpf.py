from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestCpfDossier(CaeTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the public holidays of 2025 in the test company's working calendar
        cls.company._cae_generate_public_holidays([2025])
        cls.action = cls._action(
            trainees=cls.trainee_1, funder="cpf", start=date(2025, 4, 28)
        )
        cls.dossier = cls.env["cae.training.cpf.dossier"].create(
            {
                "name": "EDOF-0001",
                "trainee_id": cls.action.trainee_ids.id,
                "date_entry": "2025-04-28",
                "date_exit": "2025-04-30",
            }
        )

    def _states(self):
        self.dossier.invalidate_recordset(["entry_state", "exit_state", "alert"])
        return self.dossier.entry_state, self.dossier.exit_state

    def _holidays(self, company, year=2025):
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", company.resource_calendar_id.id),
                ("resource_id", "=", False),
                ("date_from", ">=", f"{year - 1}-12-31"),
                ("date_from", "<", f"{year + 1}-01-01"),
            ]
        )
        return {
            fields.Datetime.context_timestamp(
                leave.with_context(tz=company.resource_calendar_id.tz), leave.date_from
            ).date(): leave.name
            for leave in leaves
        }

    def test_french_public_holidays_are_calendar_leaves(self):
        holidays = self._holidays(self.company)
        self.assertEqual(len(holidays), 11)
        for day in (
            "2025-04-21",
            "2025-05-01",
            "2025-05-08",
            "2025-05-29",
            "2025-06-09",
        ):
            self.assertIn(date.fromisoformat(day), holidays)
        self.assertNotIn(date(2025, 4, 18), holidays)
        # generating again adds nothing
        self.assertFalse(self.company._cae_generate_public_holidays([2025]))
        self.assertEqual(len(self._holidays(self.company)), 11)

    def test_deadline_skips_a_weekend_and_a_public_holiday(self):
        # Thursday 17 April 2025: Friday, (weekend), Easter Monday off
        self.assertEqual(
            self.company._cae_add_working_days(date(2025, 4, 17), 3),
            date(2025, 4, 23),
        )
        self.assertEqual(
            self.company._cae_working_days_between(
                date(2025, 4, 17), date(2025, 4, 23)
            ),
            3,
        )

    def test_alsace_moselle_adds_good_friday(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_training"], ["fr_FR"], overwrite=True
        )
        company = self.env["res.company"].create(
            {"name": "CAE Strasbourg", "cae_alsace_moselle": True}
        )
        company.partner_id.lang = "fr_FR"
        company._cae_generate_public_holidays([2025])
        holidays = self._holidays(company)
        self.assertEqual(len(holidays), 13)
        # named in the company's language
        self.assertEqual(holidays[date(2025, 4, 18)], "Vendredi saint")
        self.assertIn(date(2025, 12, 26), holidays)
        # Good Friday and Easter Monday off
        self.assertEqual(
            company._cae_add_working_days(date(2025, 4, 17), 3), date(2025, 4, 24)
        )

    def test_company_without_public_holidays_counts_weekends_only(self):
        company = self.env["res.company"].create({"name": "CAE sans fériés"})
        self.assertFalse(self._holidays(company))
        # Wednesday 30 April 2025: 1 May is worked, then Friday and Monday
        self.assertEqual(
            company._cae_add_working_days(date(2025, 4, 30), 3), date(2025, 5, 5)
        )
        company.resource_calendar_id = False
        self.assertEqual(
            company._cae_add_working_days(date(2025, 4, 30), 3), date(2025, 5, 5)
        )

    def test_exit_deadline_skips_1_may(self):
        """Acceptance 5: exit on 2025-04-30, on time through 2025-05-06."""
        self.assertEqual(self.dossier.exit_deadline, date(2025, 5, 6))
        self.assertEqual(self.dossier.entry_deadline, date(2025, 5, 2))
        self.dossier.entry_declared_on = "2025-04-29"
        with freeze_time("2025-05-02"):
            self.assertEqual(self._states(), ("done", "pending"))
            self.assertFalse(self.dossier.alert)
        with freeze_time("2025-05-06"):
            self.assertEqual(self._states()[1], "closing")
            self.assertTrue(self.dossier.alert)
        with freeze_time("2025-05-07"):
            self.assertEqual(self._states()[1], "late")
            self.assertTrue(self.dossier.alert)
            self.assertIn(
                self.dossier,
                self.env["cae.training.cpf.dossier"].search([("alert", "=", True)]),
            )

    def test_declared_on_time_or_late(self):
        self.dossier.write(
            {"entry_declared_on": "2025-04-29", "exit_declared_on": "2025-05-06"}
        )
        self.assertEqual(self._states(), ("done", "done"))
        self.dossier.exit_declared_on = "2025-05-07"
        self.assertEqual(self._states()[1], "done_late")

    def test_cron_alerts_the_training_manager_once(self):
        self.dossier.entry_declared_on = "2025-04-29"
        with freeze_time("2025-05-07"):
            Dossier = self.env["cae.training.cpf.dossier"]
            Dossier._cron_deadline_alerts()
            activity = self.dossier.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.user_training)
            self.assertEqual(activity.summary, "EDOF declaration late")
            Dossier._cron_deadline_alerts()
            self.assertEqual(len(self.dossier.activity_ids), 1)

    def test_exit_declaration_needs_service_done(self):
        with self.assertRaises(Exception):  # noqa: B017 - UserError
            self.dossier.action_declare_exit()
        with self.assertRaises(ValidationError):
            self.dossier.write({"service_done": "partial", "completion_rate": 50})
        self.dossier.write(
            {
                "service_done": "partial",
                "completion_rate": 50,
                "partial_reason": "Arrêt maladie",
            }
        )
        self.dossier.action_declare_exit()
        self.assertTrue(self.dossier.exit_declared_on)

    def test_exit_before_entry_refused(self):
        with self.assertRaises(ValidationError):
            self.dossier.date_exit = "2025-04-01"
