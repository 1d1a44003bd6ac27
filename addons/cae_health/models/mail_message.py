from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    # override: the messages of a document whose model says so
    # (``_cae_messages_need_write``, the health visits) are found only by the
    # users who may write the document, not by all who may read it
    @api.model
    def _find_allowed_model_wise(self, doc_model, doc_dict):
        allowed = super()._find_allowed_model_wise(doc_model, doc_dict)
        Model = self.env[doc_model]
        if not allowed or not getattr(Model, "_cae_messages_need_write", False):
            return allowed
        writable = (
            Model.with_context(active_test=False)
            .browse(list(doc_dict))
            ._filtered_access("write")
        )
        return allowed & {mid for doc_id in writable.ids for mid in doc_dict[doc_id]}
