"""18.0.2.0.0: ``cae.contribution.run`` was the wizard of the monthly levy (a
TransientModel); it becomes the persistent record of each run and the form
is ``cae.contribution.run.wizard``. The wizard's rows and its Many2many to
the lines (``line_ids``, now a One2many on ``run_id``) have no value: drop
them and let Odoo create the table of the record. The lines levied before
keep ``run_id`` empty."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP TABLE IF EXISTS cae_contribution_line_cae_contribution_run_rel")
    cr.execute(
        "DELETE FROM ir_model_relation "
        "WHERE name = 'cae_contribution_line_cae_contribution_run_rel'"
    )
    cr.execute("DROP TABLE IF EXISTS cae_contribution_run CASCADE")
    # the model is no longer transient: Odoo reflects it again at load, but
    # the vacuum must not see it as transient meanwhile
    cr.execute(
        "UPDATE ir_model SET transient = false WHERE model = 'cae.contribution.run'"
    )
    # the old Many2many field: Odoo reflects the One2many of the same name
    cr.execute(
        "UPDATE ir_model_fields SET relation_table = NULL, column1 = NULL, "
        "column2 = NULL WHERE model = 'cae.contribution.run' AND name = 'line_ids'"
    )
