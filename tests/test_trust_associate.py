"""Issue 20, acceptance 5 (associates register): each hostile call replayed
through real JSON-RPC and XML-RPC as the role named is refused or returns
nothing, and the register is unchanged (read back as the admin).

Entrepreneurs read the entries of their own shares and their certificate;
the support team reads the register and writes nothing; only the admin
team keeps it."""

import io
import zipfile

from odoo.tests import tagged
from odoo.tools.pdf import PdfReader

from .trust_common import TrustRpcCase

FR = {"lang": "fr_FR"}
SUB = "cae.associate.subscription"


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustAssociate(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["cae_associate"], ["fr_FR"], overwrite=True
        )
        for user in (cls.user_a, cls.user_b, cls.user_support, cls.user_admin):
            user.write({"password": user.login, "lang": "fr_FR"})
        cls.company.write(
            {"cae_share_value": 25.0, "cae_share_monthly_deduction": 10.0}
        )
        Subscription = cls.env[SUB].with_user(cls.user_admin)
        cls.sub_a, cls.sub_b = Subscription.create(
            [
                {
                    "partner_id": cls.partner_a.id,
                    "share_count": 4,
                    "date": "2025-02-15",
                    "company_id": cls.company.id,
                },
                {
                    "partner_id": cls.partner_b.id,
                    "share_count": 2,
                    "date": "2025-03-01",
                    "company_id": cls.company.id,
                },
            ]
        )
        (cls.sub_a | cls.sub_b).action_subscribe()
        cls.env["cae.associate.payment"].with_user(cls.user_admin).create(
            {"subscription_id": cls.sub_b.id, "amount": 20.0}
        )
        cls.draft_a = Subscription.create(
            {"partner_id": cls.partner_a.id, "share_count": 1}
        )

    def _refused_both(self, login, model, method, *args, **kwargs):
        for call in self.both(login, model, method, *args, context=dict(FR), **kwargs):
            self.assertRefused(call)

    def _unchanged(self):
        self.env.invalidate_all()
        self.assertEqual(self.sub_a.amount_paid, 0.0)
        self.assertEqual(self.sub_a.shares_held, 4)
        self.assertEqual(self.sub_b.amount_paid, 20.0)
        self.assertFalse(self.draft_a.is_validated)
        self.assertEqual(self.env[SUB].search_count([]), 3)
        self.assertFalse(self.env["cae.associate.redemption"].search([]))

    def test_entrepreneur_reads_her_own_only(self):
        for call in self.both("ent_a", SUB, "search_read", [], ["partner_id"]):
            self.assertEqual(
                {r["id"] for r in call()}, {self.sub_a.id, self.draft_a.id}
            )
        self._refused_both("ent_a", SUB, "read", self.sub_b.ids, ["amount_paid"])
        for call in self.both(
            "ent_a", "cae.associate.payment", "search_read", [], ["amount"]
        ):
            self.assertEqual(call(), [])

    def test_entrepreneur_writes_nothing(self):
        self._refused_both(
            "ent_a", SUB, "write", self.sub_a.ids, {"amount_paid": 100.0}
        )
        self._refused_both("ent_a", SUB, "write", self.sub_a.ids, {"share_count": 40})
        self._refused_both(
            "ent_a",
            SUB,
            "create",
            [{"partner_id": self.partner_a.id, "share_count": 1}],
        )
        self._refused_both("ent_a", SUB, "action_subscribe", self.draft_a.ids)
        self._refused_both(
            "ent_a",
            "cae.associate.payment",
            "create",
            [{"subscription_id": self.sub_a.id, "amount": 100.0}],
        )
        self._refused_both(
            "ent_a",
            "cae.associate.redemption",
            "create",
            [{"subscription_id": self.sub_a.id, "share_count": 4}],
        )
        self._refused_both(
            "ent_a",
            "cae.associate.redeem",
            "create",
            [{"subscription_id": self.sub_a.id, "share_count": 4}],
        )
        self._refused_both("ent_a", SUB, "unlink", self.draft_a.ids)
        self._unchanged()

    def test_entrepreneur_certificate_over_http(self):
        self.authenticate("ent_a", "ent_a")
        own = self.url_open(
            f"/report/html/cae_associate.report_subscription_certificate/{self.sub_a.id}"
        )
        self.assertEqual(own.status_code, 200)
        self.assertIn("Attestation de souscription de parts sociales", own.text)
        self.assertIn("Anne Artisan", own.text)
        other = self.url_open(
            f"/report/html/cae_associate.report_subscription_certificate/{self.sub_b.id}"
        )
        self.assertNotIn("Bruno Boulanger", other.text)

    def test_entrepreneur_register_over_http_is_her_own(self):
        """The register printed by an entrepreneur, PDF (as HTML) or XLSX:
        her own entries; asking for another associate's gives nothing of
        them."""
        self.authenticate("ent_a", "ent_a")
        own = self.url_open(
            f"/report/html/cae_associate.report_associate_register/{self.sub_a.id}"
        )
        self.assertEqual(own.status_code, 200)
        self.assertIn("Anne Artisan", own.text)
        self.assertNotIn("Bruno Boulanger", own.text)
        ids = f"{self.sub_a.id},{self.sub_b.id}"
        both = self.url_open(
            f"/report/html/cae_associate.report_associate_register/{ids}"
        )
        self.assertNotIn("Bruno Boulanger", both.text)
        own_xlsx = self.url_open(
            f"/report/xlsx/cae_associate.associate_register_xlsx/{self.sub_a.id}"
        )
        self.assertEqual(own_xlsx.status_code, 200)
        self.assertIn(b"Anne Artisan", self._unzipped(own_xlsx.content))
        other_xlsx = self.url_open(
            f"/report/xlsx/cae_associate.associate_register_xlsx/{self.sub_b.id}"
        )
        self.assertNotIn(b"Bruno", self._unzipped(other_xlsx.content))

    @staticmethod
    def _unzipped(content):
        """The XML of an XLSX file (its strings are in the zip's members);
        anything else as it came."""
        if content[:2] != b"PK":
            return content
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())

    def test_support_reads_and_writes_nothing(self):
        for call in self.both("support", SUB, "search_read", [], ["partner_id"]):
            self.assertEqual(len(call()), 3)
        self._refused_both(
            "support", SUB, "write", self.sub_a.ids, {"monthly_amount": 1.0}
        )
        self._refused_both("support", SUB, "action_subscribe", self.draft_a.ids)
        self._refused_both(
            "support",
            "cae.associate.payment",
            "create",
            [{"subscription_id": self.sub_a.id, "amount": 10.0}],
        )
        self._unchanged()

    def test_admin_bad_input_in_french(self):
        message = self.assertRefused(
            self.xmlrpc,
            "gestion",
            "cae.associate.redemption",
            "create",
            [{"subscription_id": self.sub_a.id, "share_count": 5}],
            context=dict(FR),
        )
        self.assertIn("détient 4 parts", message)
        message = self.assertRefused(
            self.xmlrpc,
            "gestion",
            "cae.associate.payment",
            "create",
            [{"subscription_id": self.sub_b.id, "amount": 40.0}],
            context=dict(FR),
        )
        self.assertIn("dépasse le solde dû", message)
        message = self.assertRefused(
            self.xmlrpc,
            "gestion",
            SUB,
            "create",
            [{"partner_id": self.partner_a.id, "share_count": 0}],
            context=dict(FR),
        )
        self.assertIn("au moins une part", message)
        self._unchanged()
        # the admin team keeps the register: a valid payment goes through
        self.xmlrpc(
            "gestion",
            "cae.associate.payment",
            "create",
            [{"subscription_id": self.sub_a.id, "amount": 10.0}],
        )
        self.env.invalidate_all()
        self.assertEqual(self.sub_a.amount_paid, 10.0)

    def test_admin_keeps_the_register_each_reads_her_own(self):
        """Acceptance 5 through both endpoints: the admin team subscribes,
        validates, is paid and redeems; each entrepreneur then reads the
        entries of her own shares only (subscriptions, payments,
        redemptions)."""
        new = self.jsonrpc(
            "gestion",
            SUB,
            "create",
            [
                {
                    "partner_id": self.partner_b.id,
                    "share_count": 1,
                    "payment_mode": "once",
                    "date": "2025-06-01",
                }
            ],
        )
        new_id = new[0] if isinstance(new, list) else new
        self.xmlrpc("gestion", SUB, "action_subscribe", [new_id])
        self.jsonrpc(
            "gestion",
            "cae.associate.payment",
            "create",
            [{"subscription_id": new_id, "amount": 25.0}],
        )
        self.xmlrpc(
            "gestion",
            "cae.associate.redemption",
            "create",
            [{"subscription_id": self.sub_b.id, "share_count": 2}],
        )
        self.jsonrpc("gestion", SUB, "write", [new_id], {"monthly_amount": 5.0})
        self.env.invalidate_all()
        new = self.env[SUB].browse(new_id)
        self.assertEqual((new.is_validated, new.state), (True, "paid"))
        self.assertEqual(self.sub_b.state, "redeemed")
        # what was paid on the redeemed shares is refunded
        self.assertEqual(self.sub_b.redemption_ids.amount, 20.0)
        for call in self.both("ent_b", SUB, "search_read", [], ["partner_id"]):
            self.assertEqual({r["id"] for r in call()}, {self.sub_b.id, new_id})
        for call in self.both(
            "ent_b", "cae.associate.payment", "search_read", [], ["amount"]
        ):
            self.assertEqual(sorted(r["amount"] for r in call()), [20.0, 25.0])
        for call in self.both(
            "ent_b", "cae.associate.redemption", "search_read", [], ["amount"]
        ):
            self.assertEqual([r["amount"] for r in call()], [20.0])
        for model in (SUB, "cae.associate.payment", "cae.associate.redemption"):
            for call in self.both(
                "ent_a",
                model,
                "search_read",
                [("partner_id", "=", self.partner_b.id)],
                ["id"],
            ):
                self.assertEqual(call(), [])
        # and no one but the admin team writes it: the support team neither
        self._refused_both(
            "support",
            "cae.associate.redemption",
            "create",
            [{"subscription_id": self.sub_a.id, "share_count": 1}],
        )
        self._refused_both(
            "ent_a",
            "cae.associate.redemption",
            "create",
            [{"subscription_id": self.sub_a.id, "share_count": 1}],
        )
        self.env.invalidate_all()
        self.assertFalse(self.sub_a.redemption_ids)

    def _pdf_text(self, user, report, ids):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang="fr_FR")
            ._render_qweb_pdf(report, ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # pypdf separates the words by tabs and new lines
        return " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf)).pages
        )

    def test_register_and_certificate_pdf(self):
        """The register and the certificate as real PDFs (wkhtmltopdf): the
        admin team prints the register, the associate her certificate."""
        action = self.jsonrpc(
            "gestion",
            SUB,
            "action_print_register",
            [],
            context={"discard_logo_check": True},
        )
        self.assertEqual(
            action["report_name"], "cae_associate.report_associate_register"
        )
        text = self._pdf_text(
            self.user_admin,
            "cae_associate.report_associate_register",
            action["context"]["active_ids"],
        )
        self.assertIn("Registre des associés", text)
        self.assertIn("Anne Artisan", text)
        self.assertIn("Bruno Boulanger", text)
        text = self._pdf_text(
            self.user_a,
            "cae_associate.report_subscription_certificate",
            self.sub_a.ids,
        )
        self.assertIn("Attestation de souscription de parts sociales", text)
        self.assertIn("Anne Artisan", text)
        self.assertIn("100,00", text)
