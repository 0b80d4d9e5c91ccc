from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opmars.finance"
    label = "finance"
    verbose_name = _("Financieringsroutes")

    def generate_demo(self, seed, progress):
        from opmars.finance.demo import generate_demo

        generate_demo(seed, progress)
