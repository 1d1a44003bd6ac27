from . import cae_einvoice_split_line
from . import cae_einvoice_split
from . import cae_einvoice_upload
