from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "frivillig.engagements"
    verbose_name = "Engagementer"
