from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "opmars.monitor"
    label = "monitor"
    verbose_name = "Monitor"
