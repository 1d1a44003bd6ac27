from collections import defaultdict
from datetime import date, datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cae_member.models.cae_account_statement import prefix_match

from .cae_training_program import BPF_OBJECTIVES
from .cae_training_trainee import BPF_ORIGINS

# activities whose income and charges the BPF counts
TRAINING_ACTIVITY_TYPES = ("training", "skills_assessment")
# cadre F-4: the main specialties are listed one by one
BPF_MAIN_SPECIALTIES = 5

BPF_FRAMES = [
    ("c", "C - Income by funding origin"),
    ("d", "D - Charges"),
    ("e", "E - Trainers"),
    ("f", "F - Trainees"),
    ("g", "G - Trainees entrusted by another training organisation"),
]


class CaeTrainingBpf(models.Model):
    """Yearly bilan pédagogique et financier (cerfa 10443) of the training
    organisation, computed from the posted invoices of the training actions,
    the charges of the training activities and the attendance."""

    _name = "cae.training.bpf"
    _description = "BPF (yearly training report)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year - 1,
        tracking=True,
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Sent")],
        default="draft",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many("cae.training.bpf.line", "bpf_id", string="Lines")
    income_total = fields.Monetary(
        string="Total income", currency_field="currency_id", readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    _sql_constraints = [
        ("company_year_uniq", "unique(company_id, year)", "One BPF per year."),
    ]

    @api.depends("year")
    def _compute_name(self):
        for bpf in self:
            bpf.name = self.env._("BPF %(year)s", year=bpf.year)

    @api.depends("year", "company_id")
    def _compute_dates(self):
        for bpf in self:
            if bpf.year:
                # the fiscal year closed in ``year`` (it holds 1 January)
                fiscal_year = (
                    bpf.company_id or self.env.company
                ).compute_fiscalyear_dates(date(bpf.year, 1, 1))
                bpf.date_from = fiscal_year["date_from"]
                bpf.date_to = fiscal_year["date_to"]
            else:
                bpf.date_from = bpf.date_to = False

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(bpf.state == "done" for bpf in self):
            raise UserError(self.env._("A BPF that was sent cannot be deleted."))

    def action_compute(self):
        for bpf in self:
            if bpf.state == "done":
                raise UserError(
                    self.env._("%(name)s was sent: it cannot change.", name=bpf.name)
                )
            vals_list = bpf._cae_compute_lines()
            bpf.line_ids.unlink()
            self.env["cae.training.bpf.line"].create(vals_list)
            bpf.income_total = sum(
                v["amount"] for v in vals_list if v["code"] == "C-total"
            )
        return True

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True

    def action_export_xlsx(self):
        return self.env.ref("cae_training.cae_training_bpf_xlsx").report_action(self)

    # ------------------------------------------------------------------ compute
    def _cae_selection_labels(self, field_name):
        """Translated labels of a trainee selection, in their order."""
        field = self.env["cae.training.trainee"]._fields[field_name]
        return dict(field._description_selection(self.env))

    def _cae_compute_lines(self):
        self.ensure_one()
        lines = []
        lines += self._cae_lines_income()
        lines += self._cae_lines_charges()
        lines += self._cae_lines_trainers()
        lines += self._cae_lines_trainees()
        for sequence, vals in enumerate(lines):
            vals.update(bpf_id=self.id, sequence=sequence)
        return lines

    def _cae_income_by_origin(self):
        """{origin: income excl. VAT} from the posted invoices and credit notes
        of the training actions dated in the year, each action's income split
        between its trainees' funding origins pro rata their funding (or their
        number when no funding is entered)."""
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("cae_training_action_id", "!=", False),
                    ("invoice_date", ">=", self.date_from),
                    ("invoice_date", "<=", self.date_to),
                ],
                ["cae_training_action_id"],
                ["amount_untaxed_signed:sum"],
            )
        )
        income = defaultdict(float)
        for action, total in groups:
            trainees = action.trainee_ids
            if not trainees:
                income["c11"] += total
                continue
            weights = defaultdict(float)
            use_amounts = any(trainees.mapped("amount"))
            for trainee in trainees:
                weights[trainee.bpf_origin] += trainee.amount if use_amounts else 1.0
            weight_total = sum(weights.values())
            for origin, weight in weights.items():
                income[origin] += total * weight / weight_total
        return income

    def _cae_lines_income(self):
        income = self._cae_income_by_origin()
        labels = self._cae_selection_labels("bpf_origin")
        currency = self.currency_id
        lines = [
            {
                "frame": "c",
                "code": label.split(" ", 1)[0],
                "name": labels[origin].split(" ", 1)[-1],
                "amount": currency.round(income.get(origin, 0.0)),
            }
            for origin, label in BPF_ORIGINS
        ]
        lines.append(
            {
                "frame": "c",
                "code": "C-total",
                "name": self.env._("Total income from vocational training"),
                "amount": sum(line["amount"] for line in lines),
            }
        )
        return lines

    def _cae_lines_charges(self):
        company = self.company_id
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("parent_state", "=", "posted"),
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                    ("cae_activity_id.activity_type", "in", TRAINING_ACTIVITY_TYPES),
                    ("account_id.internal_group", "=", "expense"),
                ],
                ["account_id"],
                ["balance:sum"],
            )
        )

        # one account-prefix syntax with the état des comptes ("-" excludes)
        salary = company.cae_bpf_salary_prefixes
        purchase = company.cae_bpf_purchase_prefixes
        total = salaries = purchases = 0.0
        for account, balance in groups:
            code = account.with_company(company).code or ""
            total += balance
            if prefix_match(code, salary):
                salaries += balance
            elif prefix_match(code, purchase):
                purchases += balance
        currency = self.currency_id
        return [
            {
                "frame": "d",
                "code": "D-1",
                "name": self.env._(
                    "Total charges of the training and skills-assessment activities"
                ),
                "amount": currency.round(total),
            },
            {
                "frame": "d",
                "code": "D-2",
                "name": self.env._("of which trainers' salaries"),
                "amount": currency.round(salaries),
            },
            {
                "frame": "d",
                "code": "D-3",
                "name": self.env._("of which training services and fees bought"),
                "amount": currency.round(purchases),
            },
        ]

    def _cae_lines_trainers(self):
        groups = self.env["cae.training.slot"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                ("action_id.state", "in", ("confirmed", "done")),
            ],
            ["action_id"],
            ["hours:sum"],
        )
        hours = defaultdict(float)
        for action, action_hours in groups:
            for trainer in action.trainer_ids:
                hours[trainer] += action_hours
        internal = [t for t in hours if t.is_cae_member]
        external = [t for t in hours if not t.is_cae_member]
        return [
            {
                "frame": "e",
                "code": "E-1",
                "name": self.env._("Trainers of the organisation"),
                "count": len(internal),
                "hours": sum(hours[t] for t in internal),
            },
            {
                "frame": "e",
                "code": "E-2",
                "name": self.env._("External trainers (sub-contracting)"),
                "count": len(external),
                "hours": sum(hours[t] for t in external),
            },
        ]

    def _cae_lines_trainees(self):
        """Cadres F-1 to F-4 (the organisation's trainees, by type, of which
        sub-contracted, by objective, by specialty) and G (trainees entrusted
        to the organisation by another training organisation), from the
        hours attended."""
        groups = (
            self.env["cae.attendance"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("training_trainee_id", "!=", False),
                    ("state", "=", "present"),
                    ("date_start", ">=", datetime.combine(self.date_from, time.min)),
                    ("date_start", "<=", datetime.combine(self.date_to, time.max)),
                ],
                ["training_trainee_id"],
                ["hours:sum"],
            )
        )
        counts = defaultdict(int)
        hours = defaultdict(float)
        for trainee, trainee_hours in groups:
            if trainee.bpf_subcontracting == "in":
                keys = ["g"]
            else:
                keys = [
                    ("type", trainee.trainee_type),
                    ("objective", trainee.bpf_objective or "other"),
                    ("specialty", (trainee.bpf_specialty or "").strip()),
                ]
                if trainee.bpf_subcontracting == "out":
                    keys.append("f2")
            for key in keys:
                counts[key] += 1
                hours[key] += trainee_hours

        def line(code, name, key, frame="f"):
            return {
                "frame": frame,
                "code": code,
                "name": name,
                "count": counts.get(key, 0),
                "hours": hours.get(key, 0.0),
            }

        lines = [
            line(f"F-1{'abcde'[index]}", label, ("type", key))
            for index, (key, label) in enumerate(
                self._cae_selection_labels("trainee_type").items()
            )
        ]
        lines.append(
            {
                "frame": "f",
                "code": "F-1-total",
                "name": self.env._("Total trainees"),
                "count": sum(line["count"] for line in lines),
                "hours": sum(line["hours"] for line in lines),
            }
        )
        lines.append(
            line(
                "F-2",
                self.env._(
                    "of which activity entrusted to another training organisation"
                ),
                "f2",
            )
        )
        objectives = dict(
            self.env["cae.training.program"]
            ._fields["bpf_objective"]
            ._description_selection(self.env)
        )
        lines += [
            line(label.split(" ", 1)[0], label.split(" ", 1)[-1], ("objective", key))
            for key, label in ((key, objectives[key]) for key, _label in BPF_OBJECTIVES)
        ]
        specialties = sorted(
            (key for key in counts if key[0] == "specialty" and key[1]),
            key=lambda key: (-hours[key], key[1]),
        )
        main = specialties[:BPF_MAIN_SPECIALTIES]
        lines += [
            line(f"F-4-{index}", key[1], key) for index, key in enumerate(main, start=1)
        ]
        others = [key for key in counts if key[0] == "specialty" and key not in main]
        lines.append(
            {
                "frame": "f",
                "code": "F-4-other",
                "name": self.env._("Other specialties (or not given)"),
                "count": sum(counts[key] for key in others),
                "hours": sum(hours[key] for key in others),
            }
        )
        lines.append(
            line(
                "G",
                self.env._(
                    "Trainees whose training was entrusted to the organisation by "
                    "another training organisation"
                ),
                "g",
                frame="g",
            )
        )
        return lines

    # ----------------------------------------------------------------- reminder
    def _cae_deadline(self):
        """The legal deadline of this BPF (the company's setting, 31 May of
        the next year by default)."""
        self.ensure_one()
        return self.company_id._cae_bpf_deadline(self.year + 1)

    @api.model
    def _cron_deadline_reminder(self):
        """Before the yearly deadline, a to-do for the training manager on the
        BPF of the last closed year (created as a draft when missing), once."""
        today = fields.Date.context_today(self)
        todo = self.env.ref("mail.mail_activity_data_todo")
        for company in self.env["res.company"].search([]):
            deadline = company._cae_bpf_deadline(today.year)
            if not (
                deadline - timedelta(days=company.cae_bpf_reminder_days)
                <= today
                <= deadline
            ):
                continue
            bpf = self.search(
                [("company_id", "=", company.id), ("year", "=", today.year - 1)]
            )
            if not bpf:
                bpf = self.create({"year": today.year - 1, "company_id": company.id})
            if bpf.state == "done" or bpf.activity_ids.filtered(
                lambda a: a.activity_type_id == todo
            ):
                continue
            bpf.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline,
                summary=self.env._(
                    "Send the BPF %(year)s before %(date)s",
                    year=bpf.year,
                    date=fields.Date.to_string(deadline),
                ),
                user_id=company._cae_training_manager_user().id,
            )
