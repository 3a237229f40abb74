"""The back office's forms for expense claims: filters, the reason for a rejection, the period
of an export and the payer's policy. The rules themselves live in frivillig.expenses."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.backoffice.forms import StyledForm, StyledModelForm
from frivillig.expenses.models import ClaimStatus, PayerPolicy

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Drafts are the volunteer's own until they are submitted; the back office never lists them.
STATUS_CHOICES = [("", _("All"))] + [
    (value, label) for value, label in ClaimStatus.choices if value != ClaimStatus.DRAFT
]


class _Period(StyledForm):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data


class ClaimFilterForm(_Period):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    year = forms.IntegerField(
        label=_("Year of the expenses"), required=False, min_value=2000, max_value=2100
    )
    date_from = forms.DateField(label=_("Submitted from"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("Submitted until"), required=False, widget=DATE_INPUT)


class RejectForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The volunteer receives the reason by e-mail."),
        error_messages={
            "required": _("Write the reason, so that the volunteer understands the decision.")
        },
    )


class ExportForm(_Period):
    CSV, XLSX = "csv", "xlsx"

    date_from = forms.DateField(
        label=_("Approved from"),
        widget=DATE_INPUT,
        error_messages={"required": _("Write the first day of the period.")},
    )
    date_to = forms.DateField(
        label=_("Approved until"),
        widget=DATE_INPUT,
        error_messages={"required": _("Write the last day of the period.")},
    )
    include_paid = forms.BooleanField(
        label=_("Include claims already marked as paid"), required=False
    )

    @classmethod
    def defaults(cls) -> dict:
        today = timezone.localdate()
        return {"date_from": date(today.year, 1, 1), "date_to": today}


class PolicyForm(StyledModelForm):
    class Meta:
        model = PayerPolicy
        fields = ["pays_mileage", "pays_outlays", "pays_flat_allowances", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "pays_mileage": _("At most the state's rate per km for the year."),
            "pays_outlays": _("Expenses the volunteer documents with a receipt."),
            "note": _("Shown to volunteers when they claim: what you pay and how."),
        }

    def __init__(self, *args, is_association: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_association:
            # Only an association may pay tax-free flat allowances (ligningsloven § 7 M); a
            # disabled field also ignores whatever a crafted request sends for it.
            field = self.fields["pays_flat_allowances"]
            field.disabled = True
            self.initial["pays_flat_allowances"] = False
            field.help_text = _(
                "Only an association may pay tax-free flat allowances. A municipal unit "
                "reimburses documented outlays and driving."
            )
        else:
            self.fields["pays_flat_allowances"].help_text = _(
                "Telephone and internet, administration, special clothing and meals at events, "
                "each within the tax-free yearly limit."
            )
