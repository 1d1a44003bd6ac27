from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import HealthCommon


@tagged("post_install", "-at_install")
class TestHealthVisit(HealthCommon):
    def test_hiring_visit_within_three_months_of_the_cesa(self):
        visit = self._visit(visit_type="hiring")
        self.assertEqual(visit.partner_id, self.partner_a)
        self.assertEqual(visit.activity_id, self.activity_a)
        self.assertEqual(visit.reference_date, self.cesa_start)
        self.assertEqual(visit.date_due, self.cesa_start + relativedelta(months=3))
        self.assertEqual(visit.state, "planned")

    def test_periodic_visit_five_years_or_two_when_reinforced(self):
        self.employee_a.cae_health_reinforced = True
        reinforced = self._visit()
        self.assertTrue(reinforced.reinforced)
        self.assertEqual(reinforced.date_due, self.cesa_start + relativedelta(years=2))
        standard = self._visit(self.employee_b)
        self.assertFalse(standard.reinforced)
        self.assertEqual(standard.date_due, self.cesa_start + relativedelta(years=5))

    def test_return_to_work_within_eight_days(self):
        back = self.today + relativedelta(days=3)
        visit = self._visit(visit_type="return", reference_date=back)
        self.assertEqual(visit.date_due, back + relativedelta(days=8))

    def test_rules_are_company_settings(self):
        rule = self.company.cae_health_rule_ids.filtered(
            lambda r: (
                r.employee_type == "employee"
                and r.visit_type == "hiring"
                and not r.reinforced
            )
        )
        self.assertEqual((rule.delay, rule.delay_unit), (3, "months"))
        rule.with_user(self.user_admin).write({"delay": 60, "delay_unit": "days"})
        visit = self._visit(visit_type="hiring")
        self.assertEqual(visit.date_due, self.cesa_start + relativedelta(days=60))
        # no rule for the type: the due date is entered by hand
        rule.with_user(self.user_admin).unlink()
        manual = self._visit(visit_type="hiring", date_due=self.today)
        self.assertEqual(manual.date_due, self.today)
        # the hook gives the missing default back, the changed ones are kept
        self.company._cae_health_ensure_rules()
        rules = self.company.cae_health_rule_ids
        self.assertEqual(len(rules), 32)

    def test_due_dates_per_employee_type(self):
        """Every salaried employee type has its rules; an apprentice
        (trainee) seen before taking the post once the admin team says so;
        contractors and freelancers (CAPE holders) have none."""
        types = set(self.company.cae_health_rule_ids.mapped("employee_type"))
        self.assertEqual(types, {"employee", "worker", "student", "trainee"})
        self.employee_b.employee_type = "trainee"
        self.company.cae_health_rule_ids.filtered(
            lambda r: r.employee_type == "trainee" and r.visit_type == "hiring"
        ).with_user(self.user_admin).write({"delay": 0, "delay_unit": "days"})
        trainee = self._visit(self.employee_b, visit_type="hiring")
        self.assertEqual(trainee.date_due, self.cesa_start)
        employee = self._visit(visit_type="hiring")
        self.assertEqual(employee.date_due, self.cesa_start + relativedelta(months=3))
        worker = self.env["hr.employee"].create(
            {
                "name": "Wanda Ouvrière",
                "company_id": self.company.id,
                "employee_type": "worker",
            }
        )
        periodic = self._visit(worker, reference_date=self.today)
        self.assertEqual(periodic.date_due, self.today + relativedelta(years=5))

    def test_done_visit_plans_the_next_periodic_one(self):
        visit = self._visit()
        done_on = self.today - relativedelta(days=1)
        visit.with_user(self.user_admin).write(
            {"date_done": done_on, "result": "follow_up", "notes": "RAS"}
        )
        visit.with_user(self.user_admin).action_done()
        self.assertEqual(visit.state, "done")
        following = self.env["cae.health.visit"].search(
            [("previous_visit_id", "=", visit.id)]
        )
        self.assertEqual(len(following), 1)
        self.assertEqual(following.visit_type, "periodic")
        self.assertEqual(following.state, "planned")
        self.assertEqual(following.activity_id, self.activity_a)
        self.assertEqual(following.date_due, done_on + relativedelta(years=5))
        # a hiring visit done plans the periodic follow-up too, once
        hiring = self._visit(self.employee_b, visit_type="hiring")
        hiring.with_user(self.user_admin).write({"date_done": self.today})
        hiring.with_user(self.user_admin).action_done()
        second = self.env["cae.health.visit"].search(
            [("employee_id", "=", self.employee_b.id), ("state", "=", "planned")]
        )
        self.assertEqual(len(second), 1)
        self.assertEqual(second.date_due, self.today + relativedelta(years=5))

    def test_done_visit_without_date_is_refused(self):
        visit = self._visit()
        with self.assertRaisesRegex(UserError, "date de la visite"):
            visit.with_user(self.user_admin).with_context(lang="fr_FR").action_done()
        with (
            self.assertRaisesRegex(ValidationError, "a besoin de sa date"),
            self.cr.savepoint(),
        ):
            visit.with_user(self.user_admin).with_context(lang="fr_FR").write(
                {"state": "done"}
            )
        self.env.invalidate_all()
        self.assertEqual(visit.state, "planned")
        self.assertFalse(
            self.env["cae.health.visit"].search([("previous_visit_id", "=", visit.id)])
        )

    def test_visit_for_someone_not_an_employee_is_refused(self):
        Visit = self.env["cae.health.visit"].with_user(self.user_admin)
        count = Visit.search_count([])
        cape_holder = self.env["hr.employee"].create(
            {
                "name": "Claire CAPE",
                "company_id": self.company.id,
                "employee_type": "freelance",
            }
        )
        with (
            self.assertRaisesRegex(ValidationError, "n'est pas salarié"),
            self.cr.savepoint(),
        ):
            Visit.with_context(lang="fr_FR").create({"employee_id": cape_holder.id})
        other_company = self.env["res.company"].create({"name": "Autre CAE"})
        outsider = self.env["hr.employee"].create(
            {"name": "Olivier Ailleurs", "company_id": other_company.id}
        )
        with self.assertRaises(UserError), self.cr.savepoint():
            Visit.create({"employee_id": outsider.id})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["cae.health.visit"].create(
                {"employee_id": outsider.id, "company_id": self.company.id}
            )
        self.env.invalidate_all()
        self.assertEqual(Visit.search_count([]), count)

    def test_visits_are_archived_never_deleted(self):
        visit = self._visit()
        visit.with_user(self.user_admin).action_cancel()
        self.assertEqual(visit.state, "cancelled")
        with self.assertRaises(UserError):
            visit.unlink()
        visit.with_user(self.user_admin).action_archive()
        self.assertFalse(visit.active)
        self.assertTrue(visit.exists())
        visit.with_user(self.user_admin).action_plan()
        self.assertEqual(visit.state, "planned")

    def test_cron_flags_overdue_visits(self):
        late = self._visit(visit_type="return", reference_date=self.today)
        late.date_due = self.today - relativedelta(days=1)
        future = self._visit(self.employee_b)
        self.env["cae.health.visit"]._cron_health_alerts()
        self.assertTrue(late.is_overdue)
        self.assertFalse(future.is_overdue)
        self.assertIn("overdue", late.message_ids[:1].body)
        # a new due date: no longer overdue until the cron says so
        late.date_due = self.today + relativedelta(days=5)
        self.assertFalse(late.is_overdue)
        late.write({"date_done": self.today})
        late.action_done()
        self.assertFalse(late.is_overdue)
        self.assertFalse(late.activity_ids)
