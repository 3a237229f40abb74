"""What a notice is about. A person chooses, per category, to be told at once or in a daily
digest (notifications.services.notify)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    MESSAGES = "messages", _("Messages")
    ANNOUNCEMENTS = "announcements", _("Announcements from organisations")
    IDEAS = "ideas", _("Ideas you have proposed")
    CONSULTATIONS = "consultations", _("Consultations")
    FEEDBACK = "feedback", _("Requests for feedback")
    RECOGNITION = "recognition", _("Thanks and awards")
