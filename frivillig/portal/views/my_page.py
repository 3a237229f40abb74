""" "Min side": the volunteer's own applications and engagements."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from frivillig.engagements.models import Application, Engagement


@login_required
def index(request):
    return render(
        request,
        "portal/my_page.html",
        {
            "applications": Application.objects.filter(volunteer=request.user).select_related(
                "opportunity", "organisation"
            ),
            "engagements": Engagement.objects.filter(volunteer=request.user).select_related(
                "opportunity", "organisation"
            ),
        },
    )
