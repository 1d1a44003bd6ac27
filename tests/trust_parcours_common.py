"""The journey's trust scenarios' CAE: Bruno's journey filled in (admitted,
sponsored by Anne, with his support user and statistics), his CESA, Anne's
CAPE, and Bruno's annual appointment with its report and calendar event.

The users' passwords are set to their logins, as ``trust_common`` expects for
XML-RPC."""

from datetime import datetime

from odoo import Command

from .trust_common import TrustRpcCase

JOURNEY_FIELDS = [
    "cae_info_meeting_date",
    "cae_application_date",
    "cae_application_complete",
    "cae_diagnostic_date",
    "cae_decision",
    "cae_decision_reason",
    "cae_sponsor_id",
    "cae_support_user_id",
    "cae_exit_ids",
    "cae_exit_type",
    "cae_gender",
    "cae_birthdate",
    "cae_prescriber",
    "cae_entry_status",
    "cae_associate_deadline",
    "cae_interview_count",
    "cae_missing_interviews",
]


class TrustParcoursCase(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # XML-RPC logs in with the password, the login (trust_common)
        for user in (
            cls.user_a,
            cls.user_b,
            cls.user_support,
            cls.user_admin,
            cls.user_manager,
        ):
            user.password = user.login
        cls.partner_b.write(
            {
                "cae_info_meeting_date": "2024-09-16",
                "cae_application_date": "2024-10-01",
                "cae_application_complete": True,
                "cae_diagnostic_date": "2024-10-15",
                "cae_decision": "admitted",
                "cae_decision_reason": "Projet solide, marché local identifié",
                "cae_sponsor_id": cls.partner_a.id,
                "cae_support_user_id": cls.user_support.id,
                "cae_gender": "male",
                "cae_birthdate": "1984-05-02",
                "cae_prescriber": "France Travail Tours",
                "cae_entry_status": "minimum_income",
            }
        )
        cls.cesa_b = cls._contract(cls.partner_b, "cesa", "2025-01-01")
        cls.cape_a = cls._contract(cls.partner_a, "cape", "2025-01-01", "2025-06-30")
        cls.appointment_b = (
            cls.env["cae.appointment"]
            .with_user(cls.user_support)
            .create(
                {
                    "name": "Entretien annuel - Bruno",
                    "kind": "individual",
                    "appointment_type": "annual",
                    "date_start": datetime(2026, 2, 10, 10, 0),
                    "partner_ids": [Command.set(cls.partner_b.ids)],
                    "report_points": "<p>Dettes fournisseurs à régulariser</p>",
                    "state": "done",
                }
            )
        )
        cls.event_b = cls.appointment_b.calendar_event_id

    def _journey_of(self, partner):
        return partner.read(JOURNEY_FIELDS + ["cae_associate_date", "cae_exit_date"])
