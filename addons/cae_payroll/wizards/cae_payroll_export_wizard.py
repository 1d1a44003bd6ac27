from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils


class CaePayrollExportWizard(models.TransientModel):
    _name = "cae.payroll.export.wizard"
    _description = "Export the month's pay variables"

    month = fields.Date(
        required=True,
        default=lambda self: date_utils.start_of(
            fields.Date.context_today(self), "month"
        ),
        help="Any day of the month to export.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    previous_export_ids = fields.Many2many(
        "cae.payroll.export", compute="_compute_previous_export_ids"
    )
    confirm_again = fields.Boolean(
        string="Export this month again",
        help="This month was exported already: tick to export it again.",
    )

    @api.depends("month", "company_id")
    def _compute_previous_export_ids(self):
        for wizard in self:
            month = (
                date_utils.start_of(wizard.month, "month") if wizard.month else False
            )
            wizard.previous_export_ids = self.env["cae.payroll.export"].search(
                [("month", "=", month), ("company_id", "=", wizard.company_id.id)]
            )

    def action_export(self):
        self.ensure_one()
        if self.previous_export_ids and not self.confirm_again:
            raise UserError(
                self.env._(
                    '%(month)s was already exported (%(exports)s): tick "Export this '
                    'month again" to export it anew.',
                    month=self.month.strftime("%m/%Y"),
                    exports=", ".join(self.previous_export_ids.mapped("display_name")),
                )
            )
        export = self.env["cae.payroll.export"]._cae_generate(
            self.month, self.company_id
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "cae.payroll.export",
            "res_id": export.id,
            "view_mode": "form",
        }
