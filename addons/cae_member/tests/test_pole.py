import base64
import importlib.util
import os

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestPole(CaeTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Pole = cls.env["cae.pole"]
        cls.pole_makers = Pole.create({"name": "Makers", "company_id": cls.company.id})
        cls.pole_web = Pole.create({"name": "Studio web", "company_id": cls.company.id})
        cls.pole_food = Pole.create(
            {
                "name": "Métiers de bouche",
                "company_id": cls.company.id,
                "coordinator_id": cls.partner_b.id,
            }
        )
        cls.activity_a.pole_ids = cls.pole_makers | cls.pole_web
        cls.activity_b.pole_ids = cls.pole_food

    def test_activity_in_two_poles_shows_in_both_directories(self):
        for env in (self.env, self.env(user=self.user_a)):
            for pole in (self.pole_makers, self.pole_web):
                activities = env["cae.activity"].search([("pole_ids", "in", pole.ids)])
                self.assertEqual(activities, self.activity_a, pole.name)
                members = env["res.partner"].search(
                    [("is_cae_member", "=", True), ("cae_pole_ids", "in", pole.ids)]
                )
                self.assertEqual(members, self.partner_a, pole.name)
        groups = dict(
            self.env["res.partner"]._read_group(
                [("id", "in", (self.partner_a | self.partner_b).ids)],
                ["cae_pole_ids"],
                ["__count"],
            )
        )
        self.assertEqual(groups[self.pole_makers], 1)
        self.assertEqual(groups[self.pole_web], 1)
        self.assertEqual(groups[self.pole_food], 1)
        self.assertEqual(self.partner_a.cae_pole_ids, self.pole_makers | self.pole_web)

    def test_each_pole_lists_the_activity(self):
        """Acceptance 4: the pole's own directory (its Activities and
        Members tabs) lists the activity of two poles in both."""
        for pole in (self.pole_makers, self.pole_web):
            self.assertEqual(pole.activity_ids, self.activity_a, pole.name)
            self.assertEqual(pole.member_ids, self.partner_a, pole.name)
            self.assertEqual(pole.activity_count, 1, pole.name)
        self.assertEqual(self.pole_food.activity_ids, self.activity_b)

    def test_directory_filters_by_pole_and_territory(self):
        """The activity directory's search panel filters by territory and
        pole; both filters together narrow it down."""
        Territory = self.env["cae.territory"]
        tours = Territory.create({"name": "Tours", "company_id": self.company.id})
        blois = Territory.create({"name": "Blois", "company_id": self.company.id})
        self.activity_a.territory_id = tours
        self.activity_b.write(
            {"territory_id": blois.id, "pole_ids": [Command.link(self.pole_web.id)]}
        )
        Activity = self.env(user=self.user_a)["cae.activity"]
        self.assertEqual(
            Activity.search([("pole_ids", "in", self.pole_web.ids)]),
            self.activity_a | self.activity_b,
        )
        self.assertEqual(
            Activity.search(
                [("pole_ids", "in", self.pole_web.ids), ("territory_id", "=", blois.id)]
            ),
            self.activity_b,
        )
        self.assertEqual(
            Activity.search(
                [
                    ("pole_ids", "in", self.pole_makers.ids),
                    ("territory_id", "=", blois.id),
                ]
            ),
            Activity,
        )
        arch = Activity.get_views([(False, "search")])["views"]["search"]["arch"]
        panel = etree.fromstring(arch).find("searchpanel")
        self.assertIsNotNone(panel)
        self.assertEqual(
            {field.get("name") for field in panel.iterfind("field")},
            {"pole_ids", "territory_id"},
        )
        directory = self.env.ref("cae_member.res_partner_view_search_cae_directory")
        partner_arch = self.env["res.partner"].get_views([(directory.id, "search")])
        partner_fields = {
            node.get("name")
            for node in etree.fromstring(partner_arch["views"]["search"]["arch"]).iter(
                "field"
            )
        }
        self.assertIn("cae_pole_ids", partner_fields)
        self.assertIn("cae_territory_id", partner_fields)

    def test_members_follow_activities_and_invitations(self):
        self.assertEqual(self.pole_makers.member_ids, self.partner_a)
        self.assertEqual(self.pole_food.member_ids, self.partner_b)
        self.activity_a.member_ids = [Command.link(self.partner_b.id)]
        self.assertEqual(self.pole_makers.member_ids, self.partner_a | self.partner_b)
        self.assertIn(self.pole_makers, self.partner_b.cae_pole_ids)
        self.activity_a.member_ids = [Command.unlink(self.partner_b.id)]
        self.assertEqual(self.pole_makers.member_ids, self.partner_a)
        self.pole_makers.extra_member_ids = self.partner_b
        self.assertEqual(self.pole_makers.member_ids, self.partner_a | self.partner_b)
        self.pole_web.coordinator_id = self.partner_b
        self.assertIn(self.partner_b, self.pole_web.member_ids)

    def test_channel_created_and_kept_in_sync(self):
        channel = self.pole_makers.channel_id
        self.assertTrue(channel)
        self.assertEqual(channel.name, "Makers")
        self.assertEqual(channel.channel_member_ids.partner_id, self.partner_a)
        self.activity_a.member_ids = [Command.link(self.partner_b.id)]
        self.assertEqual(
            channel.channel_member_ids.partner_id, self.partner_a | self.partner_b
        )
        self.activity_a.pole_ids = [Command.unlink(self.pole_makers.id)]
        self.assertFalse(channel.channel_member_ids)
        self.assertEqual(
            self.pole_web.channel_id.channel_member_ids.partner_id,
            self.partner_a | self.partner_b,
        )
        self.pole_web.name = "Studio numérique"
        self.assertEqual(self.pole_web.channel_id.name, "Studio numérique")

    def test_members_read_their_poles_only(self):
        env_a = self.env(user=self.user_a)
        self.assertEqual(env_a["cae.pole"].search([]), self.pole_makers | self.pole_web)
        with self.assertRaises(AccessError):
            self.pole_food.with_user(self.user_a).read(["name"])
        # support and admin read every pole
        self.assertEqual(
            self.env(user=self.user_support)["cae.pole"].search(
                [("company_id", "=", self.company.id)]
            ),
            self.pole_makers | self.pole_web | self.pole_food,
        )

    def test_only_the_coordinator_and_the_team_edit_a_pole(self):
        # B coordinates the food pole: she presents it and invites members
        self.pole_food.with_user(self.user_b).write(
            {"description": "<p>Pains et gâteaux</p>"}
        )
        self.pole_food.with_user(self.user_b).write(
            {"extra_member_ids": [Command.link(self.partner_a.id)]}
        )
        self.assertIn(self.partner_a, self.pole_food.member_ids)
        # but not its name, nor its coordinator
        with self.assertRaises(AccessError):
            self.pole_food.with_user(self.user_b).write({"name": "Boulangers"})
        # A is now a member of the food pole: she reads it, does not edit it
        self.pole_food.with_user(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            self.pole_food.with_user(self.user_a).write({"description": "<p>x</p>"})
        with self.assertRaises(AccessError):
            self.pole_makers.with_user(self.user_a).write({"description": "<p>x</p>"})
        with self.assertRaises(AccessError):
            self.env["cae.pole"].with_user(self.user_a).create({"name": "Le mien"})
        self.pole_food.with_user(self.user_admin).write({"name": "Boulangers"})
        self.pole_food.with_user(self.user_support).write({"coordinator_id": False})

    def test_pole_documents_readable_by_its_members(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "charte.txt",
                "datas": base64.b64encode(b"Charte du pole"),
                "res_model": "cae.pole",
                "res_id": self.pole_makers.id,
            }
        )
        self.assertEqual(self.pole_makers.document_count, 1)
        self.assertEqual(
            attachment.with_user(self.user_a).read(["name"])[0]["name"], "charte.txt"
        )
        with self.assertRaises(AccessError):
            attachment.with_user(self.user_b).read(["datas"])
        # a member posts a document in her pole's chatter
        self.pole_makers.with_user(self.user_a).message_post(
            body="Compte rendu", message_type="comment"
        )

    def test_pole_company(self):
        other = self.env["res.company"].create({"name": "Autre CAE"})
        pole = self.env["cae.pole"].create({"name": "Makers", "company_id": other.id})
        self.assertNotIn(pole, self.env(user=self.user_support)["cae.pole"].search([]))

    def test_migration_keeps_poles(self):
        """The 18.0.3.0.0 post-migration turns the old single poles into the
        new ones."""
        cr = self.env.cr
        self.activity_a.pole_ids = False
        cr.execute(
            """CREATE TABLE cae_migration_activity_pole AS
               SELECT %s AS activity_id, %s AS pole_id""",
            [self.activity_a.id, self.pole_makers.id],
        )
        cr.execute(
            """CREATE TABLE cae_migration_partner_pole AS
               SELECT %s AS partner_id, %s AS pole_id
               UNION ALL SELECT %s, %s""",
            [
                self.partner_a.id,
                self.pole_makers.id,
                self.partner_b.id,
                self.pole_web.id,
            ],
        )
        path = os.path.join(
            os.path.dirname(os.path.dirname(__file__)),
            "migrations",
            "18.0.3.0.0",
            "post-migrate.py",
        )
        spec = importlib.util.spec_from_file_location("cae_member_mig_3", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        self.env.invalidate_all()
        script.migrate(cr, "18.0.2.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.activity_a.pole_ids, self.pole_makers)
        # A is in Makers through her activity: no invitation
        self.assertFalse(self.pole_makers.extra_member_ids)
        self.assertEqual(self.pole_web.extra_member_ids, self.partner_b)
        self.assertEqual(self.partner_b.cae_pole_ids, self.pole_food | self.pole_web)
        self.assertIn(
            self.partner_b, self.pole_web.channel_id.channel_member_ids.partner_id
        )
