from odoo import Command, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cae_contribution_expense_account_id = fields.Many2one(
        "account.account",
        string="Contribution expense account",
        help="Debited on each activity by the contribution entries.",
    )
    cae_contribution_income_account_id = fields.Many2one(
        "account.account",
        string="Contribution income account",
        help="Credited on the CAE structure by the contribution entries.",
    )
    cae_contribution_journal_id = fields.Many2one(
        "account.journal", string="Contribution journal"
    )
    cae_contribution_chunk_size = fields.Integer(
        string="Activities per contribution entry",
        default=250,
        help="The monthly run posts one entry for this many activities (one "
        "expense line and one income line each); 1 posts one entry per activity.",
    )
    cae_contribution_job_threshold = fields.Integer(
        string="Background run above",
        default=1000,
        help="A run levying more activities than this is executed as a background "
        "job, one entry at a time; its launcher is notified when it ends. 0: "
        "never in the background.",
    )

    _sql_constraints = [
        (
            "cae_contribution_chunk_size_positive",
            "CHECK(cae_contribution_chunk_size >= 1)",
            "A contribution entry holds at least one activity.",
        ),
        (
            "cae_contribution_job_threshold_positive",
            "CHECK(cae_contribution_job_threshold >= 0)",
            "The number of activities of a background run cannot be negative.",
        ),
    ]

    def _cae_contribution_setup(self):
        """Accounts (658600 / 758600) and journal CONT, created when missing."""
        Account = self.env["account.account"].sudo()
        for company in self:
            vals = {}
            for field, code, name, account_type in (
                (
                    "cae_contribution_expense_account_id",
                    "658600",
                    self.env._("Cooperative contribution"),
                    "expense",
                ),
                (
                    "cae_contribution_income_account_id",
                    "758600",
                    self.env._("Contributions of the activities"),
                    "income_other",
                ),
            ):
                if company[field]:
                    continue
                account = Account.with_company(company).search(
                    [("company_ids", "in", company.ids), ("code", "=", code)], limit=1
                )
                vals[field] = (
                    account
                    or Account.with_company(company).create(
                        {
                            "code": code,
                            "name": name,
                            "account_type": account_type,
                            "company_ids": [Command.set(company.ids)],
                        }
                    )
                ).id
            if not company.cae_contribution_journal_id:
                Journal = self.env["account.journal"].sudo()
                journal = Journal.search(
                    [("company_id", "=", company.id), ("code", "=", "CONT")], limit=1
                ) or Journal.create(
                    {
                        "name": self.env._("Cooperative contribution"),
                        "code": "CONT",
                        "type": "general",
                        "company_id": company.id,
                    }
                )
                vals["cae_contribution_journal_id"] = journal.id
            if vals:
                company.sudo().write(vals)
            company._cae_contribution_default_scales()
        return True

    def _cae_contribution_default_scales(self):
        """A company without scales gets a copy of the module's scales."""
        self.ensure_one()
        Scale = self.env["cae.contribution.scale"].sudo()
        if Scale.with_context(active_test=False).search_count(
            [("company_id", "=", self.id)], limit=1
        ):
            return
        for xmlid in ("scale_standard", "scale_training"):
            # the module's scales belong to the first company: read them as sudo
            scale = self.env.ref(f"cae_contribution.{xmlid}", raise_if_not_found=False)
            if scale:
                scale = scale.sudo()
                scale.copy({"company_id": self.id, "name": scale.name})
