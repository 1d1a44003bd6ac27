from odoo import api, fields, models
from odoo.exceptions import UserError


class CaePayslip(models.Model):
    """A payslip PDF received from the payroll provider, private to its
    entrepreneur (and the admin team)."""

    _name = "cae.payslip"
    _description = "Payslip"
    _inherit = ["mail.thread"]
    _order = "month desc, partner_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Entrepreneur", required=True, index=True
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    month = fields.Date(required=True, index=True)
    pdf = fields.Binary(string="Payslip", attachment=True, required=True)
    pdf_filename = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("partner_id.name", "month")
    def _compute_name(self):
        for payslip in self:
            payslip.name = self.env._(
                "Payslip %(month)s - %(name)s",
                month=payslip.month.strftime("%Y-%m") if payslip.month else "",
                name=payslip.partner_id.name or "",
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(self.env._("A payslip is kept: it cannot be deleted."))
