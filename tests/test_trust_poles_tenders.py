"""Issue 20 (cooperative life): poles and tender watch, through real JSON-RPC
and XML-RPC as each role. An entrepreneur reads the tenders of her poles (and
of the projects she takes part in), never the others'; she cannot edit a pole
she does not coordinate, nor join another activity's project by writing it;
the database is read back as the admin after each refusal."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustPolesTenders(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Pole = cls.env["cae.pole"]
        cls.pole_web = Pole.create(
            {
                "name": "Studio web",
                "company_id": cls.company.id,
                "coordinator_id": cls.partner_a.id,
            }
        )
        cls.pole_makers = Pole.create({"name": "Makers", "company_id": cls.company.id})
        cls.activity_a.pole_ids = cls.pole_web
        cls.activity_b.pole_ids = cls.pole_makers
        now = fields.Datetime.now()
        Tender = cls.env["cae.tender"]
        cls.tender_web = Tender.create(
            {
                "name": "Refonte du site de la mairie",
                "company_id": cls.company.id,
                "date_published": fields.Date.today(),
                "date_deadline": now + timedelta(days=20),
                "pole_ids": [Command.set(cls.pole_web.ids)],
            }
        )
        cls.tender_makers = Tender.create(
            {
                "name": "Mobilier de la médiathèque",
                "company_id": cls.company.id,
                "date_published": fields.Date.today(),
                "date_deadline": now + timedelta(days=20),
                "pole_ids": [Command.set(cls.pole_makers.ids)],
            }
        )
        cls.project_b = cls.env["cae.tender.project"].create(
            {
                "tender_id": cls.tender_makers.id,
                "lead_activity_id": cls.activity_b.id,
            }
        )

    def test_entrepreneur_reads_the_tenders_of_her_poles_only(self):
        ids = (self.tender_web | self.tender_makers).ids
        for call in (self.jsonrpc, self.xmlrpc):
            found = call(
                "ent_a", "cae.tender", "search_read", [("id", "in", ids)], ["name"]
            )
            self.assertEqual([r["id"] for r in found], self.tender_web.ids)
        for call in self.both(
            "ent_a", "cae.tender", "read", self.tender_makers.ids, ["name"]
        ):
            self.assertRefused(call)
        for call in self.both(
            "ent_a", "cae.tender", "write", self.tender_web.ids, {"name": "Changé"}
        ):
            self.assertRefused(call)
        self.assertEqual(self.tender_web.name, "Refonte du site de la mairie")
        # the team reads them all
        found = self.jsonrpc(
            "support", "cae.tender", "search_read", [("id", "in", ids)], ["name"]
        )
        self.assertEqual(len(found), 2)

    def test_entrepreneur_cannot_edit_a_pole_she_does_not_coordinate(self):
        # B is no member of the web pole: she does not even read it
        for call in self.both(
            "ent_b", "cae.pole", "write", self.pole_web.ids, {"description": "<p>x</p>"}
        ):
            self.assertRefused(call)
        # nor edit her own pole, coordinated by nobody
        for call in self.both(
            "ent_b",
            "cae.pole",
            "write",
            self.pole_makers.ids,
            {"description": "<p>x</p>"},
        ):
            self.assertRefused(call)
        for call in self.both(
            "ent_b",
            "cae.pole",
            "write",
            self.pole_makers.ids,
            {"coordinator_id": self.partner_b.id},
        ):
            self.assertRefused(call)
        for call in self.both("ent_b", "cae.pole", "create", {"name": "Le mien"}):
            self.assertRefused(call)
        self.assertFalse(self.pole_makers.description)
        self.assertFalse(self.pole_makers.coordinator_id)
        self.assertFalse(self.env["cae.pole"].search([("name", "=", "Le mien")]))
        # A coordinates the web pole: she presents it, but does not rename it
        self.jsonrpc(
            "ent_a",
            "cae.pole",
            "write",
            self.pole_web.ids,
            {"description": "<p>Le studio</p>"},
        )
        self.assertIn("Le studio", self.pole_web.description)
        self.assertRefused(
            self.xmlrpc, "ent_a", "cae.pole", "write", self.pole_web.ids, {"name": "X"}
        )
        self.assertEqual(self.pole_web.name, "Studio web")

    def test_entrepreneur_cannot_join_another_activity_project(self):
        for call in self.both(
            "ent_a",
            "cae.tender.project",
            "write",
            self.project_b.ids,
            {"cae_activity_ids": [[4, self.activity_a.id, 0]]},
        ):
            self.assertRefused(call)
        # nor by starting a project led by B's activity with hers in it
        for call in self.both(
            "ent_a",
            "cae.tender.project",
            "create",
            {
                "tender_id": self.tender_web.id,
                "lead_activity_id": self.activity_b.id,
                "cae_activity_ids": [[6, 0, (self.activity_a | self.activity_b).ids]],
            },
        ):
            self.assertRefused(call)
        self.assertEqual(self.project_b.cae_activity_ids, self.activity_b)
        self.assertEqual(
            self.env["cae.tender.project"].search_count(
                [("tender_id", "=", self.tender_web.id)]
            ),
            0,
        )
        # her own project, led by her activity, goes through
        project_id = self.xmlrpc(
            "ent_a",
            "cae.tender.project",
            "create",
            {"tender_id": self.tender_web.id, "lead_activity_id": self.activity_a.id},
        )
        project = self.env["cae.tender.project"].browse(project_id)
        self.assertEqual(project.cae_activity_ids, self.activity_a)

    def test_bad_input(self):
        message = self.assertRefused(
            self.jsonrpc,
            "support",
            "cae.tender",
            "create",
            {
                "name": "Dates inversées",
                "date_published": str(fields.Date.today()),
                "date_deadline": str(fields.Datetime.now() - timedelta(days=5)).split(
                    "."
                )[0],
            },
            context={"lang": "fr_FR"}
            if self.env["res.lang"]._lang_get("fr_FR")
            else {},
        )
        self.assertIn("Dates inversées", message)
        self.assertFalse(
            self.env["cae.tender"].search([("name", "=", "Dates inversées")])
        )
