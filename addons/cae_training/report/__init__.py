from . import cae_training_bpf_xlsx
