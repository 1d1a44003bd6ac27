from odoo import api, fields, models
from odoo.exceptions import UserError


class CaeAttendance(models.Model):
    _inherit = "cae.attendance"

    training_slot_id = fields.Many2one(
        "cae.training.slot",
        string="Training half-day",
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    training_trainee_id = fields.Many2one(
        "cae.training.trainee",
        string="Trainee",
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    training_action_id = fields.Many2one(
        related="training_slot_id.action_id",
        string="Training action",
        store=True,
        index=True,
    )

    _sql_constraints = [
        (
            "partner_training_slot_uniq",
            "unique(partner_id, training_slot_id)",
            "This person already has an attendance for this training half-day.",
        ),
    ]

    # override: the attendance of a training half-day takes its dates
    @api.depends("training_slot_id.date_start", "training_slot_id.date_end")
    def _compute_dates(self):
        res = super()._compute_dates()
        for attendance in self.filtered("training_slot_id"):
            attendance.date_start = attendance.training_slot_id.date_start
            attendance.date_end = attendance.training_slot_id.date_end
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_training_evidence(self):
        if any(
            att.training_slot_id and att.training_action_id.state != "draft"
            for att in self
        ):
            raise UserError(
                self.env._(
                    "The attendance of a confirmed training action is evidence: "
                    "archive it instead of deleting it."
                )
            )

    def _cae_training_proven(self):
        """The half-day of a trainee is proven for invoicing: a status, with
        the trainer's countersignature or a scanned sheet."""
        self.ensure_one()
        return bool(self.state) and bool(
            self.countersigned
            or self.scanned_sheet
            or self.training_slot_id.scanned_sheet
        )

    def _cae_training_set_state(self, state):
        """Trainers fill the attendance of their own actions (entrepreneurs
        only read attendance otherwise)."""
        if self.filtered(lambda a: not a.training_slot_id):
            raise UserError(self.env._("These are not training attendances."))
        self.training_action_id._cae_check_trainer_or_staff()
        self.sudo().write({"state": state})
        return True

    def action_training_present(self):
        return self._cae_training_set_state("present")

    def action_training_absent(self):
        return self._cae_training_set_state("absent")

    def action_training_excused(self):
        return self._cae_training_set_state("excused")
