from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CaeTenderCommon


@tagged("post_install", "-at_install")
class TestTender(CaeTenderCommon):
    def test_pole_members_follow_the_tender(self):
        tender = self._tender("Site de la mairie", self.pole_web)
        self.assertIn(self.partner_a, tender.message_partner_ids)
        self.assertNotIn(self.partner_b, tender.message_partner_ids)
        tender.pole_ids = self.pole_makers
        self.assertIn(self.partner_b, tender.message_partner_ids)
        self.assertNotIn(self.partner_a, tender.message_partner_ids)

    def test_deadline_before_publication_refused(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        with self.assertRaises(ValidationError) as caught:
            self.env["cae.tender"].with_context(lang="fr_FR").create(
                {
                    "name": "Mauvaises dates",
                    "company_id": self.company.id,
                    "date_published": self.today,
                    "date_deadline": self.now - timedelta(days=3),
                }
            )
        self.assertIn("ne peut pas précéder sa date de parution", str(caught.exception))
        self.assertFalse(
            self.env["cae.tender"].search([("name", "=", "Mauvaises dates")])
        )

    def test_states(self):
        tender = self._tender("Formation", self.pole_web)
        self.assertEqual(tender.state, "open")
        with self.assertRaises(UserError):
            tender.action_won()
        tender.action_answered()
        self.assertEqual(tender.state, "answered")
        tender.action_won()
        self.assertEqual(tender.state, "won")
        tender.action_reopen()
        self.assertEqual(tender.state, "open")
        # past its deadline, an open tender is closed
        tender.date_deadline = self.now - timedelta(hours=1)
        self.assertEqual(tender.state, "closed")
        with self.assertRaises(UserError):
            tender.action_answered()

    def test_cron_closes_past_deadline(self):
        tender = self._tender("Bientôt fini", self.pole_web)
        self.env.cr.execute(
            "UPDATE cae_tender SET date_deadline = %s WHERE id = %s",
            [self.now - timedelta(days=1), tender.id],
        )
        self.env.invalidate_all()
        self.env["cae.tender"]._cron_close_past_deadline()
        self.assertEqual(tender.state, "closed")

    def test_entrepreneurs_read_their_poles_tenders(self):
        web = self._tender("Site", self.pole_web)
        makers = self._tender("Mobilier", self.pole_makers)
        nobody = self._tender("Sans pôle", self.env["cae.pole"])
        env_a = self.env(user=self.user_a)
        self.assertEqual(
            env_a["cae.tender"].search([("id", "in", (web | makers | nobody).ids)]), web
        )
        with self.assertRaises(AccessError):
            makers.with_user(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            web.with_user(self.user_a).write({"name": "Modifié"})
        # she discusses it in its chatter
        web.with_user(self.user_a).message_post(
            body="J'en suis", message_type="comment"
        )
        # the support team sees and edits every tender
        self.assertEqual(
            self.env(user=self.user_support)["cae.tender"].search(
                [("id", "in", (web | makers | nobody).ids)]
            ),
            web | makers | nobody,
        )
        makers.with_user(self.user_support).write({"amount_estimated": 12000.0})

    def test_documents(self):
        tender = self._tender("Avec pièces", self.pole_web)
        order = self.env["ir.attachment"].create(
            {
                "name": "RC.pdf",
                "raw": b"%PDF-1.4 rc",
                "res_model": "cae.tender",
                "res_id": tender.id,
            }
        )
        tender.order_attachment_ids = [Command.link(order.id)]
        self.assertEqual(
            tender.with_user(self.user_a).order_attachment_ids.name, "RC.pdf"
        )
        with self.assertRaises(AccessError):
            order.with_user(self.user_b).read(["name"])
