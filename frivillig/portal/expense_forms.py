"""The volunteer's forms for expense claims on Min side. They only parse what was typed;
every rule about what may be claimed lives in expenses.services, whose ClaimError the views
show next to the form that caused it.

Amounts and distances are typed the Danish way ("42,5") as well as with a point: the decimal
fields are localised, so they render as text inputs with a decimal keypad on a phone."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from frivillig.engagements.models import Engagement
from frivillig.expenses.models import LineKind, Vehicle

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RECEIPT_TYPES = "image/jpeg,image/png,application/pdf"
RECEIPT_MAX_MB = settings.EXPENSES_RECEIPT_MAX_BYTES // (1024 * 1024)
AMOUNT_LIMITS = {LineKind.PHONE, LineKind.ADMINISTRATION, LineKind.CLOTHING}


def _decimal(label, *, places, help_text="", **kwargs):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        localize=True,
        max_digits=9,
        decimal_places=places,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input-width-s"}),
        **kwargs,
    )


def _text(label, *, max_length, autocomplete="off"):
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
    )


class NewClaimForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Who should pay?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the organisation.")},
    )
    engagement = forms.ModelChoiceField(
        label=_("Which of your engagements is it about?"),
        queryset=None,
        required=False,
        empty_label=_("None in particular"),
    )
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        help_text=_("A claim covers expenses in one calendar year."),
    )

    def __init__(self, *args, volunteer, payers, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["organisation"].queryset = payers
        self.fields["engagement"].queryset = (
            Engagement.objects.filter(volunteer=volunteer, organisation__in=payers)
            .select_related("opportunity", "organisation")
            .order_by("organisation__name", "-started_at")
        )
        self.fields["engagement"].label_from_instance = lambda e: (
            f"{e.opportunity.title} ({e.organisation.name})"
        )
        self.fields["year"].choices = [(this_year, this_year), (this_year - 1, this_year - 1)]
        self.fields["year"].initial = this_year


class _LineForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=DATE_INPUT,
        error_messages={"required": _("Write the date."), "invalid": _("Write a valid date.")},
    )

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        if claim.year == today.year:
            self.fields["date"].initial = today


class MileageForm(_LineForm):
    from_place = _text(_("From"), max_length=120)
    to_place = _text(_("To"), max_length=120)
    purpose = _text(_("Purpose of the trip"), max_length=200)
    km = _decimal(
        _("Distance in km"),
        places=1,
        help_text=_("There and back, if you drove both ways."),
        error_messages={"required": _("Write the distance in km.")},
    )
    vehicle = forms.ChoiceField(
        label=_("Vehicle"),
        choices=Vehicle.choices,
        initial=Vehicle.CAR,
        widget=forms.RadioSelect,
    )


class OutlayForm(_LineForm):
    purpose = _text(_("What did you pay for?"), max_length=200)
    amount = _decimal(
        _("Amount in kroner"),
        places=2,
        error_messages={"required": _("Write the amount in kroner.")},
    )
    receipt = forms.FileField(
        label=_("Receipt"),
        widget=forms.FileInput(attrs={"accept": RECEIPT_TYPES}),
        error_messages={"required": _("Add the receipt: a photo or a PDF.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted here, not at import, so that it is in the language of the request.
        self.fields["receipt"].help_text = gettext(
            "A photo (JPEG or PNG) or a PDF, at most %(mb)d MB."
        ) % {"mb": RECEIPT_MAX_MB}


class AllowanceForm(_LineForm):
    """Telephone and internet, administration, special clothing: a flat amount."""

    kind = forms.ChoiceField(label=_("Kind"), widget=forms.RadioSelect)
    purpose = _text(_("What is it for?"), max_length=200)
    amount = _decimal(
        _("Amount in kroner"),
        places=2,
        error_messages={"required": _("Write the amount in kroner.")},
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, LineKind(k).label) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]


class MealForm(_LineForm):
    purpose = _text(_("Which event?"), max_length=200)
    days = forms.IntegerField(
        label=_("Days of at least 5 hours"),
        min_value=1,
        max_value=366,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-width-xs"}),
        error_messages={"required": _("Write the number of days.")},
    )
