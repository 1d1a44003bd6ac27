from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from odoo.addons.cae_member.tests.common import CaeTestCommon


class HealthCommon(CaeTestCommon):
    """Entrepreneurs A and B under a CESA, each with her employee record; the
    company's occupational health service (vendor and product)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.today = fields.Date.today()
        cls.cesa_start = cls.today - relativedelta(days=10)
        cls.employee_a = cls._employee(cls.user_a, "PAY-A")
        cls.employee_b = cls._employee(cls.user_b, "PAY-B")
        cls.contract_a = cls._contract(
            cls.partner_a, "cesa", cls.cesa_start, activity_id=cls.activity_a.id
        )
        cls._contract(
            cls.partner_b, "cesa", cls.cesa_start, activity_id=cls.activity_b.id
        )
        (cls.employee_a | cls.employee_b).employee_type = "employee"
        cls.health_service = cls.env["res.partner"].create(
            {"name": "Santé au travail 37", "is_company": True}
        )
        cls.product_health = cls.env["product.product"].create(
            {
                "name": "Visite médicale",
                "type": "service",
                "standard_price": 95.0,
                "property_account_expense_id": cls.account_expense.id,
                "supplier_taxes_id": [Command.clear()],
                "company_id": False,
            }
        )
        cls.company.write(
            {
                "cae_health_vendor_id": cls.health_service.id,
                "cae_health_product_id": cls.product_health.id,
            }
        )

    @classmethod
    def _visit(cls, employee=None, visit_type="periodic", **vals):
        """A visit recorded by the admin team (returned in the test's env)."""
        visit = (
            cls.env["cae.health.visit"]
            .with_user(cls.user_admin)
            .create(
                {
                    "employee_id": (employee or cls.employee_a).id,
                    "visit_type": visit_type,
                    **vals,
                }
            )
        )
        return cls.env["cae.health.visit"].browse(visit.id)
