"""The central volunteer office links near-duplicate needs of several organisations (same
area, town and time) as one joint effort, which the portal then shows once."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.catalog import joint
from frivillig.catalog.models import JointEffort
from frivillig.coordination.access import municipal_view
from frivillig.organisations import permissions

# Linking changes what the public portal lists, so it takes the right to manage opportunities;
# viewers of the office may look.
LINK = permissions.MANAGE_OPPORTUNITIES


@municipal_view(office_only=True)
def candidates(request):
    return render(
        request,
        "coordination/joint/list.html",
        {
            "candidates": joint.candidates(request.scope),
            "efforts": joint.efforts(),
            "can_link": permissions.is_volunteer_office_staff(request.user, LINK),
            "max_groups": joint.MAX_GROUPS,
        },
    )


@municipal_view(LINK, office_only=True)
@require_POST
def link(request):
    ids = [v for v in request.POST.getlist("opportunity") if v.isdigit()]
    try:
        effort = joint.link(opportunities=ids, title=request.POST.get("title", ""), by=request.user)
    except joint.JointEffortError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("“%(title)s” is linked and shown once on the portal.") % {"title": effort.title},
        )
    return redirect("coordination:joint_candidates")


@municipal_view(LINK, office_only=True)
def unlink(request, pk):
    effort = get_object_or_404(JointEffort, pk=pk)
    if request.method == "POST":
        joint.unlink(effort=effort, by=request.user)
        messages.success(request, _("The joint effort is undone."))
        return redirect("coordination:joint_candidates")
    return render(
        request,
        "coordination/joint/unlink.html",
        {
            "effort": effort,
            "opportunities": list(
                effort.opportunities.select_related("organisation").order_by("pk")
            ),
        },
    )
