from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "opmars.web"
    label = "web"
    verbose_name = "Website"
