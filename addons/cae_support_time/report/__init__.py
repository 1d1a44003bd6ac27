from . import cae_payroll_xlsx
