from . import cae_demo_history
