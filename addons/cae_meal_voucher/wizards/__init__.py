from . import cae_meal_voucher_suspend
