from odoo.tests import tagged

from .common import CaeTrainingCommon

NDA = (
    "Training activity registered under number 24 37 99999 37 with the prefect "
    "of region Centre-Val de Loire."
)


@tagged("post_install", "-at_install")
class TestTrainingDocuments(CaeTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls._action(agreement_date_signed="2025-03-01")
        absent_slot = cls.action.slot_ids[1]
        for attendance in cls.action.attendance_ids:
            absent = (
                attendance.partner_id == cls.trainee_2
                and attendance.training_slot_id == absent_slot
            )
            cls._fill(attendance, "absent" if absent else "present")
        cls.trainee_line_1, cls.trainee_line_2 = cls.action.trainee_ids.sorted(
            lambda t: t.partner_id.name
        )

    def _html(self, report, records):
        return (
            self.env["ir.actions.report"]
            ._render_qweb_html(report, records.ids)[0]
            .decode()
        )

    def test_certificate_hours_actually_attended(self):
        """Acceptance 2: 14 h for the trainee present throughout, 10.5 h for
        the one absent for one half-day."""
        self.assertEqual(self.trainee_line_1.partner_id, self.trainee_1)
        self.assertEqual(self.trainee_line_1.hours_attended, 14.0)
        self.assertEqual(self.trainee_line_2.hours_attended, 10.5)
        html = self._html("cae_training.report_certificate", self.trainee_line_1)
        self.assertIn("Certificate of completion", html)
        self.assertIn("Lucie Martin", html)
        self.assertRegex(html, r'class="cae_hours"[^>]*>\s*14\.00')
        self.assertIn(NDA, html)
        # the CAE's identity and the activity's trade name (issue 18)
        for text in ("12345678900017", "FR23334175221", "Anne Formation"):
            self.assertIn(text, html)
        html = self._html("cae_training.report_certificate", self.trainee_line_2)
        self.assertRegex(html, r'class="cae_hours"[^>]*>\s*10\.50')
        # the planned duration stays 14 h
        self.assertRegex(html, r'class="cae_hours_planned"[^>]*>\s*14\.00')

    def test_excused_counts_no_hours(self):
        attendance = self._attendance(
            self.action, self.trainee_1, self.action.slot_ids[0]
        )
        attendance.state = "excused"
        self.assertEqual(self.trainee_line_1.hours_attended, 10.5)

    def test_programme_sheet(self):
        html = self._html("cae_training.report_program_sheet", self.program)
        self.assertIn(NDA, html)
        for text in ("Construire un tableau de suivi", "15 jours", "Salle accessible"):
            self.assertIn(text, html)
        self.assertIn("Fanny Formation", html)  # contact

    def test_convention(self):
        html = self._html("cae_training.report_agreement", self.action)
        self.assertIn("Vocational training convention", html)
        self.assertIn("D6353-1", html)
        self.assertIn(NDA, html)
        self.assertIn("Entreprise Cliente", html)
        self.assertNotIn("withdraw", html)

    def test_individual_contract(self):
        action = self._action(trainees=self.trainee_1, funder="self")
        action.customer_id = self.trainee_1
        html = self._html("cae_training.report_agreement", action)
        self.assertIn("Individual vocational training contract", html)
        self.assertIn("Within 10 days", html)
        self.assertIn("at most 30 %", html)
        self.assertIn(NDA, html)

    def test_convocation(self):
        html = self._html("cae_training.report_convocation", self.trainee_line_2)
        self.assertIn("Convocation", html)
        self.assertIn("Marc Petit", html)
        self.assertIn(NDA, html)
        for slot in self.action.slot_ids:
            self.assertIn(slot.display_name, html)

    def test_attendance_sheet(self):
        html = self._html("cae_training.report_attendance_sheet", self.action)
        self.assertEqual(html.count("Half-day attendance sheet"), 4)
        self.assertIn(NDA, html)
        for text in ("12345678900017", "FR23334175221", "Anne Formation"):
            self.assertIn(text, html)
        self.assertIn("Anne Artisan", html)  # trainer name
        self.assertIn("Trainer's countersignature", html)
        self.assertIn("09:00", html)
        self.assertIn("12:30", html)
        self.assertIn("Maîtriser le tableur", html)

    def test_french_documents(self):
        """The documents are French, with the legal NDA wording."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_training"], ["fr_FR"], overwrite=True
        )
        self.trainee_1.lang = "fr_FR"
        report = self.env["ir.actions.report"].with_context(lang="fr_FR")
        html = report._render_qweb_html(
            "cae_training.report_certificate", self.trainee_line_1.ids
        )[0].decode()
        self.assertIn("Certificat de réalisation", html)
        self.assertIn(
            "Déclaration d'activité enregistrée sous le n° 24 37 99999 37 auprès du "
            "préfet de région Centre-Val de Loire.",
            html.replace("&#39;", "'"),
        )
        self.assertIn("heures réellement suivies", html)
