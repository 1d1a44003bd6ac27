"""Issue 21, acceptance 5 (occupational health): through real JSON-RPC and
XML-RPC, an entrepreneur reads her own health visits and acknowledgements
only, never a visit's result or notes, creates no visit and edits no risk
assessment; support staff reach no health visit. The database is read back
as the admin afterwards."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustHealth(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        for user in (cls.user_a, cls.user_b, cls.user_admin, cls.user_support):
            user.write({"password": user.login, "lang": "fr_FR"})
        start = fields.Date.today() - relativedelta(days=10)
        cls.employee_a = cls._employee(cls.user_a, "PAY-A")
        cls.employee_b = cls._employee(cls.user_b, "PAY-B")
        for partner, activity in (
            (cls.partner_a, cls.activity_a),
            (cls.partner_b, cls.activity_b),
        ):
            cls._contract(partner, "cesa", start, activity_id=activity.id)
        (cls.employee_a | cls.employee_b).employee_type = "employee"
        Visit = cls.env["cae.health.visit"].with_user(cls.user_admin)
        cls.visit_a = Visit.create({"employee_id": cls.employee_a.id})
        cls.visit_b = Visit.create({"employee_id": cls.employee_b.id})
        (cls.visit_a | cls.visit_b).write(
            {"result": "unfit", "notes": "Contre-indication médicale"}
        )
        cls.assessment = (
            cls.env["cae.risk.assessment"]
            .with_user(cls.user_admin)
            .create({"notes": "<p>Version initiale</p>"})
        )

    def test_entrepreneur_reads_her_own_visits_only(self):
        for call in self.both(
            "ent_a",
            "cae.health.visit",
            "search_read",
            [],
            fields=["partner_id", "visit_type", "date_due", "state"],
        ):
            rows = call()
            self.assertEqual([row["id"] for row in rows], self.visit_a.ids)
        for call in self.both(
            "ent_a", "cae.health.visit", "read", self.visit_b.ids, ["date_due"]
        ):
            self.assertRefused(call)

    def test_entrepreneur_cannot_read_results_or_notes(self):
        for fname in ("result", "notes"):
            for call in self.both(
                "ent_a", "cae.health.visit", "read", self.visit_a.ids, [fname]
            ):
                self.assertRefused(call)
        for call in self.both(
            "ent_a",
            "cae.health.visit",
            "search_read",
            [("notes", "ilike", "médicale")],
            fields=["id"],
        ):
            self.assertRefused(call)
        rows = self.jsonrpc(
            "ent_a",
            "cae.health.visit",
            "web_read",
            self.visit_a.ids,
            specification={"name": {}, "date_due": {}},
        )
        self.assertNotIn("notes", rows[0])

    def test_entrepreneur_cannot_create_or_change_visits(self):
        for call in self.both(
            "ent_a",
            "cae.health.visit",
            "create",
            [{"employee_id": self.employee_a.id}],
        ):
            self.assertRefused(call)
        for call in self.both(
            "ent_a",
            "cae.health.visit",
            "write",
            self.visit_a.ids,
            {"date_done": fields.Date.to_string(fields.Date.today())},
        ):
            self.assertRefused(call)
        for call in self.both(
            "ent_a", "cae.health.visit", "action_done", self.visit_a.ids
        ):
            self.assertRefused(call)
        self.assertEqual(self.env["cae.health.visit"].search_count([]), 2)
        self.assertEqual(self.visit_a.state, "planned")
        self.assertFalse(self.visit_a.date_done)

    def test_entrepreneur_cannot_edit_the_risk_assessment(self):
        for call in self.both(
            "ent_a",
            "cae.risk.assessment",
            "write",
            self.assessment.ids,
            {"notes": "<p>Effacé</p>"},
        ):
            self.assertRefused(call)
        for call in self.both("ent_a", "cae.risk.assessment", "create", [{}]):
            self.assertRefused(call)
        self.assertEqual(self.assessment.notes, "<p>Version initiale</p>")
        self.assertEqual(self.env["cae.risk.assessment"].search_count([]), 1)

    def test_entrepreneur_acknowledges_once_for_herself(self):
        self.jsonrpc(
            "ent_a", "cae.risk.assessment", "action_acknowledge", self.assessment.ids
        )
        self.xmlrpc(
            "ent_b", "cae.risk.assessment", "action_acknowledge", self.assessment.ids
        )
        message = self.assertRefused(
            self.xmlrpc,
            "ent_a",
            "cae.risk.assessment",
            "action_acknowledge",
            self.assessment.ids,
            context={"lang": "fr_FR"},
        )
        self.assertIn("a déjà pris connaissance", message)
        rows = self.jsonrpc(
            "ent_a", "cae.risk.assessment.ack", "search_read", [], fields=["partner_id"]
        )
        self.assertEqual([row["partner_id"][0] for row in rows], self.partner_a.ids)
        # for someone else, or backdated: refused
        v2 = self.env["cae.risk.assessment"].with_user(self.user_admin).create({})
        for vals in (
            {"assessment_id": v2.id, "partner_id": self.partner_b.id},
            {"assessment_id": v2.id, "date": "2020-01-01 00:00:00"},
        ):
            for call in self.both("ent_a", "cae.risk.assessment.ack", "create", [vals]):
                self.assertRefused(call)
        acks = self.env["cae.risk.assessment.ack"].search([])
        self.assertEqual(acks.partner_id, self.partner_a | self.partner_b)
        self.assertEqual(acks.assessment_id, self.assessment)
        # the admin team sees who has not acknowledged the current version
        pending = self.jsonrpc(
            "gestion", "cae.risk.assessment", "read", v2.ids, ["pending_partner_ids"]
        )
        self.assertEqual(
            set(pending[0]["pending_partner_ids"]),
            {self.partner_a.id, self.partner_b.id},
        )

    def test_support_reaches_no_health_visit(self):
        for call in self.both(
            "support", "cae.health.visit", "search_read", [], fields=["date_due"]
        ):
            self.assertRefused(call)
        for call in self.both(
            "support", "cae.health.visit", "read", self.visit_a.ids, ["date_due"]
        ):
            self.assertRefused(call)
