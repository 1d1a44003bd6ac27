from . import cae_tender_import
