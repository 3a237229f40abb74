"""Conversations with volunteers: the list (unread first), one conversation with the answer
form, and a new message to a volunteer who has applied, volunteers or has signed up for a shift
with the organisation (never to an arbitrary citizen).

Conversations hold personal data, so every page needs MANAGE_APPLICATIONS (a viewer gets a
404), every query starts from the organisation itself, and opening a conversation is logged as
a read of the volunteer's personal data. Any coordinator's reading counts as the organisation's,
and the volunteer sees when that was."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from frivillig.backoffice.access import log_personal_data_read, organisation_view
from frivillig.backoffice.forms import StyledForm
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.dialog.messaging import forms as message_forms
from frivillig.dialog.messaging import queries, services
from frivillig.dialog.messaging.models import Thread
from frivillig.organisations.permissions import MANAGE_APPLICATIONS

SECTION = "messages"
READ_WHAT = "message thread"
PER_PAGE = 25


class MessageForm(StyledForm, message_forms.MessageForm):
    pass


class NewThreadForm(StyledForm, message_forms.NewThreadForm):
    pass


def _thread(request, pk) -> Thread:
    return get_object_or_404(
        Thread.objects.filter(organisation=request.organisation).select_related(
            "organisation", "volunteer", "application__opportunity", "engagement__opportunity"
        ),
        pk=pk,
    )


@organisation_view(MANAGE_APPLICATIONS)
@require_http_methods(["GET"])
def thread_list(request):
    unread_only = request.GET.get("show") == "unread"
    threads = queries.threads_for_organisation(request.organisation, unread_only=unread_only)
    return render_page(
        request,
        "backoffice/messages/list.html",
        {
            "page": paginate(request, threads, per_page=PER_PAGE),
            "unread_only": unread_only,
            "unread_count": queries.unread_count_for_organisation(request.organisation),
        },
        section=SECTION,
    )


def _thread_page(request, thread, form, *, status=200):
    thread_messages = list(queries.messages_of(thread))
    return render_page(
        request,
        "backoffice/messages/detail.html",
        {
            "thread": thread,
            "thread_messages": thread_messages,
            "read_state": queries.read_state(
                thread, viewer_is_organisation=True, messages=thread_messages
            ),
            "form": form,
        },
        section=SECTION,
        status=status,
    )


@organisation_view(MANAGE_APPLICATIONS)
@require_http_methods(["GET", "POST"])
def thread_detail(request, pk):
    thread = _thread(request, pk)
    log_personal_data_read(request, thread.volunteer, READ_WHAT)
    if request.method == "GET":
        services.mark_read_by_organisation(thread=thread)
        return _thread_page(request, thread, MessageForm())
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.reply_as_organisation(
                thread=thread, by=request.user, body=form.cleaned_data["body"]
            )
        except services.MessageError as error:
            form.add_error("body", str(error))
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("backoffice:thread_detail", request.organisation.slug, thread.pk)
    return _thread_page(request, thread, form, status=400)


def _volunteer(request):
    """The volunteer named by ?volunteer=<id>, only if they have worked with the organisation;
    anyone else is a 404, so the page cannot be used to find out who has an account."""
    raw = request.GET.get("volunteer", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    volunteer = get_user_model().objects.filter(pk=int(raw)).first()
    if volunteer is None or not services.has_worked_with(
        organisation=request.organisation, volunteer=volunteer
    ):
        raise Http404
    return volunteer


@organisation_view(MANAGE_APPLICATIONS)
@require_http_methods(["GET", "POST"])
def thread_new(request):
    volunteer = _volunteer(request)
    if volunteer is None:
        return render_page(
            request,
            "backoffice/messages/new.html",
            {"form": None, "volunteer": None},
            section=SECTION,
        )
    form = NewThreadForm(
        data=request.POST if request.method == "POST" else None,
        volunteer=volunteer,
        organisation=request.organisation,
        initial={"about": request.GET.get("about", "")},
    )
    if form.is_bound and form.is_valid():
        try:
            thread = services.start_by_organisation(
                by=request.user,
                organisation=request.organisation,
                volunteer=volunteer,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                **form.about_kwargs(),
            )
        except services.MessageError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("backoffice:thread_detail", request.organisation.slug, thread.pk)
    return render_page(
        request,
        "backoffice/messages/new.html",
        {"form": form, "volunteer": volunteer},
        section=SECTION,
        status=400 if form.is_bound else 200,
    )
