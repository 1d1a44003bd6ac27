from odoo import fields, models


class CaeMigrationProgress(models.Model):
    """Lines done by the background job of a migration import.

    A row of its own: the job writes it in a transaction of its own,
    committed at once, while its main transaction (the import, all or
    nothing) writes the import record at the end only. Written on the same
    row, the two transactions would conflict."""

    _name = "cae.migration.progress"
    _description = "Progress of a migration import"
    _order = "id"

    import_id = fields.Many2one(
        "cae.migration.import", required=True, ondelete="cascade", index=True
    )
    done = fields.Integer(readonly=True)
    total = fields.Integer(readonly=True)
