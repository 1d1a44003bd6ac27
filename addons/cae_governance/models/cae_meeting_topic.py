from odoo import api, fields, models
from odoo.exceptions import UserError


class CaeMeetingTopic(models.Model):
    _name = "cae.meeting.topic"
    _description = "Meeting agenda topic"
    _order = "meeting_id, sequence, id"
    _check_company_auto = True
    # an invited member proposes a topic of her own (record rules: her
    # meetings, her topics); who proposed it is her, by default
    _cae_entrepreneur_fields = frozenset(
        {"meeting_id", "name", "description", "sequence"}
    )

    meeting_id = fields.Many2one(
        "cae.meeting",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Topic", required=True)
    description = fields.Text()
    partner_id = fields.Many2one(
        "res.partner",
        string="Proposed by",
        required=True,
        default=lambda self: self.env.user.partner_id,
    )
    company_id = fields.Many2one(
        related="meeting_id.company_id", store=True, index=True, precompute=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["cae.meeting"].browse(
            [vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")]
        )
        meetings._cae_check_agenda_open()
        return super().create(vals_list)

    # override: the agenda is locked once the convocation is sent
    def write(self, vals):
        self.meeting_id._cae_check_agenda_open()
        if "meeting_id" in vals:
            self.env["cae.meeting"].browse(vals["meeting_id"])._cae_check_agenda_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        self.meeting_id._cae_check_agenda_open()


class CaeMeeting(models.Model):
    _inherit = "cae.meeting"

    def _cae_check_agenda_open(self):
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(
                    self.env._(
                        "The agenda of %(meeting)s was sent with the convocation: "
                        "it is locked, no topic can be added or changed.",
                        meeting=meeting.name,
                    )
                )
