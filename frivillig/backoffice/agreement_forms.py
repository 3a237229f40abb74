"""The back office's forms for individual agreements and the organisation's templates. They
check input; sending, signing and the rules about what may change live in
agreements.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.agreements import services
from frivillig.agreements.models import AgreementStatus, AgreementTemplate, IndividualAgreement
from frivillig.agreements.queries import UNSIGNED_AFTER_DAYS
from frivillig.backoffice.forms import StyledForm, StyledModelForm


class AgreementListForm(StyledForm):
    """The list's tab and filters, read from the query string."""

    STATUS, UNSIGNED, UNCOVERED = "status", "unsigned", "uncovered"

    tab = forms.ChoiceField(
        required=False,
        choices=[(STATUS, STATUS), (UNSIGNED, UNSIGNED), (UNCOVERED, UNCOVERED)],
        widget=forms.HiddenInput,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Current (not replaced or ended)"))] + list(AgreementStatus.choices),
    )
    days = forms.IntegerField(
        label=_("Sent at least this many days ago"),
        required=False,
        min_value=1,
        max_value=3650,
        initial=UNSIGNED_AFTER_DAYS,
        error_messages={
            "invalid": _("Write a whole number of days."),
            "min_value": _("Write at least 1 day."),
            "max_value": _("Write at most %(limit_value)s days."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, template):
        language = template.get_language_display()
        if template.organisation_id is None:
            return _("%(name)s (%(language)s) – the municipality's template") % {
                "name": template.name,
                "language": language,
            }
        return _("%(name)s (%(language)s) – %(organisation)s's own template") % {
            "name": template.name,
            "language": language,
            "organisation": template.organisation.name,
        }


class StartAgreementForm(StyledForm):
    template = TemplateChoiceField(
        label=_("Start from this template"),
        queryset=AgreementTemplate.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_(
            "The template fills in the expectations, expenses and ending. The task, time and "
            "contact person come from the engagement. You can change everything before sending."
        ),
        error_messages={"required": _("Choose a template.")},
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates.select_related("organisation")


def _text(rows=4):
    return forms.Textarea(attrs={"rows": rows})


EXPECTATIONS_HELP = _("One expectation per line. Each line becomes a point in the agreement.")


class AgreementDraftForm(StyledModelForm):
    """Every field of a draft staff may write (services.EDITABLE_FIELDS)."""

    class Meta:
        model = IndividualAgreement
        fields = services.EDITABLE_FIELDS
        widgets = {
            "task": _text(5),
            "time_and_place": _text(3),
            "contact_person": forms.TextInput(attrs={"autocomplete": "off"}),
            "introduction": _text(4),
            "training": _text(3),
            "expenses": _text(3),
            "confidentiality": _text(3),
            "child_certificate": _text(3),
            "volunteer_expectations": _text(6),
            "organisation_expectations": _text(6),
            "ending": _text(3),
        }
        help_texts = {
            "task": _(
                "What the volunteer does, in plain words. Volunteers add to the work of staff "
                "and never replace it."
            ),
            "time_and_place": _(
                "For example: two hours a week, Tuesday afternoons, at the centre."
            ),
            "contact_person": _("A name, and a phone number or an e-mail address."),
            "introduction": _("Opening words, shown before the numbered paragraphs."),
            "training": _(
                "The introduction and courses the volunteer is offered. If empty, the agreement "
                "says that no training is planned."
            ),
            "expenses": _(
                "Which expenses are covered and how to claim them. The work itself is unpaid."
            ),
            "confidentiality": _(
                "What the volunteer must keep to themselves. Leave empty if the task gives no "
                "access to personal matters."
            ),
            "child_certificate_required": _(
                "Tick when the task involves contact with children under 15."
            ),
            "child_certificate": _(
                "How the certificate is obtained. Leave empty to use the standard wording."
            ),
            "volunteer_expectations": EXPECTATIONS_HELP,
            "organisation_expectations": EXPECTATIONS_HELP,
            "ending": _(
                "How the agreement ends. The agreement always adds that the volunteer can stop "
                "at any time, without a reason."
            ),
        }
        error_messages = {
            "task": {"required": _("Describe the task.")},
            "time_and_place": {"required": _("Write the expected time and place.")},
            "contact_person": {"required": _("Name the contact person.")},
            "volunteer_expectations": {
                "required": _("Write at least one thing the organisation expects.")
            },
            "organisation_expectations": {
                "required": _("Write at least one thing the volunteer can expect.")
            },
            "ending": {"required": _("Write how the agreement ends.")},
        }

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.EDITABLE_FIELDS}


class AgreementTemplateForm(StyledModelForm):
    class Meta:
        model = AgreementTemplate
        fields = services.TEMPLATE_FIELDS
        widgets = {
            "language": forms.RadioSelect,
            "introduction": _text(4),
            "training": _text(3),
            "expenses": _text(3),
            "volunteer_expectations": _text(6),
            "organisation_expectations": _text(6),
            "confidentiality": _text(3),
            "child_certificate": _text(3),
            "ending": _text(3),
        }
        help_texts = {
            "name": _("Shown to staff when they make an agreement, for example “Visiting friend”."),
            "language": _("The language of the agreements made from this template."),
            "introduction": _("Opening words, shown before the numbered paragraphs."),
            "training": _("The introduction and courses volunteers are offered."),
            "expenses": _("Which expenses are covered and how to claim them."),
            "volunteer_expectations": EXPECTATIONS_HELP,
            "organisation_expectations": EXPECTATIONS_HELP,
            "confidentiality": _("What volunteers must keep to themselves."),
            "child_certificate": _("How a child certificate is obtained, where a task needs one."),
            "ending": _("How an agreement ends."),
        }
        error_messages = {
            "name": {"required": _("Give the template a name.")},
            "introduction": {"required": _("Write an introduction.")},
            "volunteer_expectations": {
                "required": _("Write at least one thing the organisation expects.")
            },
            "organisation_expectations": {
                "required": _("Write at least one thing the volunteer can expect.")
            },
            "ending": {"required": _("Write how an agreement ends.")},
        }

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.TEMPLATE_FIELDS}
