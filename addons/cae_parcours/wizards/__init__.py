from . import cae_funder_statistics
