from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.cae_member.models.base import cae_writes_trusted


class CaeMeetingVote(models.Model):
    _name = "cae.meeting.vote"
    _description = "Vote on a resolution"
    _order = "resolution_id, id"
    _check_company_auto = True

    resolution_id = fields.Many2one(
        "cae.meeting.resolution",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    meeting_id = fields.Many2one(
        related="resolution_id.meeting_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Voter",
        required=True,
        index=True,
        help="The associate whose vote this is (one person, one vote).",
    )
    cast_by_id = fields.Many2one(
        "res.partner",
        string="Cast by",
        help="The voter herself, or the associate holding her proxy.",
    )
    choice = fields.Selection(
        [("for", "For"), ("against", "Against"), ("abstain", "Abstention")],
        required=True,
    )
    channel = fields.Selection(
        [("meeting", "At the meeting"), ("online", "Online, before the meeting")],
        default="meeting",
        required=True,
    )
    company_id = fields.Many2one(
        related="resolution_id.company_id", store=True, index=True, precompute=True
    )

    _sql_constraints = [
        (
            "resolution_partner_unique",
            "unique(resolution_id, partner_id)",
            "One person, one vote: this person has already voted on this resolution.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # the rights first: a user who may not record votes learns nothing
        # of the voters from the checks below
        self.check_access("create")
        for vals in vals_list:
            vals.setdefault("cast_by_id", vals.get("partner_id"))
            self._cae_check_vote(vals)
        return super().create(vals_list)

    # override: a vote cast is evidence, as it was cast
    def write(self, vals):
        if not cae_writes_trusted():
            raise UserError(
                self.env._("A vote is kept as it was cast: it cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cast(self):
        raise UserError(
            self.env._("A vote is kept as it was cast: it cannot be deleted.")
        )

    @api.model
    def _cae_check_vote(self, vals):
        """Who may cast this vote, and when; a UserError in French otherwise."""
        resolution = self.env["cae.meeting.resolution"].browse(
            vals.get("resolution_id")
        )
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        caster = self.env["res.partner"].browse(vals.get("cast_by_id"))
        meeting = resolution.meeting_id
        if not resolution or not partner:
            return  # required fields: the ORM says so
        if partner not in meeting._cae_voters():
            raise ValidationError(
                self.env._(
                    "Only the associates of the cooperative at the meeting date "
                    "(%(date)s) vote: %(person)s is not one.",
                    date=meeting.date,
                    person=partner.name,
                )
                if meeting.meeting_type == "ag"
                else self.env._(
                    "Only the board members who are associates vote at the "
                    "board: %(person)s is not one.",
                    person=partner.name,
                )
            )
        if self.sudo().search_count(
            [("resolution_id", "=", resolution.id), ("partner_id", "=", partner.id)]
        ):
            raise ValidationError(
                self.env._(
                    "One person, one vote: %(person)s has already voted on "
                    "%(resolution)s.",
                    person=partner.name,
                    resolution=resolution.name,
                )
            )
        if vals.get("channel", "meeting") == "online":
            if caster != partner:
                raise ValidationError(
                    self.env._("An online vote is cast by the associate herself.")
                )
            if meeting.state != "convened" or fields.Datetime.now() >= (
                meeting.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "Online votes close when %(meeting)s starts.",
                        meeting=meeting.name,
                    )
                )
            return
        if meeting.state != "held":
            raise ValidationError(
                self.env._(
                    "Votes at the meeting are recorded once %(meeting)s is held.",
                    meeting=meeting.name,
                )
            )
        attendance = meeting.attendance_ids.filtered(lambda a: a.partner_id == partner)
        if caster == partner:
            if attendance.state != "present":
                raise ValidationError(
                    self.env._(
                        "%(person)s is not marked present at the meeting: record "
                        "the attendance first.",
                        person=partner.name,
                    )
                )
        elif attendance.state != "represented" or attendance.proxy_id != caster:
            raise ValidationError(
                self.env._(
                    "%(caster)s does not hold the proxy of %(person)s.",
                    caster=caster.name,
                    person=partner.name,
                )
            )
