from . import test_migration
