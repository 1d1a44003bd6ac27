from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

TENDER_SOURCES = [("boamp", "BOAMP"), ("other", "Other")]
TENDER_STATES = [
    ("open", "Open"),
    ("answered", "Answered"),
    ("won", "Won"),
    ("lost", "Lost"),
    ("closed", "Closed"),
]
TENDER_DECISIONS = [("answered", "Answered"), ("won", "Won"), ("lost", "Lost")]


class CaeTender(models.Model):
    _name = "cae.tender"
    _description = "Call for tenders"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline desc, id desc"
    _check_company_auto = True
    # the members who read a tender discuss it in its chatter
    _mail_post_access = "read"

    name = fields.Char(string="Subject", required=True, tracking=True)
    reference = fields.Char(
        index=True,
        copy=False,
        help="Reference of the notice at its source (BOAMP idweb).",
    )
    source = fields.Selection(TENDER_SOURCES, required=True, default="other")
    buyer = fields.Char(tracking=True)
    date_published = fields.Date(
        string="Publication date", default=fields.Date.context_today
    )
    date_deadline = fields.Datetime(string="Answer deadline", tracking=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_estimated = fields.Monetary(string="Estimated amount")
    url = fields.Char(string="URL")
    keywords = fields.Char(help="Descriptors of the notice (BOAMP descripteurs).")
    description = fields.Html()
    pole_ids = fields.Many2many(
        "cae.pole",
        "cae_tender_pole_rel",
        "tender_id",
        "pole_id",
        string="Poles concerned",
        check_company=True,
        tracking=True,
    )
    order_attachment_ids = fields.Many2many(
        "ir.attachment",
        "cae_tender_order_attachment_rel",
        "tender_id",
        "attachment_id",
        string="The order",
        help="The buyer's files (rules of the consultation, specifications).",
    )
    answer_attachment_ids = fields.Many2many(
        "ir.attachment",
        "cae_tender_answer_attachment_rel",
        "tender_id",
        "attachment_id",
        string="The answer",
        help="The files of the CAE's answer.",
    )
    decision = fields.Selection(TENDER_DECISIONS, copy=False, tracking=True)
    state = fields.Selection(
        TENDER_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        help="Open until the deadline; closed past it when no answer was sent.",
    )
    project_ids = fields.One2many("cae.tender.project", "tender_id", string="Projects")
    project_count = fields.Integer(compute="_compute_project_count")

    _sql_constraints = [
        (
            "reference_uniq",
            "unique(reference, source, company_id)",
            "A tender with this reference already exists for this source.",
        ),
    ]

    @api.depends("decision", "date_deadline")
    def _compute_state(self):
        now = fields.Datetime.now()
        for tender in self:
            if tender.decision:
                tender.state = tender.decision
            elif tender.date_deadline and tender.date_deadline < now:
                tender.state = "closed"
            else:
                tender.state = "open"

    def _compute_project_count(self):
        counts = dict(
            self.env["cae.tender.project"]._read_group(
                [("tender_id", "in", self.ids)], ["tender_id"], ["__count"]
            )
        )
        for tender in self:
            tender.project_count = counts.get(tender, 0)

    @api.constrains("date_published", "date_deadline")
    def _check_dates(self):
        for tender in self:
            if (
                tender.date_published
                and tender.date_deadline
                and tender.date_deadline.date() < tender.date_published
            ):
                raise ValidationError(
                    self.env._(
                        "The answer deadline of %(name)s cannot be before its "
                        "publication date.",
                        name=tender.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        tenders = super().create(vals_list)
        tenders._cae_subscribe_pole_members()
        return tenders

    # override: the members of the poles concerned follow the tender
    def write(self, vals):
        before = (
            {tender: tender.pole_ids for tender in self} if "pole_ids" in vals else {}
        )
        res = super().write(vals)
        if before:
            self._cae_subscribe_pole_members(before)
        return res

    def _cae_subscribe_pole_members(self, before=None):
        """The members of the poles concerned follow the tender; the members
        of a pole no longer concerned stop following it, unless they take
        part in one of its projects or are in another pole concerned.

        sudo: pole members are other people, whose follower records the
        user may not create; the partners come from the poles, not the
        caller."""
        for tender in self.sudo():
            members = tender.pole_ids.member_ids
            if members:
                tender.message_subscribe(partner_ids=members.ids)
            if before:
                kept = members | tender.project_ids.member_ids
                gone = before[tender].sudo().member_ids - kept
                if gone:
                    tender.message_unsubscribe(partner_ids=gone.ids)

    def action_answered(self):
        for tender in self:
            if tender.state != "open":
                raise UserError(
                    self.env._("Only an open tender can be marked as answered.")
                )
        self.decision = "answered"

    def action_won(self):
        self._cae_check_answered()
        self.decision = "won"

    def action_lost(self):
        self._cae_check_answered()
        self.decision = "lost"

    def action_reopen(self):
        self.decision = False

    def _cae_check_answered(self):
        for tender in self:
            if tender.state != "answered":
                raise UserError(
                    self.env._(
                        "Only an answered tender can be marked as won or lost: "
                        "%(name)s",
                        name=tender.name,
                    )
                )

    def action_view_projects(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Projects"),
            "res_model": "cae.tender.project",
            "view_mode": "list,form",
            "domain": [("tender_id", "=", self.id)],
            "context": {"default_tender_id": self.id},
        }

    @api.model
    def _cron_close_past_deadline(self):
        """Open tenders whose deadline has passed become closed (the state
        is a stored compute: time passing is the only change it misses)."""
        tenders = self.search(
            [("state", "=", "open"), ("date_deadline", "<", fields.Datetime.now())]
        )
        self.env.add_to_compute(self._fields["state"], tenders)
        tenders.flush_recordset(["state"])

    @api.model
    def _cron_send_digest(self):
        """The weekly digest: each member gets the open tenders of her
        poles only, in one French mail."""
        self._cron_close_past_deadline()
        now = fields.Datetime.now()
        tenders = self.search(
            [
                ("state", "=", "open"),
                ("pole_ids", "!=", False),
                "|",
                ("date_deadline", "=", False),
                ("date_deadline", ">=", now),
            ],
            order="date_deadline, id",
        )
        # a mail a member and company: each signed by the tenders' company
        by_member = defaultdict(lambda: self.browse())
        for tender in tenders:
            for member in tender.pole_ids.member_ids:
                by_member[member, tender.company_id] |= tender
        mails = []
        for (member, _company), member_tenders in by_member.items():
            if not member.email:
                continue
            mails.append(member_tenders._cae_digest_mail_values(member))
        # sudo: the scheduled action writes the digests it has just composed
        # for the members of the poles (no user's rights are involved)
        return self.env["mail.mail"].sudo().create(mails)

    def _cae_digest_mail_values(self, partner):
        company = self.company_id[:1] or self.env.company
        lang = partner.lang or "fr_FR"
        env = self.with_context(lang=lang).env
        body = env["ir.qweb"]._render(
            "cae_tender.cae_tender_digest_mail",
            {
                "partner": partner,
                "tenders": self.with_env(env),
                "company": company,
            },
        )
        return {
            "subject": env._("Calls for tenders of your poles"),
            "body_html": body,
            "recipient_ids": [(4, partner.id)],
            "email_from": company.email_formatted or self.env.user.email_formatted,
            "auto_delete": True,
        }
