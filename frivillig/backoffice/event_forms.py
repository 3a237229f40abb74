"""The back office's forms for events, teams and shifts. They check input and give messages
a person can act on; the rules that touch data live in events.planning and events.signup."""

import re
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from frivillig.backoffice.forms import StyledForm, StyledModelForm
from frivillig.catalog.models import Area, Place
from frivillig.events.models import Event, EventKind, EventVisibility, Team
from frivillig.events.planning import local

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def event_days(event: Event) -> list[date]:
    days = (event.ends_on - event.starts_on).days + 1
    return [event.starts_on + timedelta(days=n) for n in range(days)]


def day_label(day: date) -> str:
    return formats.date_format(day, "l j. F Y")


def day_choices(event: Event) -> list[tuple[str, str]]:
    return [(day.isoformat(), day_label(day)) for day in event_days(event)]


def shift_label(shift) -> str:
    starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
    return f"{shift.team.name}, {formats.date_format(starts, 'D j. M')} {starts:%H.%M}–{ends:%H.%M}"


class EventForm(StyledModelForm):
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more. Volunteers find the event under these areas."),
        error_messages={"required": _("Choose at least one area.")},
    )
    place = forms.ModelChoiceField(
        label=_("Town"),
        queryset=Place.objects.all(),
        error_messages={"required": _("Choose the town where the event takes place.")},
    )

    class Meta:
        model = Event
        fields = [
            "name",
            "name_en",
            "description",
            "description_en",
            "areas",
            "kind",
            "starts_on",
            "ends_on",
            "place",
            "address",
            "visibility",
            "signup_opens_at",
            "signup_closes_at",
            "cancel_hours_before",
            "max_shifts_per_person",
            "max_hours_per_person",
            "min_rest_minutes",
            "contact_email",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "visibility": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "signup_opens_at": _datetime_input(),
            "signup_closes_at": _datetime_input(),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        labels = {
            "name": _("Name"),
            "name_en": _("Name in English"),
            "description": _("Description"),
            "description_en": _("Description in English"),
            "starts_on": _("First day"),
            "ends_on": _("Last day"),
            "address": _("Address"),
            "kind": _("What kind of event is it?"),
            "visibility": _("Who can find the event"),
            "signup_opens_at": _("Sign-up opens"),
            "signup_closes_at": _("Sign-up deadline"),
            "cancel_hours_before": _("Volunteers can cancel until this many hours before a shift"),
            "max_shifts_per_person": _("Most shifts per person"),
            "max_hours_per_person": _("Most hours per person"),
            "min_rest_minutes": _("Minimum rest between shifts (minutes)"),
            "contact_email": _("Contact e-mail"),
        }
        help_texts = {
            "kind": _(
                "Courses and network meetings are also listed on the page “Courses and network "
                "meetings”. Volunteers sign up for them in the same way: a course day is a "
                "shift, and its places are the seats."
            ),
            "name_en": _("Shown to people who use the portal in English."),
            "description_en": _("Shown to people who use the portal in English."),
            "visibility": _(
                "A hidden event is not listed or searchable; only people with its secret link "
                "can see it and sign up."
            ),
            "signup_closes_at": _("Leave empty to keep sign-up open until each shift starts."),
            "max_shifts_per_person": _("Leave empty for no limit."),
            "max_hours_per_person": _("Leave empty for no limit."),
            "min_rest_minutes": _("0 means that shifts may follow each other directly."),
        }
        error_messages = {
            "name": {"required": _("Write the name of the event.")},
            "description": {"required": _("Describe the event.")},
            "starts_on": {
                "required": _("Write the first day."),
                "invalid": _("Write the date as dd.mm.yyyy."),
            },
            "ends_on": {
                "required": _("Write the last day."),
                "invalid": _("Write the date as dd.mm.yyyy."),
            },
            "cancel_hours_before": {"required": _("Write a number of hours (0 or more).")},
            "min_rest_minutes": {"required": _("Write a number of minutes (0 or more).")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = EventVisibility.choices
        self.fields["kind"].choices = EventKind.choices
        # Optional in the form: a form sent without it (an older page) means an ordinary event.
        self.fields["kind"].required = False

    def clean(self):
        data = super().clean()
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last day must be on or after the first day."))
        opens, closes = data.get("signup_opens_at"), data.get("signup_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("signup_closes_at", _("The deadline must be after sign-up opens."))
        return data

    def clean_kind(self):
        return self.cleaned_data.get("kind") or EventKind.EVENT

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "areas"}


class TeamForm(StyledModelForm):
    leads = forms.ModelMultipleChoiceField(
        label=_("Team leads"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Team leads can check people in on the day."),
    )
    lead_email = forms.EmailField(
        label=_("Add a team lead by e-mail"),
        required=False,
        help_text=_("For someone outside the organisation who already has an account."),
        error_messages={"invalid": _("Write a valid e-mail address, e.g. name@example.dk.")},
    )

    class Meta:
        model = Team
        fields = ["name", "name_en", "description", "signup_opens_at"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "signup_opens_at": _datetime_input(),
        }
        labels = {
            "name": _("Name"),
            "name_en": _("Name in English"),
            "description": _("Description"),
            "signup_opens_at": _("Sign-up opens for this team"),
        }
        error_messages = {"name": {"required": _("Write the name of the team.")}}

    def __init__(self, *args, event, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        current = Q(led_teams=self.instance) if self.instance.pk else Q(pk__in=[])
        self.fields["leads"].queryset = (
            get_user_model()
            .objects.filter(Q(memberships__organisation=organisation) | current)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )
        self.fields["leads"].label_from_instance = lambda user: (
            f"{user.get_full_name()} ({user.email})" if user.get_full_name() else user.email
        )
        if self.instance.pk:
            self.fields["leads"].initial = list(self.instance.leads.values_list("pk", flat=True))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Team.objects.filter(event=self.event, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("The event already has a team with this name."))
        return name

    def clean_lead_email(self):
        email = self.cleaned_data["lead_email"]
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "Nobody with this e-mail address has an account on the portal. Ask them "
                    "to create one first."
                )
            )
        return user

    def chosen_leads(self) -> list:
        leads = list(self.cleaned_data["leads"])
        extra = self.cleaned_data.get("lead_email")
        if extra and extra not in leads:
            leads.append(extra)
        return leads

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ShiftForm(StyledForm):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        error_messages={"required": _("Choose a team.")},
    )
    day = forms.TypedChoiceField(
        label=_("Day"),
        coerce=date.fromisoformat,
        error_messages={"required": _("Choose a day.")},
    )
    starts = forms.TimeField(
        label=_("Starts"),
        widget=TIME_INPUT,
        error_messages={
            "required": _("Write when the shift starts."),
            "invalid": _("Write the time as hh:mm, e.g. 08:00."),
        },
    )
    ends = forms.TimeField(
        label=_("Ends"),
        widget=TIME_INPUT,
        help_text=_("A time before the start means that the shift ends the next day."),
        error_messages={
            "required": _("Write when the shift ends."),
            "invalid": _("Write the time as hh:mm, e.g. 16:00."),
        },
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=9999,
        error_messages={
            "required": _("Write how many people the shift needs."),
            "min_value": _("A shift needs at least one place."),
        },
    )
    place = forms.ModelChoiceField(
        label=_("Town"),
        queryset=Place.objects.all(),
        required=False,
        empty_label=_("The event's town"),
    )
    location = forms.CharField(
        label=_("Meeting point"),
        max_length=200,
        required=False,
        help_text=_("For example “The blue tent at the main entrance”."),
    )
    min_age = forms.IntegerField(
        label=_("Minimum age"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Leave empty if there is no age limit."),
    )
    requires_child_certificate = forms.BooleanField(
        label=_("Child certificate required"), required=False
    )
    requires_driving_licence = forms.BooleanField(
        label=_("Driving licence required"), required=False
    )
    requirements_note = forms.CharField(
        label=_("Other requirements"), max_length=200, required=False
    )

    DETAIL_FIELDS = [
        "place",
        "location",
        "min_age",
        "requires_child_certificate",
        "requires_driving_licence",
        "requirements_note",
    ]

    def __init__(self, *args, event, shift=None, **kwargs):
        if shift is not None and not args and "initial" not in kwargs:
            starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
            kwargs["initial"] = {
                "team": shift.team_id,
                "day": starts.date().isoformat(),
                "starts": starts.time(),
                "ends": ends.time(),
                "capacity": shift.capacity,
                **{name: getattr(shift, name) for name in self.DETAIL_FIELDS},
            }
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["team"].queryset = event.teams.all()
        self.fields["day"].choices = day_choices(event)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and starts == ends:
            self.add_error("ends", _("The shift must end after it starts."))
        return data

    def times(self) -> tuple[datetime, datetime]:
        day, starts, ends = (self.cleaned_data[k] for k in ("day", "starts", "ends"))
        next_day = day + timedelta(days=1) if ends <= starts else day
        return local(day, starts.hour, starts.minute), local(next_day, ends.hour, ends.minute)

    def service_fields(self) -> dict:
        starts_at, ends_at = self.times()
        return {
            "team": self.cleaned_data["team"],
            "starts_at": starts_at,
            "ends_at": ends_at,
            **{name: self.cleaned_data[name] for name in self.DETAIL_FIELDS},
        }


class CancelShiftForm(StyledForm):
    message = forms.CharField(
        label=_("Message to the people on the shift"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
        help_text=_("Sent by e-mail with the cancellation, for example the reason."),
    )


class CopyDayForm(StyledForm):
    from_date = forms.TypedChoiceField(
        label=_("Copy the shifts of"),
        coerce=date.fromisoformat,
        error_messages={"required": _("Choose the day to copy.")},
    )
    to_date = forms.TypedChoiceField(
        label=_("To"),
        coerce=date.fromisoformat,
        error_messages={"required": _("Choose the day to copy to.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        choices = day_choices(event)
        self.fields["from_date"].choices = choices
        self.fields["to_date"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("from_date") and data.get("from_date") == data.get("to_date"):
            self.add_error("to_date", _("Choose two different days."))
        return data


_SLOT = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})\s*$")
# Enough for a festival week; a typo in a number should not create ten thousand shifts.
MAX_GRID = 2000


def parse_slots(text: str) -> list[tuple[time, time]]:
    slots = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _SLOT.match(line)
        try:
            if not match:
                raise ValueError
            h1, m1, h2, m2 = (int(part) for part in match.groups())
            start, end = time(h1, m1), time(h2, m2)
        except ValueError:
            raise forms.ValidationError(
                _("Line %(n)d is not a time slot. Write one per line, e.g. 08:00-12:00.")
                % {"n": number}
            ) from None
        if start == end:
            raise forms.ValidationError(
                _("Line %(n)d: a shift must end after it starts.") % {"n": number}
            )
        slots.append((start, end))
    return slots


class GridForm(StyledForm):
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one team.")},
    )
    days = forms.TypedMultipleChoiceField(
        label=_("Days"),
        coerce=date.fromisoformat,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )
    slots = forms.CharField(
        label=_("Time slots"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line, e.g. 08:00-12:00. A slot that ends before it starts ends the next day."
        ),
        error_messages={"required": _("Write at least one time slot.")},
    )
    capacity = forms.IntegerField(
        label=_("Places on each shift"),
        min_value=1,
        max_value=9999,
        error_messages={
            "required": _("Write how many people each shift needs."),
            "min_value": _("A shift needs at least one place."),
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = event.teams.all()
        self.fields["days"].choices = day_choices(event)

    def clean_slots(self):
        slots = parse_slots(self.cleaned_data["slots"])
        if not slots:
            raise forms.ValidationError(_("Write at least one time slot."))
        return slots

    def clean(self):
        data = super().clean()
        teams, days, slots = data.get("teams"), data.get("days"), data.get("slots")
        if teams and days and slots and len(teams) * len(days) * len(slots) > MAX_GRID:
            raise forms.ValidationError(
                _("That would be more than %(n)d shifts at once. Make the grid in parts.")
                % {"n": MAX_GRID}
            )
        return data


class BroadcastForm(StyledForm):
    to = forms.ChoiceField(
        label=_("To"),
        help_text=_("Everyone with a place; people on the waitlist are not included."),
        error_messages={"required": _("Choose who gets the message.")},
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={"required": _("Write a subject.")},
    )
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        error_messages={"required": _("Write a message.")},
    )

    def __init__(self, *args, event, teams, shifts, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self._teams = {str(team.pk): team for team in teams}
        self._shifts = {str(shift.pk): shift for shift in shifts}
        self.fields["to"].choices = [
            ("all", _("Everyone at the event")),
            (_("A day"), [(f"day:{value}", label) for value, label in day_choices(event)]),
            (_("A team"), [(f"team:{pk}", team.name) for pk, team in self._teams.items()]),
            (
                _("A shift"),
                [(f"shift:{pk}", shift_label(shift)) for pk, shift in self._shifts.items()],
            ),
        ]

    def audience(self) -> dict:
        """The `to` choice as keyword arguments for events.broadcast."""
        kind, _sep, value = self.cleaned_data["to"].partition(":")
        if kind == "day":
            return {"day": date.fromisoformat(value)}
        if kind == "team":
            return {"team": self._teams[value]}
        if kind == "shift":
            return {"shift": self._shifts[value]}
        return {}

    def audience_label(self) -> str:
        return {
            value: label
            for group in self.fields["to"].choices
            for value, label in (group[1] if isinstance(group[1], list) else [group])
        }[self.cleaned_data["to"]]


class RosterFilterForm(StyledForm):
    day = forms.TypedChoiceField(
        label=_("Day"), coerce=date.fromisoformat, empty_value=None, required=False
    )
    team = forms.TypedChoiceField(label=_("Team"), coerce=int, empty_value=None, required=False)
    shift = forms.TypedChoiceField(label=_("Shift"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, event, teams, shifts, **kwargs):
        super().__init__(*args, **kwargs)
        self._teams = {team.pk: team for team in teams}
        self._shifts = {shift.pk: shift for shift in shifts}
        self.fields["day"].choices = [("", _("All days"))] + day_choices(event)
        self.fields["team"].choices = [("", _("All teams"))] + [
            (pk, team.name) for pk, team in self._teams.items()
        ]
        self.fields["shift"].choices = [("", _("All shifts"))] + [
            (pk, shift_label(shift)) for pk, shift in self._shifts.items()
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "day": data["day"],
            "team": self._teams.get(data["team"]),
            "shift": self._shifts.get(data["shift"]),
        }
