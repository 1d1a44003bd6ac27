from odoo import api, models


class ReportCesa(models.AbstractModel):
    """A CESA is printed only with every clause of L7331-2."""

    _name = "report.cae_parcours.report_cesa"
    _description = "CESA"

    @api.model
    def _get_report_values(self, docids, data=None):
        contracts = self.env["cae.contract"].browse(docids)
        contracts._cae_check_printable()
        return {"doc_ids": docids, "doc_model": "cae.contract", "docs": contracts}
