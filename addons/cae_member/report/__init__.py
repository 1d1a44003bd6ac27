from . import cae_payroll_export_xlsx
