from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "frivillig.events"
    verbose_name = "Arrangementer og vagter"
