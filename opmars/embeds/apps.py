from django.apps import AppConfig


class EmbedsConfig(AppConfig):
    name = "opmars.embeds"
    verbose_name = "Insluiten"
