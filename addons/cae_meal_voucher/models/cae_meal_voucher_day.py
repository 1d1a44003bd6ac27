from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils


class CaeMealVoucherDay(models.Model):
    """A day worked, declared with its consecutive hours: it gives a meal
    voucher when it reaches the company's minimum (7 hours by default)."""

    _name = "cae.meal.voucher.day"
    _description = "Meal voucher day worked"
    _order = "month_id, date"
    _check_company_auto = True
    _cae_entrepreneur_fields = frozenset({"month_id", "date", "hours"})

    month_id = fields.Many2one(
        "cae.meal.voucher.month",
        string="Meal voucher month",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="month_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(required=True)
    hours = fields.Float(
        string="Consecutive hours",
        digits=(16, 2),
        required=True,
        help="Hours worked in a row that day.",
    )
    entitled = fields.Boolean(
        string="Meal voucher",
        compute="_compute_entitled",
        store=True,
        help="The day reaches the company's minimum hours: one meal voucher.",
    )

    @api.depends("hours", "company_id.cae_meal_voucher_min_hours")
    def _compute_entitled(self):
        for day in self:
            minimum = day.company_id.cae_meal_voucher_min_hours or 7.0
            day.entitled = day.hours >= minimum

    @api.constrains("date", "hours", "month_id")
    def _check_cae_day(self):
        """A day of its month, a working day of the company (its calendar
        less public holidays) and not a day of the person's approved leave,
        declared once, with 0 to 24 hours."""
        months = self.month_id
        working = months._cae_working_days()
        dates = {}
        # the days each month's person is on leave all day, read once a month
        full_leave = {}
        for day in months.day_ids:
            dates.setdefault((day.month_id.id, day.date), []).append(day)
        for day in self:
            month = day.month_id
            label = day.date.strftime("%d/%m/%Y")
            if not 0.0 < day.hours <= 24.0:
                raise ValidationError(
                    self.env._(
                        "%(day)s: the hours worked must be between 0 and 24.",
                        day=label,
                    )
                )
            if date_utils.start_of(day.date, "month") != month.month:
                raise ValidationError(
                    self.env._(
                        "%(day)s is not in %(month)s.",
                        day=label,
                        month=month.month.strftime("%m/%Y"),
                    )
                )
            if day.date not in working.get(month._cae_period_key(), []):
                raise ValidationError(
                    self.env._(
                        "%(day)s is not a working day of %(month)s (weekend or "
                        "public holiday of the company's calendar): only the "
                        "month's %(count)s working days can be declared.",
                        day=label,
                        month=month.month.strftime("%m/%Y"),
                        count=len(working.get(month._cae_period_key(), [])),
                    )
                )
            if month.id not in full_leave:
                full_leave[month.id] = month._cae_leave_days()[0]
            if day.date in full_leave[month.id]:
                raise ValidationError(
                    self.env._(
                        "%(day)s: %(person)s is on leave all that day (approved "
                        "time off): a day of leave gives no meal voucher.",
                        day=label,
                        person=month.partner_id.name,
                    )
                )
            if len(dates.get((month.id, day.date), [])) > 1:
                raise ValidationError(
                    self.env._("%(day)s is declared twice.", day=label)
                )

    # override: her own months only, and only while they are editable
    @api.model_create_multi
    def create(self, vals_list):
        months = self.env["cae.meal.voucher.month"].browse(
            {vals["month_id"] for vals in vals_list if vals.get("month_id")}
        )
        months._cae_check_own()
        months._cae_check_editable()
        return super().create(vals_list)

    # override: the days of a submitted or validated month do not change
    def write(self, vals):
        self.month_id._cae_check_own()
        self.month_id._cae_check_editable()
        if "month_id" in vals:
            new = self.env["cae.meal.voucher.month"].browse(vals["month_id"])
            new._cae_check_own()
            new._cae_check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.month_id._cae_check_own()
        self.month_id._cae_check_editable()
