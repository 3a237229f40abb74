"""Forms for call-outs: the coordinator's and the volunteer's. They check input; the rules
that touch data are the service's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.backoffice.forms import StyledForm
from frivillig.callouts import services
from frivillig.callouts.models import Skill
from frivillig.catalog.models import Place

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CallOutForm(StyledForm):
    title = forms.CharField(
        label=_("What is the help for?"),
        max_length=160,
        help_text=_("Short and concrete, for example “Storm: sandbags in Hals tonight”."),
        error_messages={"required": _("Write what the help is for.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What will people do, what should they bring, and whom do they meet?"),
        error_messages={"required": _("Write a short description.")},
    )
    place = forms.ModelChoiceField(
        label=_("Town"),
        queryset=Place.objects.all(),
        help_text=_("Volunteers are asked when they live within the radius of this town."),
        error_messages={"required": _("Choose the town.")},
    )
    address = forms.CharField(label=_("Address or meeting point"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=_DATETIME,
        error_messages={"required": _("Write when it starts.")},
    )
    ends_at = forms.DateTimeField(label=_("Ends"), widget=_DATETIME, required=False)
    needed = forms.IntegerField(
        label=_("People needed"),
        min_value=1,
        max_value=services.MAX_NEEDED,
        initial=5,
        help_text=_("The call-out closes by itself when this many have said yes."),
        error_messages={"required": _("Write how many people you need.")},
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills wanted"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only volunteers with at least one of these are asked. Choose none to ask all."
        ),
    )
    radius_km = forms.IntegerField(
        label=_("Radius (km)"),
        min_value=1,
        max_value=services.MAX_RADIUS_KM,
        initial=10,
        help_text=_("How far from the town volunteers may live."),
        error_messages={"required": _("Write the radius in km.")},
    )

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class PreferenceForm(forms.Form):
    opted_in = forms.BooleanField(
        label=_("Yes, e-mail me when help is needed at short notice near me"), required=False
    )
    place = forms.ModelChoiceField(
        label=_("Home town"),
        queryset=Place.objects.all(),
        required=False,
        empty_label=_("The town of the postal code in my profile"),
        help_text=_("We ask you when help is needed within reach of this town."),
    )
    skills = forms.MultipleChoiceField(
        label=_("What can you help with?"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Some call-outs ask for a skill. Leave all empty if you are unsure."),
    )
