from . import cae_migration_import
