from odoo import api, fields, models
from odoo.exceptions import UserError

IMPROVEMENT_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
IMPROVEMENT_ORIGINS = [
    ("complaint", "Complaint"),
    ("survey", "Satisfaction survey"),
    ("audit", "Audit"),
    ("team", "Team or trainer"),
    ("other", "Other"),
]


class CaeTrainingImprovement(models.Model):
    """Register of improvement actions (Qualiopi indicator 32)."""

    _name = "cae.training.improvement"
    _description = "Training improvement action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    date = fields.Date(default=fields.Date.context_today, required=True)
    origin = fields.Selection(
        IMPROVEMENT_ORIGINS, default="other", required=True, tracking=True
    )
    complaint_id = fields.Many2one(
        "cae.training.complaint", index=True, check_company=True
    )
    action_id = fields.Many2one(
        "cae.training.action", string="Training action", index=True, check_company=True
    )
    description = fields.Text()
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    result = fields.Text(help="What was done and its effect.")
    state = fields.Selection(
        IMPROVEMENT_STATES, default="planned", required=True, tracking=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda i: i.state != "planned"):
            raise UserError(
                self.env._(
                    "An improvement action under way or done is Qualiopi evidence: "
                    "archive it instead of deleting it."
                )
            )

    def action_start(self):
        self.write({"state": "in_progress"})
        return True

    def action_done(self):
        for improvement in self:
            if not (improvement.result or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the result of %(name)s before closing it.",
                        name=improvement.name,
                    )
                )
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True
