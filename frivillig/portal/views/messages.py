"""The volunteer's conversations with organisations on "Min side": the list (unread first),
one conversation with the answer form, and a new message to an approved organisation,
optionally about one of the volunteer's own applications, engagements or shifts there.

Every query starts from request.user: another person's conversation is a 404. Opening a
conversation marks the organisation's messages as read, which the organisation then sees."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from frivillig.dialog.messaging import queries, services
from frivillig.dialog.messaging.forms import MessageForm, NewThreadForm
from frivillig.dialog.messaging.models import Thread
from frivillig.organisations.models import Organisation

PER_PAGE = 20
SHOW_CHOICES = [("all", gettext_lazy("All")), ("unread", gettext_lazy("Unread"))]


class ShowForm(forms.Form):
    show = forms.ChoiceField(
        label=gettext_lazy("Show"), choices=SHOW_CHOICES, required=False, initial="all"
    )


def get_thread_for_user(user, pk: int) -> Thread:
    """The user's own conversation, or a 404 for anyone else's."""
    return get_object_or_404(
        Thread.objects.select_related("organisation").filter(volunteer=user), pk=pk
    )


@never_cache
@login_required
@require_GET
def my_threads(request):
    form = ShowForm(request.GET or None)
    unread_only = form.is_valid() and form.cleaned_data["show"] == "unread"
    threads = queries.threads_for_volunteer(request.user, unread_only=unread_only)
    page = Paginator(threads, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/messages/list.html",
        {"form": form, "page": page, "unread_only": unread_only, "nav": "my_page"},
    )


def _thread_page(request, thread, form, *, status=200):
    thread_messages = list(queries.messages_of(thread))
    return render(
        request,
        "portal/messages/detail.html",
        {
            "thread": thread,
            "thread_messages": thread_messages,
            "read_state": queries.read_state(
                thread, viewer_is_organisation=False, messages=thread_messages
            ),
            "form": form,
            "nav": "my_page",
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_thread(request, pk):
    thread = get_thread_for_user(request.user, pk)
    if request.method == "GET":
        services.mark_read_by_volunteer(thread=thread)
        return _thread_page(request, thread, MessageForm())
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.reply_as_volunteer(
                thread=thread, volunteer=request.user, body=form.cleaned_data["body"]
            )
        except services.MessageError as error:
            form.add_error("body", str(error))
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("portal:my_thread", pk=thread.pk)
    return _thread_page(request, thread, form, status=400)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request, slug):
    organisation = get_object_or_404(Organisation.objects.approved(), slug=slug)
    form = NewThreadForm(
        data=request.POST if request.method == "POST" else None,
        volunteer=request.user,
        organisation=organisation,
        initial={"about": request.GET.get("about", "")},
    )
    if form.is_bound and form.is_valid():
        try:
            thread = services.start_by_volunteer(
                volunteer=request.user,
                organisation=organisation,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                **form.about_kwargs(),
            )
        except services.MessageError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your message has been sent to %(organisation)s.")
                % {"organisation": organisation.name},
            )
            return redirect("portal:my_thread", pk=thread.pk)
    return render(
        request,
        "portal/messages/new.html",
        {"form": form, "organisation": organisation, "nav": "my_page"},
        status=400 if form.is_bound else 200,
    )
