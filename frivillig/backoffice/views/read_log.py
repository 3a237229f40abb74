"""Who has read which volunteer's personal data, for the organisation's administrators."""

from frivillig.accounts.models import PersonalDataRead
from frivillig.accounts.read_labels import what_label
from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.organisations.permissions import MANAGE_MEMBERS

# What the back office writes in PersonalDataRead.what, in words.


@organisation_view(MANAGE_MEMBERS)
def read_log(request):
    reads = (
        PersonalDataRead.objects.filter(organisation__in=request.scope)
        .select_related("staff", "volunteer", "organisation")
        .order_by("-read_at", "-pk")
    )
    page = paginate(request, reads, per_page=100)
    for read in page.object_list:
        read.what_label = what_label(read.what)
    return render_page(
        request,
        "backoffice/read_log.html",
        {"page": page, "several_organisations": request.scope.count() > 1},
        section="read_log",
    )
