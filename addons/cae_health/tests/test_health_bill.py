"""Issue 21, acceptance 4: a periodic visit due in 30 days raises a to-do for
the admin team, and its vendor bill is charged to the activity."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HealthCommon


@tagged("post_install", "-at_install")
class TestHealthAlertAndBill(HealthCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin.lang = "fr_FR"
        # the last visit took place five years ago, less 30 days
        last = cls.today - relativedelta(years=5) + relativedelta(days=30)
        cls.visit = cls._visit(reference_date=last)

    def _todos(self, visit):
        return self.env["mail.activity"].search(
            [("res_model", "=", "cae.health.visit"), ("res_id", "=", visit.id)]
        )

    def test_periodic_visit_due_in_30_days_raises_a_todo(self):
        self.assertEqual(self.visit.date_due, self.today + relativedelta(days=30))
        later = self._visit(
            self.employee_b,
            reference_date=self.today - relativedelta(years=5, days=-31),
        )
        self.env["cae.health.visit"]._cron_health_alerts()
        todo = self._todos(self.visit)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.user_admin)
        self.assertEqual(
            todo.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(
            todo.summary, "Visite de santé au travail à organiser : Anne Artisan"
        )
        self.assertEqual(todo.date_deadline, self.visit.date_due)
        self.assertTrue(self.visit.alert_sent)
        self.assertFalse(self._todos(later), "due in 31 days: not yet")
        # once per visit
        self.env["cae.health.visit"]._cron_health_alerts()
        self.assertEqual(len(self._todos(self.visit)), 1)
        self.assertFalse(self.visit.is_overdue)

    def test_todo_goes_to_the_responsible_of_the_settings(self):
        self.company.cae_health_user_id = self.user_manager
        self.company.cae_health_alert_days = 10
        self.env["cae.health.visit"]._cron_health_alerts()
        self.assertFalse(self._todos(self.visit), "due in 30 days, alert at 10")
        self.company.cae_health_alert_days = 30
        self.env["cae.health.visit"]._cron_health_alerts()
        self.assertEqual(self._todos(self.visit).user_id, self.user_manager)

    def test_vendor_bill_is_charged_to_the_activity(self):
        visit_b = self._visit(self.employee_b)
        visits = (self.visit | visit_b).with_user(self.user_admin)
        visits.write({"date_done": self.today})
        visits.action_done()
        action = visits.action_create_bill()
        bills = self.env["account.move"].search(action["domain"])
        self.assertEqual(len(bills), 2, "one bill per activity")
        bill = bills.filtered(lambda m: m.cae_activity_id == self.activity_a)
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.partner_id, self.health_service)
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.cae_health_visit_ids, self.visit)
        self.assertEqual(self.visit.bill_ids, bill)
        bill.with_user(self.user_admin).action_post()
        self.assertEqual(bill.state, "posted")
        expense = bill.line_ids.filtered(lambda line: line.display_type == "product")
        self.assertEqual(expense.account_id, self.account_expense)
        self.assertEqual(expense.cae_activity_id, self.activity_a)
        analytic = self.activity_a.analytic_account_id
        self.assertEqual(expense.analytic_distribution, {str(analytic.id): 100})
        analytic_line = self.env["account.analytic.line"].search(
            [("move_line_id", "=", expense.id)]
        )
        self.assertEqual(analytic_line[analytic.plan_id._column_name()], analytic)
        self.assertAlmostEqual(analytic_line.amount, -95.0)
        # billed once
        with self.assertRaisesRegex(UserError, "déjà une facture"):
            self.visit.with_user(self.user_admin).with_context(
                lang="fr_FR"
            ).action_create_bill()

    def test_bill_needs_the_health_service_settings(self):
        self.company.cae_health_vendor_id = False
        with self.assertRaisesRegex(UserError, "service de santé au travail"):
            self.visit.with_user(self.user_admin).with_context(
                lang="fr_FR"
            ).action_create_bill()
        self.assertFalse(self.visit.bill_ids)
