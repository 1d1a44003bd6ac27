from . import cae_contribution_statement
