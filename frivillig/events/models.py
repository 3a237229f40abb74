"""Large events: an event has teams, a team has shifts, a volunteer signs up for shifts.

Capacity is guarded twice by the database: `Shift.taken` is a counter that a CHECK keeps
within `capacity`, and a partial unique constraint keeps one live sign-up per person and
shift. The sign-up service (events.signup) bumps the counter and inserts the row in one
transaction, so the counter can never drift from the rows.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_secret() -> str:
    return secrets.token_urlsafe(18)


class EventVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    HIDDEN = "hidden", _("Hidden: only people with the secret link")


class EventKind(models.TextChoices):
    """Courses and network meetings use the same teams, shifts and sign-up as any event: a
    course day is a shift, its seats are the capacity."""

    EVENT = "event", _("Event")
    COURSE = "course", _("Course")
    NETWORK = "network", _("Network meeting")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet):
    def listed(self):
        """Events anyone may find: published, public and not over."""
        return self.filter(
            status=EventStatus.PUBLISHED,
            visibility=EventVisibility.PUBLIC,
            ends_on__gte=timezone.localdate(),
        )


class Event(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="events"
    )
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(_("name in English"), max_length=160, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description in English"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.ForeignKey(
        "catalog.Place", models.PROTECT, related_name="events", verbose_name=_("town")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    areas = models.ManyToManyField("catalog.Area", related_name="events", verbose_name=_("areas"))
    kind = models.CharField(
        _("kind"), max_length=8, choices=EventKind.choices, default=EventKind.EVENT
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=EventVisibility.choices,
        default=EventVisibility.PUBLIC,
    )
    # The hidden link is the only key to a hidden event; it is never derived from the slug.
    secret = models.CharField(max_length=40, unique=True, default=new_secret, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    signup_opens_at = models.DateTimeField(
        _("sign-up opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open sign-up as soon as the event is published."),
    )
    signup_closes_at = models.DateTimeField(_("sign-up deadline"), null=True, blank=True)
    cancel_hours_before = models.PositiveSmallIntegerField(
        _("volunteers can cancel until this many hours before a shift"), default=24
    )
    max_shifts_per_person = models.PositiveSmallIntegerField(
        _("most shifts per person"), null=True, blank=True
    )
    max_hours_per_person = models.PositiveSmallIntegerField(
        _("most hours per person"), null=True, blank=True
    )
    min_rest_minutes = models.PositiveSmallIntegerField(
        _("minimum rest between shifts (minutes)"), default=0
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="event_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=EventVisibility.values), name="event_visibility_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
        ]
        indexes = [models.Index(fields=["status", "visibility", "ends_on"], name="event_listed")]

    def __str__(self):
        return self.name

    def is_open_to(self, secret: str | None) -> bool:
        """May a visitor holding `secret` (or none) see this event?"""
        if self.status != EventStatus.PUBLISHED:
            return False
        if self.visibility == EventVisibility.PUBLIC:
            return True
        # As bytes: compare_digest refuses str with non-ASCII characters, and the secret
        # comes straight from the address bar.
        return bool(secret) and secrets.compare_digest(secret.encode(), self.secret.encode())


class Team(models.Model):
    """A group of shifts with one kind of work, such as "Oprydning" or "Førstehjælp"."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    signup_opens_at = models.DateTimeField(
        _("sign-up opens for this team"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the event's time."),
    )
    # Team leads check people in on the day; they need not be staff of the organisation.
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="led_teams", verbose_name=_("team leads")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="team_name_unique_in_event")
        ]

    def __str__(self):
        return self.name

    @property
    def opens_at(self):
        return self.signup_opens_at or self.event.signup_opens_at


class ShiftStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CANCELLED = "cancelled", _("Cancelled")


class Shift(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="shifts")
    team = models.ForeignKey(Team, models.CASCADE, related_name="shifts")
    # Denormalised so that back-office queries start from the organisation with one filter.
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="shifts"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.ForeignKey(
        "catalog.Place",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="shifts",
        verbose_name=_("town"),
    )
    location = models.CharField(_("meeting point"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    # How many confirmed sign-ups hold a place. Changed only by events.signup, in the same
    # transaction as the sign-up rows; the CHECK below is the last guard against overbooking.
    taken = models.PositiveIntegerField(default=0, editable=False)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    requires_child_certificate = models.BooleanField(_("child certificate required"), default=False)
    requires_driving_licence = models.BooleanField(_("driving licence required"), default=False)
    requirements_note = models.CharField(_("other requirements"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=ShiftStatus.choices, default=ShiftStatus.OPEN)
    reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at", "team__name"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(taken__lte=F("capacity")), name="shift_not_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ShiftStatus.values), name="shift_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["event", "starts_at"], name="shift_by_event_time"),
            models.Index(fields=["organisation", "starts_at"], name="shift_by_org_time"),
            # The overview's and the statistics' running month (activity.queries), read from
            # the index alone on PostgreSQL.
            models.Index(
                fields=["starts_at"],
                include=["id", "event", "place", "organisation", "status", "capacity"],
                name="shift_activity",
            ),
        ]

    def __str__(self):
        return f"{self.team.name} {timezone.localtime(self.starts_at):%d.%m %H:%M}"

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at) / timedelta(hours=1)


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", pgettext_lazy("sign-up", "Cancelled")


LIVE_SIGNUP = [SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not recorded")
    CHECKED_IN = "in", _("Checked in")
    CHECKED_OUT = "out", _("Checked out")
    NO_SHOW = "no_show", _("Did not come")


class ShiftSignup(models.Model):
    shift = models.ForeignKey(Shift, models.CASCADE, related_name="signups")
    # Denormalised: the per-person rules (most shifts, rest, overlap) look at one event.
    event = models.ForeignKey(Event, models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="shift_signups"
    )
    status = models.CharField(max_length=10, choices=SignupStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    # The key in the QR code on the confirmation: it opens this sign-up's check-in for a lead.
    checkin_code = models.CharField(max_length=40, unique=True, default=new_secret, editable=False)
    attendance = models.CharField(
        max_length=8, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=LIVE_SIGNUP),
                name="signup_once_per_shift",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SignupStatus.values), name="signup_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=SignupStatus.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="signup_confirmed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=Attendance.values), name="signup_attendance_valid"
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0), name="signup_hours_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["shift", "status", "created_at"], name="signup_queue"),
            models.Index(fields=["volunteer", "event", "status"], name="signup_by_person"),
            # The overview's and the statistics' running month sum hours per shift from this
            # index alone (PostgreSQL), not from the table (activity.queries).
            models.Index(
                fields=["shift"], include=["hours", "status", "event"], name="signup_activity"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.shift}"


class VolunteerCalendar(models.Model):
    """The secret behind a volunteer's personal iCal feed; replacing it revokes old links."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="shift_calendar"
    )
    secret = models.CharField(max_length=40, unique=True, default=new_secret)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user} · calendar"
