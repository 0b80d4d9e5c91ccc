from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opmars.api"
    label = "api"
    verbose_name = "API"
