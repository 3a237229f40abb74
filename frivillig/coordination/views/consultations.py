"""The central volunteer office's consultations (høringer): write a draft in sections, publish
it, read every comment (public and private) per section, export them to CSV, and after the
deadline write and publish the municipality's response, which is e-mailed to everybody who
commented.

Only the central office's staff reach these pages; everyone else gets a 404. Reading is for all
of its staff; changing is for those who may publish on the portal (viewers read only)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frivillig import spreadsheet
from frivillig.coordination.access import municipal_view
from frivillig.dialog.consultations import queries, services
from frivillig.dialog.consultations.models import (
    HEADING_MAX,
    RESPONSE_MAX,
    SECTION_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Consultation,
    Phase,
    Section,
)
from frivillig.organisations import permissions

# Publishing a draft for comment is the office's way of publishing on the portal.
MANAGE = permissions.MANAGE_OPPORTUNITIES

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConsultationForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=TITLE_MAX,
        error_messages={"required": gettext_lazy("Write a title.")},
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=SUMMARY_MAX,
        help_text=gettext_lazy("What the draft is about and what you would like comments on."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Write a short summary.")},
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Deadline for comments"),
        widget=_DATETIME,
        error_messages={
            "required": gettext_lazy("Choose the deadline."),
            "invalid": gettext_lazy("Write the deadline as a date and a time."),
        },
    )


class SectionForm(forms.Form):
    heading = forms.CharField(
        label=gettext_lazy("Heading"),
        max_length=HEADING_MAX,
        error_messages={"required": gettext_lazy("Write a heading.")},
    )
    body = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=SECTION_MAX,
        help_text=gettext_lazy("Plain text. Leave an empty line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": gettext_lazy("Write the section's text.")},
    )


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=gettext_lazy("The municipality's response"),
        max_length=RESPONSE_MAX,
        help_text=gettext_lazy(
            "Plain text. It is published on the consultation's page when you publish it."
        ),
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": gettext_lazy("Write the municipality's response.")},
    )


def _get(pk) -> Consultation:
    return get_object_or_404(Consultation, pk=pk)


def _section(pk, section_pk) -> Section:
    return get_object_or_404(
        Section.objects.select_related("consultation"), consultation_id=pk, pk=section_pk
    )


def _back(consultation):
    return redirect("coordination:consultation_detail", consultation.pk)


def _can_manage(request) -> bool:
    return permissions.is_volunteer_office_staff(request.user, MANAGE)


# --- Lists and pages ------------------------------------------------------------------------


@municipal_view(office_only=True)
@require_GET
def consultation_list(request):
    consultations = Consultation.objects.order_by("-created_at", "-pk")
    consultations = consultations.annotate(comment_count=Count("sections__comments"))
    return render(
        request,
        "coordination/consultations/list.html",
        {"consultations": list(consultations), "can_manage": _can_manage(request)},
    )


@municipal_view(office_only=True)
@require_GET
def consultation_detail(request, pk):
    consultation = _get(pk)
    sections = list(
        consultation.sections.order_by("number").annotate(
            comment_count=Count("comments"),
            public_count=Count("comments", filter=Q(comments__public=True)),
        )
    )
    return render(
        request,
        "coordination/consultations/detail.html",
        {
            "consultation": consultation,
            "sections": sections,
            "comment_total": sum(s.comment_count for s in sections),
            "can_manage": _can_manage(request),
            "sections_editable": consultation.phase in (Phase.DRAFT, Phase.OPEN),
        },
    )


# --- The draft ------------------------------------------------------------------------------


@municipal_view(MANAGE, office_only=True)
@require_http_methods(["GET", "POST"])
def consultation_new(request):
    form = ConsultationForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            consultation = services.create_consultation(by=request.user, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The draft is created. Add its sections."))
            return _back(consultation)
    return render(
        request,
        "coordination/consultations/form.html",
        {"form": form, "consultation": None},
        status=400 if form.is_bound else 200,
    )


@municipal_view(MANAGE, office_only=True)
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    consultation = _get(pk)
    initial = {
        "title": consultation.title,
        "summary": consultation.summary,
        "closes_at": timezone.localtime(consultation.closes_at),
    }
    form = ConsultationForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            services.update_consultation(consultation=consultation, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The consultation is saved."))
            return _back(consultation)
    return render(
        request,
        "coordination/consultations/form.html",
        {"form": form, "consultation": consultation},
        status=400 if form.is_bound else 200,
    )


@municipal_view(MANAGE, office_only=True)
@require_http_methods(["GET", "POST"])
def section_new(request, pk):
    consultation = _get(pk)
    form = SectionForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            services.add_section(consultation=consultation, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The section is added."))
            return _back(consultation)
    return render(
        request,
        "coordination/consultations/section_form.html",
        {"form": form, "consultation": consultation, "section": None},
        status=400 if form.is_bound else 200,
    )


@municipal_view(MANAGE, office_only=True)
@require_http_methods(["GET", "POST"])
def section_edit(request, pk, section_pk):
    section = _section(pk, section_pk)
    form = SectionForm(
        request.POST or None, initial={"heading": section.heading, "body": section.body}
    )
    if form.is_bound and form.is_valid():
        try:
            services.update_section(section=section, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The section is saved."))
            return _back(section.consultation)
    return render(
        request,
        "coordination/consultations/section_form.html",
        {"form": form, "consultation": section.consultation, "section": section},
        status=400 if form.is_bound else 200,
    )


@municipal_view(MANAGE, office_only=True)
@require_POST
def section_remove(request, pk, section_pk):
    section = _section(pk, section_pk)
    try:
        services.remove_section(section=section)
    except services.ConsultationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The section is removed."))
    return _back(section.consultation)


@municipal_view(MANAGE, office_only=True)
@require_POST
def section_move(request, pk, section_pk):
    section = _section(pk, section_pk)
    try:
        services.move_section(section=section, up=request.POST.get("direction") == "up")
    except services.ConsultationError as error:
        messages.error(request, str(error))
    return _back(section.consultation)


@municipal_view(MANAGE, office_only=True)
@require_http_methods(["GET", "POST"])
def consultation_publish(request, pk):
    consultation = _get(pk)
    if request.method == "POST":
        try:
            services.publish(consultation=consultation)
        except services.ConsultationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The consultation is published and open for comments."))
        return _back(consultation)
    return render(
        request,
        "coordination/consultations/publish.html",
        {"consultation": consultation, "section_count": consultation.sections.count()},
    )


# --- Comments -------------------------------------------------------------------------------


@municipal_view(office_only=True)
@require_GET
def consultation_comments(request, pk):
    consultation = _get(pk)
    sections = queries.sections_with_comments(
        consultation,
        queries.all_comments(consultation)
        .select_related(None)
        .select_related("author", "on_behalf_of"),
    )
    return render(
        request,
        "coordination/consultations/comments.html",
        {
            "consultation": consultation,
            "sections": sections,
            "comment_total": sum(len(s.shown) for s in sections),
        },
    )


@municipal_view(office_only=True)
@require_GET
def consultation_export(request, pk):
    consultation = _get(pk)
    header = [
        _("Consultation"),
        _("Section"),
        _("Section heading"),
        _("Comment id"),
        _("Visibility"),
        _("On behalf of"),
        _("Author"),
        _("Written"),
        _("Comment"),
    ]
    public, private = _("Public"), _("Only the municipality")

    def rows():
        for comment in queries.all_comments(consultation).iterator(chunk_size=500):
            yield [
                consultation.title,
                comment.section.number,
                comment.section.heading,
                comment.pk,
                public if comment.public else private,
                comment.on_behalf_of.name if comment.on_behalf_of else "",
                comment.author.get_full_name() or comment.author.email,
                timezone.localtime(comment.created_at).strftime("%Y-%m-%d %H:%M"),
                comment.body,
            ]

    response = StreamingHttpResponse(
        spreadsheet.csv_lines(header, rows()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="hoering-{consultation.slug}.csv"'
    return response


# --- The response ---------------------------------------------------------------------------


@municipal_view(MANAGE, office_only=True)
@require_http_methods(["GET", "POST"])
def consultation_response(request, pk):
    consultation = _get(pk)
    form = ResponseForm(request.POST or None, initial={"response": consultation.response})
    if form.is_bound and form.is_valid():
        try:
            services.save_response(
                consultation=consultation, response=form.cleaned_data["response"]
            )
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The response is saved. Read it through, then publish it."))
            return redirect("coordination:consultation_response_publish", consultation.pk)
    return render(
        request,
        "coordination/consultations/response.html",
        {
            "consultation": consultation,
            "form": form,
            "can_answer": consultation.phase == Phase.CLOSED,
        },
        status=400 if form.is_bound else 200,
    )


@municipal_view(MANAGE, office_only=True)
@require_http_methods(["GET", "POST"])
def consultation_response_publish(request, pk):
    consultation = _get(pk)
    if request.method == "POST":
        try:
            services.publish_response(consultation=consultation)
        except services.ConsultationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The response is published, and everybody who commented has been told."),
            )
        return _back(consultation)
    commenters = (
        get_user_model()
        .objects.filter(consultation_comments__section__consultation=consultation)
        .distinct()
        .count()
    )
    return render(
        request,
        "coordination/consultations/response_publish.html",
        {
            "consultation": consultation,
            "commenters": commenters,
            "can_publish": consultation.phase == Phase.CLOSED and bool(consultation.response),
        },
    )
