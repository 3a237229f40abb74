"""Shifts as iCalendar (RFC 5545): a volunteer's personal feed behind a secret address, one
shift's .ics behind its sign-up's check-in code, and an event's open shifts.

The personal feed has no log-in (calendar apps cannot sign in), so its secret is the only key:
replacing it is how a person revokes a link they shared by mistake. The UID of a sign-up is
the same in the feed and in the single .ics, so a calendar that has both shows one entry.
"""

from datetime import datetime
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEntry

from frivillig.events import queries
from frivillig.events.models import (
    Event,
    EventVisibility,
    Shift,
    ShiftSignup,
    SignupStatus,
    VolunteerCalendar,
    new_secret,
)
from frivillig.notifications.emails import recipient_language
from frivillig.translation import localized

CONTENT_TYPE = "text/calendar; charset=utf-8"


# --- The secret behind the personal feed -------------------------------------------------


def calendar_for(user) -> VolunteerCalendar:
    """The person's calendar secret, made the first time they ask for it."""
    found = VolunteerCalendar.objects.filter(user=user).first()
    if found:
        return found
    try:
        with transaction.atomic():
            return VolunteerCalendar.objects.create(user=user)
    except IntegrityError:
        # Two tabs asked at once; the other one made it.
        return VolunteerCalendar.objects.get(user=user)


def calendar_by_secret(secret: str) -> VolunteerCalendar | None:
    return VolunteerCalendar.objects.select_related("user__profile").filter(secret=secret).first()


def replace_secret(*, user) -> VolunteerCalendar:
    """A new address for the personal feed; the old one stops working at once."""
    calendar = calendar_for(user)
    calendar.secret = new_secret()
    calendar.save(update_fields=["secret"])
    return calendar


def personal_feed_url(calendar: VolunteerCalendar) -> str:
    return settings.SITE_URL + reverse("portal:personal_ics", args=[calendar.secret])


# --- Building calendars --------------------------------------------------------------------


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "frivillig.local"


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def event_url(event: Event) -> str:
    """The event's page; a hidden event's page only opens with its secret."""
    url = _absolute(reverse("portal:event", args=[event.slug]))
    if event.visibility == EventVisibility.HIDDEN:
        url += "?" + urlencode({"s": event.secret})
    return url


def _location(shift: Shift, event: Event) -> str:
    place = shift.place or event.place
    parts = [shift.location, event.address if not shift.location else ""]
    parts.append(f"{place.postal_code} {place.name}" if place else "")
    return ", ".join(p for p in parts if p)


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Frivilligportalen//Vagter//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _entry(*, uid: str, shift: Shift, event: Event, stamp: datetime, url: str, lines=()):
    team = shift.team
    entry = CalendarEntry()
    entry.add("uid", f"{uid}@{_domain()}")
    entry.add("dtstamp", stamp)
    # Local wall-clock times with their zone (TZID), so the shift stays at 10.00 in Aalborg
    # whatever the reader's calendar is set to; the VTIMEZONE is added to the calendar.
    entry.add("dtstart", timezone.localtime(shift.starts_at))
    entry.add("dtend", timezone.localtime(shift.ends_at))
    entry.add("summary", f"{localized(team, 'name')} – {localized(event, 'name')}")
    location = _location(shift, event)
    if location:
        entry.add("location", location)
    entry.add("url", url)
    description = [
        _("Event: %(event)s") % {"event": localized(event, "name")},
        _("Team: %(team)s") % {"team": localized(team, "name")},
        *lines,
        url,
    ]
    entry.add("description", "\n".join(description))
    return entry


def _signup_entry(signup: ShiftSignup, stamp: datetime):
    shift = signup.shift
    event = shift.event
    lines = []
    if shift.requirements_note:
        lines.append(shift.requirements_note)
    entry = _entry(
        uid=f"signup-{signup.pk}",
        shift=shift,
        event=event,
        stamp=stamp,
        url=_absolute(reverse("portal:my_shifts")),
        lines=lines,
    )
    if signup.status == SignupStatus.WAITLISTED:
        # Tentative: calendars show it as "maybe", and the summary says why.
        entry["summary"] = _("Waitlist: %(title)s") % {"title": entry["summary"]}
        entry.add("status", "TENTATIVE")
    else:
        entry.add("status", "CONFIRMED")
    return entry


def _to_bytes(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def personal_feed(calendar: VolunteerCalendar, now: datetime | None = None) -> bytes:
    """The volunteer's confirmed shifts, recent and to come."""
    now = now or timezone.now()
    user = calendar.user
    with translation.override(recipient_language(user)):
        feed = _calendar(_("My shifts – Frivilligportalen"))
        for signup in queries.personal_feed_signups(user, now):
            feed.add_component(_signup_entry(signup, now))
        return _to_bytes(feed)


def signup_ics(signup: ShiftSignup, now: datetime | None = None) -> bytes:
    """One shift, to import: for a confirmed place or a place on the waitlist."""
    now = now or timezone.now()
    with translation.override(recipient_language(signup.volunteer)):
        calendar = _calendar(localized(signup.shift.event, "name"))
        calendar.add_component(_signup_entry(signup, now))
        return _to_bytes(calendar)


def event_feed(event: Event, now: datetime | None = None) -> bytes:
    """Every open shift of the event that has not ended, in the visitor's language."""
    now = now or timezone.now()
    calendar = _calendar(localized(event, "name"))
    url = event_url(event)
    for shift in queries.event_shifts(event, now=now):
        line = _("Free places: %(free)d of %(capacity)d") % {
            "free": shift.free,
            "capacity": shift.capacity,
        }
        calendar.add_component(
            _entry(
                uid=f"shift-{shift.pk}", shift=shift, event=event, stamp=now, url=url, lines=[line]
            )
        )
    return _to_bytes(calendar)


def signup_for_code(code: str) -> ShiftSignup | None:
    """The sign-up behind a code from a confirmation e-mail, while it holds or awaits a place."""
    return (
        ShiftSignup.objects.filter(
            checkin_code=code, status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]
        )
        .select_related("shift__team", "shift__place", "shift__event__place", "volunteer__profile")
        .first()
    )
