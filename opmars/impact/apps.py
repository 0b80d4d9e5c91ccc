from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ImpactConfig(AppConfig):
    name = "opmars.impact"
    label = "impact"
    verbose_name = "Maatschappelijk rendement"

    def ready(self):
        from opmars.impact.reference import load_impact_reference

        # Proxy library v1, price tables and catalogue: after every migrate, idempotently.
        post_migrate.connect(load_impact_reference, sender=self)

    def generate_demo(self, seed, progress):
        from opmars.impact.demo import generate_impact_demo

        generate_impact_demo(seed=seed, progress=progress)
