from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frivillig.accounts"
    verbose_name = "Konti"
