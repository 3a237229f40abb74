from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from frivillig.accounts import services
from frivillig.catalog.models import Area


class ProfileForm(forms.Form):
    """What a volunteer tells about themselves. The rules are the service's (checked here too,
    so each message lands at its field)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=services.TEXT_LIMITS["first_name"],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=services.TEXT_LIMITS["last_name"],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=services.TEXT_LIMITS["phone"],
        required=False,
        help_text=_("Only if you want organisations to be able to call you."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=4,
        required=False,
        help_text=_("Used to suggest tasks near you."),
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "class": "input-width-xs"}
        ),
    )
    birth_year = forms.CharField(
        label=_("Year of birth"),
        max_length=4,
        required=False,
        help_text=_("Some tasks have an age limit. We never ask for your CPR number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-width-xs"}),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Areas that interest you"),
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_weekdays = forms.BooleanField(label=_("Weekdays (daytime)"), required=False)
    available_evenings = forms.BooleanField(label=_("Evenings"), required=False)
    available_weekends = forms.BooleanField(label=_("Weekends"), required=False)
    wants_one_off = forms.BooleanField(label=_("One-off tasks"), required=False)
    wants_recurring = forms.BooleanField(label=_("Recurring tasks"), required=False)
    languages = forms.CharField(
        label=_("Languages you speak"),
        max_length=services.TEXT_LIMITS["languages"],
        required=False,
        help_text=_("For example: Danish, English, Arabic."),
    )
    skills = forms.CharField(
        label=_("Skills and experience"),
        max_length=services.TEXT_LIMITS["skills"],
        required=False,
        help_text=_("Anything that could be useful: a trade, a hobby, first aid, IT …"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    has_driving_licence = forms.BooleanField(label=_("I have a driving licence"), required=False)
    open_to_contact = forms.BooleanField(
        label=_("Other organisations with fitting needs may contact me"),
        required=False,
        help_text=_(
            "Off unless you turn it on. Organisations then see your name, e-mail, interests "
            "and availability, never your year of birth."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails"),
        choices=[("da", "Dansk"), ("en", "English")],
        widget=forms.RadioSelect,
    )

    # Availability and kinds of task are shown as two groups of check boxes.
    AVAILABILITY = ("available_weekdays", "available_evenings", "available_weekends")
    KINDS = ("wants_one_off", "wants_recurring")

    @classmethod
    def initial_for(cls, user) -> dict:
        profile = services.ensure_volunteer_profile(user=user)
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "interests": list(profile.interests.all()),
            "birth_year": "" if profile.birth_year is None else str(profile.birth_year),
        }
        for name in cls.base_fields:
            if name not in initial and hasattr(profile, name):
                initial[name] = getattr(profile, name)
        return initial

    def _service_check(self, check, name):
        try:
            return check(self.cleaned_data[name])
        except services.ProfileError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_postal_code(self):
        return self._service_check(services.check_postal_code, "postal_code")

    def clean_birth_year(self):
        return self._service_check(services.check_birth_year, "birth_year")

    def clean_phone(self):
        return self._service_check(services.check_phone, "phone")

    def clean_language(self):
        language = self.cleaned_data["language"]
        return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
