"""The forms for ideas, shared by the portal, /kommune/, the back office and the API, so that
every door accepts and rejects the same input with the same messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.catalog.models import Area, Place
from frivillig.dialog.ideas.models import DESCRIPTION_MAX, NOTE_MAX, TITLE_MAX, IdeaStatus
from frivillig.organisations.models import Organisation


def _length_message():
    return _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("A few words, e.g. “Reading aloud at the library in Nibe”."),
        error_messages={
            "required": _("Give your idea a title."),
            "max_length": _length_message(),
        },
    )
    description = forms.CharField(
        label=_("Your idea"),
        max_length=DESCRIPTION_MAX,
        help_text=_("What should volunteers do, for whom, and why is it needed?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Describe your idea."),
            "max_length": _length_message(),
        },
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Not sure"),
    )
    place = forms.ModelChoiceField(
        label=_("Town"),
        queryset=Place.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("The whole municipality"),
    )
    may_publish = forms.BooleanField(
        label=_("If the idea is taken up, it may be shown on the portal (without my name)"),
        help_text=_("You can change your mind at any time on My page."),
        required=False,
    )


class ConsentForm(forms.Form):
    may_publish = forms.BooleanField(required=False)


class OfficeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All"))] + list(IdeaStatus.choices),
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All"),
    )
    place = forms.ModelChoiceField(
        label=_("Town"),
        queryset=Place.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All"),
    )


class RouteForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.all(),
        required=False,
        empty_label=_("None"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_approved=True).order_by("name"),
        required=False,
        empty_label=_("None"),
    )
    note = forms.CharField(
        label=_("Note to the proposer"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Sent by e-mail to the proposer with the new status."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _length_message()},
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("area") and not data.get("organisation"):
            raise forms.ValidationError(
                _("Choose an area or an organisation to pass the idea on to.")
            )
        return data


class AnswerForm(forms.Form):
    """An organisation's answer to an idea routed to it."""

    decision = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("We take it up")), ("no", _("Not for us"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer.")},
    )
    note = forms.CharField(
        label=_("Answer to the proposer"),
        max_length=NOTE_MAX,
        help_text=_("The proposer and the central volunteer office see it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write a short answer; the proposer and the central office see it."),
            "max_length": _length_message(),
        },
    )


class DecideForm(AnswerForm):
    """The central office's final answer: the same fields, in the office's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [("yes", _("Taken up")), ("no", _("Not taken up"))]
        self.fields["note"].help_text = _("Sent by e-mail to the proposer.")
        self.fields["note"].error_messages["required"] = _("Write an answer to the proposer.")
