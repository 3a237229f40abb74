"""Asking for feedback and answering it.

A person is asked once per engagement and once per event (unique constraints decide if two
runs race). Answering locks the request, so two clicks cannot both answer, and writes the
answer without any link to the person: only the request records that it was answered."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.dialog.feedback.models import (
    TEXT_LIMIT,
    FeedbackAnswer,
    FeedbackKind,
    FeedbackRequest,
)
from frivillig.engagements.models import Engagement
from frivillig.events.models import Attendance, Event, EventStatus, ShiftSignup, SignupStatus
from frivillig.notifications import emails
from frivillig.notifications.categories import Category
from frivillig.notifications.services import notify


class FeedbackError(Exception):
    """A rule about feedback was broken; the message is for the user."""


def answer_url(request: FeedbackRequest) -> str:
    return settings.SITE_URL + reverse("portal:feedback_answer", args=[request.pk])


def _notify(request: FeedbackRequest) -> None:
    notify(
        request.volunteer,
        category=Category.FEEDBACK,
        template="feedback_request",
        context={
            "organisation": request.organisation,
            "subject_name": request.subject_name,
            "kind": request.kind,
            "url": answer_url(request),
        },
    )


def _create(**fields) -> FeedbackRequest | None:
    """A new request and its notice, or None when this person was asked already."""
    lookup = {k: v for k, v in fields.items() if k in ("volunteer", "engagement", "event")}
    if FeedbackRequest.objects.filter(**lookup).exists():
        return None
    try:
        # A savepoint: a duplicate from a racing run must not spoil the caller's transaction.
        with transaction.atomic():
            request = FeedbackRequest.objects.create(**fields)
    except IntegrityError:
        return None
    _notify(request)
    return request


@transaction.atomic
def ask_after_engagement(*, engagement: Engagement) -> FeedbackRequest | None:
    """Ask the volunteer of an ended engagement for feedback (once)."""
    engagement = Engagement.objects.select_related("opportunity", "organisation", "volunteer").get(
        pk=engagement.pk
    )
    return _create(
        volunteer=engagement.volunteer,
        organisation=engagement.organisation,
        engagement=engagement,
    )


def ask_on_commit(*, engagement: Engagement) -> None:
    """For engagements.services.end and end_by_organisation: ask once the end is committed.
    Asking is a courtesy, so it never holds up or undoes stopping. A caller that sends no
    e-mail (the demo's history) sends none later either."""
    quiet = emails.is_suppressed()

    def ask():
        found = Engagement.objects.filter(pk=engagement.pk).first()
        if found is None:
            return
        if quiet:
            with emails.suppressed():
                ask_after_engagement(engagement=found)
        else:
            ask_after_engagement(engagement=found)

    transaction.on_commit(ask)


@transaction.atomic
def ask_after_event(*, event: Event, volunteer) -> FeedbackRequest | None:
    return _create(volunteer=volunteer, organisation=event.organisation, event=event)


# Who took part: a confirmed place or a check-in, but not someone recorded as not coming.
TOOK_PART = (
    Q(status=SignupStatus.CONFIRMED)
    | Q(attendance__in=[Attendance.CHECKED_IN, Attendance.CHECKED_OUT])
) & ~Q(attendance=Attendance.NO_SHOW)


def send_event_requests(*, today: date | None = None) -> int:
    """Ask everyone who took part in an event that ended yesterday. Safe to run as often as
    you like: each person is asked once per event."""
    today = today or timezone.localdate()
    events = Event.objects.filter(ends_on=today - timedelta(days=1)).exclude(
        status=EventStatus.CANCELLED
    )
    sent = 0
    for event in events.select_related("organisation"):
        volunteer_ids = (
            ShiftSignup.objects.filter(TOOK_PART, event=event)
            .exclude(volunteer__feedback_requests__event=event)
            .values_list("volunteer_id", flat=True)
            .distinct()
        )
        for volunteer in get_user_model().objects.filter(pk__in=list(volunteer_ids)):
            if ask_after_event(event=event, volunteer=volunteer) is not None:
                sent += 1
    return sent


def _month(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def answer(
    *,
    request: FeedbackRequest,
    volunteer,
    satisfaction: int,
    would_recommend: bool,
    text: str = "",
) -> FeedbackRequest:
    """Record an answer. Returns the request (now answered), never the answer: nothing that
    comes back to the person's side may point at it."""
    request = (
        # Lock only the request row: PostgreSQL cannot lock the nullable side of the joins.
        FeedbackRequest.objects.select_for_update(of=("self",))
        .select_related("engagement__opportunity", "event", "organisation")
        .get(pk=request.pk)
    )
    if request.volunteer_id != volunteer.pk:
        raise FeedbackError(_("This request for feedback is not yours."))
    if request.is_answered:
        raise FeedbackError(_("You have already answered this one. Thank you for your feedback!"))
    if satisfaction not in range(1, 6):
        raise FeedbackError(_("Choose how satisfied you are, from 1 to 5."))
    text = (text or "").strip()
    if len(text) > TEXT_LIMIT:
        raise FeedbackError(
            _("Please keep your comment to %(limit)d characters.") % {"limit": TEXT_LIMIT}
        )
    now = timezone.now()
    if request.engagement_id:
        kind, areas = FeedbackKind.ENGAGEMENT, request.engagement.opportunity.areas.all()
    else:
        kind, areas = FeedbackKind.EVENT, request.event.areas.all()
    answer = FeedbackAnswer.objects.create(
        organisation=request.organisation,
        kind=kind,
        satisfaction=satisfaction,
        would_recommend=bool(would_recommend),
        text=text,
        answered_on=_month(timezone.localdate(now)),
    )
    answer.areas.set(list(areas))
    request.answered_at = now
    request.save(update_fields=["answered_at"])
    return request
