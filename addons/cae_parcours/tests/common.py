from datetime import datetime, timedelta

from odoo.addons.cae_member.tests.common import CaeTestCommon


class CaeJourneyCommon(CaeTestCommon):
    """CaeTestCommon and the workshops of the journey."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_base = cls.env.ref("cae_parcours.event_type_base_workshop")
        cls.type_prepare_cesa = cls.env.ref("cae_parcours.event_type_prepare_cesa")

    @classmethod
    def _attend(cls, partner, event_type, when=datetime(2023, 1, 9, 8, 30)):
        """``partner`` attended a session of ``event_type`` on ``when``."""
        session = cls.env["event.event"].create(
            {
                "name": event_type.name,
                "event_type_id": event_type.id,
                "date_begin": when,
                "date_end": when + timedelta(hours=3, minutes=30),
                "company_id": cls.company.id,
            }
        )
        return cls.env["cae.attendance"].create(
            {
                "event_id": session.id,
                "partner_id": partner.id,
                "state": "present",
                "company_id": cls.company.id,
            }
        )
