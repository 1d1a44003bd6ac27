import base64

from odoo.tests import common as odoo_common
from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon

# queue_job 18.0.4.x's test helpers register themselves in a mapping that
# Odoo 18.0 builds before mid-2025 lack
if not hasattr(odoo_common, "SETATTR_SOURCES"):
    odoo_common.SETATTR_SOURCES = {}
from odoo.addons.queue_job.tests.common import trap_jobs

from .test_migration import ACTIVITIES, MEMBERS, OPENING, PARTNERS


@tagged("post_install", "-at_install")
class TestMigrationJob(CaeTestCommon):
    """Above the threshold of lines the import runs as a background job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("cae_migration.background_lines", "5")

    def setUp(self):
        super().setUp()
        # the job writes its progress through a cursor of its own: in test
        # mode that cursor is the test's
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)

    def _wizard(self, **files):
        vals = {"company_id": self.company.id, "opening_date": OPENING}
        for kind, text in files.items():
            vals[f"{kind}_file"] = base64.b64encode(text.encode())
            vals[f"{kind}_filename"] = f"{kind}.csv"
        return self.env["cae.migration.import"].with_user(self.user_admin).create(vals)

    def test_below_the_threshold_no_job(self):
        wizard = self._wizard(activities=ACTIVITIES, members=MEMBERS)
        self.env["ir.config_parameter"].set_param(
            "cae_migration.background_lines", "100"
        )
        with trap_jobs() as trap:
            wizard.action_import()
            trap.assert_jobs_count(0)
        self.assertEqual(wizard.state, "done", wizard.report)

    def test_job_imports_everything(self):
        wizard = self._wizard(activities=ACTIVITIES, members=MEMBERS, partners=PARTNERS)
        with trap_jobs() as trap:
            wizard.action_import()
            trap.assert_jobs_count(1, only=wizard._cae_job_run)
            trap.assert_enqueued_job(wizard._cae_job_run, args=(True,))
            # nothing is imported in the request
            self.assertEqual(wizard.state, "queued")
            self.assertEqual(wizard.line_count, 9)
            self.assertEqual(wizard.progress, 0.0)
            self.assertFalse(self.env["cae.activity"].search([("code", "=", "MIG1")]))
            trap.perform_enqueued_jobs()
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual(wizard.progress, 100.0)
        self.assertEqual(wizard.progress_ids.done, 9)
        self.assertEqual(
            len(self.env["cae.activity"].search([("code", "=like", "MIG%")])), 4
        )
        # the per-line report, as a CSV file
        report = wizard.report_file_id
        self.assertEqual(report.mimetype, "text/csv")
        text = base64.b64decode(report.datas).decode("utf-8-sig")
        self.assertEqual(len(text.strip().splitlines()), 1 + 9)
        self.assertIn(";2;A-1;created;", text)
        self.assertEqual(
            wizard.action_download_report()["url"],
            f"/web/content/{report.id}?download=true",
        )
        # the admin is notified, the report attached
        message = wizard.message_ids.filtered(
            lambda m: self.user_admin.partner_id in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn("Activities: 4 created", message.body)
        self.assertEqual(message.attachment_ids, report)

    def test_job_with_errors_writes_nothing(self):
        members = MEMBERS.replace("M-3;Sophie Migrée;;;MIG4", "M-3;Sophie;;;NOPE")
        wizard = self._wizard(activities=ACTIVITIES, members=members)
        with trap_jobs() as trap:
            wizard.action_dry_run()
            trap.assert_enqueued_job(wizard._cae_job_run, args=(False,))
            trap.perform_enqueued_jobs()
        self.assertEqual(wizard.state, "checked")
        self.assertEqual(wizard.error_count, 1, wizard.report)
        self.assertIn("line 4: unknown activity code NOPE", wizard.report)
        self.assertFalse(self.env["cae.activity"].search([("code", "=", "MIG1")]))
        text = base64.b64decode(wizard.report_file_id.datas).decode("utf-8-sig")
        self.assertIn(";4;M-3;error;line 4: unknown activity code NOPE", text)
        self.assertIn(";2;A-1;correct (not written);", text)
        message = wizard.message_ids.filtered(
            lambda m: self.user_admin.partner_id in m.partner_ids
        )
        self.assertIn("nothing written", message.subject)
