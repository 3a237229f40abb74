"""The organisation's back office under /org/<slug>/. Thin views: fetch through
backoffice.access, validate a form, call one service, turn a domain error into a message."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from frivillig.backoffice.access import organisation_view
from frivillig.engagements.models import Application, ApplicationStatus, Engagement
from frivillig.organisations import permissions


@login_required
def choose_organisation(request):
    """/org/: the organisations this person works for; straight in if there is only one."""
    organisations = list(permissions.organisations_for_user(request.user).order_by("name"))
    if len(organisations) == 1:
        return redirect("backoffice:dashboard", organisations[0].slug)
    return render(request, "backoffice/choose.html", {"organisations": organisations})


@organisation_view()
def dashboard(request):
    scope = request.scope
    return render(
        request,
        "backoffice/dashboard.html",
        {
            "pending_count": Application.objects.filter(
                organisation__in=scope, status=ApplicationStatus.PENDING
            ).count(),
            "active_count": Engagement.objects.filter(
                organisation__in=scope, status="active"
            ).count(),
        },
    )
