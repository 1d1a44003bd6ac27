import io
from datetime import date, datetime

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon

from .common import CaeJourneyCommon


@tagged("post_install", "-at_install")
class TestWorkshops(CaeJourneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prepare_cesa = cls.env.ref("cae_parcours.event_type_prepare_cesa")
        # admitted, and through the base workshops: what a CESA needs besides
        # "Préparer son passage en CESA"
        cls.partner_d = cls.env["res.partner"].create(
            {"name": "Dora Durand", "is_cae_member": True, "cae_decision": "admitted"}
        )
        cls._attend(cls.partner_d, cls.type_base)
        cls.trainer = cls.env["res.partner"].create({"name": "Tess Formatrice"})
        cls.session = cls.env["event.event"].create(
            {
                "name": "Préparer son passage en CESA - matin",
                "event_type_id": cls.prepare_cesa.id,
                "date_begin": datetime(2025, 3, 17, 8, 30),
                "date_end": datetime(2025, 3, 17, 12, 0),
                "date_tz": "UTC",
                "cae_trainer_ids": [Command.set(cls.trainer.ids)],
                "cae_self_signup": True,
                "company_id": cls.company.id,
            }
        )

    def _register(self, partner):
        return self.env["event.registration"].create(
            {"event_id": self.session.id, "partner_id": partner.id}
        )

    def test_cesa_needs_the_workshop(self):
        """Acceptance 4."""
        self.assertTrue(self.session.cae_is_workshop)
        cesa = self.env["cae.contract"].create(
            {
                "partner_id": self.partner_d.id,
                "contract_type": "cesa",
                "date_start": date(2025, 4, 1),
            }
        )
        with self.assertRaisesRegex(UserError, "must attend"):
            cesa.action_start()
        self.assertEqual(cesa.state, "draft")
        self._register(self.partner_d)
        self.session.action_cae_fill_attendance()
        attendance = self.session.cae_attendance_ids
        self.assertEqual(attendance.partner_id, self.partner_d)
        attendance.state = "absent"
        with self.assertRaisesRegex(UserError, "must attend"):
            cesa.action_start()
        attendance.state = "present"
        cesa.action_start()
        self.assertEqual(cesa.state, "running")
        self.assertEqual(attendance.hours, 3.5)

    def test_attendance_sheet(self):
        """Acceptance 7: participants with signature cells and the session's times."""
        self._register(self.partner_a)
        self._register(self.partner_b)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "cae_parcours.event_attendance_sheet_report", self.session.ids
            )[0]
            .decode()
        )
        self.assertIn("Préparer son passage en CESA - matin", html)
        self.assertIn("08:30", html)
        self.assertIn("12:00", html)
        self.assertIn("Tess Formatrice", html)
        self.assertIn("Anne Artisan", html)
        self.assertIn("Bruno Boulanger", html)
        self.assertEqual(html.count('class="cae_participant_row"'), 2)
        self.assertEqual(html.count("cae_signature_cell"), 3)
        self.assertIn("12345678900017", html)
        self.assertIn("FR23334175221", html)

    def test_self_signup_and_missing_filter(self):
        self.session.with_user(self.user_a).action_cae_register_self()
        self.assertIn(self.partner_a, self.session._cae_participants())
        closed = self.session.copy({"cae_self_signup": False, "name": "Fermé"})
        with self.assertRaisesRegex(UserError, "not open"):
            closed.with_user(self.user_a).action_cae_register_self()
        missing = self.env["event.event"].search(
            [("cae_attendance_missing", "=", True)]
        )
        self.assertIn(self.session, missing)
        self.session.action_cae_fill_attendance()
        self.session.cae_attendance_ids.state = "present"
        self.session.invalidate_recordset()
        self.assertNotIn(
            self.session,
            self.env["event.event"].search([("cae_attendance_missing", "=", True)]),
        )


@tagged("post_install", "-at_install")
class TestStatistics(CaeTestCommon):
    def test_counts(self):
        """Acceptance 8: entries by stage and exits by type on a built dataset."""
        Partner = self.env["res.partner"]
        people = Partner.create(
            [
                {
                    "name": f"P{i}",
                    "is_cae_member": True,
                    "cae_gender": "female" if i % 2 else "male",
                    "cae_birthdate": date(1990 - i * 5, 1, 1),
                    "cae_application_date": date(2025, 2, 1),
                }
                for i in range(6)
            ]
        )
        for partner in people[:4]:
            self._contract(partner, "cape", "2025-03-01", "2025-08-31")
        for partner in people[:2]:
            self._contract(partner, "cesa", "2025-09-01")
        self._contract(
            people[5], "cape", "2024-01-01", "2024-06-30"
        )  # before the period
        Exit = self.env["cae.member.exit"]
        Exit.create(
            {
                "partner_id": people[2].id,
                "date": "2025-09-01",
                "exit_type": "company_creation",
            }
        )
        Exit.create(
            {"partner_id": people[3].id, "date": "2025-09-15", "exit_type": "other_job"}
        )
        Exit.create(
            {"partner_id": people[4].id, "date": "2025-10-01", "exit_type": "other_job"}
        )
        Exit.create(
            {
                "partner_id": people[5].id,
                "date": "2024-07-01",
                "exit_type": "end_of_test",
            }
        )
        stats = (
            self.env["cae.funder.statistics"]
            .create({"date_from": "2025-01-01", "date_to": "2025-12-31"})
            ._cae_compute()
        )
        self.assertEqual(stats["stage"]["cape"], 4)
        self.assertEqual(stats["stage"]["cesa"], 2)
        self.assertEqual(stats["stage"]["candidate"], 6)
        self.assertEqual(stats["exit_type"]["other_job"], 2)
        self.assertEqual(stats["exit_type"]["company_creation"], 1)
        self.assertNotIn("end_of_test", stats["exit_type"])
        self.assertEqual(sum(stats["gender"].values()), 4)
        wizard = self.env["cae.funder.statistics"].create(
            {"date_from": "2025-01-01", "date_to": "2025-12-31"}
        )
        content, report_type = self.env["ir.actions.report"]._render(
            "cae_parcours.cae_funder_statistics_xlsx", wizard.ids
        )
        self.assertEqual(report_type, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
        # the funder reads labels in her language, not the stored values
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_member", "cae_parcours"], ["fr_FR"], overwrite=True
        )
        content, _type = (
            self.env["ir.actions.report"]
            .with_context(lang="fr_FR")
            ._render("cae_parcours.cae_funder_statistics_xlsx", wizard.ids)
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
        for raw in ("company_creation", "other_job", "cape", "candidate", "unknown"):
            self.assertNotIn(raw, cells)
        self.assertIn("Création d'entreprise", cells)
