"""Reads of threads for each side: every list carries its unread flag and the last message's
sender and time as columns of the same query, so a page of threads costs one query (plus the
paginator's count) whatever its length."""

from django.db.models import BooleanField, Case, OuterRef, Subquery, Value, When
from django.utils.translation import gettext as _

from frivillig.dialog.messaging.models import (
    UNREAD_FOR_ORGANISATION,
    UNREAD_FOR_VOLUNTEER,
    Message,
    Thread,
)
from frivillig.engagements.models import Application, Engagement
from frivillig.events.models import ShiftSignup


def _with_last_message(threads):
    last = Message.objects.filter(thread=OuterRef("pk")).order_by("-created_at", "-pk")
    return threads.annotate(
        last_from_organisation=Subquery(last.values("from_organisation")[:1]),
        last_body=Subquery(last.values("body")[:1]),
    )


def _flag(condition):
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def threads_for_volunteer(user, *, unread_only: bool = False):
    """The volunteer's own threads, unread first, then the newest."""
    threads = Thread.objects.filter(volunteer=user)
    if unread_only:
        threads = threads.filter(UNREAD_FOR_VOLUNTEER)
    return (
        _with_last_message(threads)
        .annotate(unread=_flag(UNREAD_FOR_VOLUNTEER))
        .select_related("organisation")
        .order_by("-unread", "-last_message_at", "-pk")
    )


def threads_for_organisation(organisation=None, *, organisations=None, unread_only: bool = False):
    """The organisation's threads (or those of a set of `organisations`, for an API token
    that reaches the tree below), unread first, then the newest."""
    if organisations is not None:
        threads = Thread.objects.filter(organisation__in=organisations)
    else:
        threads = Thread.objects.filter(organisation=organisation)
    if unread_only:
        threads = threads.filter(UNREAD_FOR_ORGANISATION)
    return (
        _with_last_message(threads)
        .annotate(unread=_flag(UNREAD_FOR_ORGANISATION))
        .select_related("organisation", "volunteer")
        .order_by("-unread", "-last_message_at", "-pk")
    )


def unread_count_for_volunteer(user) -> int:
    """One query on the thread table alone: the navigation's badge."""
    return Thread.objects.filter(UNREAD_FOR_VOLUNTEER, volunteer=user).count()


def unread_count_for_organisation(organisation) -> int:
    return Thread.objects.filter(UNREAD_FOR_ORGANISATION, organisation=organisation).count()


def messages_of(thread):
    return thread.messages.select_related("author").order_by("created_at", "pk")


def read_state(thread, *, viewer_is_organisation: bool, messages) -> dict | None:
    """What to show under the last message when the viewer wrote it: whether and when the
    other side has read it. None when the last message is the other side's."""
    if not messages:
        return None
    last = messages[-1]
    if last.from_organisation != viewer_is_organisation:
        return None
    read_at = thread.volunteer_read_at if viewer_is_organisation else thread.organisation_read_at
    if read_at is not None and read_at >= last.created_at:
        return {"read": True, "at": read_at}
    return {"read": False, "at": None}


def about_choices(volunteer, organisation) -> dict:
    """The volunteer's own applications, engagements and shift sign-ups with the organisation,
    keyed "application-12" and so on, with a label to choose them by."""
    things = {}
    for application in Application.objects.filter(
        volunteer=volunteer, organisation=organisation
    ).select_related("opportunity"):
        things[f"application-{application.pk}"] = (
            _("Application: %(title)s") % {"title": application.opportunity.title},
            application,
        )
    for engagement in Engagement.objects.filter(
        volunteer=volunteer, organisation=organisation
    ).select_related("opportunity"):
        things[f"engagement-{engagement.pk}"] = (
            _("Volunteer work: %(title)s") % {"title": engagement.opportunity.title},
            engagement,
        )
    for signup in (
        ShiftSignup.objects.filter(volunteer=volunteer, shift__organisation=organisation)
        .select_related("shift__event", "shift__team")
        .order_by("shift__starts_at")
    ):
        things[f"shift_signup-{signup.pk}"] = (
            _("Shift: %(event)s, %(team)s")
            % {"event": signup.shift.event.name, "team": signup.shift.team.name},
            signup,
        )
    return things
