"""Forms for qualifications: an organisation's own types, its recheck policies, and the record
of a check. Only a status and dates are ever entered: never a document, never a CPR number."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frivillig.backoffice.forms import StyledForm
from frivillig.engagements.models import QualificationStatus, QualificationType

# Six digits, an optional dash, four digits: what a CPR number looks like in a note.
_CPR = re.compile(r"(?<!\d)\d{6}\s?-?\s?\d{4}(?!\d)")

_MONTHS = {"min_value": 1, "max_value": 240}


class QualificationTypeForm(StyledForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("For example “Lifeguard course” or “Introduction to dementia”."),
        error_messages={"required": _("Write a name.")},
    )
    description = forms.CharField(
        label=_("What it is and how to get it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    valid_months = forms.IntegerField(
        label=_("Recheck after (months)"),
        required=False,
        help_text=_("Leave empty if it does not need rechecking."),
        error_messages={
            "min_value": _("Give a number of months of at least 1."),
            "max_value": _("Give at most 240 months."),
        },
        **_MONTHS,
    )


class PolicyForm(StyledForm):
    qualification_type = forms.ModelChoiceField(
        label=_("Qualification"),
        queryset=QualificationType.objects.none(),
        error_messages={
            "required": _("Choose a qualification."),
            "invalid_choice": _("Choose one of the qualifications listed."),
        },
    )
    valid_months = forms.IntegerField(
        label=_("Recheck every (months)"),
        help_text=_("For example 12 for a child certificate checked every year."),
        error_messages={
            "required": _("Give a number of months."),
            "min_value": _("Give a number of months of at least 1."),
            "max_value": _("Give at most 240 months."),
        },
        **_MONTHS,
    )

    def __init__(self, *args, types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualification_type"].queryset = types


class _TypeChoice(forms.ModelChoiceField):
    """Each option says how long a check holds here, so the recheck date is no surprise."""

    def __init__(self, *args, months: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.months = months

    def label_from_instance(self, obj):
        months = self.months.get(obj.pk)
        if not months:
            return obj.name
        return ngettext(
            "%(name)s (recheck after %(n)d month)",
            "%(name)s (recheck after %(n)d months)",
            months,
        ) % {"name": obj.name, "n": months}


RECORD_HELP = _(
    "Record only the status and the date. Never upload a document, and never write a CPR "
    "number or what a certificate says."
)


class RecordForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=QualificationStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a status.")},
    )
    obtained_on = forms.DateField(
        label=_("Date obtained"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date on the certificate or course. Needed when it is approved."),
        error_messages={"invalid": _("Write a date, e.g. 2026-01-31.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=200,
        help_text=_("For example “Consent given, requested online”. No personal numbers."),
        error_messages={"max_length": _("Write at most 200 characters.")},
    )

    def __init__(self, *args, types=None, months=None, **kwargs):
        super().__init__(*args, **kwargs)
        if types is not None:
            self.fields["qualification_type"] = _TypeChoice(
                label=_("Qualification"),
                queryset=types,
                months=months or {},
                error_messages={
                    "required": _("Choose a qualification."),
                    "invalid_choice": _("Choose one of the qualifications listed."),
                },
            )
            self.fields["qualification_type"].widget.attrs["class"] = "form-select"
            self.order_fields(["qualification_type", "status", "obtained_on", "note"])

    def clean_note(self):
        note = self.cleaned_data["note"]
        if _CPR.search(note):
            raise forms.ValidationError(_("Do not write a CPR number here."))
        return note

    def clean(self):
        data = super().clean()
        obtained = data.get("obtained_on")
        approved = data.get("status") == QualificationStatus.APPROVED
        if approved and not obtained and "obtained_on" not in self.errors:
            self.add_error("obtained_on", _("Give the date the qualification was obtained."))
        if obtained and obtained > timezone.localdate():
            self.add_error("obtained_on", _("The date obtained cannot be in the future."))
        return data
