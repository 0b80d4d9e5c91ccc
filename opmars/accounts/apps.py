from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opmars.accounts"
    label = "accounts"
    verbose_name = "Accounts"
