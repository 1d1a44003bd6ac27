from odoo import models
from odoo.exceptions import UserError


class CaeTrainingAction(models.Model):
    """The attendance of a training action: one per trainee and half-day,
    filled and countersigned by the trainer."""

    _inherit = "cae.training.action"

    def action_countersign(self):
        """The trainer countersigns every filled attendance of the action."""
        return self._cae_countersign(self.attendance_ids)

    def _cae_countersign(self, attendance):
        """The one countersignature: the user, a trainer of these actions or
        the staff, countersigns the filled ``attendance`` of their half-days
        (the action's and the half-day's buttons)."""
        self._cae_check_trainer_or_staff()
        if attendance.training_slot_id.action_id - self:
            raise UserError(
                self.env._("Only the attendance of the action can be countersigned.")
            )
        # sudo: the countersignature is set by this method only, once the
        # user is checked to be a trainer of the action or the staff
        attendance.filtered(lambda a: a.state and not a.countersigned).sudo().write(
            {"countersigned": True, "countersigned_by_id": self.env.user.id}
        )
        return True

    def _cae_check_trainer_or_staff(self):
        user = self.env.user
        if not user._cae_is_entrepreneur_only():
            return
        for action in self:
            if user.partner_id not in action.trainer_ids:
                raise UserError(
                    self.env._(
                        "Only a trainer of %(action)s or the staff can fill and "
                        "countersign its attendance.",
                        action=action.display_name,
                    )
                )

    def _cae_missing_attendance(self):
        """(slot, trainee, reason) of every trainee half-day not yet proven:
        no status, or neither the trainer's countersignature nor a scanned
        sheet."""
        self.ensure_one()
        # sudo: read only, every half-day and trainee of an action the user
        # sees, whoever filled their attendance
        action = self.sudo()
        by_key = {
            (att.training_slot_id.id, att.partner_id.id): att
            for att in action.attendance_ids
        }
        missing = []
        for slot in action.slot_ids.sorted(lambda s: (s.date_start, s.id)):
            for trainee in action.trainee_ids.sorted(
                lambda t: (t.partner_id.name, t.id)
            ):
                attendance = by_key.get((slot.id, trainee.partner_id.id))
                if not attendance or not attendance.state:
                    missing.append((slot, trainee, self.env._("no status")))
                elif not attendance._cae_training_proven():
                    missing.append(
                        (
                            slot,
                            trainee,
                            self.env._(
                                "neither countersigned by the trainer nor on a "
                                "scanned sheet"
                            ),
                        )
                    )
        return missing

    def _cae_sync_attendance(self):
        """One attendance per trainee and half-day of confirmed actions."""
        actions = self.filtered(lambda a: a.state in ("confirmed", "done"))
        if not actions:
            return
        # sudo: the attendance sheet follows the half-days and trainees of
        # the actions, whoever changed them (they went through their checks)
        Attendance = self.env["cae.attendance"].sudo().with_context(active_test=False)
        existing = {
            (att.training_slot_id.id, att.partner_id.id)
            for att in Attendance.search(
                [("training_slot_id", "in", actions.slot_ids.ids)]
            )
        }
        vals_list = [
            {
                "partner_id": trainee.partner_id.id,
                "training_slot_id": slot.id,
                "training_trainee_id": trainee.id,
                "company_id": action.company_id.id,
            }
            for action in actions
            for slot in action.slot_ids
            for trainee in action.trainee_ids
            if (slot.id, trainee.partner_id.id) not in existing
        ]
        if vals_list:
            Attendance.create(vals_list)
