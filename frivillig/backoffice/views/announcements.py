"""Announcements to the organisation's volunteers: the list of what was sent, writing one, and
the confirmation that names the exact number of people before anything is sent.

Writing needs MANAGE_APPLICATIONS, the capability of the staff who deal with volunteers; a
viewer or another organisation's staff gets a 404. The targets offered (and accepted) are the
organisation's own opportunities, teams and events only: another organisation's id is a form
error, and the service checks it again."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.forms import StyledForm
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.catalog.models import Opportunity
from frivillig.dialog.announcements import queries, services
from frivillig.dialog.announcements.models import BODY_MAX, SUBJECT_MAX, Audience
from frivillig.events.models import Event, Team
from frivillig.organisations.permissions import MANAGE_APPLICATIONS

SECTION = "announcements"
CONFIRM = "confirm"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.event.name}: {obj.name}"


class ComposeForm(StyledForm):
    audience = forms.ChoiceField(
        label=gettext_lazy("Who should receive it?"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Volunteers can say no thanks to announcements to everyone and to an opportunity. "
            "Announcements to a team or to an event day are about their own shifts and reach "
            "everyone on them, at once."
        ),
        error_messages={"required": gettext_lazy("Choose who should receive the announcement.")},
    )
    opportunity = forms.ModelChoiceField(
        label=gettext_lazy("Opportunity"),
        queryset=Opportunity.objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose an opportunity"),
        help_text=gettext_lazy("Only when the announcement is for one opportunity."),
        error_messages={
            "invalid_choice": gettext_lazy("Choose one of the organisation's opportunities.")
        },
    )
    team = TeamChoiceField(
        label=gettext_lazy("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose a team"),
        help_text=gettext_lazy("Only when the announcement is for one team."),
        error_messages={"invalid_choice": gettext_lazy("Choose one of the organisation's teams.")},
    )
    event = forms.ModelChoiceField(
        label=gettext_lazy("Event"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose an event"),
        help_text=gettext_lazy("Only when the announcement is for one day of an event."),
        error_messages={"invalid_choice": gettext_lazy("Choose one of the organisation's events.")},
    )
    day = forms.DateField(
        label=gettext_lazy("Day"),
        required=False,
        widget=DATE_INPUT,
        help_text=gettext_lazy("The day of the event, e.g. 24.05.2027."),
        error_messages={"invalid": gettext_lazy("Write the day as a date, e.g. 24.05.2027.")},
    )
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=SUBJECT_MAX,
        error_messages={"required": gettext_lazy("Write a subject.")},
    )
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": gettext_lazy("Write the message.")},
    )

    TARGETS = {
        Audience.OPPORTUNITY: ("opportunity",),
        Audience.TEAM: ("team",),
        Audience.EVENT_DAY: ("event", "day"),
    }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["opportunity"].queryset = Opportunity.objects.filter(
            organisation=organisation
        ).order_by("title")
        self.fields["team"].queryset = (
            Team.objects.filter(event__organisation=organisation)
            .select_related("event")
            .order_by("event__starts_on", "event__name", "name")
        )
        self.fields["event"].queryset = Event.objects.filter(organisation=organisation).order_by(
            "-starts_on", "name"
        )

    def clean(self):
        data = super().clean()
        missing = {
            "opportunity": _("Choose the opportunity."),
            "team": _("Choose the team."),
            "event": _("Choose the event."),
            "day": _("Write the day."),
        }
        for name in self.TARGETS.get(data.get("audience"), ()):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, missing[name])
        event, day = data.get("event"), data.get("day")
        on_event = data.get("audience") == Audience.EVENT_DAY and event and day
        if on_event and not event.starts_on <= day <= event.ends_on:
            self.add_error(
                "day",
                _("Choose a day from %(first)s to %(last)s.")
                % {
                    "first": event.starts_on.strftime("%d.%m.%Y"),
                    "last": event.ends_on.strftime("%d.%m.%Y"),
                },
            )
        return data

    def target(self) -> dict:
        """The audience and only the target it needs, for the service."""
        data = self.cleaned_data
        names = self.TARGETS.get(data["audience"], ())
        return {"audience": data["audience"], **{name: data[name] for name in names}}


@organisation_view(MANAGE_APPLICATIONS)
@require_GET
def announcement_list(request):
    page = paginate(request, queries.for_organisation(request.organisation))
    return render_page(
        request, "backoffice/announcements/list.html", {"page": page}, section=SECTION
    )


@organisation_view(MANAGE_APPLICATIONS)
@require_GET
def announcement_detail(request, pk):
    announcement = get_object_or_404(queries.for_organisation(request.organisation), pk=pk)
    return render_page(
        request,
        "backoffice/announcements/detail.html",
        {"announcement": announcement},
        section=SECTION,
    )


@organisation_view(MANAGE_APPLICATIONS)
@require_http_methods(["GET", "POST"])
def announcement_create(request):
    """Write, then confirm with the exact number of recipients, then send. "Back" from the
    confirmation posts the text again, so nothing typed is lost."""
    form = ComposeForm(
        data=request.POST if request.method == "POST" else None,
        organisation=request.organisation,
    )
    step = request.POST.get("step", "")
    if form.is_bound and form.is_valid() and step != "edit":
        try:
            if step == CONFIRM:
                announcement = services.send(
                    organisation=request.organisation,
                    author=request.user,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    **form.target(),
                )
            else:
                count = services.count_recipients(
                    organisation=request.organisation, **form.target()
                )
                if not count:
                    raise services.AnnouncementError(
                        _(
                            "Nobody would receive this announcement: no volunteer is in the "
                            "group you chose, or they have all chosen not to receive "
                            "announcements."
                        )
                    )
                return render_page(
                    request,
                    "backoffice/announcements/confirm.html",
                    {"form": form, "count": count},
                    section=SECTION,
                )
        except services.AnnouncementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "The announcement is being sent to %(n)d volunteer.",
                    "The announcement is being sent to %(n)d volunteers.",
                    announcement.recipient_count,
                )
                % {"n": announcement.recipient_count},
            )
            return redirect(
                "backoffice:announcement_detail", request.organisation.slug, announcement.pk
            )
    return render_page(
        request,
        "backoffice/announcements/form.html",
        {"form": form},
        section=SECTION,
        status=400 if form.is_bound and form.errors else 200,
    )
