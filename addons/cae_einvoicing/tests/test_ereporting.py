from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import date_utils

from .common import EinvoicingCommon


@tagged("post_install", "-at_install")
class TestEreporting(EinvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        month = date_utils.start_of(
            fields.Date.today() - relativedelta(months=1), "month"
        )
        cls.month = month

        def customer(name, **vals):
            return cls.env["res.partner"].create(
                {
                    "name": name,
                    "cae_customer_activity_ids": [Command.link(cls.activity_a.id)],
                    **vals,
                }
            )

        france = cls.env.ref("base.fr")
        cls.consumer_1 = customer("Claire Particulière", country_id=france.id)
        cls.consumer_2 = customer("Denis Particulier", country_id=france.id)
        cls.foreign = customer(
            "Kunde GmbH",
            is_company=True,
            vat="DE123456788",
            country_id=cls.env.ref("base.de").id,
        )

        def posted(partner, lines, date):
            move = cls._invoice_lines(cls.activity_a, partner, lines, date=date)
            move.action_post()
            return move

        service, goods = cls.product_service, cls.product_goods
        cls.b2c_1 = posted(cls.consumer_1, [(service, 100.0)], month)
        cls.b2c_2 = posted(
            cls.consumer_2, [(goods, 50.0)], month + relativedelta(days=9)
        )
        cls.export = posted(
            cls.foreign, [(service, 300.0)], month + relativedelta(days=14)
        )
        # not in the report: a domestic company (e-invoiced), another month,
        # a draft
        cls.b2b = posted(cls.customer_a, [(service, 700.0)], month)
        cls.other_month = posted(
            cls.consumer_1, [(service, 40.0)], month + relativedelta(months=1)
        )
        cls.draft = cls._invoice_lines(
            cls.activity_a, cls.consumer_2, [(service, 20.0)], date=month
        )

    def test_payments_of_services_to_consumers(self):
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1
        )
        paid_on = self.month + relativedelta(days=20)
        for invoice in (self.b2c_1, self.b2b):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create(
                {"payment_date": paid_on, "journal_id": journal.id}
            )._create_payments()
        report = self.env["cae.ereporting"].create(
            {
                "company_id": self.company.id,
                "date_from": self.month,
                "date_to": date_utils.end_of(self.month, "month"),
            }
        )
        report.action_generate()
        payments = report.line_ids.filtered(lambda li: li.kind == "payment")
        # the consumer's payment is e-reported; the French company's goes to
        # the platform as the invoice's "cashed" status
        self.assertEqual(payments.move_id, self.b2c_1)
        self.assertAlmostEqual(payments.amount_total, 120.0)
        tree = etree.fromstring(report.file_id.raw)
        self.assertEqual(
            [
                (node.findtext("Date"), node.findtext("Amount"))
                for node in tree.findall("PaymentsReport/AggregatedPayments")
            ],
            [(paid_on.strftime("%Y%m%d"), "120.00")],
        )

    def test_month_with_two_b2c_and_one_export(self):
        report = self.env(user=self.user_admin)["cae.ereporting"].create(
            {
                "company_id": self.company.id,
                "date_from": self.month,
                "date_to": date_utils.end_of(self.month, "month"),
            }
        )
        report.action_generate()
        self.assertEqual(report.state, "done")
        transactions = report.line_ids.filtered(lambda li: li.kind != "payment")
        self.assertEqual(transactions.move_id, self.b2c_1 | self.b2c_2 | self.export)
        self.assertEqual(
            sorted(transactions.mapped("kind")), ["b2c", "b2c", "international"]
        )
        tree = etree.fromstring(report.file_id.raw)
        self.assertEqual(tree.get("flux"), "10")
        self.assertEqual(tree.findtext("Header/DeclarantSIREN"), self.siren)
        aggregates = tree.findall("TransactionsReport/AggregatedTransactions")
        self.assertEqual(
            sum(int(node.findtext("TransactionCount")) for node in aggregates), 2
        )
        self.assertEqual(
            sorted(node.findtext("Category") for node in aggregates), ["TLB1", "TPS1"]
        )
        self.assertAlmostEqual(
            sum(float(node.findtext("TaxableAmount")) for node in aggregates), 150.0
        )
        invoices = tree.findall("TransactionsReport/Invoice")
        self.assertEqual([node.findtext("ID") for node in invoices], [self.export.name])
        self.assertEqual(invoices[0].findtext("Buyer/CountryID"), "DE")
        self.assertEqual(invoices[0].findtext("TaxableAmount"), "300.00")
        self.assertFalse(report.line_ids.filtered(lambda li: li.kind == "payment"))
        content = report.file_id.raw.decode()
        for excluded in (self.b2b, self.other_month):
            self.assertNotIn(excluded.name, content)
