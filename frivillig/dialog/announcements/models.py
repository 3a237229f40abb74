"""An organisation's announcements to its volunteers, who got each one, and who has said no
thanks.

An announcement is written once and delivered to people resolved at the moment of sending
(announcements.queries.recipients); a Delivery row per person is what "Min side" shows and
what marks it read. The audience and its target are guarded by a CHECK, so an announcement
"to a team" without a team cannot exist even if code is wrong."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX = 150
BODY_MAX = 5000


class Audience(models.TextChoices):
    ALL = "all", _("All the organisation's volunteers")
    OPPORTUNITY = "opportunity", _("Volunteers on one opportunity")
    TEAM = "team", _("People with a shift on one team")
    EVENT_DAY = "event_day", _("People with a shift on one day of an event")


# Team and event-day announcements are about the person's own shifts: an opt-out does not
# apply to them (issue #8: "never of messages about their own shifts").
ABOUT_OWN_SHIFTS = [Audience.TEAM, Audience.EVENT_DAY]


def _target(*, opportunity=False, team=False, event=False) -> Q:
    return Q(
        opportunity__isnull=not opportunity,
        team__isnull=not team,
        event__isnull=not event,
        day__isnull=not event,
    )


class Announcement(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="announcements"
    )
    # The announcement stays when its writer's account is deleted: the volunteers received it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="announcements_written",
    )
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX)
    body = models.TextField(_("message"), max_length=BODY_MAX)
    audience = models.CharField(_("recipients"), max_length=12, choices=Audience.choices)
    opportunity = models.ForeignKey(
        "catalog.Opportunity",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="announcements",
        verbose_name=_("opportunity"),
    )
    team = models.ForeignKey(
        "events.Team",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="announcements",
        verbose_name=_("team"),
    )
    event = models.ForeignKey(
        "events.Event",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="announcements",
        verbose_name=_("event"),
    )
    day = models.DateField(_("day"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The number shown when it was confirmed; the delivery task sets the number it reached.
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        constraints = [
            models.CheckConstraint(
                condition=(Q(audience=Audience.ALL) & _target())
                | (Q(audience=Audience.OPPORTUNITY) & _target(opportunity=True))
                | (Q(audience=Audience.TEAM) & _target(team=True))
                | (Q(audience=Audience.EVENT_DAY) & _target(event=True)),
                name="announcement_target_matches_audience",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX),
                name="announcement_body_length",
            ),
            models.CheckConstraint(
                condition=~Q(subject="") & ~Q(body=""), name="announcement_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "created_at"], name="announcement_by_org"),
        ]

    def __str__(self):
        return self.subject

    @property
    def about_own_shifts(self) -> bool:
        return self.audience in ABOUT_OWN_SHIFTS


class Delivery(models.Model):
    """One person's copy: what "Min side" lists, and whether it has been read."""

    announcement = models.ForeignKey(Announcement, models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="announcement_deliveries"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("announcement delivery")
        verbose_name_plural = _("announcement deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "user"], name="announcement_delivered_once"
            )
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="announcement_inbox"),
        ]

    def __str__(self):
        return f"{self.announcement} → {self.user}"


class AnnouncementOptOut(models.Model):
    """The person does not want this organisation's announcements to everyone or to an
    opportunity. Announcements about their own shifts still reach them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="announcement_opt_outs"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="announcement_opt_outs"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("announcement opt-out")
        verbose_name_plural = _("announcement opt-outs")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="announcement_opt_out_once"
            )
        ]

    def __str__(self):
        return f"{self.user} ✕ {self.organisation}"
