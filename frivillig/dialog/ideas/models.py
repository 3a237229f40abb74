"""Citizens' ideas for volunteer efforts ("Jeg har en idé").

A signed-in citizen proposes an idea; the central volunteer office routes it to an area
and/or an organisation; the office or the organisation takes it up or not, with an answer to
the proposer, who follows every step on "Min side". An idea that was taken up is shown on
the public page only while its proposer agrees (`may_publish`), and never with a name.

When the proposer deletes the account the idea stays (it may have become a public effort)
but loses the link to the person (SET_NULL); `may_publish` stays as the proposer agreed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 150
DESCRIPTION_MAX = 5000
NOTE_MAX = 2000


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ROUTED = "routed", _("Passed on")
    TAKEN_UP = "taken_up", _("Taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


class IdeaQuerySet(models.QuerySet):
    def public(self):
        """Ideas that became volunteer efforts and whose proposer agrees to show them."""
        return self.filter(status=IdeaStatus.TAKEN_UP, may_publish=True)


class Idea(models.Model):
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    area = models.ForeignKey(
        "catalog.Area",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("area"),
    )
    place = models.ForeignKey(
        "catalog.Place",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("town"),
    )
    # SET_NULL: the idea outlives the proposer's account (see the module docstring).
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    may_publish = models.BooleanField(_("may be shown publicly if taken up"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.RECEIVED
    )
    routed_area = models.ForeignKey(
        "catalog.Area",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="routed_ideas",
        verbose_name=_("passed on to area"),
    )
    routed_organisation = models.ForeignKey(
        "organisations.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="routed_ideas",
        verbose_name=_("passed on to organisation"),
    )
    note = models.TextField(_("answer to the proposer"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [models.Index(fields=["status", "may_publish"], name="idea_status_publish")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IdeaStatus.values), name="idea_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="idea_title_not_empty"),
            models.CheckConstraint(condition=~Q(description=""), name="idea_description_not_empty"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (IdeaStatus.RECEIVED, IdeaStatus.ROUTED)


class IdeaEvent(models.Model):
    """One step in an idea's history, shown to the proposer as a timeline."""

    idea = models.ForeignKey(Idea, models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=12, choices=IdeaStatus.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    # Who took the step: office or organisation staff, or the proposer. Kept as a name for
    # the organisation's part; the person link goes when an account is deleted.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_organisation = models.ForeignKey(
        "organisations.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("step of an idea")
        verbose_name_plural = _("steps of ideas")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IdeaStatus.values), name="idea_event_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.idea_id}: {self.status}"
