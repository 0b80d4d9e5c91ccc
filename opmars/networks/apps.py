from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NetworksConfig(AppConfig):
    name = "opmars.networks"
    label = "networks"
    verbose_name = "Netwerken"

    def ready(self):
        from opmars.networks.umbrellas import ensure_umbrellas

        # Reference entries, not demo data: every installation has the eight umbrellas.
        post_migrate.connect(ensure_umbrellas, sender=self)
