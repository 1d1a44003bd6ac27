from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import date_utils, format_amount

from odoo.addons.cae_member.models.base import cae_trusted_writes

WEEKDAYS = (
    "monday_hours",
    "tuesday_hours",
    "wednesday_hours",
    "thursday_hours",
    "friday_hours",
)
# what may still change on a validated month (the chatter's attachment)
FROZEN_EXCEPT = frozenset({"message_main_attachment_id"})


class CaeMealVoucherMonth(models.Model):
    """The meal vouchers of a salaried entrepreneur for a month, on one
    activity: the days worked she declares, the vouchers they give, the
    employer share charged to the activity and the employee share deducted
    from pay."""

    _name = "cae.meal.voucher.month"
    _description = "Meal voucher month"
    _inherit = ["mail.thread"]
    _order = "month desc, partner_id"
    _check_company_auto = True
    # what she declares; the count, the shares and the state are the server's
    _cae_entrepreneur_fields = frozenset(
        {
            "partner_id",
            "activity_id",
            "month",
            "company_id",
            "day_ids",
            "note",
            *WEEKDAYS,
        }
    )

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Entrepreneur",
        required=True,
        index=True,
        default=lambda self: self.env.user.partner_id,
        domain=[("is_cae_member", "=", True)],
        tracking=True,
    )
    activity_id = fields.Many2one(
        "cae.activity",
        required=True,
        index=True,
        check_company=True,
        default=lambda self: self.env.user._cae_default_activity(),
        tracking=True,
    )
    month = fields.Date(
        required=True,
        index=True,
        default=lambda self: date_utils.start_of(
            fields.Date.context_today(self), "month"
        ),
        help="Any day of the month; stored as its first day.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("validated", "Validated")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    day_ids = fields.One2many(
        "cae.meal.voucher.day", "month_id", string="Days worked", copy=False
    )
    note = fields.Text()
    monday_hours = fields.Float(digits=(16, 2))
    tuesday_hours = fields.Float(digits=(16, 2))
    wednesday_hours = fields.Float(digits=(16, 2))
    thursday_hours = fields.Float(digits=(16, 2))
    friday_hours = fields.Float(digits=(16, 2))
    day_count = fields.Integer(
        string="Days declared", compute="_compute_amounts", store=True
    )
    voucher_count = fields.Integer(
        string="Meal vouchers",
        compute="_compute_amounts",
        store=True,
        aggregator="sum",
        help="One meal voucher per declared day of at least the company's "
        "minimum hours; a half day gives none.",
    )
    face_value = fields.Monetary(
        readonly=True,
        default=lambda self: self.env.company.cae_meal_voucher_face_value,
        help="Face value of one meal voucher (the company's, set again on validation).",
    )
    employer_rate = fields.Float(
        string="Employer share (%)",
        digits=(5, 2),
        readonly=True,
        default=lambda self: self.env.company.cae_meal_voucher_employer_rate,
    )
    employer_share = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        aggregator="sum",
        help="Charged to the activity, exempt from social charges.",
    )
    employee_share = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        aggregator="sum",
        help="Deducted from the entrepreneur's pay.",
    )
    working_day_count = fields.Integer(
        string="Working days of the month",
        compute="_compute_working_day_count",
        help="Days of the company's working calendar, public holidays excluded.",
    )
    move_id = fields.Many2one(
        "account.move",
        string="Employer share entry",
        readonly=True,
        copy=False,
        check_company=True,
    )
    activity_suspended = fields.Boolean(
        related="activity_id.cae_meal_voucher_suspended",
        string="Meal vouchers suspended",
    )
    suspension_reason = fields.Char(
        related="activity_id.cae_meal_voucher_suspension_reason"
    )
    suspension_date = fields.Date(
        related="activity_id.cae_meal_voucher_suspension_date"
    )

    _sql_constraints = [
        (
            "partner_activity_month_uniq",
            "unique(partner_id, activity_id, month)",
            "This person already has a meal voucher month for this activity.",
        ),
    ]

    @api.depends("month", "partner_id.name")
    def _compute_name(self):
        for record in self:
            record.name = (
                self.env._(
                    "Meal vouchers %(month)s, %(person)s",
                    month=record.month.strftime("%m/%Y"),
                    person=record.partner_id.name,
                )
                if record.month and record.partner_id
                else False
            )

    @api.depends(
        "day_ids.entitled",
        "day_ids.hours",
        "face_value",
        "employer_rate",
        "currency_id",
    )
    def _compute_amounts(self):
        for record in self:
            count = len(record.day_ids.filtered("entitled"))
            currency = record.currency_id or self.env.company.currency_id
            total = currency.round(count * record.face_value)
            employer = currency.round(total * record.employer_rate / 100.0)
            record.day_count = len(record.day_ids)
            record.voucher_count = count
            record.employer_share = employer
            record.employee_share = total - employer

    @api.depends("month", "company_id")
    def _compute_working_day_count(self):
        working = self._cae_working_days()
        for record in self:
            record.working_day_count = len(working.get(record._cae_period_key(), []))

    @api.constrains("partner_id", "month", "company_id")
    def _check_cae_cesa(self):
        """Meal vouchers are for employees: a CESA running in the month. A
        CAPE holder is not an employee."""
        with_cesa = self._cae_partners_with_cesa()
        for record in self:
            if (record.partner_id.id, record.month) not in with_cesa:
                raise ValidationError(
                    self.env._(
                        "%(person)s has no CESA contract in %(month)s: meal "
                        "vouchers are for salaried entrepreneurs only (a CAPE "
                        "holder is not an employee).",
                        person=record.partner_id.name,
                        month=record.month.strftime("%m/%Y"),
                    )
                )

    # override: the month is its first day; an entrepreneur declares for herself on
    # her own activities
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._cae_first_day(vals) for vals in vals_list]
        for vals in vals_list:
            self._cae_check_entrepreneur_vals(vals)
        return super().create(vals_list)

    # override: the month is its first day; she changes only her draft months, and a
    # validated month is frozen for everyone
    def write(self, vals):
        vals = self._cae_first_day(vals)
        self._cae_check_entrepreneur_vals(vals)
        if vals.keys() - FROZEN_EXCEPT:
            self._cae_check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated(self):
        for record in self:
            if record.state == "validated" or (
                record.state != "draft" and record._cae_guard_applies()
            ):
                raise UserError(
                    self.env._(
                        "%(month)s was submitted or validated: it is kept as "
                        "evidence and cannot be deleted.",
                        month=record.display_name,
                    )
                )

    def action_submit(self):
        for record in self:
            record._cae_check_own()
            if record.state != "draft":
                raise UserError(
                    self.env._(
                        "%(month)s was already submitted.", month=record.display_name
                    )
                )
            if not record.day_ids:
                raise UserError(
                    self.env._(
                        "%(month)s: declare the days worked before submitting.",
                        month=record.display_name,
                    )
                )
        # the button's checks are done: it writes the state she may not write
        with cae_trusted_writes():
            self.write({"state": "submitted"})
        return True

    def action_reset_draft(self):
        """The admin team gives a submitted month back to its entrepreneur."""
        self._cae_check_admin()
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(
                self.env._("Only a submitted meal voucher month goes back to draft.")
            )
        self.write({"state": "draft"})
        return True

    def action_validate(self):
        """The admin team validates: the employer share is posted as a charge
        of the activity; the employee share goes to the pay variables."""
        self._cae_check_admin()
        for record in self:
            record._cae_check_validable()
        for record in self:
            company = record.company_id
            record.write(
                {
                    "face_value": company.cae_meal_voucher_face_value,
                    "employer_rate": company.cae_meal_voucher_employer_rate,
                }
            )
            move = record._cae_post_employer_share()
            record.write({"state": "validated", "move_id": move.id})
        return True

    def action_fill_week(self):
        """Declare every working day of the month not yet declared with the
        hours of its weekday in the weekly pattern (a weekday without hours
        is skipped, and so is a day of her approved leave, even a half
        one)."""
        working = self._cae_working_days()
        vals_list = []
        for record in self:
            record._cae_check_own()
            if record.state != "draft":
                raise UserError(
                    self.env._(
                        "%(month)s was submitted: its days can no longer change.",
                        month=record.display_name,
                    )
                )
            declared = set(record.day_ids.mapped("date"))
            _full, on_leave = record._cae_leave_days()
            for day in working.get(record._cae_period_key(), []):
                hours = record[WEEKDAYS[day.weekday()]] if day.weekday() < 5 else 0.0
                if hours and day not in declared and day not in on_leave:
                    vals_list.append(
                        {"month_id": record.id, "date": day, "hours": hours}
                    )
        self.env["cae.meal.voucher.day"].create(vals_list)
        return True

    @api.model
    def _cae_first_day(self, vals):
        if vals.get("month"):
            return dict(
                vals,
                month=date_utils.start_of(fields.Date.to_date(vals["month"]), "month"),
            )
        return vals

    def _cae_period_key(self):
        self.ensure_one()
        return (self.company_id.id, self.month)

    def _cae_working_days(self):
        """{(company id, month): working days of the month}, one calendar
        read per company and month."""
        result = {}
        for record in self:
            key = record._cae_period_key()
            if record.month and record.company_id and key not in result:
                result[key] = record.company_id._cae_meal_voucher_working_days(
                    record.month, date_utils.end_of(record.month, "month")
                )
        return result

    def _cae_employee(self):
        """The employee record of the month's person in its company."""
        self.ensure_one()
        # sudo: entrepreneurs cannot read hr.employee; ``self`` is a month the
        # caller could read (record rules: her own, or the admin team's), and
        # only its person's employee is looked up, for her leave dates
        return (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("work_contact_id", "=", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )

    def _cae_leave_days(self):
        """``(full, touched)``: the days of the month she is on leave all
        day, and every day a leave of hers touches."""
        self.ensure_one()
        if not self.month or not self.partner_id:
            return set(), set()
        return self.company_id._cae_meal_voucher_leave_days(
            self._cae_employee().resource_id,
            self.month,
            date_utils.end_of(self.month, "month"),
        )

    def _cae_partners_with_cesa(self):
        """{(partner id, month)} of the records whose person has a CESA
        running in the month."""
        records = self.filtered(lambda r: r.partner_id and r.month)
        if not records:
            return set()
        # sudo: contracts are HR data; only whether the record's own person
        # has one in its month is read
        contracts = (
            self.env["cae.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", records.partner_id.ids),
                    ("company_id", "in", records.company_id.ids),
                    ("contract_type", "=", "cesa"),
                    ("state", "in", ("running", "ended")),
                    (
                        "date_start",
                        "<=",
                        date_utils.end_of(max(records.mapped("month")), "month"),
                    ),
                ]
            )
        )
        result = set()
        for record in records:
            end = date_utils.end_of(record.month, "month")
            if any(
                c.partner_id == record.partner_id
                and c.company_id == record.company_id
                and c.date_start <= end
                and (not c.date_end or c.date_end >= record.month)
                for c in contracts
            ):
                result.add((record.partner_id.id, record.month))
        return result

    @api.model
    def _cae_check_entrepreneur_vals(self, vals):
        """An entrepreneur declares her own days, on her own activities
        (checked on the values, before the record rules answer in general
        terms)."""
        if not self._cae_guard_applies():
            return
        user = self.env.user
        if "partner_id" in vals and vals["partner_id"] != user.partner_id.id:
            raise AccessError(
                self.env._("You can only declare your own meal voucher days.")
            )
        if "activity_id" in vals:
            activity = self.env["cae.activity"].browse(vals["activity_id"] or [])
            if not user._cae_is_own_activity(activity):
                raise AccessError(
                    self.env._(
                        "You can only declare meal voucher days on one of your "
                        "activities: %(activity)s is not yours.",
                        activity=activity.sudo().display_name or "-",
                    )
                )

    def _cae_check_own(self):
        """An entrepreneur acts on her own months only."""
        user = self.env.user
        if not self._cae_guard_applies():
            return
        for record in self:
            if record.partner_id != user.partner_id or not user._cae_is_own_activity(
                record.activity_id
            ):
                raise AccessError(
                    self.env._("You can only act on your own meal voucher months.")
                )

    def _cae_check_editable(self):
        """A validated month is frozen; an entrepreneur changes her draft
        months only."""
        guarded = self._cae_guard_applies()
        for record in self:
            if record.state == "validated" or (guarded and record.state != "draft"):
                raise UserError(
                    self.env._(
                        "%(month)s was submitted or validated: it can no longer "
                        "be changed.",
                        month=record.display_name,
                    )
                )

    def _cae_check_admin(self):
        if not self.env.user.has_group("cae_member.cae_member_group_admin"):
            raise AccessError(
                self.env._("Only the admin team validates the meal voucher months.")
            )

    def _cae_check_validable(self):
        self.ensure_one()
        if self.state != "submitted":
            raise UserError(
                self.env._(
                    "%(month)s must be submitted before it is validated.",
                    month=self.display_name,
                )
            )
        activity = self.activity_id
        if activity.cae_meal_voucher_suspended:
            raise UserError(
                self.env._(
                    "The meal vouchers of %(activity)s are suspended since "
                    "%(date)s (%(reason)s): %(month)s cannot be validated.",
                    activity=activity.display_name,
                    date=activity.cae_meal_voucher_suspension_date.strftime("%d/%m/%Y"),
                    reason=activity.cae_meal_voucher_suspension_reason,
                    month=self.display_name,
                )
            )
        self._check_cae_cesa()
        meals = self._cae_restaurant_expenses()
        if meals:
            raise UserError(
                self.env._(
                    "%(person)s claimed a restaurant meal in %(month)s (%(expense)s): "
                    "meal vouchers replace meal expenses, refuse that expense "
                    "first.",
                    person=self.partner_id.name,
                    month=self.month.strftime("%m/%Y"),
                    expense=meals[0].name,
                )
            )

    def _cae_restaurant_expenses(self):
        """Restaurant meal expenses of the person in the month, not refused."""
        self.ensure_one()
        # sudo: the admin team reads the person's expenses of the month to
        # see whether a meal was already claimed
        return (
            self.env["hr.expense"]
            .sudo()
            .search(
                [
                    "|",
                    ("employee_id.work_contact_id", "=", self.partner_id.id),
                    ("employee_id.user_id.partner_id", "=", self.partner_id.id),
                    ("product_id.cae_restaurant_meal", "=", True),
                    ("date", ">=", self.month),
                    ("date", "<=", date_utils.end_of(self.month, "month")),
                    ("state", "!=", "refused"),
                ]
            )
        )

    def _cae_post_employer_share(self):
        """The posted entry charging the employer share to the activity: the
        expense line carries the activity (and so its analytic account), the
        counterpart is owed to the voucher issuer."""
        self.ensure_one()
        if self.currency_id.is_zero(self.employer_share):
            return self.env["account.move"]
        company = self.company_id
        expense = company.cae_meal_voucher_expense_account_id
        payable = company.cae_meal_voucher_payable_account_id
        journal = company._cae_meal_voucher_journal()
        if not (expense and payable and journal):
            raise UserError(
                self.env._(
                    "Set the meal voucher expense account and the issuer's "
                    "account in the settings before validating meal vouchers."
                )
            )
        label = self.env._(
            "%(month)s: %(count)s x %(value)s, employer share %(rate)s %%",
            month=self.display_name,
            count=self.voucher_count,
            value=format_amount(self.env, self.face_value, self.currency_id),
            rate=self.employer_rate,
        )
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": date_utils.end_of(self.month, "month"),
                "ref": self.display_name,
                "company_id": company.id,
                "cae_activity_id": self.activity_id.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": expense.id,
                            "name": label,
                            "partner_id": self.partner_id.id,
                            "debit": self.employer_share,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": payable.id,
                            "name": label,
                            "partner_id": company.cae_meal_voucher_issuer_id.id,
                            "credit": self.employer_share,
                        }
                    ),
                ],
            }
        )
        move.action_post()
        return move
