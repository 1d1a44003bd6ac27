from contextlib import contextmanager
from datetime import date, timedelta

from odoo import Command, fields

from odoo.addons.cae_member.tests.common import CaeTestCommon


class CaeGovernanceCommon(CaeTestCommon):
    """CaeTestCommon, a territory, and helpers to hold meetings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.territory = cls.env["cae.territory"].create(
            {"name": "Touraine", "company_id": cls.company.id}
        )
        cls.partner_a.cae_territory_id = cls.territory

    @classmethod
    def _people(cls, count, prefix, associate=True, **vals):
        """``count`` members (associates since 2020, or not associates)."""
        return cls.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} {index:02d}",
                    "email": f"{prefix.lower()}{index}@example.com",
                    "is_cae_member": True,
                    "cae_associate_date": date(2020, 1, 1) if associate else False,
                    **vals,
                }
                for index in range(1, count + 1)
            ]
        )

    @classmethod
    def _meeting(cls, meeting_type="co", days=20, **vals):
        meeting = cls.env["cae.meeting"].create(
            {
                "name": vals.pop("name", f"Meeting {meeting_type}"),
                "meeting_type": meeting_type,
                "date_start": fields.Datetime.now() + timedelta(days=days),
                "location": "Salle de la coopérative, Tours",
                "company_id": cls.company.id,
                **vals,
            }
        )
        # as at the end of the request that created it: the invitees are
        # stored (a record rule searches them, and a search flushes only the
        # fields of its own domain)
        meeting.flush_recordset()
        return meeting

    @classmethod
    def _attendance(cls, meeting, partners, state="present", proxy=None):
        return cls.env["cae.meeting.attendance"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "partner_id": partner.id,
                    "state": state,
                    "proxy_id": proxy.id if proxy else False,
                }
                for partner in partners
            ]
        )

    @classmethod
    def _votes(cls, resolution, partners, choice, cast_by=None):
        return cls.env["cae.meeting.vote"].create(
            [
                {
                    "resolution_id": resolution.id,
                    "partner_id": partner.id,
                    "cast_by_id": (cast_by or partner).id,
                    "choice": choice,
                }
                for partner in partners
            ]
        )

    @classmethod
    def _resolution(cls, meeting, name, kind="ordinary"):
        return cls.env["cae.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": name, "kind": kind}
        )

    @staticmethod
    def _set(partners):
        return [Command.set(partners.ids)]

    @contextmanager
    def refused(self, exception, pattern):
        """``assertRaisesRegex`` inside a savepoint (Odoo's ``assertRaises``):
        what the refused call wrote is rolled back, as a request would be, so
        that the test reads what is left."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)
