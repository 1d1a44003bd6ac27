from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cae_is_trainer = fields.Boolean(
        string="Trainer",
        tracking=True,
        help="Entrepreneur with a trainer profile: may be set as trainer of "
        "training programmes and actions.",
    )
    cae_trainer_qualified = fields.Boolean(
        string="Trainer workshops attended",
        compute="_compute_cae_trainer_qualified",
        help="The mandatory trainer workshops (initial, then one follow-up a "
        "year) are attended.",
    )
    cae_training_trainee_ids = fields.One2many(
        "cae.training.trainee", "partner_id", string="Trainings followed"
    )

    @api.depends_context("company")
    def _compute_cae_trainer_qualified(self):
        missing = self._cae_trainer_missing_workshops(fields.Date.context_today(self))
        for partner in self:
            partner.cae_trainer_qualified = partner not in missing

    def _cae_trainer_missing_workshops(self, date):
        """Partners of ``self`` lacking the mandatory trainer workshops on
        ``date``: the initial workshop attended, and a trainer workshop (initial
        or follow-up) attended in the twelve months before ``date``.

        Empty when no initial workshop is configured on the company."""
        company = self.env.company
        initial = company.cae_trainer_initial_event_type_id
        followup = company.cae_trainer_followup_event_type_id
        partners = self.filtered("id")
        if not initial or not partners:
            return self.browse()
        limit = datetime.combine(date, time.max)
        groups = (
            self.env["cae.attendance"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "=", "present"),
                    ("event_id.event_type_id", "in", (initial | followup).ids),
                    ("date_start", "<=", limit),
                ],
                ["partner_id", "event_id"],
                ["date_start:max"],
            )
        )
        has_initial = set()
        last_workshop = {}
        for partner, event, last in groups:
            if event.event_type_id == initial:
                has_initial.add(partner)
            if last and (partner not in last_workshop or last > last_workshop[partner]):
                last_workshop[partner] = last
        year_ago = datetime.combine(date - relativedelta(years=1), time.min)
        return partners.filtered(
            lambda p: p not in has_initial or last_workshop[p] < year_ago
        )
