from odoo import api, models


class ReportAppointment(models.AbstractModel):
    """An appointment report is printed for its participants and the support
    team only."""

    _name = "report.cae_parcours.report_appointment"
    _description = "Appointment report"

    @api.model
    def _get_report_values(self, docids, data=None):
        appointments = self.env["cae.appointment"].browse(docids)
        appointments._cae_check_report_access()
        return {
            "doc_ids": docids,
            "doc_model": "cae.appointment",
            "docs": appointments,
        }
