from django.apps import AppConfig


class LinkedDataConfig(AppConfig):
    name = "opmars.linkeddata"
    verbose_name = "Linked data"
