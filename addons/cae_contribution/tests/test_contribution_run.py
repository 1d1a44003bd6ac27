from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ContributionCommon


@tagged("post_install", "-at_install")
class TestContributionRun(ContributionCommon):
    """The record of each monthly run: its trail, its lines and entries, who
    reads it and that it stays."""

    def test_run_record(self):
        self._margin(self.activity_a, 10000, "2025-01-10")
        self._margin(self.activity_b, 20000, "2025-01-12")
        wizard = (
            self.env["cae.contribution.run.wizard"]
            .with_user(self.user_admin)
            .create({"date_to": "2025-01-31"})
        )
        action = wizard.action_run()
        run = wizard.run_id
        self.assertEqual(action["domain"], [("run_id", "=", run.id)])
        self.assertEqual(run.state, "done")
        self.assertEqual(run.user_id, self.user_admin)
        self.assertEqual(str(run.date_to), "2025-01-31")
        self.assertEqual(str(run.date_from), "2025-01-01")
        self.assertTrue(run.date_done)
        self.assertEqual(run.company_id, self.company)
        lines = run.line_ids
        self.assertEqual(lines.activity_id, self.activity_a | self.activity_b)
        self.assertEqual(lines.run_id, run)
        self.assertAlmostEqual(
            lines.filtered(lambda l: l.activity_id == self.activity_a).amount, 1150.0
        )
        self.assertEqual(run.move_ids, lines.move_id)
        # both activities in one entry (the company's 250 activities an entry)
        self.assertEqual(run.move_count, 1)
        self.assertEqual(run.activity_count, 2)
        self.assertAlmostEqual(run.amount_total, 1150.0 + 2300.0)
        self.assertEqual(
            self.env["cae.contribution.line"].search(run.action_view_lines()["domain"]),
            lines,
        )
        self.assertEqual(
            self.env["account.move"].search(run.action_view_moves()["domain"]),
            lines.move_id,
        )

    def test_rerun_levies_the_differences(self):
        self._margin(self.activity_a, 10000, "2025-01-10")
        self._margin(self.activity_b, 20000, "2025-01-12")
        first = self._run("2025-01-31").run_id
        self._margin(self.activity_a, 2000, "2025-01-20")
        second = self._run("2025-01-31").run_id
        self.assertNotEqual(first, second)
        self.assertEqual(second.state, "done")
        # only activity A changed: one line, one entry, of the difference
        self.assertEqual(second.line_ids.activity_id, self.activity_a)
        self.assertAlmostEqual(second.line_ids.amount, 230.0)
        self.assertEqual(second.move_count, 1)
        self.assertEqual(first.activity_count, 2)
        # nothing changed: a run with no line, kept as the trail
        third = self.env["cae.contribution.run"]._cae_run(self.company, second.date_to)
        self.assertFalse(third)
        runs = self.env["cae.contribution.run"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(runs), 3)
        self.assertFalse(runs[0].line_ids)

    def test_done_run_is_not_deleted(self):
        self._margin(self.activity_a, 10000, "2025-01-10")
        run = self._run("2025-01-31").run_id
        with self.assertRaises(UserError):
            run.with_user(self.user_admin).unlink()
        with self.assertRaises(UserError):
            run.unlink()
        with self.assertRaises(UserError):
            run.with_user(self.user_admin).write({"date_to": "2025-02-28"})
        run.with_user(self.user_admin).action_archive()
        self.assertFalse(run.active)
        self.assertTrue(run.exists())
        with self.assertRaises(UserError):
            run.action_execute()
        # a draft run that levied nothing may be cancelled, then deleted
        draft = self.env["cae.contribution.run"].create({"date_to": "2025-02-28"})
        draft.with_user(self.user_admin).action_cancel()
        self.assertEqual(draft.state, "cancelled")
        draft.with_user(self.user_admin).unlink()
        self.assertFalse(draft.exists())

    def test_access_per_role(self):
        self._margin(self.activity_a, 10000, "2025-01-10")
        Run = self.env["cae.contribution.run"]
        run = self._run("2025-01-31").run_id
        # admin: creates, executes, writes
        admin_run = Run.with_user(self.user_admin).create({"date_to": "2025-02-28"})
        admin_run.action_execute()
        self.assertEqual(admin_run.state, "done")
        self.assertEqual(admin_run.user_id, self.user_admin)
        # support: reads the runs and their lines, changes nothing
        support = Run.with_user(self.user_support)
        self.assertEqual(support.search([]), run | admin_run)
        self.assertTrue(support.browse(run.id).line_ids)
        self.assertEqual(support.browse(run.id).amount_total, run.amount_total)
        with mute_logger("odoo.addons.base.models.ir_model"):
            with self.assertRaises(AccessError):
                support.create({"date_to": "2025-03-31"})
            with self.assertRaises(AccessError):
                support.browse(run.id).write({"active": False})
            with self.assertRaises(AccessError):
                support.browse(run.id).action_execute()
            with self.assertRaises(AccessError):
                self.env["cae.contribution.run.wizard"].with_user(
                    self.user_support
                ).create({})
        # entrepreneur: nothing, not even the run of her own lines
        entrepreneur = Run.with_user(self.user_a)
        with mute_logger("odoo.addons.base.models.ir_model"):
            with self.assertRaises(AccessError):
                entrepreneur.search([])
            with self.assertRaises(AccessError):
                entrepreneur.browse(run.id).read(["date_to"])
            with self.assertRaises(AccessError):
                entrepreneur.create({"date_to": "2025-03-31"})
        own = self.env["cae.contribution.line"].with_user(self.user_a).search([])
        self.assertEqual(own.activity_id, self.activity_a)
        self.assertNotIn("run_id", own.fields_get())

    def test_scale_for_one_mapping(self):
        training = self._activity("FOR", "training")
        skills = self._activity("BIL", "skills_assessment")
        Scale = self.env["cae.contribution.scale"]
        scale_of = Scale._cae_scales_for(self.activity_a | training | skills)
        self.assertEqual(scale_of[self.activity_a], self.standard)
        self.assertEqual(scale_of[training], self.training_scale)
        self.assertEqual(scale_of[skills], self.standard)
        self.assertEqual(Scale._cae_scale_for(training), self.training_scale)
        self.assertFalse(Scale._cae_scale_for(self.env["cae.activity"]))
