"""What a person has chosen per category of notice (at once, or in the daily digest), and the
notices waiting for that digest.

No preference row means "at once": a new person, or a category added later, is told
immediately until they choose otherwise."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.notifications.categories import Category

SUBJECT_LIMIT = 300
URL_LIMIT = 1000


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately, one e-mail per notice")
    DIGEST = "digest", _("Once a day, collected in one e-mail")


class NotificationPreference(models.Model):
    # CASCADE: a choice about one's own e-mail means nothing once the account is gone.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IMMEDIATE)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category"], name="notification_preference_once"
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values),
                name="notification_preference_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=Mode.values), name="notification_preference_mode_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.category}: {self.mode}"


class PendingNotice(models.Model):
    """A notice rendered in the recipient's language when it happened, waiting for the next
    daily digest. The digest deletes it in the same transaction that queues the e-mail."""

    # CASCADE: the notice is addressed to the person and is part of no one else's record.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_notices"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    subject = models.CharField(max_length=SUBJECT_LIMIT)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=URL_LIMIT, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="pending_notice_user_time")]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=Category.values),
                name="pending_notice_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
