"""The back office's forms. They check input and give messages in the user's language; the
rules that touch data live in the domain services the views call."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.catalog.models import Area, Opportunity, OpportunityKind, OpportunityStatus, Place
from frivillig.engagements.models import ApplicationStatus
from frivillig.engagements.qualifications import types_for
from frivillig.organisations.models import Role

_WIDGET_CLASSES = {
    forms.CheckboxInput: "form-checkbox",
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.Select: "form-select",
}


class DkfdsForm:
    """DKFDS classes on every widget, server-side validation only (so every message comes in
    the user's language, in the error summary and at the field), and links for the summary."""

    use_required_attribute = False

    def _style_widgets(self):
        for field in self.fields.values():
            widget = field.widget
            css = next(
                (c for kind, c in _WIDGET_CLASSES.items() if type(widget) is kind), "form-input"
            )
            widget.attrs.setdefault("class", css)

    def error_links(self):
        """(anchor, label, message) for the error summary: each message links to its field."""
        links = []
        for bound in self:  # in the order of the form, whichever check found the error
            anchor = bound.auto_id + ("_0" if bound.field.widget.use_fieldset else "")
            links.extend((anchor, bound.label, message) for message in bound.errors)
        return links


class StyledForm(DkfdsForm, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class StyledModelForm(DkfdsForm, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class OpportunityForm(StyledModelForm):
    """Everything staff set about an opportunity. Status is not here: publishing, pausing and
    closing are their own steps."""

    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more. Volunteers find the opportunity under these areas."),
        error_messages={"required": _("Choose at least one area.")},
    )
    place = forms.ModelChoiceField(
        label=_("Town"),
        queryset=Place.objects.all(),
        required=False,
        empty_label=_("No town (the location is flexible)"),
        help_text=_("Where the work takes place. Used for search by town and distance."),
    )
    volunteers_wanted = forms.IntegerField(
        label=_("Volunteers wanted"),
        min_value=1,
        max_value=999,
        initial=1,
        error_messages={"required": _("Write how many volunteers you are looking for.")},
    )
    min_age = forms.IntegerField(
        label=_("Minimum age"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Leave empty if there is no age limit."),
    )
    publish_from = forms.DateTimeField(
        label=_("Publish from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty to show it as soon as it is published."),
    )
    publish_until = forms.DateTimeField(
        label=_("Publish until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty to show it until you close it."),
    )

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "title_en",
            "description",
            "description_en",
            "areas",
            "target_group",
            "target_group_en",
            "place",
            "is_flexible_location",
            "address",
            "kind",
            "hours_per_month",
            "hours_total",
            "start_date",
            "end_date",
            "volunteers_wanted",
            "is_urgent",
            "min_age",
            "requires_child_certificate",
            "requires_driving_licence",
            "languages",
            "skills",
            "suits_young",
            "suits_seniors",
            "suits_families",
            "suits_english_speakers",
            "wheelchair_accessible",
            "offers_training",
            "covers_expenses",
            "offers_insurance",
            "contact_name",
            "contact_email",
            "contact_phone",
            "publish_from",
            "publish_until",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "description_en": forms.Textarea(attrs={"rows": 8}),
            "kind": forms.RadioSelect,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }
        help_texts = {
            "title": _("Short and concrete, e.g. “Visiting friend for an older person in Nibe”."),
            "title_en": _("Shown to people who use the portal in English."),
            "description": _("What the volunteer does, when and with whom."),
            "description_en": _("Shown to people who use the portal in English."),
            "target_group": _("Who benefits from the work, e.g. “Lonely older people”."),
            "target_group_en": _("Shown to people who use the portal in English."),
            "is_flexible_location": _("For example from home, or by agreement."),
            "address": _("Street and number, if it helps volunteers."),
            "hours_per_month": _("For recurring work. Leave empty if it is by agreement."),
            "hours_total": _("For one-off work and events."),
            "requires_child_certificate": _(
                "Required by law when the volunteer will be with children under 15."
            ),
            "languages": _("For example “Danish, Arabic”."),
            "contact_name": _("Volunteers who are accepted get this person's name and details."),
        }
        error_messages = {
            "title": {"required": _("Write a title.")},
            "description": {"required": _("Describe the task.")},
            "target_group": {"required": _("Write who benefits from the work.")},
            "kind": {"required": _("Choose the kind of opportunity.")},
            "contact_name": {"required": _("Write the name of the contact person.")},
        }

    def __init__(self, *args, with_qualifications=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no "---------" choice: nothing ticked already means "not chosen".
        self.fields["kind"].choices = OpportunityKind.choices
        if with_qualifications:
            # Only the back office offers it; the API's subclass keeps its documented fields.
            self.fields["required_qualifications"] = forms.ModelMultipleChoiceField(
                label=_("Required qualifications"),
                queryset=types_for(self.instance.organisation).order_by("name"),
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
                help_text=_(
                    "A volunteer can only be accepted when a valid check is recorded. Manage "
                    "the list under “Qualifications”."
                ),
            )
            if self.instance.pk and "required_qualifications" not in self.initial:
                self.initial["required_qualifications"] = list(
                    self.instance.required_qualifications.values_list("pk", flat=True)
                )

    def clean(self):
        data = super().clean()
        # These mirror the model's constraints with messages a person can act on; a field that
        # already has an error is left out of the database-level check, so nothing is said twice.
        if not data.get("place") and not data.get("is_flexible_location"):
            self.add_error("place", _("Choose a town, or tick that the location is flexible."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        shown_from, shown_until = data.get("publish_from"), data.get("publish_until")
        if shown_from and shown_until and shown_until < shown_from:
            self.add_error("publish_until", _("“Publish until” must be after “Publish from”."))
        return data

    def service_fields(self) -> dict:
        """The cleaned values as keyword arguments for catalog.services."""
        return {name: value for name, value in self.cleaned_data.items() if name != "areas"}


class OpportunityStatusFilter(StyledForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(OpportunityStatus.choices),
    )


class ApplicationFilterForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(ApplicationStatus.choices),
    )
    opportunity = forms.TypedChoiceField(
        label=_("Opportunity"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].choices = [("", _("All opportunities"))] + [
            (pk, title) for pk, title in opportunities.values_list("pk", "title")
        ]


class EngagementFilterForm(StyledForm):
    CURRENT, ACTIVE, PAUSED, ENDED, ALL = "current", "active", "paused", "ended", "all"
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (CURRENT, _("Active and paused")),
            (ACTIVE, _("Active")),
            (PAUSED, _("Paused")),
            (ENDED, _("Ended")),
            (ALL, _("All")),
        ],
    )


class DeclineForm(StyledForm):
    message = forms.CharField(
        label=_("Message to the volunteer"),
        widget=forms.Textarea(attrs={"rows": 7}),
        max_length=2000,
        help_text=_("Sent by e-mail. Change it as you like."),
        error_messages={"required": _("Write a message to the volunteer.")},
    )


class QuestionForm(StyledForm):
    question = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("Sent by e-mail. The volunteer answers by replying to the e-mail."),
        error_messages={"required": _("Write the question you want to ask.")},
    )


class EndEngagementForm(StyledForm):
    message = forms.CharField(
        label=_("Message to the volunteer"),
        widget=forms.Textarea(attrs={"rows": 7}),
        max_length=2000,
        required=False,
        help_text=_("Sent by e-mail. Change it as you like."),
    )


ROLE_HELP = _(
    "Administrator: everything, including the team. Coordinator: opportunities, applications "
    "and volunteers. Viewer: can see, but not change."
)


class InvitationForm(StyledForm):
    email = forms.EmailField(
        label=_("Colleague's e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Write the colleague's e-mail address."),
            "invalid": _("Write a valid e-mail address, e.g. name@example.dk."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.COORDINATOR,
        widget=forms.RadioSelect,
        help_text=ROLE_HELP,
        error_messages={"required": _("Choose a role.")},
    )


class RoleForm(StyledForm):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        help_text=ROLE_HELP,
        error_messages={"required": _("Choose a role.")},
    )
