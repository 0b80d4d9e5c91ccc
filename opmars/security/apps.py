from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "opmars.security"
    label = "security"
    verbose_name = "Beveiliging"
