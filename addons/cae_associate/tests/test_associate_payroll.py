import base64
import csv
import io
import re
from datetime import date

import openpyxl
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AssociateCommon


@tagged("post_install", "-at_install")
class TestAssociatePayroll(AssociateCommon):
    def _line(self, export, partner):
        return export.line_ids.filtered(lambda line: line.partner_id == partner)[:1]

    def test_acceptance_four_shares_by_monthly_deduction(self):
        """Acceptance 1: 4 shares of 25 EUR paid by 10 EUR a month: 100 EUR
        subscribed, 10 EUR paid after the first export, the associate date;
        at exit, after the remaining payments, 100 EUR refunded."""
        subscription = self._subscribe(
            self.partner_a, 4, payment_mode="payroll", monthly_amount=10.0
        )
        self.assertEqual(subscription.amount, 100.0)
        self.assertEqual(subscription.state, "subscribed")
        self.assertEqual(self.partner_a.cae_associate_date, date(2025, 2, 15))
        self.assertEqual(self.partner_a.cae_status, "associate")

        export = self._export("2025-03-01")
        self.assertEqual(self._line(export, self.partner_a).share_deduction, 10.0)
        self.assertEqual(self._line(export, self.partner_b).share_deduction, 0.0)
        payment = subscription.payment_ids
        self.assertEqual(payment.amount, 10.0)
        self.assertEqual(payment.origin, "payroll")
        self.assertEqual(payment.payroll_export_id, export)
        self.assertEqual(payment.date, date(2025, 3, 31))
        self.assertEqual(subscription.amount_paid, 10.0)
        self.assertEqual(subscription.amount_due, 90.0)
        html = self._register_html(subscription)
        # the register's row of the associate: her associate date, 4 shares
        # subscribed and held, 100 subscribed, 10 paid, 0 refunded, 90 due
        self.assertEqual(
            self._register_rows(html, "cae_register_associates"),
            [
                [
                    "Anne Artisan",
                    "02/15/2025",
                    "4",
                    "0",
                    "4",
                    "100.00",
                    "10.00",
                    "0.00",
                    "90.00",
                ]
            ],
        )
        self.assertEqual(
            self._register_rows(html, "cae_register_movements"),
            [
                ["02/15/2025", "Anne Artisan", "Subscription", "4", "100.00"]
                + ["Monthly payroll deduction"],
                ["03/31/2025", "Anne Artisan", "Payment", "0", "10.00"]
                + ["Payroll deduction 2025-03"],
            ],
        )

        for months in range(1, 10):
            self._export(date(2025, 3, 1) + relativedelta(months=months))
        self.assertEqual(len(subscription.payment_ids), 10)
        self.assertEqual(subscription.amount_paid, 100.0)
        self.assertEqual(subscription.amount_due, 0.0)
        self.assertEqual(subscription.state, "paid")
        # paid up: nothing deducted any more
        january = self._export("2026-01-01")
        self.assertEqual(self._line(january, self.partner_a).share_deduction, 0.0)
        self.assertFalse(january.share_payment_ids)

        # her exit: the admin team redeems every share she holds on that date
        self.partner_a.with_user(self.user_admin).cae_exit_date = "2026-01-31"
        self.partner_a.with_user(self.user_admin).action_cae_redeem_at_exit()
        redemption = subscription.redemption_ids
        self.assertEqual(redemption.share_count, 4)
        self.assertEqual(redemption.date, date(2026, 1, 31))
        self.assertEqual(redemption.amount, 100.0)
        self.assertEqual(subscription.state, "redeemed")
        self.assertEqual(subscription.shares_held, 0)
        self.assertEqual(subscription.amount_refunded, 100.0)
        html = self._register_html(subscription)
        self.assertEqual(
            self._register_rows(html, "cae_register_associates"),
            [
                [
                    "Anne Artisan",
                    "02/15/2025",
                    "4",
                    "4",
                    "0",
                    "100.00",
                    "100.00",
                    "100.00",
                    "0.00",
                ]
            ],
        )
        self.assertEqual(
            self._register_rows(html, "cae_register_movements")[-1],
            ["01/31/2026", "Anne Artisan", "Redemption", "-4", "-100.00"]
            + ["Exit of the cooperative"],
        )
        # redeemed: no more deduction
        february = self._export("2026-02-01")
        self.assertEqual(self._line(february, self.partner_a).share_deduction, 0.0)

    @staticmethod
    def _register_rows(html, table_class):
        """The body rows of a table of the register, cell texts with the
        amounts' currency sign and spaces left out."""
        tree = etree.fromstring(html, etree.HTMLParser())
        rows = []
        for row in tree.iterfind(
            f".//table[@class='table table-sm {table_class}']/tbody/tr"
        ):
            cells = []
            for cell in row.iterfind("td"):
                text = "".join(cell.itertext()).strip()
                if re.search(r"[€$]", text):
                    # a monetary amount: its figures and sign only
                    text = re.sub(r"[^\d.,-]", "", text.replace("\u2212", "-"))
                cells.append(text)
            rows.append(cells)
        return rows

    def _register_html(self, subscriptions):
        return (
            self.env["ir.actions.report"]
            .with_user(self.user_admin)
            ._render_qweb_html(
                "cae_associate.cae_associate_register_report", subscriptions.ids
            )[0]
            .decode()
        )

    def test_export_generated_again_pays_once(self):
        subscription = self._subscribe(self.partner_a, 4)
        first = self._export("2025-03-01")
        second = self._export("2025-03-01", confirm_again=True)
        self.assertNotEqual(first, second)
        self.assertEqual(self._line(second, self.partner_a).share_deduction, 10.0)
        self.assertEqual(len(subscription.payment_ids), 1)
        self.assertEqual(subscription.payment_ids.payroll_export_id, first)
        self.assertEqual(subscription.amount_paid, 10.0)

    def test_deduction_capped_at_the_balance_due(self):
        subscription = self._subscribe(self.partner_a, 4)
        self._pay(subscription, 95.0)
        export = self._export("2025-03-01")
        self.assertEqual(self._line(export, self.partner_a).share_deduction, 5.0)
        self.assertEqual(subscription.amount_due, 0.0)
        self.assertEqual(subscription.state, "paid")

    def test_no_deduction_for_a_payment_at_once_or_a_draft(self):
        self._subscribe(self.partner_a, 4, payment_mode="once")
        self._subscribe(self.partner_b, 2, validate=False)
        export = self._export("2025-03-01")
        self.assertFalse(any(export.line_ids.mapped("share_deduction")))
        self.assertFalse(export.share_payment_ids)

    def test_no_deduction_before_the_subscription(self):
        subscription = self._subscribe(self.partner_a, 4, date="2025-04-02")
        export = self._export("2025-03-01")
        self.assertEqual(self._line(export, self.partner_a).share_deduction, 0.0)
        self.assertFalse(subscription.payment_ids)

    def test_two_subscriptions_add_up_on_one_line(self):
        first = self._subscribe(self.partner_a, 4)
        second = self._subscribe(self.partner_a, 1, monthly_amount=5.0)
        export = self._export("2025-03-01")
        self.assertEqual(self._line(export, self.partner_a).share_deduction, 15.0)
        self.assertEqual(first.amount_paid, 10.0)
        self.assertEqual(second.amount_paid, 5.0)
        # the associate date is the first subscription's
        self.assertEqual(self.partner_a.cae_associate_date, date(2025, 2, 15))

    def test_csv_and_xlsx_carry_the_column(self):
        self._subscribe(self.partner_a, 4)
        export = self._export("2025-03-01")
        raw = export.with_context(bin_size=False).csv_file
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(raw).decode("utf-8-sig")), delimiter=";"
            )
        )
        # other addons (meal vouchers, support time) may add columns too
        column = rows[0].index("Share deduction")
        row_a = next(row for row in rows if row[0] == "PAY-A")
        self.assertEqual(row_a[column], "10,00")
        self.assertEqual(len(row_a), len(rows[0]))
        content, kind = self.env["ir.actions.report"]._render(
            "cae_payroll.cae_payroll_export_xlsx", export.ids
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[1]]
        column = header.index("Share deduction")
        values = {r[0].value: r[column].value for r in sheet.iter_rows(2)}
        self.assertEqual(values["PAY-A"], 10.0)
        self.assertEqual(values["PAY-B"], 0.0)

    def test_export_kept_with_its_payments(self):
        """Exports are evidence in the suite (never deleted): the payments
        they recorded stay with them."""
        subscription = self._subscribe(self.partner_a, 4)
        export = self._export("2025-03-01")
        with self.assertRaises(UserError):
            export.with_user(self.user_admin).unlink()
        self.assertTrue(export.exists())
        self.assertEqual(subscription.amount_paid, 10.0)
        with self.assertRaises(UserError):
            subscription.payment_ids.with_user(self.user_admin).unlink()
        with self.assertRaises(UserError):
            subscription.payment_ids.with_user(self.user_admin).write({"amount": 1.0})
        self.assertEqual(subscription.amount_paid, 10.0)
