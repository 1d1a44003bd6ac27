"""Issue 20 (cooperative life: governance): each role through the real
JSON-RPC and XML-RPC endpoints. An entrepreneur reads the meetings she is
invited to, proposes topics of her own until the convocation, votes online
for herself only when she is an associate; she cannot edit results, the
attendance of others, or vote for someone else. The support team organises
the orientation committees; the admin team organises the board and the
general assembly. Refused calls leave the database unchanged (read back as
the admin)."""

import io
from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools.pdf import PdfReader

from .trust_common import TrustRpcCase

# XML-RPC answers a ValidationError as a UserError (fault code 2)
VALIDATION = ("ValidationError", "UserError")


def _when(days):
    return fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=days))


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustGovernance(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Territory = cls.env["cae.territory"]
        cls.touraine = Territory.create(
            {"name": "Touraine", "company_id": cls.company.id}
        )
        cls.berry = Territory.create({"name": "Berry", "company_id": cls.company.id})
        cls.partner_a.write(
            {
                "cae_territory_id": cls.touraine.id,
                "cae_associate_date": date(2020, 1, 1),
            }
        )
        cls.partner_b.cae_territory_id = cls.berry
        Meeting = cls.env["cae.meeting"]
        cls.co_a = Meeting.create(
            {
                "name": "CO Touraine",
                "meeting_type": "co",
                "territory_id": cls.touraine.id,
                "date_start": _when(20),
                "company_id": cls.company.id,
            }
        )
        cls.co_b = Meeting.create(
            {
                "name": "CO Berry",
                "meeting_type": "co",
                "territory_id": cls.berry.id,
                "date_start": _when(20),
                "company_id": cls.company.id,
            }
        )
        cls.ag = Meeting.create(
            {
                "name": "Assemblée générale",
                "meeting_type": "ag",
                "date_start": _when(30),
                "company_id": cls.company.id,
            }
        )
        # Bruno, not an associate, is invited as a guest
        cls.ag.invitee_ids |= cls.partner_b
        cls.resolution = cls.env["cae.meeting.resolution"].create(
            {"meeting_id": cls.ag.id, "name": "Approbation des comptes"}
        )
        cls.ag.action_convene()

    def _ids(self, records):
        return sorted(r["id"] for r in records)

    # ------------------------------------------------------------------
    # entrepreneurs

    def test_entrepreneur_reads_her_meetings_only(self):
        for call in self.both("ent_a", "cae.meeting", "search_read", [], ["name"]):
            self.assertEqual(self._ids(call()), sorted((self.co_a | self.ag).ids))
        for call in self.both("ent_a", "cae.meeting", "read", self.co_b.ids, ["name"]):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "ent_b", "cae.meeting.resolution", "search_read", [], ["name", "result"]
        ):
            self.assertEqual(self._ids(call()), self.resolution.ids)

    def test_entrepreneur_adds_topics_of_her_own(self):
        created = self.jsonrpc(
            "ent_a",
            "cae.meeting.topic",
            "create",
            {"meeting_id": self.co_a.id, "name": "Un local partagé"},
        )
        created_xml = self.xmlrpc(
            "ent_a",
            "cae.meeting.topic",
            "create",
            {"meeting_id": self.co_a.id, "name": "Les achats groupés"},
        )
        topics = self.env["cae.meeting.topic"].browse(
            [created[0] if isinstance(created, list) else created, created_xml]
        )
        self.assertEqual(topics.partner_id, self.partner_a)
        self.assertEqual(topics.meeting_id, self.co_a)
        support_topic = self.env["cae.meeting.topic"].create(
            {"meeting_id": self.co_a.id, "name": "Tour de table"}
        )
        hostile = [
            # a committee she is not invited to
            ("create", {"meeting_id": self.co_b.id, "name": "Intrus"}),
            # in someone else's name
            (
                "create",
                {
                    "meeting_id": self.co_a.id,
                    "name": "Au nom de Bruno",
                    "partner_id": self.partner_b.id,
                },
            ),
            # after the convocation
            ("create", {"meeting_id": self.ag.id, "name": "Trop tard"}),
        ]
        for method, vals in hostile:
            for call in self.both("ent_a", "cae.meeting.topic", method, vals):
                self.assertRefused(call)
        for call in self.both(
            "ent_a", "cae.meeting.topic", "write", support_topic.ids, {"name": "Changé"}
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "ent_a",
            "cae.meeting.topic",
            "write",
            topics[:1].ids,
            {"partner_id": self.partner_b.id},
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.assertEqual(
            sorted(self.co_a.topic_ids.mapped("name")),
            ["Les achats groupés", "Tour de table", "Un local partagé"],
        )
        self.assertFalse(self.co_b.topic_ids)
        self.assertEqual(self.ag.topic_ids.mapped("name"), [])
        self.assertEqual(topics.partner_id, self.partner_a)

    def test_entrepreneur_votes_for_herself_online_only_as_associate(self):
        vote_id = self.jsonrpc(
            "ent_a",
            "cae.meeting.resolution",
            "cae_vote_online",
            self.resolution.ids,
            "for",
        )
        vote = self.env["cae.meeting.vote"].browse(vote_id)
        self.assertEqual((vote.partner_id, vote.channel), (self.partner_a, "online"))
        # a second vote, through either endpoint
        for call in self.both(
            "ent_a",
            "cae.meeting.resolution",
            "cae_vote_online",
            self.resolution.ids,
            "against",
        ):
            self.assertRefused(call, kinds=VALIDATION)
        # Bruno is invited, not an associate: refused, in English and in
        # French as the web client of a French user asks
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_governance"], ["fr_FR"], overwrite=True
        )
        for lang, expected in (
            ("en_US", "associates"),
            ("fr_FR", "Seul·es les associé·es"),
        ):
            for call in self.both(
                "ent_b",
                "cae.meeting.resolution",
                "cae_vote_online",
                self.resolution.ids,
                "for",
                context={"lang": lang},
            ):
                message = self.assertRefused(call, kinds=VALIDATION)
                self.assertIn(expected, message)
        # a vote written directly, for herself or for someone else
        for partner in (self.partner_a, self.partner_b):
            for call in self.both(
                "ent_a",
                "cae.meeting.vote",
                "create",
                {
                    "resolution_id": self.resolution.id,
                    "partner_id": partner.id,
                    "choice": "for",
                    "channel": "online",
                },
            ):
                self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "ent_a", "cae.meeting.vote", "write", vote.ids, {"choice": "against"}
        ):
            # a vote is changed by no one (UserError), before the ACL
            self.assertRefused(call, kinds=("AccessError", "UserError"))
        self.env.invalidate_all()
        self.assertEqual(self.resolution.vote_ids, vote)
        self.assertEqual(vote.choice, "for")

    def test_entrepreneur_cannot_edit_results_or_attendance(self):
        attendance_b = self.env["cae.meeting.attendance"].create(
            {
                "meeting_id": self.ag.id,
                "partner_id": self.partner_b.id,
                "state": "absent",
            }
        )
        calls = [
            (
                "cae.meeting.resolution",
                "write",
                self.resolution.ids,
                {"result": "adopted"},
            ),
            ("cae.meeting.resolution", "write", self.resolution.ids, {"name": "Autre"}),
            ("cae.meeting.attendance", "write", attendance_b.ids, {"state": "present"}),
            (
                "cae.meeting.attendance",
                "create",
                {"meeting_id": self.ag.id, "partner_id": self.partner_a.id},
            ),
            ("cae.meeting", "write", self.ag.ids, {"location": "Ailleurs"}),
            ("cae.meeting", "action_hold", self.ag.ids),
            ("cae.meeting", "action_convene", self.co_a.ids),
        ]
        for model, method, *args in calls:
            for call in self.both("ent_a", model, method, *args):
                # the result is refused to everyone (UserError) before the ACL
                self.assertRefused(call, kinds=("AccessError", "UserError"))
        self.env.invalidate_all()
        self.assertEqual(self.resolution.result, "pending")
        self.assertEqual(self.resolution.name, "Approbation des comptes")
        self.assertEqual(attendance_b.state, "absent")
        self.assertEqual(len(self.ag.attendance_ids), 1)
        self.assertEqual(self.ag.state, "convened")
        self.assertEqual(self.co_a.state, "draft")

    # ------------------------------------------------------------------
    # the cooperative's team

    def test_support_organises_committees_reads_the_rest(self):
        co = self.jsonrpc(
            "support",
            "cae.meeting",
            "create",
            {"name": "CO de mars", "meeting_type": "co", "date_start": _when(10)},
        )
        co = co[0] if isinstance(co, list) else co
        self.jsonrpc("support", "cae.meeting", "action_convene", [co])
        self.assertEqual(self.env["cae.meeting"].browse(co).state, "convened")
        for call in self.both(
            "support",
            "cae.meeting",
            "create",
            {"name": "AG bis", "meeting_type": "ag", "date_start": _when(40)},
        ):
            self.assertRefused(call, kinds=("AccessError",))
        for call in self.both(
            "support", "cae.meeting", "read", self.ag.ids, ["name", "state"]
        ):
            self.assertEqual(call()[0]["state"], "convened")
        for call in self.both(
            "support",
            "cae.meeting.attendance",
            "create",
            {"meeting_id": self.ag.id, "partner_id": self.partner_a.id},
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.assertFalse(self.ag.attendance_ids)

    def test_admin_holds_the_general_assembly(self):
        self.xmlrpc(
            "gestion",
            "cae.meeting.attendance",
            "create",
            {"meeting_id": self.ag.id, "partner_id": self.partner_a.id},
        )
        self.xmlrpc("gestion", "cae.meeting", "action_hold", self.ag.ids)
        self.jsonrpc(
            "gestion",
            "cae.meeting.vote",
            "create",
            {
                "resolution_id": self.resolution.id,
                "partner_id": self.partner_a.id,
                "choice": "for",
            },
        )
        # the state and the result are the buttons', even for the admin team
        for call in self.both(
            "gestion", "cae.meeting", "write", self.ag.ids, {"state": "closed"}
        ):
            self.assertRefused(call, kinds=("UserError",))
        for call in self.both(
            "gestion",
            "cae.meeting.resolution",
            "write",
            self.resolution.ids,
            {"result": "rejected"},
        ):
            self.assertRefused(call, kinds=("UserError",))
        self.jsonrpc("gestion", "cae.meeting", "action_close", self.ag.ids)
        self.env.invalidate_all()
        self.assertEqual(self.ag.state, "closed")
        self.assertEqual(self.resolution.result, "adopted")
        # the minutes as a real PDF (wkhtmltopdf), as the admin team prints
        # them: the resolution and its result
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_admin)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("cae_governance.report_meeting_minutes", self.ag.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # pypdf separates the words by tabs and new lines
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf)).pages
        )
        self.assertIn("Approbation des comptes Ordinary 1 0 0 Adopted", text)
