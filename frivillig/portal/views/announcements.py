"""Announcements on "Min side": the person's own list and each announcement (opening it marks
it read), their choice per organisation, and the opt-out page behind the link in every
e-mail.

Every query starts from request.user, so someone else's announcement is a 404. The link in
an e-mail works without signing in: its key is signed (announcements.services) and names one
person and one organisation; it only ever shows a page, and the change is a POST."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from frivillig.dialog.announcements import queries, services
from frivillig.dialog.announcements.models import Delivery

PER_PAGE = 20


class ChoiceForm(forms.Form):
    """One organisation's toggle; the organisation must be one of the person's own."""

    organisation = forms.TypedChoiceField(coerce=int, choices=())
    receive = forms.TypedChoiceField(
        coerce=lambda value: value == "yes", choices=(("yes", "yes"), ("no", "no"))
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        self.fields["organisation"].choices = [(pk, pk) for pk in self.organisations]
        self.fields["organisation"].error_messages["invalid_choice"] = gettext_lazy(
            "Choose one of the organisations in the list."
        )


def get_delivery_for_user(user, pk: int) -> Delivery:
    """The person's own copy of announcement `pk`, or a 404 for anyone else."""
    return get_object_or_404(queries.inbox(user), announcement_id=pk)


@never_cache
@login_required
@require_GET
def my_announcements(request):
    page = Paginator(queries.inbox(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/announcements/list.html",
        {"page": page, "nav": "my_page"},
    )


@never_cache
@login_required
@require_GET
def my_announcement(request, pk):
    delivery = get_delivery_for_user(request.user, pk)
    was_unread = delivery.read_at is None
    services.mark_read(delivery=delivery)
    return render(
        request,
        "portal/announcements/detail.html",
        {
            "delivery": delivery,
            "announcement": delivery.announcement,
            "was_unread": was_unread,
            "nav": "my_page",
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def announcement_choices(request):
    organisations = list(queries.my_organisations(request.user))
    if request.method == "POST":
        form = ChoiceForm(request.POST, organisations=organisations)
        if form.is_valid():
            organisation = form.organisations[form.cleaned_data["organisation"]]
            if form.cleaned_data["receive"]:
                services.opt_in(user=request.user, organisation=organisation)
                messages.success(
                    request,
                    _("You receive announcements from %(organisation)s again.")
                    % {"organisation": organisation.name},
                )
            else:
                services.opt_out(user=request.user, organisation=organisation)
                messages.success(
                    request,
                    _(
                        "You no longer receive announcements to everyone from "
                        "%(organisation)s. Messages about your own shifts still reach you."
                    )
                    % {"organisation": organisation.name},
                )
            return redirect("portal:announcement_choices")
        messages.error(request, _("Choose one of the organisations in the list."))
    return render(
        request,
        "portal/announcements/choices.html",
        {"organisations": organisations, "nav": "my_page"},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def opt_out_link(request, token):
    try:
        person, organisation = services.read_opt_out_token(token)
    except services.AnnouncementError as error:
        return render(
            request,
            "portal/announcements/link_invalid.html",
            {"problem": str(error)},
            status=404,
        )
    done = None
    if request.method == "POST":
        if request.POST.get("receive") == "yes":
            services.opt_in(user=person, organisation=organisation)
            done = "in"
        else:
            services.opt_out(user=person, organisation=organisation)
            done = "out"
    opted_out = queries.has_opted_out(person, organisation)
    return render(
        request,
        "portal/announcements/opt_out.html",
        {"organisation": organisation, "opted_out": opted_out, "done": done},
    )
