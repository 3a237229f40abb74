"""Volunteers: the engagements of this organisation and those below it. A pause or an end is
shown as a plain status; nothing here counts or explains a volunteer's stopping."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from frivillig.accounts.models import VolunteerProfile
from frivillig.backoffice.access import get_in_scope, log_personal_data_read, organisation_view
from frivillig.backoffice.forms import EndEngagementForm, EngagementFilterForm
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Engagement, EngagementStatus
from frivillig.organisations.permissions import MANAGE_APPLICATIONS

SECTION = "volunteers"

_STATUS_FILTERS = {
    EngagementFilterForm.CURRENT: [EngagementStatus.ACTIVE, EngagementStatus.PAUSED],
    EngagementFilterForm.ACTIVE: [EngagementStatus.ACTIVE],
    EngagementFilterForm.PAUSED: [EngagementStatus.PAUSED],
    EngagementFilterForm.ENDED: [EngagementStatus.ENDED],
    EngagementFilterForm.ALL: EngagementStatus.values,
}


def _scoped(request):
    return Engagement.objects.filter(organisation__in=request.scope).select_related(
        "opportunity", "volunteer", "organisation"
    )


@organisation_view()
def engagement_list(request):
    form = EngagementFilterForm(request.GET or None)
    chosen = form.cleaned_data["status"] if form.is_valid() else ""
    statuses = _STATUS_FILTERS[chosen or EngagementFilterForm.CURRENT]
    engagements_ = (
        _scoped(request)
        .filter(status__in=statuses)
        .order_by("volunteer__first_name", "volunteer__last_name", "-started_at", "pk")
    )
    return render_page(
        request,
        "backoffice/volunteers/list.html",
        {
            "form": form,
            "page": paginate(request, engagements_),
            "several_organisations": request.scope.count() > 1,
        },
        section=SECTION,
    )


@organisation_view()
def engagement_detail(request, pk):
    engagement = get_in_scope(request, _scoped(request), pk=pk)
    log_personal_data_read(request, engagement.volunteer, "engagement")
    phone = (
        VolunteerProfile.objects.filter(user=engagement.volunteer)
        .values_list("phone", flat=True)
        .first()
    )
    return render_page(
        request,
        "backoffice/volunteers/detail.html",
        {"engagement": engagement, "phone": phone or ""},
        section=SECTION,
    )


def default_end_message(engagement) -> str:
    return _(
        "Thank you for your effort as a volunteer for “%(title)s”. We are ending the "
        "engagement now. You are always welcome to find a new way to volunteer on the portal."
    ) % {"title": engagement.opportunity.title}


@organisation_view(MANAGE_APPLICATIONS)
def engagement_end(request, pk):
    """Ending is final, so it asks first and shows the message that will be sent."""
    engagement = get_in_scope(request, _scoped(request), pk=pk)
    detail = redirect("backoffice:engagement_detail", request.organisation.slug, engagement.pk)
    if engagement.status == EngagementStatus.ENDED:
        messages.info(request, _("This engagement has already ended."))
        return detail
    if request.method == "POST":
        form = EndEngagementForm(request.POST)
        if form.is_valid():
            try:
                engagements.end_by_organisation(
                    engagement=engagement, by=request.user, message=form.cleaned_data["message"]
                )
            except engagements.EngagementError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("The engagement has ended, and %(name)s has been told by e-mail.")
                    % {"name": engagement.volunteer},
                )
            return redirect("backoffice:engagement_list", request.organisation.slug)
    else:
        form = EndEngagementForm(initial={"message": default_end_message(engagement)})
    return render_page(
        request,
        "backoffice/volunteers/end.html",
        {"engagement": engagement, "form": form},
        section=SECTION,
        status=400 if form.errors else 200,
    )
