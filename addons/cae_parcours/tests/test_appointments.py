from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestAppointments(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_c = new_test_user(
            cls.env,
            login="ent_c",
            groups="base.group_user,cae_member.cae_member_group_entrepreneur",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.user_c.partner_id.is_cae_member = True

    def _interview(self, partner, when, state="done"):
        return (
            self.env["cae.appointment"]
            .with_user(self.user_support)
            .create(
                {
                    "name": "Entretien annuel",
                    "kind": "individual",
                    "appointment_type": "annual",
                    "date_start": when,
                    "partner_ids": [Command.set(partner.ids)],
                    "report_points": "<p>Chiffre d'affaires en hausse</p>",
                    "state": state,
                }
            )
        )

    @freeze_time("2026-06-15")
    def test_missing_annual_interviews(self):
        """Acceptance 5 (list)."""
        self._contract(self.partner_b, "cesa", "2025-01-01")
        self.assertEqual(self.partner_b.cae_status, "cesa")
        Partner = self.env["res.partner"]
        self._interview(self.partner_b, "2026-02-10 10:00:00")
        self._interview(self.partner_b, "2025-11-10 10:00:00")  # last year
        self._interview(self.partner_b, "2026-03-10 10:00:00", state="planned")
        self.assertIn(
            self.partner_b, Partner.search([("cae_missing_interviews", "=", True)])
        )
        self.assertEqual(self.partner_b.cae_interview_count, 1)
        self._interview(self.partner_b, "2026-05-10 10:00:00")
        self.partner_b.invalidate_recordset()
        self.assertNotIn(
            self.partner_b, Partner.search([("cae_missing_interviews", "=", True)])
        )
        self.assertFalse(self.partner_b.cae_missing_interviews)

    def test_report_access(self):
        """Acceptance 5 (access): C cannot read B's report; B and support can."""
        appointment = self._interview(self.partner_b, "2026-02-10 10:00:00")
        with self.assertRaises(AccessError):
            appointment.with_user(self.user_c).read(["report_points"])
        self.assertFalse(
            self.env["cae.appointment"]
            .with_user(self.user_c)
            .search([("id", "=", appointment.id)])
        )
        self.assertIn(
            "hausse",
            appointment.with_user(self.user_b).read(["report_points"])[0][
                "report_points"
            ],
        )
        appointment.with_user(self.user_support).read(["report_points"])
        with self.assertRaises(AccessError):
            appointment.with_user(self.user_b).write({"report_points": "x"})

    def test_calendar_event_and_pdf(self):
        appointment = self._interview(self.partner_b, "2026-02-10 10:00:00")
        event = appointment.calendar_event_id
        self.assertTrue(event)
        self.assertIn(self.partner_b, event.partner_ids)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("cae_parcours.cae_appointment_report", appointment.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Entretien annuel", html)
        # the CAE's identity; the time in the user's zone, without seconds
        self.assertIn("12345678900017", html)
        self.assertIn("FR23334175221", html)
        self.assertRegex(html, r'class="cae_appointment_date"[^>]*>[^<]*11:00<')
        self.assertIn("Chiffre d&#39;affaires en hausse", html.replace("'", "&#39;"))
