from odoo import fields, models

INTEREST_STATES = [
    ("interested", "Interested"),
    ("enrolled", "Enrolled"),
    ("withdrawn", "Withdrawn"),
    ("served", "Trained in a done session"),
]


class CaeTrainingInterest(models.Model):
    """A member or an outside learner interested in a programme: a session
    takes place only when enough people are interested."""

    _name = "cae.training.interest"
    _description = "Interest in a training programme"
    _order = "date desc, id desc"
    _check_company_auto = True
    # the status is the interest's answer (withdrawn) or the session's (served)
    _cae_entrepreneur_fields = frozenset({"program_id", "partner_id", "date", "note"})

    program_id = fields.Many2one(
        "cae.training.program",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="restrict"
    )
    is_member = fields.Boolean(related="partner_id.is_cae_member", string="Member")
    date = fields.Date(default=fields.Date.context_today, required=True)
    state = fields.Selection(INTEREST_STATES, default="interested", required=True)
    note = fields.Char()
    company_id = fields.Many2one(
        related="program_id.company_id", store=True, index=True, precompute=True
    )

    _sql_constraints = [
        (
            "program_partner_uniq",
            "unique(program_id, partner_id)",
            "This person is already registered as interested in this programme.",
        ),
    ]
