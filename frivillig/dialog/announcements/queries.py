"""Who an announcement reaches, and the reads that "Min side" and the back office share."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from frivillig.dialog.announcements.models import (
    ABOUT_OWN_SHIFTS,
    Announcement,
    AnnouncementOptOut,
    Audience,
    Delivery,
)
from frivillig.engagements.models import Engagement, EngagementStatus
from frivillig.events.models import LIVE_SIGNUP, ShiftSignup, SignupStatus
from frivillig.events.planning import local
from frivillig.organisations.models import Organisation

CURRENT_ENGAGEMENT = [EngagementStatus.ACTIVE, EngagementStatus.PAUSED]


def recipients(
    *,
    organisation: Organisation,
    audience: str,
    opportunity=None,
    team=None,
    event=None,
    day: date | None = None,
):
    """The people an announcement with this audience would reach now: active people with an
    e-mail address, each once, however many engagements or shifts they hold. One SQL query
    (the sources are subqueries).

    - all: a current (active or paused) engagement with the organisation, or a confirmed
      place on one of its events that has not ended;
    - opportunity: a current engagement on that opportunity;
    - team: a live sign-up (confirmed or waitlisted) on one of the team's shifts;
    - event_day: a live sign-up on a shift of the event starting that local day.

    Opted-out people are left out of "all" and "opportunity", never of the other two, which
    are about the person's own shifts."""
    engagements = Engagement.objects.filter(status__in=CURRENT_ENGAGEMENT)
    signups = ShiftSignup.objects.all()
    if audience == Audience.ALL:
        sources = Q(
            pk__in=engagements.filter(organisation=organisation).values("volunteer_id")
        ) | Q(
            pk__in=signups.filter(
                event__organisation=organisation,
                status=SignupStatus.CONFIRMED,
                event__ends_on__gte=timezone.localdate(),
            ).values("volunteer_id")
        )
    elif audience == Audience.OPPORTUNITY:
        sources = Q(
            pk__in=engagements.filter(organisation=organisation, opportunity=opportunity).values(
                "volunteer_id"
            )
        )
    elif audience == Audience.TEAM:
        sources = Q(
            pk__in=signups.filter(
                shift__team=team,
                shift__organisation=organisation,
                status__in=LIVE_SIGNUP,
            ).values("volunteer_id")
        )
    elif audience == Audience.EVENT_DAY:
        sources = Q(
            pk__in=signups.filter(
                event=event,
                shift__organisation=organisation,
                status__in=LIVE_SIGNUP,
                shift__starts_at__gte=local(day, 0),
                shift__starts_at__lt=local(day + timedelta(days=1), 0),
            ).values("volunteer_id")
        )
    else:
        raise ValueError(f"Unknown audience {audience!r}")
    people = get_user_model().objects.filter(sources, is_active=True).exclude(email="")
    if audience not in ABOUT_OWN_SHIFTS:
        people = people.exclude(
            Exists(
                AnnouncementOptOut.objects.filter(user=OuterRef("pk"), organisation=organisation)
            )
        )
    return people.order_by("pk")


def recipients_of(announcement: Announcement):
    return recipients(
        organisation=announcement.organisation,
        audience=announcement.audience,
        opportunity=announcement.opportunity,
        team=announcement.team,
        event=announcement.event,
        day=announcement.day,
    )


def for_organisation(organisation: Organisation):
    """The organisation's announcements with how many have read each, newest first."""
    return (
        Announcement.objects.filter(organisation=organisation)
        .select_related("author", "opportunity", "team__event", "event")
        .annotate(
            delivered=Count("deliveries"),
            read=Count("deliveries", filter=Q(deliveries__read_at__isnull=False)),
        )
        .order_by("-created_at", "-pk")
    )


def inbox(user):
    """The person's own announcements, newest first."""
    return (
        Delivery.objects.filter(user=user)
        .select_related(
            "announcement__organisation",
            "announcement__opportunity",
            "announcement__team__event",
            "announcement__event",
        )
        .order_by("-created_at", "-pk")
    )


def unread_count(user) -> int:
    """For the badge on "Min side": one indexed COUNT."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Delivery.objects.filter(user=user, read_at__isnull=True).count()


def my_organisations(user):
    """The organisations whose announcements the person can choose: those they volunteer for
    now, those they have heard from, and those they have already said no thanks to."""
    return (
        Organisation.objects.filter(
            Q(
                pk__in=Engagement.objects.filter(
                    volunteer=user, status__in=CURRENT_ENGAGEMENT
                ).values("organisation_id")
            )
            | Q(
                pk__in=ShiftSignup.objects.filter(volunteer=user, status__in=LIVE_SIGNUP).values(
                    "event__organisation_id"
                )
            )
            | Q(pk__in=Delivery.objects.filter(user=user).values("announcement__organisation_id"))
            | Q(pk__in=AnnouncementOptOut.objects.filter(user=user).values("organisation_id"))
        )
        .annotate(
            opted_out=Exists(
                AnnouncementOptOut.objects.filter(user=user, organisation=OuterRef("pk"))
            )
        )
        .order_by("name", "pk")
    )


def has_opted_out(user, organisation: Organisation) -> bool:
    return AnnouncementOptOut.objects.filter(user=user, organisation=organisation).exists()
