from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import date_utils

from .durations import delta, exceeds, period, total

MAX_PERIODS = 3  # Code de commerce L127-1 ff.: a first period, renewed twice


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
    associate_overdue = fields.Boolean(
        string="Associate deadline passed",
        compute="_compute_associate_overdue",
        search="_search_associate_overdue",
        help="A running CESA past its associate deadline (L7331-3) while the person "
        "is not an associate.",
    )

    @api.depends("renewal_ids")
    def _compute_renewal_count(self):
        for contract in self:
            contract.renewal_count = len(contract.renewal_ids)

    def _cae_stay_start(self, date):
        """Date of the person's last exit before ``date`` (False when none):
        the current stay starts the day after."""
        self.ensure_one()
        # sudo: exits are journey data an entrepreneur may not read; they only
        # date the stay of the contract being computed or checked
        exits = (
            self.partner_id.sudo()
            .cae_exit_ids.filtered(lambda e: e.date < date)
            .mapped("date")
        )
        return max(exits) if exits else False

    def _cae_stay_contracts(self):
        """The person's contracts of this contract's stay (since their last
        exit before it), archived ones included, cancelled ones excluded."""
        self.ensure_one()
        since = self._cae_stay_start(self.date_start)
        domain = [
            ("partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
            ("state", "!=", "cancelled"),
        ]
        if since:
            domain.append(("date_start", ">", since))
        # sudo: counting the legal durations needs every contract of the stay,
        # whoever triggers the computation
        return self.sudo().with_context(active_test=False).search(domain)

    def _cae_prior_periods(self):
        """(start, end) of the CAPE and earlier contracts of the current stay
        before this CESA."""
        self.ensure_one()
        day_before = self.date_start - relativedelta(days=1)
        others = self._cae_stay_contracts().filtered(
            lambda c: (
                c.id != self._origin.id
                and c.state in ("running", "ended")
                and c.date_start < self.date_start
            )
        )
        return [
            (c.date_start, min(c.date_end or day_before, day_before)) for c in others
        ]

    @api.depends(
        "contract_type",
        "date_start",
        "partner_id",
        "partner_id.cae_contract_ids.date_start",
        "partner_id.cae_contract_ids.date_end",
        "partner_id.cae_contract_ids.state",
        "partner_id.cae_exit_ids.date",
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
            contract.prior_months, contract.prior_days = prior
            contract.associate_deadline = (
                contract.date_start + relativedelta(months=36) - delta(prior)
            )
            # trial period: 8 months minus the time already spent (L7332-1)
            trial_end = contract.date_start + relativedelta(months=8) - delta(prior)
            trial = period(contract.date_start, trial_end - relativedelta(days=1))
            contract.trial_max_months, contract.trial_max_days = trial

    def _compute_associate_overdue(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.associate_overdue = bool(
                contract.contract_type == "cesa"
                and contract.state == "running"
                and contract.associate_deadline
                and contract.associate_deadline < today
                and not contract._cae_is_associate()
            )

    def _search_associate_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on this field."))
        candidates = self.search(
            [
                ("contract_type", "=", "cesa"),
                ("state", "=", "running"),
                ("associate_deadline", "<", fields.Date.context_today(self)),
            ]
        )
        overdue = candidates.filtered("associate_overdue")
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", overdue.ids)]

    def _cae_is_associate(self):
        """The person became an associate during this contract's stay."""
        self.ensure_one()
        associate = self.partner_id.sudo().cae_associate_date
        since = self._cae_stay_start(self.date_start)
        return bool(associate and (not since or associate > since))

    def _cae_cape_periods(self):
        """(start, end) of each period of this CAPE: the first, then each
        renewal."""
        self.ensure_one()
        renewals = self.renewal_ids.sorted("date_start")
        periods = [(self.date_start, self.initial_date_end or self.date_end)]
        periods += [(r.date_start, r.date_end) for r in renewals]
        if renewals:
            # a CAPE ended early stops within its last period
            periods[-1] = (renewals[-1].date_start, min(self.date_end, periods[-1][1]))
        return periods

    def _cae_check_cape_period(self, start, end, ended=False):
        """One CAPE period: 12 months at most (Code de commerce L127-1), within
        the cooperative's policy (res.company)."""
        self.ensure_one()
        duration = period(start, end)
        if exceeds(duration, 12):
            raise ValidationError(
                self.env._(
                    "A CAPE period lasts 12 months at most (%(name)s: %(start)s - "
                    "%(end)s).",
                    name=self.name,
                    start=start,
                    end=end,
                )
            )
        company = self.company_id
        if company.cae_cape_max_months and exceeds(
            duration, company.cae_cape_max_months
        ):
            raise ValidationError(
                self.env._(
                    "The cooperative's policy: a CAPE period lasts %(months)s months "
                    "at most (%(name)s: %(start)s - %(end)s).",
                    months=company.cae_cape_max_months,
                    name=self.name,
                    start=start,
                    end=end,
                )
            )
        # a CAPE ended early may stop before the policy's minimum
        if (
            not ended
            and company.cae_cape_min_months
            and duration.months < company.cae_cape_min_months
        ):
            raise ValidationError(
                self.env._(
                    "The cooperative's policy: a CAPE period lasts %(months)s months "
                    "at least (%(name)s: %(start)s - %(end)s).",
                    months=company.cae_cape_min_months,
                    name=self.name,
                    start=start,
                    end=end,
                )
            )

    def _cae_stay_cape_periods(self):
        """Number of CAPE periods of this contract's stay: each CAPE and each
        renewal (a new CAPE in the same stay counts as a renewal)."""
        self.ensure_one()
        capes = self._cae_stay_contracts().filtered(lambda c: c.contract_type == "cape")
        return sum(1 + len(c.renewal_ids) for c in capes)

    @api.constrains(
        "contract_type", "date_start", "date_end", "initial_date_end", "state"
    )
    def _check_cape_period(self):
        for contract in self.filtered(
            lambda c: c.contract_type == "cape" and c.date_end
        ):
            last_renewal = contract.renewal_ids.sorted("date_start")[-1:]
            if last_renewal and contract.date_end > last_renewal.date_end:
                raise ValidationError(
                    self.env._(
                        "%(name)s is extended by a renewal (twice at most), not by "
                        "moving its end date.",
                        name=contract.name,
                    )
                )
            ended = contract.state == "ended"
            periods = contract._cae_cape_periods()
            for index, (start, end) in enumerate(periods):
                contract._cae_check_cape_period(
                    start, end, ended=ended and index == len(periods) - 1
                )

    @api.constrains("partner_id", "contract_type", "date_start", "state")
    def _check_cape_renewals(self):
        for contract in self.filtered(
            lambda c: c.contract_type == "cape" and c.state != "cancelled"
        ):
            count = contract._cae_stay_cape_periods()
            if count > MAX_PERIODS:
                raise ValidationError(
                    self.env._(
                        "A CAPE is renewable twice at most (Code de commerce L127-2): "
                        "%(partner)s would have %(count)s CAPE periods in the same "
                        "stay (a new CAPE in the same stay counts as a renewal).",
                        partner=contract.partner_id.name,
                        count=count,
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
        if self.env.context.get("cae_history"):
            return
        self.partner_id._cae_check_admitted()
        if self.contract_type == "cesa":
            self._cae_check_workshops(
                ("journey", "cesa"),
                self.env._("before signing a CESA"),
            )
        elif any(
            c.contract_type == "cape" and c.id != self.id and c.state != "draft"
            for c in self._cae_stay_contracts()
        ):
            # a new CAPE in the same stay continues the journey, as a renewal
            self._cae_check_workshops(
                ("journey",), self.env._("before continuing under CAPE")
            )

    def _cae_check_workshops(self, steps, step):
        """The person attended a workshop of each type required for ``steps``
        (``event.type.cae_required_for``), else a UserError naming them."""
        self.ensure_one()
        # sudo: the workshop types and the person's attendance are read to
        # check a prerequisite, whoever starts the step
        required = (
            self.env["event.type"].sudo().search([("cae_required_for", "in", steps)])
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
                    "%(partner)s must attend the workshop(s) %(workshops)s %(step)s.",
                    partner=self.partner_id.name,
                    workshops=", ".join(missing.mapped("name")),
                    step=step,
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
        """To-dos for each person's support advisor: CAPE ending within 30
        days; associate deadline within 6 and 3 months, or passed; salaried
        entrepreneurs with fewer than 2 individual interviews this year."""
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

        def alert(record, summary_of, deadline):
            partner = record if record._name == "res.partner" else record.partner_id
            # a real person: the person's support advisor, else the support
            # team's responsible (never OdooBot, who runs the cron)
            company = record.company_id if "company_id" in record else False
            user = (
                partner.sudo().cae_support_user_id
                or (company or self.env.company)._cae_support_responsible()
            )
            if not user:
                return
            # the to-do speaks the language of the person who reads it
            summary = summary_of(self.with_context(lang=user.lang).env)
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
                    "user_id": user.id,
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
            alert(
                contract,
                lambda env: env._("CAPE ending within 30 days"),
                contract.date_end,
            )
        cesas = self.search(
            [
                ("contract_type", "=", "cesa"),
                ("state", "=", "running"),
                ("associate_deadline", ">=", today),
                ("associate_deadline", "<=", today + relativedelta(months=6)),
            ]
        ).filtered(lambda c: not c.partner_id.cae_associate_date)
        overdue = self.search([("associate_overdue", "=", True)])
        for contract in overdue:
            alert(contract, lambda env: env._("Associate deadline passed"), today)
        for contract in cesas:
            if contract.associate_deadline <= today + relativedelta(months=3):

                def summary(env):
                    return env._("Associate deadline within 3 months")
            else:

                def summary(env):
                    return env._("Associate deadline within 6 months")

            alert(contract, summary, contract.associate_deadline)
        missing = self.env["res.partner"].search(
            [("cae_missing_interviews", "=", True)]
        )
        for partner in missing:
            alert(
                partner,
                lambda env: env._("Fewer than 2 individual interviews this year"),
                date_utils.end_of(today, "year"),
            )
        Activity.create(values)
        return len(values)
