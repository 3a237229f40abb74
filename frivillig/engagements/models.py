from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION = [ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED]


class Application(models.Model):
    """A volunteer said yes to an opportunity; the organisation answers."""

    opportunity = models.ForeignKey(
        "catalog.Opportunity", models.CASCADE, related_name="applications"
    )
    # Denormalised from the opportunity so that every back-office query can start from the
    # organisation with one indexed filter.
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="applications"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="applications"
    )
    message = models.TextField(_("message to the organisation"), max_length=2000, blank=True)
    availability = models.CharField(_("when can you help?"), max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    question = models.TextField(blank=True)
    question_asked_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "volunteer"],
                condition=Q(status__in=OPEN_APPLICATION),
                name="application_one_open_per_opportunity",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.PENDING) | Q(answered_at__isnull=False),
                name="application_answered_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "created_at"], name="application_inbox")
        ]

    def __str__(self):
        return f"{self.volunteer} → {self.opportunity}"


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Engagement(models.Model):
    """A volunteer's ongoing effort for an organisation. Pausing and ending are plain facts:
    no reason is required and nothing counts them against anyone."""

    application = models.OneToOneField(
        Application, models.SET_NULL, null=True, blank=True, related_name="engagement"
    )
    opportunity = models.ForeignKey(
        "catalog.Opportunity", models.CASCADE, related_name="engagements"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="engagements"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="engagements"
    )
    status = models.CharField(
        max_length=10, choices=EngagementStatus.choices, default=EngagementStatus.ACTIVE
    )
    started_at = models.DateTimeField(auto_now_add=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "volunteer"],
                condition=Q(status__in=["active", "paused"]),
                name="engagement_one_current_per_opportunity",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EngagementStatus.values), name="engagement_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=EngagementStatus.ENDED) | Q(ended_at__isnull=False),
                name="engagement_ended_has_time",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="engagement_by_org")]

    def __str__(self):
        return f"{self.volunteer} · {self.opportunity}"
