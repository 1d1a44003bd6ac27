from odoo import api, fields, models
from odoo.tools import date_utils

from .cae_member_exit import EXIT_TYPES


class ResPartner(models.Model):
    _inherit = "res.partner"

    # journey
    cae_info_meeting_date = fields.Date(string="Information meeting")
    cae_application_date = fields.Date(string="Application received on")
    cae_application_complete = fields.Boolean(string="Application file complete")
    cae_diagnostic_date = fields.Date(string="Diagnostic interview")
    cae_decision = fields.Selection(
        [
            ("admitted", "Admitted"),
            ("refused", "Refused"),
            ("redirected", "Redirected"),
        ],
        string="Decision",
        tracking=True,
    )
    cae_decision_reason = fields.Text(string="Reason of the decision")
    cae_sponsor_id = fields.Many2one("res.partner", string="Sponsor")
    cae_exit_ids = fields.One2many("cae.member.exit", "partner_id", string="Exits")
    cae_exit_type = fields.Selection(
        EXIT_TYPES, string="Exit type", compute="_compute_cae_exit", store=True
    )
    # funder statistics
    cae_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")],
        string="Gender (statistics)",
    )
    cae_birthdate = fields.Date(string="Birth date")
    cae_prescriber = fields.Char(string="Prescriber")
    cae_entry_status = fields.Selection(
        [
            ("job_seeker", "Job seeker"),
            ("minimum_income", "Minimum income (RSA)"),
            ("employee", "Employee"),
            ("student", "Student"),
            ("other", "Other"),
        ],
        string="Status at entry",
    )
    cae_associate_deadline = fields.Date(
        string="Associate deadline",
        compute="_compute_cae_associate_deadline",
        store=True,
        help="CESA start + 36 months - the time already spent under CAPE (L7331-3).",
    )
    cae_interview_count = fields.Integer(
        string="Individual interviews this year",
        compute="_compute_cae_interview_count",
        search="_search_cae_interview_count",
    )
    cae_missing_interviews = fields.Boolean(
        string="Annual interviews missing",
        compute="_compute_cae_interview_count",
        search="_search_cae_missing_interviews",
        help="Salaried entrepreneur with fewer than two individual interviews done "
        "this year.",
    )

    @api.depends("cae_exit_ids.date", "cae_exit_ids.exit_type")
    def _compute_cae_exit(self):
        for partner in self:
            last = partner.cae_exit_ids.sorted("date")[-1:]
            partner.cae_exit_type = last.exit_type

    @api.depends(
        "is_cae_member",
        "cae_associate_date",
        "cae_exit_date",
        "cae_exit_ids.date",
        "cae_contract_ids.state",
        "cae_contract_ids.date_start",
        "cae_contract_ids.date_end",
        "cae_contract_ids.contract_type",
    )
    def _compute_cae_status(self):
        return super()._compute_cae_status()

    def _cae_status_at(self, date):
        """With re-entries: only the history after the last exit counts."""
        self.ensure_one()
        exits = self.cae_exit_ids.filtered(lambda e: e.date <= date).sorted("date")
        if not exits:
            return super()._cae_status_at(date)
        last_exit = exits[-1].date
        contracts = self._cae_counted_contracts().filtered(
            lambda c: (
                c.date_start > last_exit
                and c.date_start <= date
                and (not c.date_end or c.date_end >= date)
            )
        )
        if not contracts:
            reentered = self._cae_counted_contracts().filtered(
                lambda c: last_exit < c.date_start <= date
            )
            return "candidate" if reentered else "exited"
        if self.cae_associate_date and last_exit < self.cae_associate_date <= date:
            return "associate"
        return "cesa" if "cesa" in contracts.mapped("contract_type") else "cape"

    @api.depends("cae_contract_ids.associate_deadline", "cae_contract_ids.state")
    def _compute_cae_associate_deadline(self):
        for partner in self:
            cesa = partner.cae_contract_ids.filtered(
                lambda c: c.contract_type == "cesa" and c.state == "running"
            ).sorted("date_start")[-1:]
            partner.cae_associate_deadline = cesa.associate_deadline

    def _cae_interview_counts(self, partners=None):
        """{partner id: done individual interviews this year} in one query."""
        today = fields.Date.context_today(self)
        start = date_utils.start_of(today, "year")
        groups = (
            self.env["cae.appointment"]
            .sudo()
            ._read_group(
                [
                    ("kind", "=", "individual"),
                    ("state", "=", "done"),
                    ("date_start", ">=", start),
                    ("date_start", "<=", date_utils.end_of(today, "year")),
                    *(
                        [("partner_ids", "in", partners.ids)]
                        if partners is not None
                        else []
                    ),
                ],
                ["partner_ids"],
                ["__count"],
            )
        )
        return {partner.id: count for partner, count in groups}

    def _compute_cae_interview_count(self):
        counts = self._cae_interview_counts(self)
        for partner in self:
            partner.cae_interview_count = counts.get(partner.id, 0)
            partner.cae_missing_interviews = (
                partner.cae_status in ("cesa", "associate")
                and counts.get(partner.id, 0) < 2
            )

    def _search_cae_interview_count(self, operator, value):
        counts = self._cae_interview_counts()
        ids = [
            pid
            for pid, count in counts.items()
            if self._compare(count, operator, value)
        ]
        return [("id", "in", ids)]

    @staticmethod
    def _compare(count, operator, value):
        return {
            "=": count == value,
            "!=": count != value,
            ">": count > value,
            ">=": count >= value,
            "<": count < value,
            "<=": count <= value,
        }[operator]

    def _search_cae_missing_interviews(self, operator, value):
        counts = self._cae_interview_counts()
        salaried = self.search(
            [("is_cae_member", "=", True), ("cae_status", "in", ("cesa", "associate"))]
        )
        missing = [p.id for p in salaried if counts.get(p.id, 0) < 2]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", missing)]
