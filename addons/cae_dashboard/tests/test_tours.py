from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DashboardCommon


@tagged("post_install", "-at_install")
class TestDashboardTours(DashboardCommon, HttpCase):
    """Real browsers: each role's home."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_c = new_test_user(
            cls.env,
            login="ent_c",
            name="Chloé Trois",
            groups="base.group_user,cae_member.cae_member_group_entrepreneur",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        partner_c = cls.user_c.partner_id
        partner_c.is_cae_member = True
        cls.activities_c = (
            cls._member_activity(partner_c, "DSH1", "Céramiques Chloé")
            | cls._member_activity(partner_c, "DSH2", "Chloé Conseil")
            | cls._member_activity(partner_c, "DSH3", "Atelier Trois")
        )
        # a fourth activity, of another member, never on Chloé's dashboard
        cls.other = cls._member_activity(cls.partner_b, "DSH9", "Autre enseigne")
        cls._posted(cls.activities_c[0], 1200.0, cls.today)
        quote = cls._quote(cls.activities_c[0], 5000.0)
        quote.action_cae_submit()
        quote.with_user(cls.user_support).action_cae_refuse("Trop cher")

    def test_entrepreneur_lands_on_her_dashboard(self):
        self.assertEqual(
            self.user_c.action_id.id,
            self.env.ref("cae_dashboard.cae_dashboard_entrepreneur_action").id,
        )
        self.start_tour("/odoo", "cae_dashboard_entrepreneur_tour", login="ent_c")

    def test_admin_opens_the_activities_table(self):
        codes = self.env["cae.activity"].search([]).mapped("code")
        self.assertEqual(
            sorted(codes), ["ACTA", "ACTB", "DSH1", "DSH2", "DSH3", "DSH9"]
        )
        self.start_tour("/odoo", "cae_dashboard_backoffice_tour", login="gestion")
