from . import cae_associate_register
from . import cae_associate_register_xlsx
