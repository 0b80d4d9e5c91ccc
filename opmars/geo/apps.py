from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "opmars.geo"
    label = "geo"
    verbose_name = "Geografie"
