from odoo import api, fields, models
from odoo.exceptions import UserError

COMPLAINT_STATES = [
    ("new", "New"),
    ("in_progress", "In progress"),
    ("closed", "Closed"),
]
COMPLAINT_CATEGORIES = [
    ("complaint", "Complaint"),
    ("difficulty", "Difficulty during the training"),
    ("hazard", "Incident"),
    ("suggestion", "Suggestion"),
]


class CaeTrainingComplaint(models.Model):
    """Register of complaints and difficulties (Qualiopi indicator 31)."""

    _name = "cae.training.complaint"
    _description = "Training complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Date(default=fields.Date.context_today, required=True, tracking=True)
    category = fields.Selection(
        COMPLAINT_CATEGORIES, default="complaint", required=True, tracking=True
    )
    partner_id = fields.Many2one("res.partner", string="From", tracking=True)
    action_id = fields.Many2one(
        "cae.training.action", string="Training action", index=True, check_company=True
    )
    program_id = fields.Many2one(
        "cae.training.program",
        string="Programme",
        compute="_compute_program_id",
        store=True,
        readonly=False,
        check_company=True,
    )
    description = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Handled by",
        default=lambda self: self.env.user,
        tracking=True,
    )
    response = fields.Text(help="Answer given and how the complaint was handled.")
    response_date = fields.Date(tracking=True)
    state = fields.Selection(
        COMPLAINT_STATES, default="new", required=True, tracking=True, index=True
    )
    improvement_ids = fields.One2many(
        "cae.training.improvement", "complaint_id", string="Improvement actions"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends("action_id")
    def _compute_program_id(self):
        for complaint in self.filtered("action_id"):
            complaint.program_id = complaint.action_id.program_id

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if self:
            raise UserError(
                self.env._(
                    "The complaints register is Qualiopi evidence: archive the "
                    "complaint instead of deleting it."
                )
            )

    def action_start(self):
        self.write({"state": "in_progress"})
        return True

    def action_close(self):
        for complaint in self:
            if not (complaint.response or "").strip():
                raise UserError(
                    self.env._(
                        "Write the answer given to the complaint %(name)s before "
                        "closing it.",
                        name=complaint.name,
                    )
                )
        self.filtered(lambda c: not c.response_date).write(
            {"response_date": fields.Date.context_today(self)}
        )
        self.write({"state": "closed"})
        return True

    def action_create_improvement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "cae.training.improvement",
            "view_mode": "form",
            "context": {
                "default_complaint_id": self.id,
                "default_origin": "complaint",
                "default_action_id": self.action_id.id,
                "default_name": self.name,
            },
        }
