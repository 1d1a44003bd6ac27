from . import cae_training_dashboard
