from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import date_utils

from .durations import exceeds, period, total


class CaeContract(models.Model):
    _inherit = "cae.contract"

    renewal_ids = fields.One2many(
        "cae.contract.renewal", "contract_id", string="Renewals"
    )
    renewal_count = fields.Integer(compute="_compute_renewal_count", store=True)
    initial_date_end = fields.Date(
        string="End of the first period",
        help="End of the CAPE before any renewal (filled by the first renewal).",
    )
    # CESA (Code du travail L7331-2)
    clause_objectives = fields.Text(string="Objectives and minimum activity")
    clause_support = fields.Text(string="Means of support and control")
    clause_contribution = fields.Text(string="Contribution computation")
    clause_pay = fields.Text(string="Fixed and variable pay")
    clause_statutes = fields.Text(string="Reference to the statutes")
    clause_rights = fields.Text(string="Rights on clientele and intellectual property")
    prior_months = fields.Integer(
        compute="_compute_deadlines",
        store=True,
        help="Months spent under CAPE or earlier contracts before this CESA.",
    )
    prior_days = fields.Integer(compute="_compute_deadlines", store=True)
    trial_max_months = fields.Integer(
        string="Maximum trial period (months)", compute="_compute_deadlines", store=True
    )
    trial_max_days = fields.Integer(compute="_compute_deadlines", store=True)
    trial_date_end = fields.Date(string="End of the trial period", tracking=True)
    associate_deadline = fields.Date(
        compute="_compute_deadlines",
        store=True,
        help="CESA start + 36 months - the time already spent under CAPE or earlier "
        "contracts (L7331-3).",
    )

    @api.depends("renewal_ids")
    def _compute_renewal_count(self):
        for contract in self:
            contract.renewal_count = len(contract.renewal_ids)

    def _cae_prior_periods(self):
        """(start, end) of the CAPE and earlier contracts before this CESA."""
        self.ensure_one()
        others = self.partner_id.cae_contract_ids.filtered(
            lambda c: (
                c != self
                and c.state in ("running", "ended")
                and c.date_start < self.date_start
            )
        )
        return [
            (
                c.date_start,
                min(
                    c.date_end or self.date_start,
                    self.date_start - relativedelta(days=1),
                ),
            )
            for c in others
        ]

    @api.depends(
        "contract_type",
        "date_start",
        "partner_id",
        "partner_id.cae_contract_ids.date_start",
        "partner_id.cae_contract_ids.date_end",
        "partner_id.cae_contract_ids.state",
    )
    def _compute_deadlines(self):
        for contract in self:
            if contract.contract_type != "cesa" or not contract.date_start:
                contract.update(
                    {
                        "prior_months": 0,
                        "prior_days": 0,
                        "trial_max_months": 0,
                        "trial_max_days": 0,
                        "associate_deadline": False,
                    }
                )
                continue
            prior = total(contract._cae_prior_periods())
            contract.prior_months, contract.prior_days = prior.months, prior.days
            contract.associate_deadline = (
                contract.date_start + relativedelta(months=36) - prior
            )
            # trial period: 8 months minus the time already spent (L7332-1)
            trial_end = contract.date_start + relativedelta(months=8) - prior
            trial = (
                relativedelta(trial_end, contract.date_start)
                if trial_end > contract.date_start
                else relativedelta()
            )
            contract.trial_max_months = trial.years * 12 + trial.months
            contract.trial_max_days = trial.days

    @api.constrains("contract_type", "date_start", "date_end", "initial_date_end")
    def _check_cape_period(self):
        for contract in self.filtered(
            lambda c: c.contract_type == "cape" and c.date_end
        ):
            first_end = contract.initial_date_end or contract.date_end
            if exceeds(period(contract.date_start, first_end), 12):
                raise ValidationError(
                    self.env._(
                        "A CAPE period lasts 12 months at most (%(name)s).",
                        name=contract.name,
                    )
                )

    @api.constrains("trial_date_end", "date_start")
    def _check_trial(self):
        for contract in self.filtered(
            lambda c: c.contract_type == "cesa" and c.trial_date_end
        ):
            limit = (
                contract.date_start
                + relativedelta(
                    months=contract.trial_max_months, days=contract.trial_max_days
                )
                - relativedelta(days=1)
            )
            if contract.trial_date_end > limit:
                raise ValidationError(
                    self.env._(
                        "The trial period of %(name)s may last %(months)s month(s) and "
                        "%(days)s day(s) at most (8 months minus the time already "
                        "spent "
                        "under CAPE): it must end by %(limit)s.",
                        name=contract.name,
                        months=contract.trial_max_months,
                        days=contract.trial_max_days,
                        limit=limit,
                    )
                )

    def _check_can_start(self):
        super()._check_can_start()
        # ``cae_history``: recording a contract of the past (migration, test
        # fixtures): the journey's prerequisites were checked elsewhere then
        if self.contract_type != "cesa" or self.env.context.get("cae_history"):
            return
        required = (
            self.env["event.type"].sudo().search([("cae_required_for", "=", "cesa")])
        )
        if not required:
            return
        attended = (
            self.env["cae.attendance"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("state", "=", "present"),
                    ("event_id.event_type_id", "in", required.ids),
                ]
            )
        )
        missing = required - attended.event_id.event_type_id
        if missing:
            raise UserError(
                self.env._(
                    "%(partner)s must attend the workshop(s) %(workshops)s before "
                    "signing "
                    "a CESA.",
                    partner=self.partner_id.name,
                    workshops=", ".join(missing.mapped("name")),
                )
            )

    def _cae_missing_clauses(self):
        self.ensure_one()
        labels = {
            "clause_objectives": self.env._("objectives and minimum activity"),
            "clause_support": self.env._("means of support and control"),
            "clause_contribution": self.env._("how the contribution is computed"),
            "clause_pay": self.env._(
                "fixed part of pay and how the variable part is computed"
            ),
            "clause_statutes": self.env._("reference to the statutes"),
            "clause_rights": self.env._(
                "rights on clientele and intellectual property"
            ),
        }
        return [
            label for field, label in labels.items() if not (self[field] or "").strip()
        ]

    def _cae_check_printable(self):
        for contract in self:
            if contract.contract_type != "cesa":
                raise UserError(self.env._("Only a CESA is printed with its clauses."))
            missing = contract._cae_missing_clauses()
            if missing:
                raise UserError(
                    self.env._(
                        "The CESA of %(partner)s cannot be printed: these clauses are "
                        "empty "
                        "(L7331-2): %(clauses)s.",
                        partner=contract.partner_id.name,
                        clauses=", ".join(missing),
                    )
                )

    def action_print_cesa(self):
        self._cae_check_printable()
        return self.env.ref("cae_parcours.cae_contract_cesa_report").report_action(self)

    def action_renew(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "cae.contract.renewal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id},
        }

    @api.model
    def _cron_journey_alerts(self):
        """Scheduled activities for the support team: CAPE ending within 30
        days; associate deadline within 6 and 3 months; salaried entrepreneurs
        with fewer than 2 individual interviews this year."""
        today = fields.Date.context_today(self)
        todo = self.env.ref("mail.mail_activity_data_todo")
        Activity = self.env["mail.activity"].sudo()
        existing = set(
            Activity.search(
                [
                    ("activity_type_id", "=", todo.id),
                    ("res_model", "in", ("cae.contract", "res.partner")),
                ]
            ).mapped(lambda a: (a.res_model, a.res_id, a.summary))
        )
        values = []

        def alert(record, summary, deadline):
            key = (record._name, record.id, summary)
            if key in existing:
                return
            existing.add(key)
            values.append(
                {
                    "activity_type_id": todo.id,
                    "res_model_id": self.env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "summary": summary,
                    "date_deadline": deadline,
                    "user_id": self.env.user.id,
                }
            )

        capes = self.search(
            [
                ("contract_type", "=", "cape"),
                ("state", "=", "running"),
                ("date_end", ">=", today),
                ("date_end", "<=", today + relativedelta(days=30)),
            ]
        )
        for contract in capes:
            alert(contract, self.env._("CAPE ending within 30 days"), contract.date_end)
        cesas = self.search(
            [
                ("contract_type", "=", "cesa"),
                ("state", "=", "running"),
                ("associate_deadline", ">=", today),
                ("associate_deadline", "<=", today + relativedelta(months=6)),
            ]
        ).filtered(lambda c: not c.partner_id.cae_associate_date)
        for contract in cesas:
            if contract.associate_deadline <= today + relativedelta(months=3):
                summary = self.env._("Associate deadline within 3 months")
            else:
                summary = self.env._("Associate deadline within 6 months")
            alert(contract, summary, contract.associate_deadline)
        missing = self.env["res.partner"].search(
            [("cae_missing_interviews", "=", True)]
        )
        for partner in missing:
            alert(
                partner,
                self.env._("Fewer than 2 individual interviews this year"),
                date_utils.end_of(today, "year"),
            )
        Activity.create(values)
        return len(values)
