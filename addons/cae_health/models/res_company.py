from odoo import api, fields, models

from .cae_health_rule import DEFAULT_RULES

ADMIN = "cae_member.cae_member_group_admin"


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_health_user_id = fields.Many2one(
        "res.users",
        string="Health visits responsible",
        help="Receives the to-dos of the occupational health visits. Empty: the "
        "first user of the admin team.",
    )
    cae_health_alert_days = fields.Integer(
        string="Health visit alert (days)",
        default=30,
        help="A to-do is scheduled this many days before a visit is due.",
    )
    cae_health_vendor_id = fields.Many2one(
        "res.partner",
        string="Occupational health service",
        help="Vendor of the occupational health service's bills.",
    )
    cae_health_product_id = fields.Many2one(
        "product.product",
        string="Occupational health product",
        help="Product (and its expense account) of the visits' bill lines.",
    )
    cae_health_rule_ids = fields.One2many(
        "cae.health.rule", "company_id", string="Health follow-up rules"
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._cae_health_ensure_rules()
        return companies

    def _cae_health_ensure_rules(self):
        """The default follow-up rules the companies lack (one per salaried
        employee type, visit type and follow-up); a rule the admin team
        changed is kept as it is."""
        # sudo: the rules are configuration, created with the company by
        # whoever creates it (installation, the settings)
        Rule = self.env["cae.health.rule"].sudo()
        have = {
            (r.company_id.id, r.employee_type, r.visit_type, r.reinforced)
            for r in Rule.search([("company_id", "in", self.ids)])
        }
        Rule.create(
            [
                {
                    "company_id": company.id,
                    "employee_type": employee_type,
                    "visit_type": visit_type,
                    "reinforced": reinforced,
                    "delay": delay,
                    "delay_unit": unit,
                }
                for company in self
                for employee_type, visit_type, reinforced, delay, unit in DEFAULT_RULES
                if (company.id, employee_type, visit_type, reinforced) not in have
            ]
        )

    def _cae_health_responsible(self):
        """Who receives the health visits' to-dos: the company's setting, else
        the first active user of the admin team in the company."""
        self.ensure_one()
        if self.cae_health_user_id:
            return self.cae_health_user_id
        group = self.env.ref(ADMIN)
        # sudo: the cron (or an admin) reads the group's members to pick one
        users = group.sudo().users.filtered(
            lambda user: user.active and self in user.company_ids and not user.share
        )
        return users.sorted("id")[:1]
