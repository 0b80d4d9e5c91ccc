from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "opmars.impact"
    label = "impact"
    verbose_name = "Maatschappelijk rendement"
