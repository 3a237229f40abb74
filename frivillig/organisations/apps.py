from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "frivillig.organisations"
    verbose_name = "Organisationer"
