from datetime import datetime, time

from odoo import api, fields, models


class CaeTrainingDashboard(models.TransientModel):
    """Qualiopi result indicators over a period: satisfaction, completion,
    drop-outs, complaints and evidence completeness."""

    _name = "cae.training.dashboard"
    _description = "Training quality dashboard"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    action_count = fields.Integer(string="Actions", compute="_compute_indicators")
    trainee_count = fields.Integer(string="Trainees", compute="_compute_indicators")
    satisfaction_rate = fields.Float(
        string="Satisfaction rate (%)", compute="_compute_indicators"
    )
    satisfaction_answers = fields.Integer(
        string="Satisfaction answers", compute="_compute_indicators"
    )
    completion_rate = fields.Float(
        string="Completion rate (%)", compute="_compute_indicators"
    )
    dropout_count = fields.Integer(string="Drop-outs", compute="_compute_indicators")
    complaint_count = fields.Integer(string="Complaints", compute="_compute_indicators")
    open_complaint_count = fields.Integer(
        string="Open complaints", compute="_compute_indicators"
    )
    evidence_score = fields.Float(
        string="Evidence completeness (%)", compute="_compute_indicators"
    )

    def _action_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("confirmed", "done")),
            ("date_start", ">=", datetime.combine(self.date_from, time.min)),
            ("date_start", "<=", datetime.combine(self.date_to, time.max)),
        ]

    @api.depends("date_from", "date_to", "company_id")
    def _compute_indicators(self):
        Action = self.env["cae.training.action"]
        Trainee = self.env["cae.training.trainee"]
        Complaint = self.env["cae.training.complaint"]
        for dashboard in self:
            action_domain = dashboard._action_domain()
            [(action_count, evidence)] = Action._read_group(
                action_domain, [], ["__count", "evidence_score:avg"]
            )
            trainee_domain = [
                ("action_id", "any", action_domain),
            ]
            by_state = dict(Trainee._read_group(trainee_domain, ["state"], ["__count"]))
            [(answers, satisfaction)] = Trainee._read_group(
                trainee_domain + [("hot_done", "=", True)],
                [],
                ["__count", "satisfaction_score:avg"],
            )
            done_groups = dict(
                Trainee._read_group(
                    trainee_domain + [("action_id.state", "=", "done")],
                    ["state"],
                    ["__count"],
                )
            )
            finished = sum(done_groups.values())
            complaints = dict(
                Complaint._read_group(
                    [
                        ("company_id", "=", dashboard.company_id.id),
                        ("date", ">=", dashboard.date_from),
                        ("date", "<=", dashboard.date_to),
                    ],
                    ["state"],
                    ["__count"],
                )
            )
            dashboard.action_count = action_count
            dashboard.evidence_score = evidence or 0.0
            dashboard.trainee_count = sum(by_state.values())
            dashboard.dropout_count = by_state.get("dropped", 0)
            dashboard.satisfaction_answers = answers
            dashboard.satisfaction_rate = satisfaction or 0.0
            dashboard.completion_rate = (
                100.0 * done_groups.get("completed", 0) / finished if finished else 0.0
            )
            dashboard.complaint_count = sum(complaints.values())
            dashboard.open_complaint_count = sum(
                count for state, count in complaints.items() if state != "closed"
            )

    def action_open_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cae_training.cae_training_action_action"
        )
        action["domain"] = self._action_domain()
        return action

    def action_open_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cae_training.cae_training_complaint_action"
        )
        action["domain"] = [
            ("company_id", "=", self.company_id.id),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        return action
