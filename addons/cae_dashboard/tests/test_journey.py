from odoo.tests import tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestJourneyKanban(CaeTestCommon):
    """The candidates' journey: a kanban grouped by the stored member status,
    every stage shown."""

    def test_every_stage_is_a_column(self):
        action = self.env.ref("cae_dashboard.res_partner_action_cae_journey")
        self.assertTrue(self.env["res.partner"]._fields["cae_status"].store)
        self._current_cape(self.partner_a)
        Partner = self.env["res.partner"].with_user(self.user_support)
        domain = [("is_cae_member", "=", True), ("id", "in", self.partner_a.ids)]
        groups = Partner.with_context(cae_journey_kanban=True).read_group(
            domain, ["cae_status"], ["cae_status"]
        )
        self.assertEqual(
            [g["cae_status"] for g in groups],
            ["candidate", "cape", "cesa", "associate", "exited"],
        )
        self.assertEqual(
            {g["cae_status"]: g["cae_status_count"] for g in groups}["cape"], 1
        )
        # elsewhere only the stages that have members
        groups = Partner.read_group(domain, ["cae_status"], ["cae_status"])
        self.assertEqual([g["cae_status"] for g in groups], ["cape"])
        self.assertEqual(
            self.env["ir.ui.view"].browse(action.view_ids.view_id.id).type, "kanban"
        )
