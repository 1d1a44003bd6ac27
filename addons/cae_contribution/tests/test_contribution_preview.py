from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ContributionCommon


@tagged("post_install", "-at_install")
class TestContributionPreview(ContributionCommon):
    """The admin team sees the amount of each activity before the run posts
    it, and the run posts exactly what was previewed."""

    def _wizard(self, date_to="2025-01-31"):
        return (
            self.env["cae.contribution.run.wizard"]
            .with_user(self.user_admin)
            .create({"date_to": date_to})
        )

    def test_preview_then_post(self):
        self._margin(self.activity_a, 10000, "2025-01-10")
        self._margin(self.activity_b, 20000, "2025-01-12")
        Line = self.env["cae.contribution.line"]
        wizard = self._wizard()
        action = wizard.action_preview()
        # the wizard stays open on its preview; nothing is levied yet
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(action["target"], "new")
        self.assertEqual(wizard.state, "preview")
        self.assertFalse(self.env["cae.contribution.run"].search([]))
        self.assertFalse(Line.search([]))
        preview = {line.activity_id: line for line in wizard.line_ids}
        self.assertEqual(set(preview), {self.activity_a, self.activity_b})
        self.assertAlmostEqual(preview[self.activity_a].base_ytd, 10000.0)
        self.assertAlmostEqual(preview[self.activity_a].amount, 1150.0)
        self.assertAlmostEqual(preview[self.activity_b].base_ytd, 20000.0)
        self.assertAlmostEqual(preview[self.activity_b].amount, 2300.0)
        self.assertEqual(preview[self.activity_a].scale_id, self.standard)
        self.assertAlmostEqual(wizard.amount_total, 3450.0)

        action = wizard.action_post()
        run = wizard.run_id
        self.assertEqual(action["domain"], [("run_id", "=", run.id)])
        self.assertEqual(run.state, "done")
        self.assertEqual(run.user_id, self.user_admin)
        levied = {line.activity_id: line for line in run.line_ids}
        for activity, line in preview.items():
            self.assertAlmostEqual(levied[activity].amount, line.amount)
            self.assertAlmostEqual(levied[activity].base_ytd, line.base_ytd)
            self.assertEqual(levied[activity].move_id.state, "posted")
        self.assertAlmostEqual(run.amount_total, wizard.amount_total)

    def test_stale_preview_posts_nothing(self):
        """An invoice posted after the preview changes the figures: nothing
        is levied, the admin previews again."""
        self._margin(self.activity_a, 10000, "2025-01-10")
        wizard = self._wizard()
        wizard.action_preview()
        self._margin(self.activity_a, 2000, "2025-01-20")
        with self.assertRaisesRegex(UserError, "Preview it again"):
            wizard.action_post()
        self.assertFalse(self.env["cae.contribution.line"].search([]))
        wizard.action_preview()
        a_line = wizard.line_ids.filtered(lambda l: l.activity_id == self.activity_a)
        self.assertAlmostEqual(a_line.amount, 1380.0)
        wizard.action_post()
        self.assertAlmostEqual(sum(wizard.run_id.line_ids.mapped("amount")), 1380.0)

    def test_preview_after_another_run(self):
        """Another run between the preview and the posting: the preview
        would levy twice, nothing is posted."""
        self._margin(self.activity_a, 10000, "2025-01-10")
        wizard = self._wizard()
        wizard.action_preview()
        levied = self._run("2025-01-31")
        with self.assertRaises(UserError):
            wizard.action_post()
        self.assertEqual(self.env["cae.contribution.line"].search([]), levied)

    def test_back_and_locked_period(self):
        self._margin(self.activity_a, 10000, "2025-01-10")
        wizard = self._wizard()
        wizard.action_preview()
        wizard.action_back()
        self.assertEqual(wizard.state, "choose")
        self.assertFalse(wizard.line_ids)
        self.company.fiscalyear_lock_date = "2025-01-31"
        with self.assertRaisesRegex(UserError, "locked"):
            wizard.action_preview()

    def test_only_the_admin_team_previews(self):
        with mute_logger("odoo.addons.base.models.ir_model"):
            for user in (self.user_support, self.user_a):
                with self.assertRaises(AccessError):
                    self.env["cae.contribution.run.wizard"].with_user(user).create({})
                with self.assertRaises(AccessError):
                    self.env["cae.contribution.run.wizard.line"].with_user(user).search(
                        []
                    )
