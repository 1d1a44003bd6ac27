from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.cae_member.models.base import cae_trusted_writes


class CaeTrainingAction(models.Model):
    """The Qualiopi side of a training action: its evidence checklist, the
    trainers' mandatory workshops, the convocations and the surveys."""

    _inherit = "cae.training.action"

    trainer_warning = fields.Char(compute="_compute_trainer_warning")
    convocation_date = fields.Date(
        string="Convocations sent on",
        copy=False,
        tracking=True,
        help="Set when the convocations are sent to the trainees (Qualiopi ind. 9).",
    )
    evidence_ids = fields.One2many(
        "cae.training.evidence", "action_id", string="Qualiopi evidence"
    )
    evidence_score = fields.Float(
        string="Evidence completeness (%)",
        compute="_compute_evidence_score",
        store=True,
        aggregator="avg",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("evidence_ids.state")
    def _compute_evidence_score(self):
        for action in self:
            items = action.evidence_ids
            done = items.filtered(lambda e: e.state == "done")
            action.evidence_score = 100.0 * len(done) / len(items) if items else 0.0

    @api.depends("trainer_ids", "state")
    @api.depends_context("company")
    def _compute_trainer_warning(self):
        today = fields.Date.context_today(self)
        missing = self.trainer_ids._cae_trainer_missing_workshops(today)
        for action in self:
            lacking = action.trainer_ids & missing
            action.trainer_warning = (
                self.env._(
                    "These trainers have not attended the mandatory trainer "
                    "workshops: %(names)s.",
                    names=", ".join(lacking.mapped("name")),
                )
                if lacking and action.state != "cancelled"
                else False
            )

    # ---------------------------------------------------------------- constrains
    @api.constrains("trainer_ids", "state")
    def _check_trainers(self):
        """A trainer without the mandatory workshops cannot be set on a
        confirmed action when the company blocks it."""
        for action in self.filtered(lambda a: a.state == "confirmed"):
            if action.company_id.cae_trainer_check != "block":
                continue
            missing = action.trainer_ids._cae_trainer_missing_workshops(
                fields.Date.context_today(self)
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "%(names)s cannot train on %(action)s: the mandatory "
                        "trainer workshops have not been attended.",
                        names=", ".join(missing.mapped("name")),
                        action=action.display_name,
                    )
                )

    # ------------------------------------------------------------------- actions
    def action_mark_convocation_sent(self):
        self.check_access("write")
        # trusted: the date is today's, set by the button
        with cae_trusted_writes():
            self.write({"convocation_date": fields.Date.context_today(self)})
        return True

    def action_send_needs_survey(self):
        return self._cae_send_survey("needs")

    def action_send_hot_survey(self):
        return self._cae_send_survey("hot")

    def action_send_cold_survey(self):
        return self._cae_send_survey("cold")

    def _cae_send_survey(self, kind):
        self.trainee_ids.filtered(lambda t: t.state != "dropped")._cae_create_survey(
            kind
        )
        return True

    def action_refresh_evidence(self):
        """Re-check the evidence that depends on the date (trainer workshops)."""
        evidence = self.evidence_ids
        self.env.add_to_compute(evidence._fields["state"], evidence)
        evidence.flush_recordset(["state"])
        return True

    # ------------------------------------------------------------------- helpers
    def _cae_create_evidence(self):
        Evidence = self.env["cae.training.evidence"]
        codes = Evidence._cae_evidence_codes()
        # sudo: the checklist of the actions just created (never made by hand)
        Evidence.sudo().create(
            [
                {"action_id": action.id, "code": code}
                for action in self
                for code in codes
            ]
        )

    def _cae_evidence_status(self):
        """{code: True when proven} for the action's Qualiopi checklist."""
        self.ensure_one()
        # sudo: read only, the checklist of an action the user sees, from
        # records (surveys, complaints) she may not read herself
        action = self.sudo()
        trainees = action.trainee_ids
        active_trainees = trainees.filtered(lambda t: t.state != "dropped")
        program = action.program_id
        missing_trainers = action.trainer_ids._cae_trainer_missing_workshops(
            fields.Date.context_today(self)
        )
        return {
            "program": bool(program) and not program._missing_sheet_items(),
            "needs": bool(trainees) and all(trainees.mapped("needs_done")),
            "agreement": bool(action.agreement_date_signed),
            "convocation": bool(action.convocation_date),
            "attendance": bool(action.slot_ids)
            and bool(trainees)
            and action.state in ("confirmed", "done")
            and not action._cae_missing_attendance(),
            "assessment": bool(active_trainees)
            and all(active_trainees.mapped("objectives_assessment")),
            "trainers": bool(action.trainer_ids) and not missing_trainers,
            "hot_survey": bool(active_trainees)
            and all(active_trainees.mapped("hot_done")),
            "cold_survey": bool(active_trainees)
            and all(active_trainees.mapped("cold_done")),
            "complaints": not action.complaint_ids.filtered(
                lambda c: c.state != "closed"
            ),
            "accessibility": bool(program.accessibility),
        }
