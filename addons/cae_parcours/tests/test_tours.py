from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestSupportTour(CaeTestCommon, HttpCase):
    """A real browser: the support team's day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        yesterday = fields.Datetime.now().replace(
            hour=8, minute=30, second=0
        ) - timedelta(days=1)
        cls.workshop = cls.env["event.event"].create(
            {
                "name": "Atelier socle - outils",
                "event_type_id": cls.env.ref(
                    "cae_parcours.event_type_base_workshop"
                ).id,
                "date_begin": yesterday,
                "date_end": yesterday + timedelta(hours=3, minutes=30),
                "company_id": cls.company.id,
            }
        )

    def test_support_day(self):
        self.start_tour("/odoo", "cae_support_tour", login="support")
        appointment = self.env["cae.appointment"].search(
            [("name", "=", "Entretien de suivi")]
        )
        self.assertEqual(appointment.state, "done")
        self.assertEqual(appointment.partner_ids, self.partner_b)
        self.assertIn("hausse", appointment.report_points)
        attendance = self.workshop.cae_attendance_ids
        self.assertEqual(attendance.partner_id, self.partner_b)
        self.assertEqual(attendance.state, "present")
