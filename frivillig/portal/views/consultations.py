"""The municipality's consultations (høringer) on the portal: the list, one consultation with
its sections and public comments, and a comment form per section while it is open.

A private comment is shown to its author (marked as such) and to the municipality, never to
anyone else; drafts do not exist here (404)."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from frivillig.dialog.consultations import queries, services
from frivillig.dialog.consultations.models import COMMENT_MAX, Consultation, Section, Status

PUBLIC, PRIVATE = "public", "private"


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Write your comment.")},
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Who may read your comment?"),
        choices=[
            (PUBLIC, gettext_lazy("Everybody: it is shown here with your first name")),
            (PRIVATE, gettext_lazy("Only the municipality")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose who may read your comment.")},
    )
    on_behalf_of = forms.TypedChoiceField(
        label=gettext_lazy("Do you comment on behalf of an organisation?"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, organisations: list, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices from a list loaded once per page, not a query per section's form.
        self._organisations = {o.pk: o for o in organisations}
        self.offers_organisations = bool(organisations)
        self.fields["on_behalf_of"].choices = [
            ("", _("No, only on my own behalf")),
            *((o.pk, o.name) for o in organisations),
        ]
        if not organisations:
            del self.fields["on_behalf_of"]

    def clean_on_behalf_of(self):
        pk = self.cleaned_data.get("on_behalf_of")
        return self._organisations.get(pk) if pk else None


def _published(slug: str) -> Consultation:
    return get_object_or_404(Consultation, slug=slug, status=Status.PUBLISHED)


@require_GET
def consultation_list(request):
    return render(
        request,
        "portal/consultations/list.html",
        {"consultations": list(queries.published()), "nav": "consultations"},
    )


def _detail(request, consultation, *, bound=None, unsent="", status=200):
    """The page; `bound` is (section number, form with errors) to show again."""
    user = request.user if request.user.is_authenticated else None
    sections = queries.sections_with_comments(consultation, queries.visible_comments(user))
    can_comment = consultation.is_open and user is not None
    organisations = list(services.organisations_for_comments(user)) if can_comment else []
    for section in sections:
        section.form = None
        if can_comment:
            if bound and bound[0] == section.number:
                section.form = bound[1]
            else:
                section.form = CommentForm(organisations=organisations, prefix=f"s{section.number}")
    return render(
        request,
        "portal/consultations/detail.html",
        {
            "consultation": consultation,
            "sections": sections,
            "can_comment": can_comment,
            "login_url": reverse("account_login") + "?" + urlencode({"next": request.path}),
            "unsent": unsent,
            "nav": "consultations",
        },
        status=status,
    )


@require_GET
def consultation_detail(request, slug):
    return _detail(request, _published(slug))


@login_required
@require_POST
def add_comment(request, slug, number):
    consultation = _published(slug)
    section = get_object_or_404(Section, consultation=consultation, number=number)
    form = CommentForm(
        request.POST,
        organisations=list(services.organisations_for_comments(request.user)),
        prefix=f"s{number}",
    )
    if form.is_valid():
        try:
            services.comment(
                section=section,
                author=request.user,
                body=form.cleaned_data["body"],
                public=form.cleaned_data["visibility"] == PUBLIC,
                on_behalf_of=form.cleaned_data.get("on_behalf_of"),
            )
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. Your comment has been received."))
            return redirect(f"{consultation.get_absolute_url()}#afsnit-{number}")
    if not consultation.is_open:
        # The deadline passed while the form was open: say so, and give the text back.
        messages.error(
            request,
            _("The deadline for comments has passed, so your comment could not be sent."),
        )
        return _detail(
            request, consultation, unsent=form.data.get(f"s{number}-body", ""), status=400
        )
    return _detail(request, consultation, bound=(number, form), status=400)
