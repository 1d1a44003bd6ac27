from . import cae_associate_redeem
