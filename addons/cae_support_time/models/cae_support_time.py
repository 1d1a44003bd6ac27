from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.cae_member.models.base import cae_trusted_writes

ADMIN_GROUP = "cae_member.cae_member_group_admin"


class CaeSupportTime(models.Model):
    """Time an entrepreneur spends on internal support: sponsoring a
    newcomer, a workshop she runs, a committee. She records and submits it;
    the admin team approves it at the hourly rate of its kind (or the
    company's), and the approved amount goes into the pay variables export of
    its month, once."""

    _name = "cae.support.time"
    _description = "Internal support time"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # the person records her time; the rate, the amount, the status and the
    # export are the admin team's
    _cae_entrepreneur_fields = frozenset(
        {
            "partner_id",
            "activity_id",
            "date",
            "hours",
            "kind_id",
            "description",
            "sponsee_id",
        }
    )

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        default=lambda self: self.env.user.partner_id,
        domain=[("is_cae_member", "=", True)],
        index=True,
        tracking=True,
    )
    activity_id = fields.Many2one(
        "cae.activity",
        required=True,
        check_company=True,
        domain="[('member_ids', 'in', partner_id)]",
        index=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    hours = fields.Float(required=True, digits=(16, 2), tracking=True)
    kind_id = fields.Many2one(
        "cae.support.time.kind",
        required=True,
        check_company=True,
        tracking=True,
    )
    is_sponsoring = fields.Boolean(related="kind_id.is_sponsoring")
    description = fields.Text(required=True)
    sponsee_id = fields.Many2one(
        "res.partner",
        domain=[("is_cae_member", "=", True)],
        help="The newcomer sponsored, for time spent sponsoring.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
        ],
        string="Status",
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    hourly_rate = fields.Monetary(
        compute="_compute_hourly_rate",
        store=True,
        readonly=False,
        precompute=True,
        help="The rate of the kind, or the company's; kept as it was when the time "
        "was approved.",
    )
    amount = fields.Monetary(
        compute="_compute_amount", store=True, precompute=True, aggregator="sum"
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    payroll_export_line_id = fields.Many2one(
        "cae.payroll.export.line",
        string="Paid by the export line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    payroll_export_id = fields.Many2one(
        related="payroll_export_line_id.export_id", string="Payroll export"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("kind_id.hourly_rate", "company_id.cae_support_time_rate")
    def _compute_hourly_rate(self):
        for entry in self:
            if entry.state == "approved":
                continue
            entry.hourly_rate = (
                entry.kind_id.hourly_rate or entry.company_id.cae_support_time_rate
            )

    @api.depends("hours", "hourly_rate")
    def _compute_amount(self):
        for entry in self:
            entry.amount = entry.currency_id.round(entry.hours * entry.hourly_rate)

    @api.constrains("hours", "date", "partner_id")
    def _check_hours(self):
        for entry in self:
            if entry.hours <= 0:
                raise ValidationError(
                    self.env._(
                        "The hours of internal support are more than zero "
                        "(%(hours)s given).",
                        hours=entry.hours,
                    )
                )
        # sudo: the day's total counts every entry of the person, whoever
        # recorded them
        groups = self.sudo()._read_group(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("date", "in", list(set(self.mapped("date")))),
            ],
            ["partner_id", "date:day"],
            ["hours:sum"],
        )
        for partner, day, hours in groups:
            if hours > 24:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot record more than 24 hours of internal "
                        "support on %(date)s (%(hours)s hours).",
                        partner=partner.name,
                        date=day.strftime("%d/%m/%Y"),
                        hours=hours,
                    )
                )

    @api.constrains("partner_id", "activity_id")
    def _check_activity(self):
        for entry in self.sudo():
            if entry.partner_id not in entry.activity_id.member_ids:
                raise ValidationError(
                    self.env._(
                        "%(partner)s does not take part in the activity %(activity)s.",
                        partner=entry.partner_id.name,
                        activity=entry.activity_id.display_name,
                    )
                )

    @api.constrains("hourly_rate")
    def _check_hourly_rate(self):
        for entry in self:
            if entry.hourly_rate < 0:
                raise ValidationError(
                    self.env._(
                        "The hourly rate of internal support cannot be negative."
                    )
                )

    @api.constrains("sponsee_id", "partner_id")
    def _check_sponsee(self):
        # sudo: the sponsor is journey data, read to check the sponsee named
        for entry in self.sudo():
            if entry.sponsee_id and entry.sponsee_id.cae_sponsor_id != entry.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(sponsee)s is not a sponsee of %(partner)s.",
                        sponsee=entry.sponsee_id.name,
                        partner=entry.partner_id.name,
                    )
                )

    # override: a submitted or approved entry is the admin team's; an exported
    # one is paid and never changes
    def write(self, vals):
        if "payroll_export_line_id" in vals:
            self._cae_check_export(vals["payroll_export_line_id"])
        if not self.env.su and not self.env.user.has_group(ADMIN_GROUP):
            if self.filtered(lambda e: e.state != "draft"):
                raise UserError(
                    self.env._(
                        "Internal support time that was submitted is changed by the "
                        "admin team only."
                    )
                )
        elif self.filtered("payroll_export_line_id") and set(vals) & {
            "hours",
            "hourly_rate",
            "partner_id",
            "activity_id",
            "state",
        }:
            raise UserError(
                self.env._(
                    "Internal support time paid through the payroll cannot be changed."
                )
            )
        return super().write(vals)

    def _cae_check_export(self, line_id):
        """Each entry is paid once: approved, it goes into the exports of one
        month (an export of the same month made again carries it again)."""
        line = self.env["cae.payroll.export.line"].browse(line_id)
        for entry in self:
            if line and entry.state != "approved":
                raise UserError(
                    self.env._(
                        "Only approved internal support time is paid (%(entry)s).",
                        entry=entry.display_name,
                    )
                )
            paid = entry.payroll_export_line_id.export_id
            if paid and (not line or paid.month != line.export_id.month):
                raise UserError(
                    self.env._(
                        "The internal support time %(entry)s was already paid by the "
                        "pay variables of %(month)s: it is paid once.",
                        entry=entry.display_name,
                        month=paid.month.strftime("%m/%Y"),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda e: e.state != "draft"):
            raise UserError(
                self.env._(
                    "Submitted internal support time is kept as evidence: it cannot "
                    "be deleted."
                )
            )

    @api.depends("partner_id", "date", "kind_id")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = " - ".join(
                filter(
                    None,
                    [
                        entry.partner_id.name,
                        entry.kind_id.name,
                        entry.date and entry.date.strftime("%d/%m/%Y"),
                    ],
                )
            )

    def action_submit(self):
        for entry in self:
            if entry.state != "draft":
                raise UserError(
                    self.env._(
                        "%(entry)s was already submitted.", entry=entry.display_name
                    )
                )
        # the record rules keep an entrepreneur to her own entries
        self.check_access("write")
        with cae_trusted_writes():
            self.write({"state": "submitted"})

    def action_approve(self):
        if not self.env.su and not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                self.env._("Internal support time is approved by the admin team only.")
            )
        for entry in self:
            if entry.state == "approved":
                raise UserError(
                    self.env._(
                        "%(entry)s was already approved.", entry=entry.display_name
                    )
                )
            if entry.state != "submitted":
                raise UserError(
                    self.env._(
                        "%(entry)s must be submitted before it is approved.",
                        entry=entry.display_name,
                    )
                )
        self.write({"state": "approved", "approved_by_id": self.env.user.id})

    def action_reset_draft(self):
        if not self.env.su and not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                self.env._(
                    "Internal support time is sent back to draft by the admin team "
                    "only."
                )
            )
        if self.filtered("payroll_export_line_id"):
            raise UserError(
                self.env._(
                    "Internal support time paid through the payroll cannot be changed."
                )
            )
        self.write({"state": "draft", "approved_by_id": False})
