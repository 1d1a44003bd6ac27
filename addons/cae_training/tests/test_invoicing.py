from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingInvoicing(CaeTrainingCommon):
    def _invoice_of(self, result):
        return self.env["account.move"].browse(result["res_id"])

    def test_action_has_eight_trainee_half_days(self):
        action = self._action()
        self.assertEqual(len(action.slot_ids), 4)
        self.assertEqual(action.slot_ids.mapped("hours"), [3.5] * 4)
        self.assertEqual(action.hours, 14.0)
        self.assertEqual(len(action.attendance_ids), 8)
        # the attendance takes its times from the half-day (Paris time in UTC)
        first = action.slot_ids[0]
        self.assertEqual(str(first.date_start), "2025-03-10 08:00:00")
        attendance = self._attendance(action, self.trainee_1, first)
        self.assertEqual(attendance.date_start, first.date_start)
        self.assertEqual(attendance.date_end, first.date_end)

    @freeze_time("2025-03-20")
    def test_final_invoice_refused_until_every_half_day_is_proven(self):
        """Acceptance 1: a missing status is named with its half-day and trainee."""
        action = self._action(agreement_date_signed="2025-03-01")
        missing_slot = action.slot_ids[2]
        missing = self._attendance(action, self.trainee_2, missing_slot)
        self._fill(action.attendance_ids - missing)
        invoice = self._invoice_of(action.action_create_final_invoice())
        self.assertEqual(invoice.cae_training_action_id, action)
        self.assertIn(invoice, action.invoice_ids)
        with self.assertRaises(UserError) as error:
            invoice.action_post()
        message = str(error.exception)
        self.assertIn(
            f"Half-day {missing_slot.display_name}, Marc Petit: no status", message
        )
        self.assertNotIn("Lucie Martin", message)
        self.assertEqual(message.count("Half-day"), 1)
        self.assertEqual(invoice.state, "draft")

        # absent is a status, but the trainer has not countersigned yet
        missing.state = "absent"
        with self.assertRaises(UserError) as error:
            invoice.action_post()
        self.assertIn("neither countersigned", str(error.exception))
        self.assertIn("Marc Petit", str(error.exception))

        missing.countersigned = True
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    @freeze_time("2025-03-20")
    def test_scanned_sheet_proves_a_half_day(self):
        action = self._action(agreement_date_signed="2025-03-01")
        self._fill(action.attendance_ids, countersigned=False)
        action.slot_ids.write(
            {"scanned_sheet": b"JVBERi0xLjQ=", "scanned_sheet_name": "x.pdf"}
        )
        invoice = self._invoice_of(action.action_create_final_invoice())
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    @freeze_time("2025-03-20")
    def test_final_invoice_needs_signed_convention(self):
        action = self._action()
        self._fill(action.attendance_ids)
        invoice = self._invoice_of(action.action_create_final_invoice())
        with self.assertRaises(UserError) as error:
            invoice.action_post()
        self.assertIn("training convention", str(error.exception))
        self.assertIn("is not signed", str(error.exception))
        action.agreement_date_signed = "2025-03-01"
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    @freeze_time("2025-03-01")
    def test_deposit_posts_before_the_start(self):
        """Acceptance 1: a 30 % deposit posts before the action starts.

        The 30 % cap is the individual contract's (L6353-6): the two trainees
        pay alone, signed a month before, past the withdrawal period."""
        action = self._action(funder="self", agreement_date_signed="2025-02-01")
        self.assertEqual(action.agreement_type, "contract")
        self.assertEqual(action.price_total, 1400.0)
        deposit = self._invoice_of(action.action_create_deposit_invoice())
        self.assertTrue(deposit.cae_training_deposit)
        self.assertAlmostEqual(deposit.amount_untaxed, 420.0)
        deposit.action_post()
        self.assertEqual(deposit.state, "posted")
        # nothing more can be asked as a deposit
        with self.assertRaises(UserError):
            action.action_create_deposit_invoice()
        extra = self._invoice(self.activity_t, self.customer_t, 10.0)
        extra.write({"cae_training_action_id": action.id, "cae_training_deposit": True})
        with self.assertRaises(UserError) as error:
            extra.action_post()
        self.assertIn("exceed 30 %", str(error.exception))
        # the final invoice deducts the deposit
        final = self._invoice_of(action.action_create_final_invoice())
        self.assertAlmostEqual(final.amount_untaxed, 980.0)

    def test_individual_contract_withdrawal_period(self):
        """A person paying alone: individual contract, nothing before the
        10-day withdrawal period ends, then at most 30 %."""
        with freeze_time("2025-02-01"):
            action = self._action(trainees=self.trainee_1, funder="self")
            self.assertEqual(action.agreement_type, "contract")
            deposit = self._invoice_of(action.action_create_deposit_invoice())
            with self.assertRaises(UserError) as error:
                deposit.action_post()
            self.assertIn("not signed", str(error.exception))
            action.agreement_date_signed = "2025-02-01"
            with self.assertRaises(UserError) as error:
                deposit.action_post()
            self.assertIn("withdrawal period", str(error.exception))
        with freeze_time("2025-02-12"):
            deposit.invoice_date = "2025-02-12"
            deposit.action_post()
            self.assertEqual(deposit.state, "posted")
            self.assertAlmostEqual(deposit.amount_untaxed, 210.0)

    def test_invoice_without_training_action_is_not_checked(self):
        invoice = self._invoice(self.activity_t, self.customer_t, 100.0)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    def test_nda_on_training_invoice(self):
        invoice = self._invoice(self.activity_t, self.customer_t, 100.0)
        self.assertIn("24 37 99999 37", invoice.cae_nda_mention)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", invoice.ids)[0]
            .decode()
        )
        self.assertIn("24 37 99999 37", html)
        self.assertIn("Centre-Val de Loire", html)
        other = self._invoice(self.activity_a, self.customer_a, 100.0)
        self.assertFalse(other.cae_nda_mention)

    def test_quotation_from_action(self):
        action = self._action(confirm=False)
        action.action_create_quotation()
        order = action.sale_order_id
        self.assertEqual(order.cae_activity_id, self.activity_t)
        self.assertAlmostEqual(order.amount_untaxed, 1400.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale.action_report_saleorder", order.ids)[0]
            .decode()
        )
        self.assertIn("24 37 99999 37", html)
