from datetime import timedelta

from odoo.tests import tagged

from .common import CaeTenderCommon


@tagged("post_install", "-at_install")
class TestDigest(CaeTenderCommon):
    def test_digest_lists_open_tenders_of_her_poles_only(self):
        """Acceptance 4: the weekly digest of a member lists the open tenders
        of her poles, not the others' nor the closed or answered ones."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["cae_tender"], ["fr_FR"])
        (self.partner_a | self.partner_b).lang = "fr_FR"
        web_open = self._tender("Refonte du site de la mairie", self.pole_web)
        web_answered = self._tender("Application mobile", self.pole_web)
        web_answered.action_answered()
        web_closed = self._tender(
            "Hébergement",
            self.pole_web,
            days=-2,
            date_published=self.today - timedelta(days=40),
        )
        makers_open = self._tender("Mobilier de la médiathèque", self.pole_makers)
        self.assertEqual(web_closed.state, "closed")
        mails = self.env["cae.tender"]._cron_send_digest()
        mail_a = mails.filtered(lambda m: m.recipient_ids == self.partner_a)
        mail_b = mails.filtered(lambda m: m.recipient_ids == self.partner_b)
        self.assertEqual(len(mail_a), 1)
        self.assertEqual(len(mail_b), 1)
        # C is in no pole: no digest
        self.assertFalse(mails.filtered(lambda m: self.partner_c in m.recipient_ids))
        self.assertEqual(mail_a.subject, "Appels d'offres de vos pôles")
        body_a = str(mail_a.body_html)
        self.assertIn("Refonte du site de la mairie", body_a)
        self.assertIn("Voici les appels d'offres ouverts de vos pôles", body_a)
        for other in (web_answered, web_closed, makers_open):
            self.assertNotIn(other.name, body_a)
        body_b = str(mail_b.body_html)
        self.assertIn("Mobilier de la médiathèque", body_b)
        self.assertNotIn(web_open.name, body_b)

    def test_digest_is_weekly(self):
        """The digest goes out by a scheduled action once a week."""
        cron = self.env.ref("cae_tender.ir_cron_cae_tender_digest")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "weeks"))
        self.assertEqual(cron.code.strip(), "model._cron_send_digest()")
        self._tender("Refonte du site de la mairie", self.pole_web)
        before = self.env["mail.mail"].search_count([])
        cron.method_direct_trigger()
        self.assertGreater(self.env["mail.mail"].search_count([]), before)

    def test_digest_signed_by_the_tenders_company(self):
        """A member in poles of two companies gets a digest of each, signed
        by the company of its tenders, whatever the company the scheduled
        action runs in."""
        other = self.env["res.company"].create(
            {"name": "CAE Loire", "email": "contact@cae-loire.example"}
        )
        self.company.email = "contact@cae.example"
        pole_other = self.env["cae.pole"].create(
            {
                "name": "Studio web Loire",
                "company_id": other.id,
                "extra_member_ids": [(4, self.partner_a.id)],
            }
        )
        here = self._tender("Refonte du site de la mairie", self.pole_web)
        there = self._tender("Portail de la métropole", pole_other, company_id=other.id)
        mails = self.env["cae.tender"]._cron_send_digest()
        mails_a = mails.filtered(lambda m: m.recipient_ids == self.partner_a)
        self.assertEqual(len(mails_a), 2)
        mail_here = mails_a.filtered(lambda m: here.name in str(m.body_html))
        mail_there = mails_a.filtered(lambda m: there.name in str(m.body_html))
        self.assertEqual(len(mail_here), 1)
        self.assertNotIn(there.name, str(mail_here.body_html))
        self.assertIn("CAE Loire", str(mail_there.body_html))
        self.assertIn("contact@cae-loire.example", mail_there.email_from)
        self.assertIn("contact@cae.example", mail_here.email_from)
