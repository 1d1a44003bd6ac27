from . import cae_attendance
