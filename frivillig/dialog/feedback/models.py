"""Short surveys after an engagement ends or an event is over.

Anonymity is by design, not by promise: a FeedbackRequest knows who was asked and whether
they answered; a FeedbackAnswer knows what was answered, for which organisation and areas, in
which month, and nothing about who. No key, date or time finer than the month joins the two,
so not even the database can tell whose answer is whose. Results are shown only for groups of
at least five answers (queries.MIN_ANSWERS)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TEXT_LIMIT = 2000


class FeedbackKind(models.TextChoices):
    ENGAGEMENT = "engagement", _("After an engagement")
    EVENT = "event", _("After an event")


class FeedbackRequest(models.Model):
    """One person asked once about one engagement or one event."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="feedback_requests"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="feedback_requests"
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_requests",
    )
    event = models.ForeignKey(
        "events.Event", models.CASCADE, null=True, blank=True, related_name="feedback_requests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        constraints = [
            models.CheckConstraint(
                condition=(Q(engagement__isnull=False) & Q(event__isnull=True))
                | (Q(engagement__isnull=True) & Q(event__isnull=False)),
                name="feedback_request_engagement_or_event",
            ),
            models.UniqueConstraint(
                fields=["volunteer", "engagement"],
                condition=Q(engagement__isnull=False),
                name="feedback_request_once_per_engagement",
            ),
            models.UniqueConstraint(
                fields=["volunteer", "event"],
                condition=Q(event__isnull=False),
                name="feedback_request_once_per_event",
            ),
        ]
        indexes = [models.Index(fields=["volunteer", "answered_at"], name="feedback_req_open")]

    def __str__(self):
        return f"{self.volunteer} · {self.subject_name}"

    @property
    def kind(self) -> str:
        return FeedbackKind.ENGAGEMENT if self.engagement_id else FeedbackKind.EVENT

    @property
    def subject_name(self) -> str:
        """What the survey is about: the opportunity's title or the event's name."""
        if self.engagement_id:
            return self.engagement.opportunity.title
        return self.event.name

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class FeedbackAnswer(models.Model):
    """An answer without a person: deliberately no link to the user or the request."""

    # A random key, not a counter: the order of counted ids would follow the order of the
    # requests' answered_at and so pair answers with people.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="feedback_answers"
    )
    areas = models.ManyToManyField("catalog.Area", blank=True, related_name="feedback_answers")
    kind = models.CharField(max_length=10, choices=FeedbackKind.choices)
    satisfaction = models.PositiveSmallIntegerField()
    would_recommend = models.BooleanField()
    text = models.CharField(max_length=TEXT_LIMIT, blank=True)
    # The first day of the month the answer was given: the month is all the results need,
    # and a finer date could be matched against the request's answered_at.
    answered_on = models.DateField()

    class Meta:
        ordering = ["-answered_on", "text"]
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1) & Q(satisfaction__lte=5),
                name="feedback_answer_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FeedbackKind.values), name="feedback_answer_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(answered_on__day=1), name="feedback_answer_month_only"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "kind"], name="feedback_answer_by_org")]

    def __str__(self):
        return f"{self.organisation} · {self.answered_on:%Y-%m} · {self.satisfaction}"
