from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class CaeTestCommon(TransactionCase):
    """A French CAE built from scratch: company with the French chart of
    accounts, SIRET and VAT number, one user per role, two entrepreneurs (A and
    B) with one activity each. Reads no demo record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        france = cls.env.ref("base.fr")
        cls.company = cls.env["res.company"].create(
            {
                "name": "Coopérative Test",
                "country_id": france.id,
                "currency_id": cls.env.ref("base.EUR").id,
                "siret": "12345678900017",
                "vat": "FR23334175221",
                "street": "1 rue de la Coopération",
                "zip": "37000",
                "city": "Tours",
            }
        )
        cls.env["account.chart.template"].try_loading(
            "fr", company=cls.company, install_demo=False
        )
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id],
            )
        )
        cls.eur = cls.company.currency_id
        company_vals = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }

        def user(login, group, name):
            return new_test_user(
                cls.env,
                login=login,
                name=name,
                email=f"{login}@example.com",
                groups=f"base.group_user,{group}",
                **company_vals,
            )

        cls.user_support = user(
            "support", "cae_member.cae_member_group_support", "Sam Support"
        )
        cls.user_admin = user(
            "gestion", "cae_member.cae_member_group_admin", "Alix Gestion"
        )
        cls.user_manager = user(
            "cogerance", "cae_member.cae_member_group_manager", "Camille Cogérance"
        )
        cls.user_a = user(
            "ent_a", "cae_member.cae_member_group_entrepreneur", "Anne Artisan"
        )
        cls.user_b = user(
            "ent_b", "cae_member.cae_member_group_entrepreneur", "Bruno Boulanger"
        )
        cls.partner_a = cls.user_a.partner_id
        cls.partner_b = cls.user_b.partner_id
        (cls.partner_a | cls.partner_b).write({"is_cae_member": True})
        cls.activity_a = cls.env["cae.activity"].create(
            {
                "name": "Atelier A",
                "code": "ACTA",
                "trade_name": "Les Ateliers d'Anne",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.partner_a.id)],
            }
        )
        cls.activity_b = cls.env["cae.activity"].create(
            {
                "name": "Boulangerie B",
                "code": "ACTB",
                "trade_name": "Pains de Bruno",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.partner_b.id)],
            }
        )
        cls.customer_a = cls.env["res.partner"].create(
            {
                "name": "Client d'Anne",
                "is_company": True,
                "cae_customer_activity_ids": [Command.link(cls.activity_a.id)],
            }
        )
        cls.customer_b = cls.env["res.partner"].create(
            {
                "name": "Client de Bruno",
                "is_company": True,
                "cae_customer_activity_ids": [Command.link(cls.activity_b.id)],
            }
        )
        cls.account_revenue = cls.env["account.account"].search(
            [("company_ids", "in", cls.company.ids), ("code", "=like", "706%")], limit=1
        )
        cls.account_expense = cls.env["account.account"].search(
            [("company_ids", "in", cls.company.ids), ("code", "=like", "607%")], limit=1
        )
        cls.tax_sale_20 = cls.env["account.tax"].search(
            [
                ("company_id", "=", cls.company.id),
                ("type_tax_use", "=", "sale"),
                ("amount", "=", 20),
                ("amount_type", "=", "percent"),
                ("price_include", "=", False),
            ],
            limit=1,
        )
        cls.tax_purchase_20 = cls.env["account.tax"].search(
            [
                ("company_id", "=", cls.company.id),
                ("type_tax_use", "=", "purchase"),
                ("amount", "=", 20),
                ("amount_type", "=", "percent"),
                ("price_include", "=", False),
            ],
            limit=1,
        )
        cls.product_service = cls.env["product.product"].create(
            {
                "name": "Prestation",
                "type": "service",
                "list_price": 100.0,
                "invoice_policy": "order",
                "property_account_income_id": cls.account_revenue.id,
                "property_account_expense_id": cls.account_expense.id,
                "taxes_id": [Command.set(cls.tax_sale_20.ids)],
                "supplier_taxes_id": [Command.set(cls.tax_purchase_20.ids)],
                "company_id": False,
            }
        )

    @classmethod
    def _invoice(
        cls, activity, partner, amount, move_type="out_invoice", date=None, user=None
    ):
        """A draft invoice (or bill) of one line, created as ``user``."""
        env = cls.env(user=user) if user else cls.env
        return env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "cae_activity_id": activity.id,
                "invoice_date": date or fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_service.id,
                            "quantity": 1,
                            "price_unit": amount,
                        }
                    )
                ],
            }
        )

    @classmethod
    def _employee(cls, user, payroll_ref):
        """The employee of an entrepreneur, with her payroll reference."""
        return cls.env["hr.employee"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "work_contact_id": user.partner_id.id,
                "cae_payroll_ref": payroll_ref,
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _current_cape(cls, partner):
        """A CAPE running today (legal: 6 months), started on the 1st of the
        month two months ago."""
        today = fields.Date.today()
        start = today.replace(day=1) - relativedelta(months=2)
        return cls._contract(
            partner, "cape", start, start + relativedelta(months=6, days=-1)
        )

    @classmethod
    def _contract(cls, partner, contract_type, date_start, date_end=False, **vals):
        contract = cls.env["cae.contract"].create(
            {
                "partner_id": partner.id,
                "contract_type": contract_type,
                "date_start": date_start,
                "date_end": date_end,
                "company_id": cls.company.id,
                **vals,
            }
        )
        # a contract of the past: journey prerequisites are not checked
        contract.with_context(cae_history=True).action_start()
        return contract
