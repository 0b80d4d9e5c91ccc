from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "opmars.networks"
    label = "networks"
    verbose_name = "Netwerken"
