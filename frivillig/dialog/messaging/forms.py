"""The message forms, shared by Min side and the back office (which adds its styling)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.dialog.messaging import queries
from frivillig.dialog.messaging.models import BODY_LIMIT, SUBJECT_LIMIT


class MessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your message"),
        max_length=BODY_LIMIT,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("At most 5,000 characters."),
        error_messages={"required": gettext_lazy("Write a message.")},
    )


class NewThreadForm(MessageForm):
    about = forms.ChoiceField(label=gettext_lazy("What is it about?"), required=False)
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=SUBJECT_LIMIT,
        strip=True,
        error_messages={"required": gettext_lazy("Write a subject.")},
    )

    field_order = ["about", "subject", "body"]

    def __init__(self, *args, volunteer, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.things = queries.about_choices(volunteer, organisation)
        self.fields["about"].choices = [("", _("Nothing in particular"))] + [
            (key, label) for key, (label, _obj) in self.things.items()
        ]

    def about_kwargs(self) -> dict:
        key = self.cleaned_data.get("about") or ""
        if key not in self.things:
            return {}
        kind = key.split("-", 1)[0]
        return {kind: self.things[key][1]}
