from odoo import api, fields, models


class CaePole(models.Model):
    _name = "cae.pole"
    _description = "Activity club (pole)"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True
    # members read their pole and post in it; the coordinator presents it and
    # invites members beyond the activities' entrepreneurs
    _mail_post_access = "read"
    _cae_entrepreneur_fields = frozenset({"description", "extra_member_ids"})

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    description = fields.Html()
    coordinator_id = fields.Many2one(
        "res.partner",
        domain=[("is_cae_member", "=", True)],
        tracking=True,
        index=True,
        help="Member who leads the pole: she edits it with the admin team.",
    )
    activity_ids = fields.Many2many(
        "cae.activity",
        "cae_activity_pole_rel",
        "pole_id",
        "activity_id",
        string="Activities",
        check_company=True,
    )
    extra_member_ids = fields.Many2many(
        "res.partner",
        "cae_pole_extra_member_rel",
        "pole_id",
        "partner_id",
        string="Other members",
        domain=[("is_cae_member", "=", True)],
        help="Members of the pole beyond the entrepreneurs of its activities.",
    )
    member_ids = fields.Many2many(
        "res.partner",
        "cae_pole_member_rel",
        "pole_id",
        "partner_id",
        string="Members",
        compute="_compute_member_ids",
        store=True,
        help="The entrepreneurs of the pole's activities, its other members and "
        "its coordinator.",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    activity_count = fields.Integer(compute="_compute_member_count")
    channel_id = fields.Many2one(
        "discuss.channel",
        string="Discussion channel",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    document_count = fields.Integer(compute="_compute_document_count")

    _sql_constraints = [
        (
            "name_uniq",
            "unique(name, company_id)",
            "A pole with this name already exists.",
        ),
    ]

    @api.depends("activity_ids.member_ids", "extra_member_ids", "coordinator_id")
    def _compute_member_ids(self):
        for pole in self:
            pole.member_ids = (
                pole.activity_ids.member_ids
                | pole.extra_member_ids
                | pole.coordinator_id
            )

    @api.depends("member_ids", "activity_ids")
    def _compute_member_count(self):
        for pole in self:
            pole.member_count = len(pole.member_ids)
            pole.activity_count = len(pole.activity_ids)

    def _compute_document_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for pole in self:
            pole.document_count = counts.get(pole.id, 0)

    @api.model_create_multi
    def create(self, vals_list):
        poles = super().create(vals_list)
        poles._cae_sync_channel()
        return poles

    # override: the channel follows the pole's name and members
    def write(self, vals):
        res = super().write(vals)
        if {
            "name",
            "activity_ids",
            "extra_member_ids",
            "coordinator_id",
            "active",
        } & set(vals):
            self._cae_sync_channel()
        return res

    def _cae_sync_channel(self):
        """One discussion channel per pole, its members those of the pole.

        sudo: channel members of other people are created and removed here,
        which Discuss lets only the channel's own members do; the pole's
        members are the ones computed above, nothing comes from the caller."""
        self.flush_recordset(["member_ids"])
        Channel = self.env["discuss.channel"].sudo()
        for pole in self.sudo():
            if not pole.channel_id:
                pole.channel_id = Channel.create(
                    {
                        "name": pole.name,
                        "channel_type": "group",
                        "description": self.env._(
                            "Discussion of the pole %(name)s", name=pole.name
                        ),
                    }
                )
            channel = pole.channel_id
            if channel.name != pole.name:
                channel.name = pole.name
            wanted = pole.member_ids if pole.active else pole.member_ids.browse()
            current = channel.channel_member_ids.partner_id
            if wanted - current:
                channel._add_members(
                    partners=wanted - current, post_joined_message=False
                )
            gone = channel.channel_member_ids.filtered(
                lambda m, wanted=wanted: m.partner_id and m.partner_id not in wanted
            )
            gone.unlink()

    def action_view_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Documents"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def action_open_channel(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "mail.action_discuss",
            "params": {"active_id": self.channel_id.id},
        }
