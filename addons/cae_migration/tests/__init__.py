from . import test_migration, test_migration_handlers, test_migration_job
