import base64
import csv
import io
from contextlib import contextmanager

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.cae_payroll.tests.common import PayrollCommon


@tagged("post_install", "-at_install")
class TestSupportTime(PayrollCommon):
    """Internal support time: recorded and submitted by the entrepreneur,
    approved by the admin team at the rate of its kind or the company's, paid
    once through the pay variables of its month."""

    @contextmanager
    def _raises(self, exception, pattern):
        """assertRaises (its savepoint: nothing written) and the message."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_support_time_rate = 20.0
        Kind = cls.env["cae.support.time.kind"]
        cls.kind_sponsoring = Kind.create(
            {"name": "Parrainage", "is_sponsoring": True, "company_id": cls.company.id}
        )
        cls.kind_committee = Kind.create(
            {"name": "Comité", "hourly_rate": 30.0, "company_id": cls.company.id}
        )
        cls.partner_b.with_user(cls.user_support).cae_sponsor_id = cls.partner_a

    def _time(self, hours=2.0, date="2025-03-10", kind=None, user=None, **vals):
        user = user or self.user_a
        return (
            self.env["cae.support.time"]
            .with_user(user)
            .create(
                {
                    "activity_id": (
                        self.activity_a if user == self.user_a else self.activity_b
                    ).id,
                    "date": date,
                    "hours": hours,
                    "kind_id": (kind or self.kind_sponsoring).id,
                    "description": "Point mensuel avec mon filleul",
                    **vals,
                }
            )
        )

    def _approved(self, *args, **kwargs):
        entry = self._time(*args, **kwargs)
        entry.action_submit()
        entry.with_user(self.user_admin).action_approve()
        return entry

    def _line(self, export, partner):
        return export.line_ids.filtered(lambda line: line.partner_id == partner)

    def test_rate_of_the_kind_or_the_company(self):
        entry = self._time(hours=2.5, sponsee_id=self.partner_b.id)
        self.assertEqual(entry.partner_id, self.partner_a)
        self.assertEqual(entry.hourly_rate, 20.0)
        self.assertEqual(entry.amount, 50.0)
        committee = self._time(hours=1.0, kind=self.kind_committee)
        self.assertEqual(committee.amount, 30.0)

    def test_workflow(self):
        entry = self._time()
        entry.action_submit()
        self.assertEqual(entry.state, "submitted")
        # submitted: no more hers to change
        with self.assertRaises(UserError):
            entry.with_user(self.user_a).write({"hours": 3.0})
        entry.with_user(self.user_admin).action_approve()
        self.assertEqual(entry.state, "approved")
        self.assertEqual(entry.approved_by_id, self.user_admin)
        with self._raises(UserError, "already approved|déjà approuvé"):
            entry.with_user(self.user_admin).action_approve()
        with self.assertRaises(UserError):
            entry.with_user(self.user_admin).unlink()

    def test_entrepreneur_cannot_approve_nor_set_the_rate(self):
        entry = self._time()
        entry.action_submit()
        with self.assertRaises(AccessError):
            entry.with_user(self.user_a).action_approve()
        draft = self._time(date="2025-03-11")
        for vals in ({"hourly_rate": 500.0}, {"amount": 9999.0}, {"state": "approved"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                draft.with_user(self.user_a).write(vals)
        with self.assertRaises(AccessError):
            self._time(date="2025-03-12", hourly_rate=500.0)
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(draft.hourly_rate, 20.0)

    def test_bad_hours(self):
        for hours in (-1.0, 0.0, 25.0):
            with self.subTest(hours=hours), self.assertRaises(ValidationError):
                self._time(hours=hours)
        self._time(hours=20.0)
        with self._raises(ValidationError, "24"):
            self._time(hours=5.0)
        self.assertEqual(
            self.env["cae.support.time"]
            .search([("partner_id", "=", self.partner_a.id)])
            .mapped("hours"),
            [20.0],
        )

    def test_sponsee_must_be_hers(self):
        with self.assertRaises(ValidationError):
            self._time(user=self.user_b, sponsee_id=self.partner_a.id)

    def test_entrepreneur_sees_only_her_own(self):
        mine = self._time()
        theirs = self._time(user=self.user_b, kind=self.kind_committee)
        self.assertEqual(
            self.env["cae.support.time"].with_user(self.user_a).search([]), mine
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).read(["hours"])
        with self.assertRaises(AccessError):
            self._time(partner_id=self.partner_b.id, activity_id=self.activity_b.id)

    def test_paid_once_through_the_pay_variables(self):
        march = self._approved(hours=3.0)
        draft = self._time(hours=1.0, date="2025-03-11")
        april_entry = self._approved(hours=1.0, date="2025-04-02")
        export = self._export("2025-03-01")
        line_a = self._line(export, self.partner_a)
        self.assertEqual(line_a.cae_support_time_amount, 60.0)
        self.assertEqual(march.payroll_export_line_id, line_a)
        self.assertFalse(draft.payroll_export_line_id)
        self.assertFalse(april_entry.payroll_export_line_id)
        # the CSV and the XLSX carry the column
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(export.csv_file).decode("utf-8-sig")),
                delimiter=";",
            )
        )
        column = rows[0].index("Internal support")
        row_a = next(row for row in rows if row[0] == "PAY-A")
        self.assertEqual(row_a[column], "60,00")
        self.assertEqual(len(row_a), len(rows[0]))
        content, _kind = self.env["ir.actions.report"]._render(
            "cae_payroll.cae_payroll_export_xlsx", export.ids
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        values = [cell.value for cell in next(sheet.iter_rows(min_row=1, max_row=1))]
        self.assertEqual(values[column], "Internal support")
        amounts = [r[column].value for r in sheet.iter_rows(min_row=2)]
        self.assertIn(60.0, amounts)
        # the month again: the same entry, not paid twice
        again = self._export("2025-03-01", confirm_again=True)
        self.assertEqual(
            self._line(again, self.partner_a).cae_support_time_amount, 60.0
        )
        april = self._export("2025-04-01")
        self.assertEqual(
            self._line(april, self.partner_a).cae_support_time_amount, 20.0
        )
        self.assertEqual(march.payroll_export_id.month, export.month)
        # paid: never again in another month, never changed
        with self._raises(UserError, "paid once|payé une fois"):
            march.with_user(self.user_admin).write(
                {"payroll_export_line_id": self._line(april, self.partner_a).id}
            )
        with self.assertRaises(UserError):
            march.with_user(self.user_admin).write({"hours": 10.0})
        with self.assertRaises(UserError):
            march.with_user(self.user_admin).action_reset_draft()

    def test_approved_late_goes_to_next_export(self):
        self._export("2025-03-01")
        late = self._approved(hours=2.0, date="2025-03-25")
        self.assertFalse(late.payroll_export_line_id)
        april = self._export("2025-04-01")
        self.assertEqual(
            self._line(april, self.partner_a).cae_support_time_amount, 40.0
        )
