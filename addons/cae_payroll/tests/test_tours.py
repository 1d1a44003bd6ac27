from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestPayrollTour(CaeTestCommon, HttpCase):
    """A real browser: the admin team exports the pay variables of the
    salaried entrepreneurs and downloads the file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        last_month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        cls.env["hr.employee"].create(
            {
                "name": "Anne Artisan",
                "work_contact_id": cls.partner_a.id,
                "cae_payroll_ref": "PAY-A",
                "company_id": cls.company.id,
            }
        )
        cls._contract(
            cls.partner_a,
            "cesa",
            last_month - relativedelta(months=6),
            activity_id=cls.activity_a.id,
            fixed_monthly_amount=1000.0,
        )

    def test_payroll_export(self):
        self.start_tour("/odoo", "cae_payroll_export_tour", login="gestion")
        export = self.env["cae.payroll.export"].search([])
        self.assertEqual(export.line_ids.payroll_ref, "PAY-A")
        self.assertTrue(export.csv_file)
