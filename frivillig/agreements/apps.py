from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "frivillig.agreements"
    verbose_name = "Aftaler"
