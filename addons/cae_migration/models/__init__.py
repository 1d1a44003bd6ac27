from . import cae_migration_progress
