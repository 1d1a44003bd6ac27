from . import test_migration, test_migration_handlers
