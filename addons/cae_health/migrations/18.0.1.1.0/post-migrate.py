"""cae_health 18.0.1.1.0: the legal delays for every salaried employee type.

Until 18.0.1.0.0 the default follow-up rules covered the employee type
"employee" only; workers, students and trainees had no due date. Each company
gets the rules it lacks (those of the admin team are kept as they are), as
installation and new companies do."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([])._cae_health_ensure_rules()
