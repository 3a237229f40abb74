from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "frivillig.catalog"
    verbose_name = "Katalog"
