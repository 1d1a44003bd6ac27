from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class CaeTenderProject(models.Model):
    _name = "cae.tender.project"
    _description = "Shared answer to a call for tenders"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # the members of the participating activities write the answer together;
    # which activities take part is the lead activity's members' choice
    # (checked in create/write), the tender is chosen at creation
    _cae_entrepreneur_fields = frozenset(
        {
            "name",
            "tender_id",
            "cae_activity_ids",
            "lead_activity_id",
            "notes",
            "answer_attachment_ids",
        }
    )
    _mail_post_access = "read"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    tender_id = fields.Many2one(
        "cae.tender",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="tender_id.company_id", store=True, index=True, precompute=True
    )
    tender_state = fields.Selection(related="tender_id.state", string="Tender status")
    date_deadline = fields.Datetime(related="tender_id.date_deadline")
    cae_activity_ids = fields.Many2many(
        "cae.activity",
        "cae_tender_project_activity_rel",
        "project_id",
        "activity_id",
        string="Participating activities",
        check_company=True,
        tracking=True,
    )
    lead_activity_id = fields.Many2one(
        "cae.activity",
        string="Lead activity",
        required=True,
        check_company=True,
        tracking=True,
        help="The activity that leads the answer and invites the others.",
    )
    member_ids = fields.Many2many(
        "res.partner",
        "cae_tender_project_member_rel",
        "project_id",
        "partner_id",
        string="Members",
        compute="_compute_member_ids",
        store=True,
    )
    notes = fields.Html()
    answer_attachment_ids = fields.Many2many(
        "ir.attachment",
        "cae_tender_project_attachment_rel",
        "project_id",
        "attachment_id",
        string="Answer documents",
    )

    @api.depends("tender_id.name")
    def _compute_name(self):
        for project in self:
            if not project.name:
                project.name = project.tender_id.name

    @api.depends("cae_activity_ids.member_ids", "lead_activity_id.member_ids")
    def _compute_member_ids(self):
        for project in self:
            project.member_ids = (
                project.cae_activity_ids.member_ids
                | project.lead_activity_id.member_ids
            )

    @api.constrains("cae_activity_ids", "lead_activity_id")
    def _check_lead_activity(self):
        for project in self:
            if project.lead_activity_id not in project.cae_activity_ids:
                raise ValidationError(
                    self.env._(
                        "The lead activity %(activity)s must take part in the project "
                        "%(name)s.",
                        activity=project.lead_activity_id.display_name,
                        name=project.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            lead = vals.get("lead_activity_id")
            if lead and not vals.get("cae_activity_ids"):
                vals["cae_activity_ids"] = [(4, lead)]
        guarded = self._cae_guard_applies()
        projects = super().create(vals_list)
        if guarded:
            own = self.env.user._cae_activities()
            for project in projects:
                if project.sudo().lead_activity_id not in own:
                    raise AccessError(
                        self.env._(
                            "You can only start a project led by one of your "
                            "activities."
                        )
                    )
        projects._cae_subscribe_members()
        return projects

    # override: only the lead activity's members choose the participating
    # activities; the members follow the project and its tender
    def write(self, vals):
        if {"cae_activity_ids", "lead_activity_id", "tender_id"} & set(vals) and (
            self._cae_guard_applies()
        ):
            own = self.env.user._cae_activities()
            for project in self.sudo():
                if "tender_id" in vals or project.lead_activity_id not in own:
                    raise AccessError(
                        self.env._(
                            "Only the members of the lead activity of %(name)s choose "
                            "the activities that take part in it.",
                            name=project.name,
                        )
                    )
        res = super().write(vals)
        if {"cae_activity_ids", "lead_activity_id"} & set(vals):
            self._cae_subscribe_members()
            if self._cae_guard_applies():
                own = self.env.user._cae_activities()
                for project in self.sudo():
                    if project.lead_activity_id not in own:
                        raise AccessError(
                            self.env._(
                                "You can only hand the lead to an activity of the "
                                "project if you stay in its lead activity."
                            )
                        )
        return res

    def _cae_subscribe_members(self):
        """The members of the participating activities follow the project and
        its tender.

        sudo: the members are other people (their follower records, and the
        tender they may not read yet); they come from the activities chosen
        above, whose change was checked."""
        for project in self.sudo():
            if project.member_ids:
                project.message_subscribe(partner_ids=project.member_ids.ids)
                project.tender_id.message_subscribe(partner_ids=project.member_ids.ids)
