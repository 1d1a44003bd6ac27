from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CaeJourneyCommon


@tagged("post_install", "-at_install")
class TestJourney(CaeJourneyCommon):
    def _cesa(self, partner, start, **vals):
        contract = self.env["cae.contract"].create(
            {
                "partner_id": partner.id,
                "contract_type": "cesa",
                "date_start": start,
                "company_id": self.company.id,
                **vals,
            }
        )
        return contract

    def test_associate_deadline_and_trial(self):
        """Acceptance 1: CAPE then CESA on 2024-07-01: deadline 2027-01-01, 2 months."""
        self._contract(self.partner_a, "cape", "2024-01-01", "2024-06-30")
        cesa = self._cesa(self.partner_a, "2024-07-01")
        self.assertEqual(cesa.associate_deadline, date(2027, 1, 1))
        self.assertEqual((cesa.trial_max_months, cesa.trial_max_days), (2, 0))
        self.assertEqual((cesa.prior_months, cesa.prior_days), (6, 0))
        cesa.trial_date_end = "2024-08-31"
        with (
            self.assertRaisesRegex(ValidationError, "trial period"),
            self.cr.savepoint(),
        ):
            cesa.trial_date_end = "2024-09-01"
        cesa.with_context(cae_history=True).action_start()
        self.assertEqual(self.partner_a.cae_associate_deadline, date(2027, 1, 1))

    def test_deadline_counts_months_and_days(self):
        # 15/01 → 14/04 is exactly 3 months, not 90 days
        self._contract(self.partner_b, "cape", "2024-01-15", "2024-04-14")
        cesa = self._cesa(self.partner_b, "2024-04-15")
        self.assertEqual(cesa.associate_deadline, date(2027, 1, 15))
        self.assertEqual((cesa.trial_max_months, cesa.trial_max_days), (5, 0))

    def test_cape_legal_caps(self):
        """Acceptance 2: a 13-month period or a third renewal is refused."""
        # renewing continues the journey: the base workshops come first
        self._attend(self.partner_a, self.type_base)
        with (
            self.assertRaisesRegex(ValidationError, "12 months at most"),
            self.cr.savepoint(),
        ):
            self._contract(self.partner_a, "cape", "2024-01-01", "2025-01-31")
        cape = self._contract(self.partner_a, "cape", "2024-01-01", "2024-12-31")
        Renewal = self.env["cae.contract.renewal"]
        with (
            self.assertRaisesRegex(ValidationError, "12 months at most"),
            self.cr.savepoint(),
        ):
            Renewal.create({"contract_id": cape.id, "date_end": "2026-01-31"})
        Renewal.create({"contract_id": cape.id, "date_end": "2025-06-30"})
        Renewal.create({"contract_id": cape.id, "date_end": "2025-12-31"})
        self.assertEqual(cape.date_end, date(2025, 12, 31))
        self.assertEqual(cape.initial_date_end, date(2024, 12, 31))
        with (
            self.assertRaisesRegex(ValidationError, "renewable twice"),
            self.cr.savepoint(),
        ):
            Renewal.create({"contract_id": cape.id, "date_end": "2026-03-31"})
        self.assertEqual(cape.renewal_count, 2)

    def test_cesa_print_needs_every_clause(self):
        """Acceptance 3: an empty contribution clause is named."""
        cesa = self._cesa(
            self.partner_a,
            "2024-07-01",
            clause_objectives="CA de 30 000 € par an",
            clause_support="Deux entretiens par an",
            clause_pay="Part fixe 1 200 €, variable selon la marge",
            clause_statutes="Statuts du 12 mars 2015",
            clause_rights="La clientèle reste à l'entrepreneur·e",
        )
        with self.assertRaisesRegex(UserError, "how the contribution is computed"):
            cesa.action_print_cesa()
        with self.assertRaisesRegex(UserError, "how the contribution is computed"):
            self.env["ir.actions.report"]._render_qweb_html(
                "cae_parcours.cae_contract_cesa_report", cesa.ids
            )
        cesa.clause_contribution = "11,5 % de la marge brute jusqu'à 30 000 €"
        # the report (or, on a fresh company, the document layout wizard first)
        self.assertIn(
            cesa.action_print_cesa()["type"],
            ("ir.actions.report", "ir.actions.act_window"),
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("cae_parcours.cae_contract_cesa_report", cesa.ids)[0]
            .decode()
        )
        self.assertIn("11,5 % de la marge brute", html)

    def test_status_at_past_dates(self):
        """Acceptance 6."""
        self._contract(self.partner_a, "cape", "2024-01-01", "2024-06-30")
        self._cesa(self.partner_a, "2024-07-01").with_context(
            cae_history=True
        ).action_start()
        self.assertEqual(self.partner_a._cae_status_at(date(2024, 3, 1)), "cape")
        self.assertEqual(self.partner_a._cae_status_at(date(2024, 9, 1)), "cesa")
        self.assertEqual(self.partner_a._cae_status_at(date(2023, 9, 1)), "candidate")

    def test_exit_and_re_entry(self):
        self._contract(self.partner_b, "cape", "2023-01-01", "2023-06-30")
        self.env["cae.member.exit"].create(
            {
                "partner_id": self.partner_b.id,
                "date": "2023-06-30",
                "exit_type": "end_of_test",
            }
        )
        self.assertEqual(self.partner_b.cae_exit_date, date(2023, 6, 30))
        self.assertEqual(self.partner_b._cae_status_at(date(2023, 9, 1)), "exited")
        self._contract(self.partner_b, "cape", "2024-01-01", "2024-12-31")
        self.assertEqual(self.partner_b._cae_status_at(date(2024, 2, 1)), "cape")
        self.assertEqual(self.partner_b._cae_status_at(date(2023, 3, 1)), "cape")
        # after the re-entry CAPE: candidate again, not exited
        self.assertEqual(self.partner_b._cae_status_at(date(2025, 2, 1)), "candidate")
        self._current_cape(self.partner_b)
        self.assertEqual(self.partner_b.cae_status, "cape")
        self.assertEqual(self.partner_b.cae_exit_type, "end_of_test")

    @freeze_time("2026-11-10")
    def test_alerts(self):
        cape = self._contract(self.partner_a, "cape", "2026-06-01", "2026-11-30")
        self._contract(self.partner_b, "cape", "2024-01-01", "2024-06-30")
        cesa = self._cesa(self.partner_b, "2024-07-01")
        cesa.with_context(cae_history=True).action_start()
        self.assertEqual(cesa.associate_deadline, date(2027, 1, 1))
        self.env["cae.contract"]._cron_journey_alerts()
        summaries = self.env["mail.activity"].search([]).mapped("summary")
        self.assertIn("CAPE ending within 30 days", summaries)
        self.assertIn("Associate deadline within 3 months", summaries)
        self.assertIn("Fewer than 2 individual interviews this year", summaries)
        cape_alerts = self.env["mail.activity"].search(
            [("res_model", "=", "cae.contract"), ("res_id", "=", cape.id)]
        )
        self.assertEqual(len(cape_alerts), 1)
        # running the cron again creates no duplicate
        self.assertEqual(self.env["cae.contract"]._cron_journey_alerts(), 0)

    @freeze_time("2026-11-10")
    def test_alerts_reach_a_person_in_their_language(self):
        """Issue 18: without a support advisor, the to-do goes to the support
        team's responsible (not OdooBot), in her language."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_parcours"], ["fr_FR"], overwrite=True
        )
        self.user_support.lang = "fr_FR"
        self.company.cae_support_responsible_id = self.user_support
        self.partner_a.cae_support_user_id = False
        cape = self._contract(self.partner_a, "cape", "2026-06-01", "2026-11-30")
        self.env["cae.contract"]._cron_journey_alerts()
        alert = self.env["mail.activity"].search(
            [("res_model", "=", "cae.contract"), ("res_id", "=", cape.id)]
        )
        self.assertEqual(alert.user_id, self.user_support)
        self.assertEqual(alert.summary, "CAPE se terminant dans moins de 30 jours")
        self.assertNotEqual(alert.user_id, self.env.ref("base.user_root"))

    def test_submission_goes_to_the_support_advisor(self):
        """Issue 18: the entrepreneur's support advisor receives the to-do of
        her submission, before the support team's responsible."""
        self.company.cae_default_validation_threshold = 100.0
        self.company.cae_support_responsible_id = self.user_admin
        self.partner_a.cae_support_user_id = self.user_support
        invoice = self._invoice(
            self.activity_a, self.customer_a, 500.0, user=self.user_a
        )
        invoice.with_user(self.user_a).action_cae_submit()
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", invoice.id)]
        )
        self.assertEqual(todo.user_id, self.user_support)
