from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestAdminTour(CaeTestCommon, HttpCase):
    """A real browser: the admin team's month end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        last_month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        invoice = cls._invoice(cls.activity_a, cls.customer_a, 4000.0, date=last_month)
        invoice.action_post()

    def test_admin_month_end(self):
        self.start_tour("/odoo", "cae_admin_month_end_tour", login="gestion")
        line = self.env["cae.contribution.line"].search(
            [("activity_id", "=", self.activity_a.id)]
        )
        self.assertAlmostEqual(line.amount, 460.0)
        self.assertEqual(line.move_id.state, "posted")
