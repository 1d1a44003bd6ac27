import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AssociateCommon

FR = {"lang": "fr_FR"}


@tagged("post_install", "-at_install")
class TestAssociateRegister(AssociateCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["cae_associate"], ["fr_FR"], overwrite=True
        )

    def test_defaults_from_the_company(self):
        subscription = self._subscribe(self.partner_a, 3, validate=False)
        self.assertEqual(subscription.share_value, 25.0)
        self.assertEqual(subscription.monthly_amount, 10.0)
        self.assertEqual(subscription.amount, 75.0)
        self.assertEqual(subscription.state, "draft")
        self.assertFalse(self.partner_a.cae_associate_date)

    def test_first_validation_makes_an_associate(self):
        subscription = self._subscribe(self.partner_a, 4, validate=False)
        subscription.action_subscribe()
        self.assertTrue(subscription.is_validated)
        self.assertEqual(self.partner_a.cae_associate_date, date(2025, 2, 15))
        with self.assertRaises(UserError):
            subscription.action_subscribe()
        # a later subscription keeps the date
        self._subscribe(self.partner_a, 2, date="2025-09-01")
        self.assertEqual(self.partner_a.cae_associate_date, date(2025, 2, 15))

    def test_new_subscription_after_full_redemption_sets_a_new_date(self):
        first = self._subscribe(self.partner_a, 1, payment_mode="once")
        self._pay(first, 25.0)
        self._redeem(first, 1, "2025-06-30")
        self._subscribe(self.partner_a, 2, date="2026-03-01")
        self.assertEqual(self.partner_a.cae_associate_date, date(2026, 3, 1))

    def test_associate_date_comes_from_the_register(self):
        self._subscribe(self.partner_a, 4)
        partner = self.partner_a.with_user(self.user_admin).with_context(**FR)
        with self.assertRaises(ValidationError) as caught:
            partner.write({"cae_associate_date": "2024-01-01"})
        self.assertIn("registre des associés", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(self.partner_a.cae_associate_date, date(2025, 2, 15))

    def test_entrepreneur_cannot_validate(self):
        subscription = self._subscribe(self.partner_a, 4, validate=False)
        with self.assertRaises(AccessError):
            subscription.with_user(self.user_a).action_subscribe()
        self.assertFalse(subscription.is_validated)
        self.assertFalse(self.partner_a.cae_associate_date)

    def test_bad_share_counts_are_refused(self):
        Subscription = self.Subscription.with_context(**FR)
        for shares in (0, -2):
            with self.assertRaisesRegex(ValidationError, "au moins une part"):
                Subscription.create(
                    {"partner_id": self.partner_a.id, "share_count": shares}
                )
        self.assertFalse(self.Subscription.search([]))
        subscription = self._subscribe(self.partner_a, 2, validate=False)
        with self.assertRaisesRegex(ValidationError, "au moins une part"):
            subscription.with_context(**FR).write({"share_count": 0})
        self.assertEqual(subscription.share_count, 2)

    def test_validated_subscription_is_locked(self):
        subscription = self._subscribe(self.partner_a, 4)
        with self.assertRaisesRegex(UserError, "ne changent plus"):
            subscription.with_context(**FR).write({"share_count": 8})
        with self.assertRaisesRegex(UserError, "ne peut pas être supprimée"):
            subscription.with_context(**FR).unlink()
        self.assertEqual(subscription.share_count, 4)
        draft = self._subscribe(self.partner_b, 1, validate=False)
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_payment_beyond_the_balance_is_refused(self):
        subscription = self._subscribe(self.partner_a, 4)
        self._pay(subscription, 60.0)
        Payment = self.env["cae.associate.payment"].with_user(self.user_admin)
        with self.assertRaisesRegex(ValidationError, "dépasse le solde dû"):
            Payment.with_context(**FR).create(
                {"subscription_id": subscription.id, "amount": 50.0}
            )
        with self.assertRaisesRegex(ValidationError, "dépasse le solde dû"):
            Payment.with_context(**FR).create(
                [
                    {"subscription_id": subscription.id, "amount": 30.0},
                    {"subscription_id": subscription.id, "amount": 30.0},
                ]
            )
        for amount in (0.0, -5.0):
            with self.assertRaisesRegex(ValidationError, "montant positif"):
                Payment.with_context(**FR).create(
                    {"subscription_id": subscription.id, "amount": amount}
                )
        self.assertEqual(len(subscription.payment_ids), 1)
        self.assertEqual(subscription.amount_paid, 60.0)

    def test_no_payment_on_a_draft(self):
        subscription = self._subscribe(self.partner_a, 4, validate=False)
        with self.assertRaisesRegex(ValidationError, "ouverte aux versements"):
            self.env["cae.associate.payment"].with_user(self.user_admin).with_context(
                **FR
            ).create({"subscription_id": subscription.id, "amount": 10.0})
        self.assertFalse(subscription.payment_ids)

    def test_redeem_beyond_the_shares_held_is_refused(self):
        subscription = self._subscribe(self.partner_a, 4, payment_mode="once")
        self._pay(subscription, 100.0)
        self._redeem(subscription, 1, "2025-12-31")
        Redemption = self.env["cae.associate.redemption"].with_user(self.user_admin)
        with self.assertRaisesRegex(ValidationError, "détient 3 parts"):
            Redemption.with_context(**FR).create(
                {"subscription_id": subscription.id, "share_count": 4}
            )
        for shares in (0, -1):
            with self.assertRaisesRegex(ValidationError, "au moins une part"):
                Redemption.with_context(**FR).create(
                    {"subscription_id": subscription.id, "share_count": shares}
                )
        wizard = (
            self.env["cae.associate.redeem"]
            .with_user(self.user_admin)
            .with_context(**FR)
            .create({"subscription_id": subscription.id, "share_count": 5})
        )
        with self.assertRaisesRegex(ValidationError, "détient 3 parts"):
            wizard.action_redeem()
        self.assertEqual(len(subscription.redemption_ids), 1)
        self.assertEqual(subscription.shares_held, 3)
        self.assertEqual(subscription.amount_refunded, 25.0)
        self.assertEqual(subscription.state, "paid")

    def test_redeem_at_exit(self):
        """At her exit, every share still held is redeemed on the exit date;
        without an exit date, or with nothing left, a French error and
        nothing written; an entrepreneur cannot."""
        first = self._subscribe(self.partner_a, 4, payment_mode="once")
        self._pay(first, 100.0)
        second = self._subscribe(self.partner_a, 2, date="2025-06-01")
        self._pay(second, 30.0)
        self._redeem(first, 1, "2025-12-31")
        partner = self.partner_a.with_user(self.user_admin).with_context(**FR)
        with self.assertRaisesRegex(UserError, "date de sortie"):
            partner.action_cae_redeem_at_exit()
        self.assertEqual(len(first.redemption_ids | second.redemption_ids), 1)
        partner.cae_exit_date = "2026-03-31"
        with self.assertRaises(AccessError):
            self.partner_a.with_user(self.user_a).action_cae_redeem_at_exit()
        partner.action_cae_redeem_at_exit()
        self.assertEqual((first.state, second.state), ("redeemed", "redeemed"))
        exit_first = first.redemption_ids[-1]
        self.assertEqual((exit_first.share_count, exit_first.amount), (3, 75.0))
        self.assertEqual(
            (second.redemption_ids.share_count, second.redemption_ids.amount),
            (2, 30.0),
        )
        self.assertEqual(second.redemption_ids.date, date(2026, 3, 31))
        self.assertEqual(second.redemption_ids.reason, "Sortie de la coopérative")
        with self.assertRaisesRegex(UserError, "ne détient aucune part"):
            partner.action_cae_redeem_at_exit()

    def test_refund_is_limited_to_what_was_paid(self):
        """The rule: shares x nominal value, at most what was paid and not
        refunded yet (a share not paid up is cancelled, not refunded)."""
        subscription = self._subscribe(self.partner_a, 4)
        self._pay(subscription, 60.0)
        redemption = self._redeem(subscription, 4)
        self.assertEqual(redemption.amount, 60.0)
        self.assertEqual(subscription.amount_due, 0.0)
        self.assertEqual(subscription.state, "redeemed")
        with self.assertRaisesRegex(UserError, "ne changent plus"):
            redemption.with_context(**FR).write({"amount": 100.0})
        with self.assertRaises(UserError):
            redemption.unlink()

    def test_partial_redemption_keeps_the_balance(self):
        subscription = self._subscribe(self.partner_a, 4)
        self._pay(subscription, 60.0)
        self.assertEqual(self._redeem(subscription, 1).amount, 25.0)
        self.assertEqual(subscription.shares_held, 3)
        self.assertEqual(subscription.amount_due, 40.0)
        self.assertEqual(subscription.state, "subscribed")

    def test_certificate_in_french_with_the_cae_identity(self):
        self.partner_a.lang = "fr_FR"
        subscription = self._subscribe(self.partner_a, 4)
        self._pay(subscription, 30.0)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_a)
            ._render_qweb_html(
                "cae_associate.cae_associate_certificate_report", subscription.ids
            )[0]
            .decode()
        )
        for text in (
            "Attestation de souscription de parts sociales",
            "Coopérative Test",
            "SCOP SA à capital variable",
            "12345678900017",
            "capital social",
            "Anne Artisan",
            "15/02/2025",
            "Retenue mensuelle sur salaire",
        ):
            self.assertIn(text, html)
        self.assertRegex(html, r"100,00(</span>)?\s*€")
        self.assertRegex(html, r"70,00(</span>)?\s*€")

    def test_register_xlsx(self):
        subscription = self._subscribe(self.partner_a, 4)
        self._pay(subscription, 30.0, "2025-03-05")
        self._subscribe(self.partner_b, 2, payment_mode="once", date="2025-05-01")
        action = self.Subscription.action_export_register_xlsx()
        self.assertEqual(action["report_name"], "cae_associate.associate_register_xlsx")
        content, kind = self.env["ir.actions.report"]._render(
            "cae_associate.cae_associate_register_xlsx",
            self.Subscription.search([]).ids,
        )
        self.assertEqual(kind, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        associates, movements = book.worksheets
        rows = {r[0]: r for r in associates.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(rows["Anne Artisan"][2:9], (4, 0, 4, 100, 30, 0, 70))
        self.assertEqual(rows["Bruno Boulanger"][4], 2)
        moves = list(movements.iter_rows(min_row=2, values_only=True))
        self.assertEqual(
            [(m[1], m[2], m[3], m[4]) for m in moves],
            [
                ("Anne Artisan", "Subscription", 4, 100),
                ("Anne Artisan", "Payment", 0, 30),
                ("Bruno Boulanger", "Subscription", 2, 50),
            ],
        )
        self.assertEqual(moves[0][0].date(), date(2025, 2, 15))

    def test_register_pdf_action(self):
        self._subscribe(self.partner_a, 4)
        self._subscribe(self.partner_b, 2, validate=False)
        action = self.Subscription.action_print_register()
        self.assertEqual(
            action["report_name"], "cae_associate.report_associate_register"
        )
        self.assertEqual(len(action["context"]["active_ids"]), 1, "drafts are out")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_admin)
            .with_context(**FR)
            ._render_qweb_html(
                "cae_associate.cae_associate_register_report",
                self.Subscription.search([]).ids,
            )[0]
            .decode()
        )
        self.assertIn("Registre des associés", html)
        self.assertIn("Anne Artisan", html)
        self.assertNotIn("Bruno Boulanger", html)
        self.assertIn("12345678900017", html)
