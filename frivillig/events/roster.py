"""Who is on which shift: the roster of an event as rows, as CSV for Excel and as a PDF to
print, and how full the teams and days are.

A roster is volunteers' personal data (names, e-mail, phone); the surface that shows one must
log the read (`record_reads`)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig import spreadsheet
from frivillig.accounts.models import PersonalDataRead
from frivillig.events.models import Event, Shift, ShiftSignup, ShiftStatus, SignupStatus, Team
from frivillig.events.planning import shifts_on


@dataclass(frozen=True)
class Row:
    signup: ShiftSignup
    shift: Shift
    day: date
    starts: datetime
    ends: datetime
    team: str
    place: str
    name: str
    email: str
    phone: str
    attendance: str


def signups(event: Event, *, day: date | None = None, team=None, shift=None):
    """The confirmed sign-ups of `event`, in roster order, optionally of one day, team or shift."""
    qs = ShiftSignup.objects.filter(
        event=event, status=SignupStatus.CONFIRMED, shift__status=ShiftStatus.OPEN
    )
    if day is not None:
        qs = qs.filter(shift__in=shifts_on(event, day))
    if team is not None:
        qs = qs.filter(shift__team=team)
    if shift is not None:
        qs = qs.filter(shift=shift)
    return qs.select_related(
        "shift__team", "shift__place", "shift__event__place", "volunteer__profile"
    ).order_by(
        "shift__starts_at",
        "shift__team__name",
        "shift_id",
        "volunteer__first_name",
        "volunteer__last_name",
        "pk",
    )


def _phone(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "phone", "") or ""


def rows(event: Event, **filters) -> list[Row]:
    result = []
    for signup in signups(event, **filters):
        shift, volunteer = signup.shift, signup.volunteer
        starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
        result.append(
            Row(
                signup=signup,
                shift=shift,
                day=starts.date(),
                starts=starts,
                ends=ends,
                team=shift.team.name,
                place=", ".join(
                    part
                    for part in (shift.location, (shift.place or shift.event.place).name)
                    if part
                ),
                name=volunteer.get_full_name() or volunteer.email,
                email=volunteer.email,
                phone=_phone(volunteer),
                attendance=signup.get_attendance_display() if signup.attendance else "",
            )
        )
    return result


def record_reads(*, staff, organisation, volunteer_ids, what: str = "roster") -> None:
    """One PersonalDataRead per person shown, written in one statement: a roster can hold
    hundreds of people, and each of them may later ask who has seen their data."""
    PersonalDataRead.objects.bulk_create(
        PersonalDataRead(staff=staff, volunteer_id=pk, organisation=organisation, what=what)
        for pk in sorted(set(volunteer_ids))
    )


# CSV ----------------------------------------------------------------------------------------


def csv_bytes(rows: list[Row]) -> bytes:
    """The roster as a spreadsheet file (see frivillig.spreadsheet)."""
    return spreadsheet.csv_bytes(
        [
            _("Date"),
            _("Starts"),
            _("Ends"),
            _("Team"),
            _("Meeting point"),
            _("Name"),
            _("E-mail"),
            _("Phone"),
            _("Attendance"),
        ],
        (
            (
                row.day.isoformat(),
                row.starts.strftime("%H:%M"),
                row.ends.strftime("%H:%M"),
                row.team,
                row.place,
                row.name,
                row.email,
                row.phone,
                row.attendance,
            )
            for row in rows
        ),
    )


# PDF ----------------------------------------------------------------------------------------


def pdf_bytes(*, template: str, context: dict, base_url: str) -> bytes:
    """The roster printed from the surface's own template (the same data as the page)."""
    import weasyprint  # Imported here: it loads Pango and fonts, which most requests never need.

    html = render_to_string(template, context)
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()


# Fill rate ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    label: object  # a Team, or a date
    places: int
    taken: int

    @property
    def free(self) -> int:
        return max(self.places - self.taken, 0)

    @property
    def percent(self) -> int:
        return round(100 * self.taken / self.places) if self.places else 0


def _open(prefix=""):
    return Q(**{f"{prefix}status": ShiftStatus.OPEN})


def fill_by_team(event: Event) -> list[Fill]:
    """Every team of the event, those without shifts too, in one query."""
    teams = (
        Team.objects.filter(event=event)
        .annotate(
            places=Coalesce(Sum("shifts__capacity", filter=_open("shifts__")), 0),
            filled=Coalesce(Sum("shifts__taken", filter=_open("shifts__")), 0),
        )
        .order_by("name")
    )
    return [Fill(team, team.places, team.filled) for team in teams]


def fill_by_day(event: Event) -> list[Fill]:
    """Every day that has open shifts, by the local date the shift starts, in one query."""
    days = (
        Shift.objects.filter(_open(), event=event)
        .annotate(day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(places=Sum("capacity"), filled=Sum("taken"))
        .order_by("day")
    )
    return [Fill(row["day"], row["places"], row["filled"]) for row in days]
