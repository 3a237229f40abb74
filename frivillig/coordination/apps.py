from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "frivillig.coordination"
    verbose_name = "Koordinering"
