from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CaeTenderCommon


@tagged("post_install", "-at_install")
class TestTenderProject(CaeTenderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tender = cls._tender("Refonte du site et formation", cls.pole_web)

    def test_entrepreneur_starts_a_project_with_other_activities(self):
        Project = self.env["cae.tender.project"].with_user(self.user_a)
        project = Project.create(
            {"tender_id": self.tender.id, "lead_activity_id": self.activity_a.id}
        )
        self.assertEqual(project.name, self.tender.name)
        self.assertEqual(project.cae_activity_ids, self.activity_a)
        # the lead activity invites B's and C's activities
        project.write(
            {
                "cae_activity_ids": [
                    Command.link(self.activity_b.id),
                    Command.link(self.activity_c.id),
                ]
            }
        )
        self.assertEqual(
            project.member_ids, self.partner_a | self.partner_b | self.partner_c
        )
        self.assertLessEqual(
            self.partner_a | self.partner_b | self.partner_c,
            project.message_partner_ids,
        )
        # B, in the makers pole, now reads the tender and collaborates
        self.tender.with_user(self.user_b).read(["name"])
        project.with_user(self.user_b).write({"notes": "<p>Je fais le mobilier</p>"})
        # but she does not choose the activities
        with self.assertRaises(AccessError):
            project.with_user(self.user_b).write(
                {"cae_activity_ids": [Command.unlink(self.activity_c.id)]}
            )

    def test_no_project_led_by_another_activity(self):
        with self.assertRaises(AccessError):
            self.env["cae.tender.project"].with_user(self.user_a).create(
                {"tender_id": self.tender.id, "lead_activity_id": self.activity_b.id}
            )

    def test_cannot_join_another_activity_project(self):
        project = self.env["cae.tender.project"].create(
            {"tender_id": self.tender.id, "lead_activity_id": self.activity_a.id}
        )
        with self.assertRaises(AccessError):
            project.with_user(self.user_b).write(
                {"cae_activity_ids": [Command.link(self.activity_b.id)]}
            )
        with self.assertRaises(AccessError):
            project.with_user(self.user_b).read(["name"])
        self.assertEqual(project.cae_activity_ids, self.activity_a)

    def test_lead_takes_part(self):
        with self.assertRaises(ValidationError):
            self.env["cae.tender.project"].create(
                {
                    "tender_id": self.tender.id,
                    "lead_activity_id": self.activity_a.id,
                    "cae_activity_ids": [Command.set(self.activity_b.ids)],
                }
            )
