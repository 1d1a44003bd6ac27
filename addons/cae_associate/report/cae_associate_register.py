from odoo import api, fields, models


class ReportAssociateRegister(models.AbstractModel):
    """The register of associates (PDF): the associates with their shares,
    then every movement by date. Built from the subscriptions the user may
    read: an entrepreneur printing it sees her own entries only."""

    _name = "report.cae_associate.report_associate_register"
    _description = "Register of associates"

    @api.model
    def _get_report_values(self, docids, data=None):
        subscriptions = (
            self.env["cae.associate.subscription"]
            .browse(docids)
            .filtered("is_validated")
        )
        return {
            "doc_ids": subscriptions.ids,
            "doc_model": "cae.associate.subscription",
            "docs": subscriptions,
            "company": subscriptions.company_id[:1] or self.env.company,
            "associates": subscriptions._cae_register_associates(),
            "movements": subscriptions._cae_register_movements(),
            "printed_on": fields.Date.context_today(self),
        }


class ReportSubscriptionCertificate(models.AbstractModel):
    """The certificate of subscription: the subscriptions the user may read
    (an entrepreneur, her own), refused plainly otherwise."""

    _name = "report.cae_associate.report_subscription_certificate"
    _description = "Certificate of share subscription"

    @api.model
    def _get_report_values(self, docids, data=None):
        subscriptions = self.env["cae.associate.subscription"].browse(docids)
        subscriptions.check_access("read")
        return {
            "doc_ids": subscriptions.ids,
            "doc_model": "cae.associate.subscription",
            "docs": subscriptions,
        }
