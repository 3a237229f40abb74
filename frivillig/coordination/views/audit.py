"""The central office's audit log: every read and every change of a volunteer's personal
data by staff in the back office and the API, across the municipality, filterable and
exportable.

Opening this log is not itself written to PersonalDataRead: it shows who read whom, not a
volunteer's data, and logging the log would bury the reads that matter. What a volunteer
changes on their own pages is theirs and is not logged."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from frivillig import spreadsheet
from frivillig.accounts.models import PersonalDataAction, PersonalDataRead
from frivillig.accounts.read_labels import API_PREFIX, what_label
from frivillig.backoffice.forms import StyledForm
from frivillig.coordination.access import municipal_view
from frivillig.organisations.models import Organisation

PER_PAGE = 100


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        # The browser's date picker sends and expects ISO dates whatever the language.
        super().__init__(format="%Y-%m-%d")


class AuditFilter(StyledForm):
    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=100,
        help_text=_("Name or e-mail of the volunteer or the member of staff"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.only("pk", "name").order_by("name", "pk"),
        empty_label=_("All"),
        help_text=_("Includes the organisations under it"),
    )
    action = forms.ChoiceField(
        label=_("Reads or changes"),
        required=False,
        choices=[("", _("Both"))] + list(PersonalDataAction.choices),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To (inclusive)"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date must be on or after the start date."))
        return data


def _person(text: str) -> Q:
    """Reads where all words match the volunteer, or all match the member of staff."""
    volunteer, staff = Q(), Q()
    for word in text.split():
        volunteer &= (
            Q(volunteer__first_name__icontains=word)
            | Q(volunteer__last_name__icontains=word)
            | Q(volunteer__email__icontains=word)
        )
        staff &= (
            Q(staff__first_name__icontains=word)
            | Q(staff__last_name__icontains=word)
            | Q(staff__email__icontains=word)
        )
    return volunteer | staff


def _midnight(day: datetime.date) -> datetime.datetime:
    # Days are the municipality's days; a range on read_at keeps its index usable.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_reads(data: dict):
    reads = PersonalDataRead.objects.all()
    if data.get("person", "").strip():
        reads = reads.filter(_person(data["person"]))
    if data.get("action"):
        reads = reads.filter(action=data["action"])
    if data.get("organisation"):
        reads = reads.filter(organisation__in=Organisation.objects.below([data["organisation"]]))
    if data.get("start"):
        reads = reads.filter(read_at__gte=_midnight(data["start"]))
    if data.get("end"):
        reads = reads.filter(read_at__lt=_midnight(data["end"] + datetime.timedelta(days=1)))
    return reads.select_related("staff", "volunteer", "organisation").order_by("-read_at", "-pk")


def _reads_for(request):
    form = AuditFilter(request.GET or None)
    if not form.is_bound:
        return form, filtered_reads({})
    if form.is_valid():
        return form, filtered_reads(form.cleaned_data)
    # A filter that cannot be applied shows nothing rather than everything.
    return form, PersonalDataRead.objects.none()


def _staff_label(read) -> str:
    if read.staff is not None:
        return str(read.staff)
    if read.what.startswith(API_PREFIX):
        return gettext("The organisation's system (API token)")
    return gettext("A deleted user")


@municipal_view(office_only=True)
def audit_log(request):
    form, reads = _reads_for(request)
    page = Paginator(reads, PER_PAGE).get_page(request.GET.get("page"))
    for read in page.object_list:
        read.what_label = what_label(read.what)
        read.staff_label = _staff_label(read)
    return render(
        request,
        "coordination/audit/log.html",
        {
            "form": form,
            "page": page,
            "csv_query": request.GET.urlencode() if form.is_bound else "",
            "can_export": not form.is_bound or form.is_valid(),
        },
    )


@municipal_view(office_only=True)
def audit_log_csv(request):
    form, reads = _reads_for(request)
    data = spreadsheet.csv_bytes(
        [
            gettext("When"),
            gettext("Staff"),
            gettext("Staff e-mail"),
            gettext("Volunteer"),
            gettext("Volunteer e-mail"),
            gettext("Organisation"),
            gettext("What"),
            gettext("Read or change"),
        ],
        (
            (
                timezone.localtime(read.read_at).strftime("%Y-%m-%d %H:%M:%S"),
                _staff_label(read),
                read.staff.email if read.staff else "",
                read.volunteer,
                read.volunteer.email,
                read.organisation.name,
                what_label(read.what),
                read.get_action_display(),
            )
            for read in reads.iterator(chunk_size=2000)
        ),
    )
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    filename = f"personal-data-log-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
