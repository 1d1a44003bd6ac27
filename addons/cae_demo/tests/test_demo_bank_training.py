"""Last month's bank lines and the year's training income, on a database
WITH demo data (tagged ``cae_demo``, like ``test_demo``)."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import date_utils


@tagged("cae_demo", "post_install", "-at_install", "-standard")
class TestDemoBankTraining(TransactionCase):
    def test_last_month_bank_lines(self):
        """About twenty bank lines of last month in the CAE's bank journal,
        none with an activity yet; the customers' ones pay demo invoices."""
        company = self.env.ref("base.main_company")
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        last_month = fields.Date.today() - relativedelta(months=1)
        lines = self.env["account.bank.statement.line"].search(
            [
                ("journal_id", "=", journal.id),
                ("date", ">=", date_utils.start_of(last_month, "month")),
                ("date", "<=", date_utils.end_of(last_month, "month")),
            ]
        )
        demo_lines = lines.filtered(
            lambda line: line.get_external_id()[line.id].startswith("cae_demo.")
        )
        self.assertGreaterEqual(len(demo_lines), 18)
        self.assertFalse(demo_lines.cae_activity_id)
        self.assertFalse(any(demo_lines.mapped("is_reconciled")))
        self.assertTrue(all(demo_lines.mapped("amount")))
        self.assertTrue(any(line.amount > 0 for line in demo_lines))
        self.assertTrue(any(line.amount < 0 for line in demo_lines))
        invoice = self.env.ref("cae_demo.invoice_photo_1_demo")
        payment = self.env.ref("cae_demo.bank_line_photo_1_demo")
        self.assertIn(invoice.name, payment.payment_ref)
        self.assertEqual(payment.partner_id, invoice.partner_id)
        self.assertAlmostEqual(payment.amount, invoice.amount_total)
        # the admin team's list of the lines to assign holds them
        action = self.env.ref("cae_bank.account_bank_statement_line_action_cae")
        self.assertIn("search_default_cae_without_activity", action.context)
        without = self.env["account.bank.statement.line"].search(
            [("cae_activity_id", "=", False)]
        )
        self.assertFalse(demo_lines - without)

    def test_bpf_counts_the_training_income(self):
        """The history's training invoices are on their sessions: the BPF of
        the year of last month counts their income, not only the charges."""
        company = self.env.ref("base.main_company")
        for xmlid in ("action_tableur_history_1_demo", "action_bilan_history_demo"):
            action = self.env.ref(f"cae_demo.{xmlid}")
            self.assertEqual(action.state, "done")
            self.assertTrue(action.invoice_ids)
        year = (fields.Date.today() - relativedelta(months=1)).year
        Bpf = self.env["cae.training.bpf"].with_company(company)
        bpf = Bpf.search(
            [("company_id", "=", company.id), ("year", "=", year)]
        ) or Bpf.create({"company_id": company.id, "year": year})
        bpf.action_compute()
        self.assertGreater(bpf.income_total, 0.0)
        charges = bpf.line_ids.filtered(lambda line: line.code == "D-1")
        self.assertGreater(charges.amount, 0.0)
        # the income of the year is that of the training invoices of the year
        invoices = self.env["account.move"].search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "posted"),
                ("cae_training_action_id", "!=", False),
                ("invoice_date", ">=", bpf.date_from),
                ("invoice_date", "<=", bpf.date_to),
            ]
        )
        self.assertAlmostEqual(
            bpf.income_total, sum(invoices.mapped("amount_untaxed_signed")), places=0
        )
