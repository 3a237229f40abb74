from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "frivillig.notifications"
    verbose_name = "E-mails"
