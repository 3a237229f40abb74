"""The search form, shared by the portal and the API so that both accept and reject the same
input with the same messages. It lives beside the queries it feeds because both surfaces use it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.catalog.models import Area, OpportunityKind, Place, Setting
from frivillig.catalog.queries import (
    MAX_DISTANCE_KM,
    MAX_QUERY_LENGTH,
    SUITABILITY_FIELDS,
    Commitment,
    OpportunityFilters,
    Sort,
    origin_for_postal_code,
)

COMMITMENT_CHOICES = [
    (Commitment.LIGHT, _("Up to 4 hours a month (or a single day)")),
    (Commitment.MEDIUM, _("5 to 12 hours a month")),
    (Commitment.HEAVY, _("More than 12 hours a month")),
]
SUITABLE_CHOICES = [
    ("young", _("Young people")),
    ("seniors", _("Seniors")),
    ("families", _("Families")),
    ("english", _("In English, for newcomers")),
    ("wheelchair", _("Accessible for wheelchair users")),
]
SORT_CHOICES = [
    (Sort.RELEVANCE, _("Best match")),
    (Sort.NEWEST, _("Newest")),
    (Sort.NEAREST, _("Nearest")),
    (Sort.SOONEST, _("Starting soonest")),
]
assert {k for k, _label in SUITABLE_CHOICES} == set(SUITABILITY_FIELDS)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("What would you like to do?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "The search text can be at most %(limit_value)d "
                "characters long (it has %(show_value)d)."
            )
        },
    )
    area = forms.MultipleChoiceField(
        label=_("Area"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )
    town = forms.ChoiceField(label=_("Town"), required=False)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        required=False,
        regex=r"^\d{4}$",
        error_messages={"invalid": _("Write a postal code of four digits, e.g. 9000.")},
    )
    distance = forms.IntegerField(
        label=_("Within (km)"),
        required=False,
        min_value=1,
        max_value=MAX_DISTANCE_KM,
        error_messages={
            "invalid": _("Write the distance as a whole number of kilometres."),
            "min_value": _("The distance must be at least %(limit_value)s km."),
            "max_value": _("The distance can be at most %(limit_value)s km."),
        },
    )
    setting = forms.ChoiceField(
        label=_("City or countryside"), required=False, choices=[("", _("Both")), *Setting.choices]
    )
    kind = forms.MultipleChoiceField(
        label=_("Kind"),
        required=False,
        choices=OpportunityKind.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )
    commitment = forms.ChoiceField(
        label=_("Time commitment"), required=False, choices=[("", _("Any")), *COMMITMENT_CHOICES]
    )
    suitable = forms.MultipleChoiceField(
        label=_("Suitable for"),
        required=False,
        choices=SUITABLE_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )
    no_child_certificate = forms.BooleanField(
        label=_("No child certificate required"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.slug, a.name) for a in Area.objects.all()]
        self.fields["town"].choices = [("", _("All towns"))] + [
            (p.slug, f"{p.name} ({p.postal_code})") for p in Place.objects.all()
        ]
        invalid_choice = _("“%(value)s” is not one of the choices.")
        for name in ("area", "town", "setting", "kind", "commitment", "suitable", "sort"):
            self.fields[name].error_messages["invalid_choice"] = invalid_choice

    def clean_no_child_certificate(self):
        # A checkbox sends "on"; API clients send true/false, 1/0 or yes/no.
        raw = str(self.data.get("no_child_certificate", "")).strip().lower()
        return raw not in {"", "0", "false", "no", "off"}

    def clean(self):
        data = super().clean()
        postal_code = data.get("postal_code")
        if "postal_code" in self.errors:
            return data
        data["origin"] = None
        if postal_code:
            data["origin"] = origin_for_postal_code(postal_code)
            if data["origin"] is None:
                self.add_error(
                    "postal_code",
                    _(
                        "We do not know the postal code %(code)s in the municipality. Try a "
                        "postal code of a town in the municipality, e.g. 9000."
                    )
                    % {"code": postal_code},
                )
        if data.get("distance") and not postal_code:
            self.add_error("postal_code", _("Write a postal code to search by distance."))
        if data.get("sort") == Sort.NEAREST and not postal_code:
            self.add_error("postal_code", _("Write a postal code to sort by distance."))
        return data

    def to_filters(self) -> OpportunityFilters:
        data = self.cleaned_data
        return OpportunityFilters(
            q=data.get("q", "").strip(),
            areas=tuple(data.get("area") or ()),
            town=data.get("town") or "",
            setting=data.get("setting") or "",
            origin=data.get("origin"),
            distance_km=data.get("distance"),
            kinds=tuple(data.get("kind") or ()),
            commitment=data.get("commitment") or "",
            suitable=tuple(data.get("suitable") or ()),
            no_child_certificate=bool(data.get("no_child_certificate")),
            sort=data.get("sort") or "",
        )
