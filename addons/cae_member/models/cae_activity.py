from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

ACTIVITY_TYPES = [
    ("standard", "Standard"),
    ("training", "Training"),
    ("skills_assessment", "Skills assessment"),
]


class CaeActivity(models.Model):
    _name = "cae.activity"
    _description = "CAE activity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "code, name"
    _check_company_auto = True
    _rec_names_search = ["code", "name", "trade_name"]
    # an entrepreneur presents her activity; its members and terms (code,
    # type, rates, scale, analytic account, archiving) are the admin team's
    _cae_entrepreneur_fields = frozenset({"trade_name", "logo", "description"})

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        index=True,
        copy=False,
        help="Stable code of the activity: it is the code of its analytic account "
        "and the activity code of payroll exports.",
    )
    trade_name = fields.Char(
        tracking=True, help="Name printed on the activity's quotes and invoices."
    )
    logo = fields.Image(max_width=512, max_height=512)
    member_ids = fields.Many2many(
        "res.partner",
        "cae_activity_member_rel",
        "activity_id",
        "partner_id",
        string="Entrepreneurs",
        domain=[("is_cae_member", "=", True)],
        tracking=True,
    )
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        required=True,
        readonly=True,
        ondelete="restrict",
        copy=False,
        check_company=True,
        index=True,
    )
    activity_type = fields.Selection(
        ACTIVITY_TYPES, required=True, default="standard", tracking=True
    )
    pole_ids = fields.Many2many(
        "cae.pole",
        "cae_activity_pole_rel",
        "activity_id",
        "pole_id",
        string="Poles",
        check_company=True,
    )
    territory_id = fields.Many2one("cae.territory", check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(default=fields.Date.context_today, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    member_count = fields.Integer(compute="_compute_member_count")
    description = fields.Html()

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "An activity with this code already exists in this company.",
        ),
    ]

    @api.depends("member_ids")
    def _compute_member_count(self):
        for activity in self:
            activity.member_count = len(activity.member_ids)

    @api.depends("code", "name", "trade_name")
    def _compute_display_name(self):
        for activity in self:
            activity.display_name = (
                f"[{activity.code}] {activity.name}" if activity.code else activity.name
            )

    @api.constrains("member_ids", "active")
    def _check_member_ids(self):
        if self.env.context.get("cae_migration_pending"):
            # a migration links the entrepreneurs afterwards, then checks
            return
        for activity in self:
            if activity.active and not activity.member_ids:
                raise ValidationError(
                    self.env._(
                        "The activity %(name)s must have at least one entrepreneur.",
                        name=activity.display_name,
                    )
                )

    @api.constrains("code")
    def _check_code(self):
        for activity in self:
            if not (activity.code or "").strip():
                raise ValidationError(self.env._("The activity code cannot be empty."))

    @api.model_create_multi
    def create(self, vals_list):
        # the analytic account is created with the activity, with its code
        plan = self.env.company._cae_activity_plan()
        missing = [vals for vals in vals_list if not vals.get("analytic_account_id")]
        accounts = (
            self.env["account.analytic.account"]
            .sudo()
            .create(
                [
                    {
                        "name": vals.get("name"),
                        "code": (vals.get("code") or "").strip().upper(),
                        "company_id": vals.get("company_id") or self.env.company.id,
                        "plan_id": plan.id,
                    }
                    for vals in missing
                ]
            )
        )
        for vals, account in zip(missing, accounts, strict=True):
            vals["analytic_account_id"] = account.id
        for vals in vals_list:
            if vals.get("code"):
                vals["code"] = vals["code"].strip().upper()
        activities = super().create(vals_list)
        activities._sync_members()
        self._cae_membership_changed()
        activities.pole_ids._cae_sync_channel()
        return activities

    # override: a normalised code; the analytic account and the members follow the
    # activity
    def write(self, vals):
        if vals.get("code"):
            vals["code"] = vals["code"].strip().upper()
        # sudo: every pole of the activity, whether the user reads it or not
        poles = self.sudo().pole_ids if {"member_ids", "pole_ids"} & set(vals) else None
        res = super().write(vals)
        if poles is not None:
            # the poles' discussion channels follow their members
            (poles | self.sudo().pole_ids)._cae_sync_channel()
        if {"code", "name", "company_id", "active"} & set(vals):
            for activity in self:
                activity.analytic_account_id.sudo().write(
                    activity._prepare_analytic_account_vals()
                )
        if "member_ids" in vals:
            self._sync_members()
        if {"member_ids", "active", "company_id"} & set(vals):
            self._cae_membership_changed()
        return res

    @api.model
    def _cae_membership_changed(self):
        """Record rules read the user's activities once and Odoo caches the
        result per user and worker: a membership change clears that cache
        here and, through the registry's cache signalling, in every other
        worker at the end of the transaction."""
        self.env.registry.clear_cache()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_accounting_entries(self):
        if not self:
            return
        used = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [("cae_activity_id", "in", self.ids)], ["cae_activity_id"], ["__count"]
            )
        )
        if used:
            names = ", ".join(activity.display_name for activity, _count in used)
            raise UserError(
                self.env._(
                    "The activity %(names)s has accounting entries and cannot be "
                    "deleted: archive it instead.",
                    names=names,
                )
            )

    # override: an activity without entries leaves no empty analytic account
    def unlink(self):
        accounts = self.analytic_account_id
        res = super().unlink()
        # an activity without entries leaves no empty analytic account behind
        accounts.sudo().filtered(lambda a: not a.line_ids).unlink()
        return res

    def _prepare_analytic_account_vals(self):
        self.ensure_one()
        return {
            "name": self.name,
            "code": self.code,
            "company_id": self.company_id.id,
            "active": self.active,
        }

    def _sync_members(self):
        """Activity members are CAE members."""
        partners = self.member_ids.filtered(lambda p: not p.is_cae_member)
        if partners:
            partners.write({"is_cae_member": True})

    def action_view_members(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Entrepreneurs"),
            "res_model": "res.partner",
            "view_mode": "kanban,list,form",
            "domain": [("id", "in", self.member_ids.ids)],
        }

    # override: an entrepreneur's pickers (quote, invoice, expense, statement,
    # salary request…) offer her own activities only; she still reads the
    # others in the directory. ``cae_all_activities`` in the context lifts it.
    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        user = self.env.user
        if user._cae_is_entrepreneur_only() and not self.env.context.get(
            "cae_all_activities"
        ):
            args = [*(args or []), ("id", "in", user._cae_activities().ids)]
        return super().name_search(name, args, operator, limit)
