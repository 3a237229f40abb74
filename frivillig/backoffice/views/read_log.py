"""Who has read which volunteer's personal data, for the organisation's administrators."""

from django.utils.translation import gettext_lazy as _

from frivillig.accounts.models import PersonalDataRead
from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.organisations.permissions import MANAGE_MEMBERS

# What the back office writes in PersonalDataRead.what, in words.
WHAT = {
    "application": _("Application"),
    "engagement": _("Volunteer (engagement)"),
    "roster": _("Event roster"),
    "shift": _("People on a shift"),
    "checkin": _("Check-in on the day"),
    "agreement": _("Agreement"),
}


@organisation_view(MANAGE_MEMBERS)
def read_log(request):
    reads = (
        PersonalDataRead.objects.filter(organisation__in=request.scope)
        .select_related("staff", "volunteer", "organisation")
        .order_by("-read_at", "-pk")
    )
    page = paginate(request, reads, per_page=100)
    for read in page.object_list:
        read.what_label = WHAT.get(read.what, read.what)
    return render_page(
        request,
        "backoffice/read_log.html",
        {"page": page, "several_organisations": request.scope.count() > 1},
        section="read_log",
    )
