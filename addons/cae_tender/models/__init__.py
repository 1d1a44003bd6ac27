from . import cae_tender
from . import cae_tender_project
from . import cae_tender_keyword
from . import cae_tender_boamp_parser
