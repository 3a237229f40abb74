"""Forms for local cooperation agreements. They check input; the rules (who may be a party,
what may change after sending) live in agreements.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.agreements.models import CooperationAgreement
from frivillig.agreements.services import COOPERATION_FIELDS
from frivillig.backoffice.forms import StyledForm, StyledModelForm
from frivillig.organisations.models import Organisation

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CooperationForm(StyledModelForm):
    class Meta:
        model = CooperationAgreement
        fields = COOPERATION_FIELDS
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "volunteer_tasks": forms.Textarea(attrs={"rows": 4}),
            "staff_tasks": forms.Textarea(attrs={"rows": 4}),
            "unit_provides": forms.Textarea(attrs={"rows": 4}),
            "partner_provides": forms.Textarea(attrs={"rows": 4}),
            "starts_on": _DATE,
            "review_on": _DATE,
        }
        help_texts = {
            "staff_tasks": _("Volunteers add to the work of paid staff; they never replace it."),
            "review_on": _("When the parties look at the agreement again, e.g. after a year."),
        }
        error_messages = {
            "title": {"required": _("Write a title.")},
            "purpose": {"required": _("Write the purpose of the cooperation.")},
            "volunteer_tasks": {"required": _("Write what volunteers do.")},
            "staff_tasks": {"required": _("Write what staff do.")},
            "unit_provides": {"required": _("Write what the municipal unit provides.")},
            "partner_provides": {"required": _("Write what the partner provides.")},
            "unit_contact": {"required": _("Write the contact person at the unit.")},
            "partner_contact": {"required": _("Write the contact person at the partner.")},
            "starts_on": {
                "required": _("Give the start date."),
                "invalid": _("Write a date, e.g. 2026-01-31."),
            },
            "review_on": {
                "required": _("Give the review date."),
                "invalid": _("Write a date, e.g. 2026-01-31."),
            },
        }

    def clean(self):
        data = super().clean()
        start, review = data.get("starts_on"), data.get("review_on")
        if start and review and review <= start:
            self.add_error("review_on", _("The review date must be after the start date."))
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in COOPERATION_FIELDS}

    def _post_clean(self):
        # The model's own validation would compare the parties, which the service sets; the
        # form checks the fields and the service the rest.
        pass


class NewCooperationForm(CooperationForm):
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Organisation.objects.none(),
        help_text=_("An association or institution approved by the municipality."),
        error_messages={
            "required": _("Choose the partner."),
            "invalid_choice": _("Choose one of the organisations listed."),
        },
    )

    field_order = ["partner", *COOPERATION_FIELDS]

    def __init__(self, *args, unit, search="", **kwargs):
        super().__init__(*args, **kwargs)
        partners = Organisation.objects.approved().exclude(pk=unit.pk).only("pk", "name")
        if search:
            partners = partners.filter(name__icontains=search)
        self.fields["partner"].queryset = partners.order_by("name")
        self.fields["partner"].widget.attrs["class"] = "form-select"
        self.order_fields(self.field_order)


class PartnerSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Find the partner by name"),
        required=False,
        max_length=100,
        help_text=_("Narrows the list of organisations below."),
    )


class SignForm(StyledForm):
    party = forms.TypedChoiceField(
        label=_("Sign for"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the party you sign for.")},
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(p.pk, p.name) for p in parties]
        if len(parties) == 1:
            self.fields["party"].initial = parties[0].pk
