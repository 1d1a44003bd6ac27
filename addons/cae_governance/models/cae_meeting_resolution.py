from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cae_member.models.base import cae_trusted_writes, cae_writes_trusted

# votes for / votes cast (abstentions excluded) a majority needs
MAJORITY_RATIO = {"simple": (1, 2), "two_thirds": (2, 3), "three_quarters": (3, 4)}


class CaeMeetingResolution(models.Model):
    _name = "cae.meeting.resolution"
    _description = "Meeting resolution"
    _order = "date desc, meeting_id, sequence, id"
    _check_company_auto = True

    meeting_id = fields.Many2one(
        "cae.meeting",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    meeting_type = fields.Selection(
        related="meeting_id.meeting_type", store=True, index=True
    )
    territory_id = fields.Many2one(related="meeting_id.territory_id", store=True)
    date = fields.Date(related="meeting_id.date", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Resolution", required=True)
    description = fields.Html(string="Text")
    kind = fields.Selection(
        [("ordinary", "Ordinary"), ("extraordinary", "Extraordinary")],
        default="ordinary",
        required=True,
        help="Extraordinary resolutions (statutes, capital, dissolution) need the "
        "company's extraordinary majority.",
    )
    vote_ids = fields.One2many("cae.meeting.vote", "resolution_id", string="Votes")
    vote_for = fields.Integer(string="For", compute="_compute_votes", store=True)
    vote_against = fields.Integer(
        string="Against", compute="_compute_votes", store=True
    )
    vote_abstain = fields.Integer(
        string="Abstentions", compute="_compute_votes", store=True
    )
    result = fields.Selection(
        [
            ("pending", "Pending"),
            ("adopted", "Adopted"),
            ("rejected", "Rejected"),
            ("no_quorum", "No quorum"),
        ],
        default="pending",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        help="Computed and frozen when the meeting closes.",
    )
    company_id = fields.Many2one(
        related="meeting_id.company_id", store=True, index=True, precompute=True
    )

    @api.depends("vote_ids.choice")
    def _compute_votes(self):
        for resolution in self:
            choices = resolution.vote_ids.mapped("choice")
            resolution.vote_for = choices.count("for")
            resolution.vote_against = choices.count("against")
            resolution.vote_abstain = choices.count("abstain")

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["cae.meeting"].browse(
            [vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")]
        )
        meetings._cae_check_open(("draft", "convened", "held"))
        if meetings.filtered(lambda m: m.meeting_type == "co"):
            raise UserError(
                self.env._(
                    "An orientation committee takes no binding decision: its "
                    "topics go on the agenda, not as resolutions."
                )
            )
        return super().create(vals_list)

    # override: the result is the close's; a closed meeting's resolutions are kept
    def write(self, vals):
        if not cae_writes_trusted():
            if "result" in vals:
                raise UserError(
                    self.env._(
                        "The result of a resolution is computed when the meeting "
                        "closes."
                    )
                )
            self.meeting_id._cae_check_open(("draft", "convened", "held"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_voted(self):
        if self.vote_ids:
            raise UserError(
                self.env._("A resolution that was voted on is kept with its votes.")
            )
        self.meeting_id._cae_check_open(("draft", "convened", "held"))

    def cae_vote_online(self, choice):
        """The associate's own vote, cast online before the meeting starts
        (the one way an entrepreneur votes)."""
        self.ensure_one()
        self.check_access("read")
        partner = self.env.user.partner_id
        # sudo: votes are recorded by the cooperative's team; she votes here
        # for herself only (partner is hers), the vote's checks still apply
        vote = (
            self.env["cae.meeting.vote"]
            .sudo()
            .create(
                {
                    "resolution_id": self.id,
                    "partner_id": partner.id,
                    "cast_by_id": partner.id,
                    "choice": choice,
                    "channel": "online",
                }
            )
        )
        return vote.id

    def _cae_majority_reached(self):
        self.ensure_one()
        company = self.company_id
        majority = (
            company.cae_extraordinary_majority
            if self.kind == "extraordinary"
            else company.cae_ordinary_majority
        )
        num, den = MAJORITY_RATIO[majority]
        cast = self.vote_for + self.vote_against
        if not cast:
            return False
        if majority == "simple":
            return self.vote_for * den > cast * num
        return self.vote_for * den >= cast * num

    def _cae_freeze_result(self, quorum_reached):
        for resolution in self:
            if not quorum_reached:
                result = "no_quorum"
            elif resolution._cae_majority_reached():
                result = "adopted"
            else:
                result = "rejected"
            with cae_trusted_writes():
                resolution.write({"result": result})
