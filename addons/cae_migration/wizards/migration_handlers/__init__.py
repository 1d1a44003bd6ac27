"""One handler per kind of migration file; the wizard's ``_cae_handlers()``
lists them in import order (a file may refer to the ones before)."""

from .accounting import BalancesHandler, DocumentsHandler
from .base import XMLID_MODULE, MigrationHandler, MigrationRun, xmlid_name
from .directory import (
    ActivitiesHandler,
    ContractsHandler,
    MembersHandler,
    PartnersHandler,
)

HANDLERS = (
    ActivitiesHandler,
    MembersHandler,
    ContractsHandler,
    PartnersHandler,
    BalancesHandler,
    DocumentsHandler,
)

__all__ = [
    "HANDLERS",
    "XMLID_MODULE",
    "ActivitiesHandler",
    "BalancesHandler",
    "ContractsHandler",
    "DocumentsHandler",
    "MembersHandler",
    "MigrationHandler",
    "MigrationRun",
    "PartnersHandler",
    "xmlid_name",
]
