from odoo import api, fields, models
from odoo.exceptions import ValidationError

MAJORITIES = [
    ("simple", "Simple majority (more than half)"),
    ("two_thirds", "Two thirds"),
    ("three_quarters", "Three quarters"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_co_notice_days = fields.Integer(
        string="Orientation committee: notice (days)",
        default=7,
        help="The agenda of an orientation committee is sent at least a week ahead.",
    )
    cae_board_notice_days = fields.Integer(
        string="Board: notice (days)",
        default=8,
        help="Days between the convocation and a board meeting, at least.",
    )
    cae_ag_notice_days = fields.Integer(
        string="General assembly: notice (days)",
        default=15,
        help="The statutory delay between the convocation and the general assembly.",
    )
    cae_ag_quorum = fields.Float(
        string="General assembly: quorum (%)",
        default=25.0,
        help="Share of the associates present, represented or having voted online "
        "for the general assembly to decide (e.g. 25: one quarter).",
    )
    cae_board_quorum = fields.Float(
        string="Board: quorum (%)",
        default=50.0,
        help="Share of the board members present, represented or having voted "
        "online for the board to decide.",
    )
    cae_max_proxies = fields.Integer(
        string="Proxies per holder (maximum)",
        default=2,
        help="How many people one person present may represent.",
    )
    cae_ordinary_majority = fields.Selection(
        MAJORITIES,
        string="Majority of ordinary resolutions",
        default="simple",
        required=True,
        help="Share of the votes cast (abstentions excluded) for a resolution to "
        "be adopted.",
    )
    cae_extraordinary_majority = fields.Selection(
        MAJORITIES,
        string="Majority of extraordinary resolutions",
        default="two_thirds",
        required=True,
    )
    cae_co_required = fields.Boolean(
        string="An orientation committee before the first contract",
        help="A CAPE or a CESA starts only for a person who attended an "
        "orientation committee.",
    )

    @api.constrains(
        "cae_co_notice_days",
        "cae_board_notice_days",
        "cae_ag_notice_days",
        "cae_ag_quorum",
        "cae_board_quorum",
        "cae_max_proxies",
    )
    def _check_cae_governance(self):
        for company in self:
            if company.cae_co_notice_days < 7:
                raise ValidationError(
                    self.env._(
                        "The agenda of an orientation committee is sent at least "
                        "7 days ahead."
                    )
                )
            if min(company.cae_board_notice_days, company.cae_ag_notice_days) < 0:
                raise ValidationError(self.env._("A notice period cannot be negative."))
            if not (
                0 <= company.cae_ag_quorum <= 100
                and 0 <= company.cae_board_quorum <= 100
            ):
                raise ValidationError(
                    self.env._("A quorum is a percentage, from 0 to 100.")
                )
            if company.cae_max_proxies < 0:
                raise ValidationError(
                    self.env._("The number of proxies per holder cannot be negative.")
                )
