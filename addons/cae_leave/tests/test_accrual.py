import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.cae_leave.hooks import post_init_hook

from .common import CaeLeaveCommon


@tagged("post_install", "-at_install")
class TestAccrual(CaeLeaveCommon):
    def test_calendar_year_accrual_and_july_export(self):
        """Acceptance 1: a CESA started on 2026-03-01 accrues 2.5 days at
        the end of each month: 25 days on 2026-12-31 (calendar year); a
        5-day request approved in July is July's leave in the pay
        variables."""
        self.company.cae_leave_reference_period = "calendar"
        self.assertEqual(self.company.cae_leave_plan_id.carryover_month, "jan")
        contract = self._cesa(self.partner_a, "2026-03-01")
        allocation = self._allocation(contract)
        self.assertEqual(allocation.state, "validate")
        self.assertEqual(allocation.employee_id, self.employee_a)
        self.assertEqual(allocation.allocation_type, "accrual")
        self.assertEqual(allocation.number_of_days, 0)
        self._accrue_until("2026-03-31")
        self.assertAlmostEqual(allocation.number_of_days, 2.5)
        self._accrue_until("2026-07-01")
        self.assertAlmostEqual(allocation.number_of_days, 10.0)
        with freeze_time("2026-07-01"):
            leave = self._request(self.user_a, "2026-07-06", "2026-07-10")
            self.assertEqual(leave.number_of_days, 5)
            leave.with_user(self.user_admin).action_approve()
        self.assertEqual(leave.state, "validate")
        self._accrue_until("2026-12-31")
        self.assertAlmostEqual(allocation.number_of_days, 25.0)
        # her balance: 25 accrued, 5 taken
        self.assertAlmostEqual(allocation.leaves_taken, 5.0)
        with freeze_time("2026-08-05"):
            export = (
                self.env["cae.payroll.export"]
                .with_user(self.user_admin)
                ._cae_generate("2026-07-01", self.company)
            )
        line = export.line_ids.filtered(lambda l: l.partner_id == self.partner_a)
        self.assertEqual(line.leave_days, 5)
        # the file the payroll provider receives: the CSV and the XLSX
        header = export._cae_header()
        column = header.index("Leave (days)")
        rows = base64.b64decode(export.csv_file).decode("utf-8-sig").splitlines()
        self.assertEqual(rows[0].split(";")[column], "Leave (days)")
        row_a = next(row for row in rows if row.startswith("PAY-A")).split(";")
        self.assertEqual(row_a[column], "5,0")
        content, _kind = self.env["ir.actions.report"]._render(
            "cae_payroll.cae_payroll_export_xlsx", export.ids
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(2)}
        self.assertEqual(cells["PAY-A"][column], 5)
        with freeze_time("2026-09-05"):
            august = self.env["cae.payroll.export"]._cae_generate(
                "2026-08-01", self.company
            )
        self.assertEqual(
            august.line_ids.filtered(
                lambda l: l.partner_id == self.partner_a
            ).leave_days,
            0,
        )

    def test_june_reference_period(self):
        """The default reference period runs from June to May: carry-over on
        June 1st, the same 2.5 days a month."""
        self.assertEqual(self.company.cae_leave_reference_period, "june")
        plan = self.company.cae_leave_plan_id
        self.assertEqual(
            (plan.carryover_date, plan.carryover_day, plan.carryover_month),
            ("other", 1, "jun"),
        )
        self.assertEqual(plan.time_off_type_id, self.leave_type)
        contract = self._cesa(self.partner_a, "2026-03-01")
        self._accrue_until("2026-12-31")
        self.assertAlmostEqual(self._allocation(contract).number_of_days, 25.0)
        self.company.cae_leave_reference_period = "calendar"
        self.assertEqual(plan.carryover_month, "jan")

    def test_yearly_cap_per_reference_period(self):
        """30 working days at most over a reference period."""
        level = self.company.cae_leave_plan_id.level_ids
        self.assertTrue(level.cap_accrued_time_yearly)
        self.assertEqual(level.maximum_leave_yearly, 30)
        self.assertEqual(level.added_value, 2.5)
        self.assertEqual(level.frequency, "monthly")
        contract = self._cesa(self.partner_a, "2026-06-01")
        self._accrue_until("2027-05-31")
        self.assertAlmostEqual(self._allocation(contract).number_of_days, 30.0)

    def test_mid_month_start_is_prorated(self):
        contract = self._cesa(self.partner_a, "2026-03-16")
        self._accrue_until("2026-04-30")
        self.assertAlmostEqual(
            self._allocation(contract).number_of_days, 2.5 * 16 / 31 + 2.5, places=2
        )

    def test_end_of_cesa_closes_the_allocation(self):
        contract = self._cesa(self.partner_a, "2026-03-01")
        allocation = self._allocation(contract)
        with freeze_time("2026-05-15"):
            contract.action_end()
        self.assertEqual(allocation.date_to.isoformat(), "2026-05-15")
        self.assertTrue(allocation.cae_closed)
        self.assertAlmostEqual(allocation.number_of_days, 5 + 2.5 * 15 / 31, places=2)
        # nothing more accrues after the end
        self._accrue_until("2026-08-31")
        self.assertAlmostEqual(allocation.number_of_days, 5 + 2.5 * 15 / 31, places=2)

    def test_cesa_started_in_the_past_accrues_from_its_start(self):
        with freeze_time("2026-06-10"):
            contract = self._contract(
                self.partner_a, "cesa", "2026-01-01", activity_id=self.activity_a.id
            )
        self.assertAlmostEqual(self._allocation(contract).number_of_days, 12.5)

    def test_running_cesas_at_install(self):
        """The CESAs running before the addon was installed get their
        allocation, accrued from their start; running the hook again creates
        nothing more."""
        contract = self._cesa(self.partner_a, "2026-01-01")
        # as before the installation: the CESA has no allocation
        self.env.cr.execute(
            "DELETE FROM hr_leave_allocation WHERE cae_contract_id = %s",
            [contract.id],
        )
        self.env.invalidate_all()
        with freeze_time("2026-04-02"):
            post_init_hook(self.env)
            post_init_hook(self.env)
        allocation = self._allocation(contract)
        self.assertEqual(len(allocation), 1)
        self.assertAlmostEqual(allocation.number_of_days, 7.5)

    def test_cape_gets_no_allocation(self):
        with freeze_time("2026-03-01"):
            cape = self._contract(self.partner_c, "cape", "2026-03-01", "2026-08-31")
        self.assertFalse(self._allocation(cape))
        self.assertFalse(
            self.Allocation.search([("employee_id", "=", self.employee_c.id)])
        )

    def test_allocation_is_kept(self):
        allocation = self._allocation(self._cesa(self.partner_a, "2026-03-01"))
        with self.assertRaises(UserError):
            allocation.unlink()
