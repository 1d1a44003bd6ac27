from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

AGE_BANDS = [
    (0, 25, "< 26"),
    (26, 35, "26-35"),
    (36, 45, "36-45"),
    (46, 55, "46-55"),
    (56, 200, "> 55"),
]


class CaeFunderStatistics(models.TransientModel):
    """Counts over a period for the funders: entries by stage, gender, age
    band, territory, prescriber, status at entry; exits by type."""

    _name = "cae.funder.statistics"
    _description = "Funder statistics"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def _cae_compute(self):
        """{section: Counter} for the period, in a few aggregate queries."""
        self.ensure_one()
        Contract = self.env["cae.contract"].sudo()
        contracts = Contract.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("running", "ended")),
                ("date_start", ">=", self.date_from),
                ("date_start", "<=", self.date_to),
            ]
        )
        entries = Counter(contracts.mapped("contract_type"))
        partners = contracts.partner_id
        Partner = self.env["res.partner"].sudo()
        candidates = Partner.search_count(
            [
                ("is_cae_member", "=", True),
                ("cae_application_date", ">=", self.date_from),
                ("cae_application_date", "<=", self.date_to),
            ]
        )
        associates = Partner.search_count(
            [
                ("is_cae_member", "=", True),
                ("cae_associate_date", ">=", self.date_from),
                ("cae_associate_date", "<=", self.date_to),
            ]
        )
        by_stage = Counter(
            {
                "candidate": candidates,
                "cape": entries.get("cape", 0),
                "cesa": entries.get("cesa", 0),
                "associate": associates,
            }
        )
        gender = Counter(p.cae_gender or "unknown" for p in partners)
        territory = Counter(p.cae_territory_id.name or "-" for p in partners)
        prescriber = Counter(p.cae_prescriber or "-" for p in partners)
        entry_status = Counter(p.cae_entry_status or "unknown" for p in partners)
        ages = Counter()
        for partner in partners:
            if not partner.cae_birthdate:
                ages["unknown"] += 1
                continue
            age = relativedelta(self.date_to, partner.cae_birthdate).years
            ages[
                next(label for low, high, label in AGE_BANDS if low <= age <= high)
            ] += 1
        exits = (
            self.env["cae.member.exit"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                ],
                ["exit_type"],
                ["__count"],
            )
        )
        return {
            "stage": by_stage,
            "gender": gender,
            "age": ages,
            "territory": territory,
            "prescriber": prescriber,
            "entry_status": entry_status,
            "exit_type": Counter(dict(exits)),
        }

    @api.model
    def _cae_bench(self, date_from, date_to):
        return self.create({"date_from": date_from, "date_to": date_to})._cae_compute()

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref("cae_parcours.cae_funder_statistics_xlsx").report_action(
            self
        )
