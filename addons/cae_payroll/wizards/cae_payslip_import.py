import base64
import io
import re
import zipfile

from odoo import fields, models
from odoo.exceptions import UserError

NAME_RE = re.compile(
    r"^(?P<ref>.+?)_(?P<year>\d{4})_(?P<month>\d{2}).*\.pdf$", re.IGNORECASE
)


class CaePayslipImport(models.TransientModel):
    """Payslip PDFs named <payroll reference>_<yyyy>_<mm>*.pdf, or one zip of
    them: each goes privately to its entrepreneur, who is notified."""

    _name = "cae.payslip.import"
    _description = "Distribute payslips"

    attachment_ids = fields.Many2many("ir.attachment", string="PDF files or a zip")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    result = fields.Text(readonly=True)

    def _files(self):
        for attachment in self.attachment_ids:
            data = base64.b64decode(attachment.datas or b"")
            if attachment.name.lower().endswith(".zip"):
                try:
                    with zipfile.ZipFile(io.BytesIO(data)) as archive:
                        for info in archive.infolist():
                            if not info.is_dir():
                                yield (
                                    info.filename.rsplit("/", 1)[-1],
                                    archive.read(info),
                                )
                except zipfile.BadZipFile as exc:
                    raise UserError(
                        self.env._(
                            "%(file)s is not a zip archive that can be opened.",
                            file=attachment.name,
                        )
                    ) from exc
            else:
                yield attachment.name, data

    def action_distribute(self):
        self.ensure_one()
        files = list(self._files())
        if not files:
            raise UserError(self.env._("Add the payslip PDF files (or a zip of them)."))
        parsed, unknown = [], []
        for name, data in files:
            match = NAME_RE.match(name)
            if not match:
                unknown.append(self.env._("%(file)s: name not understood", file=name))
                continue
            parsed.append((name, data, match))
        refs = {m["ref"] for _n, _d, m in parsed}
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("cae_payroll_ref", "in", list(refs)),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )
        employee_of = {e.cae_payroll_ref: e for e in employees}
        created = self.env["cae.payslip"]
        for name, data, match in parsed:
            employee = employee_of.get(match["ref"])
            if not employee or not employee.work_contact_id:
                unknown.append(
                    self.env._(
                        "%(file)s: unknown payroll reference %(ref)s",
                        file=name,
                        ref=match["ref"],
                    )
                )
                continue
            partner = employee.work_contact_id
            payslip = self.env["cae.payslip"].create(
                {
                    "partner_id": partner.id,
                    "employee_id": employee.id,
                    "month": f"{match['year']}-{match['month']}-01",
                    "pdf": base64.b64encode(data),
                    "pdf_filename": name,
                    "company_id": self.company_id.id,
                }
            )
            period = match["month"] + "/" + match["year"]
            payslip.message_post(
                body=self.env._(
                    "Your payslip of %(month)s is available.", month=period
                ),
                partner_ids=partner.ids,
                subtype_xmlid="mail.mt_comment",
            )
            created |= payslip
        lines = [self.env._("%(count)s payslip(s) distributed.", count=len(created))]
        if unknown:
            lines.append(self.env._("Not distributed:"))
            lines += unknown
        self.write({"state": "done", "result": "\n".join(lines)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
