from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    cae_is_workshop = fields.Boolean(
        string="CAE workshop", help="Workshops of the entrepreneurs' journey."
    )
    cae_required_for = fields.Selection(
        [
            ("journey", "Continuing the journey (base workshops)"),
            ("cesa", "Signing a CESA"),
            ("trainer", "Training as a trainer"),
        ],
        string="Prerequisite for",
        help="Attending a workshop of this type is required before this step.",
    )
