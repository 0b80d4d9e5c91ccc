from django.apps import AppConfig


class DataioConfig(AppConfig):
    name = "opmars.dataio"
    label = "dataio"
    verbose_name = "Import en export"
