from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render

from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.views.common import mark_waiting, render_page
from frivillig.catalog.models import Opportunity, OpportunityStatus
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)
from frivillig.organisations import permissions

OLDEST_PENDING_SHOWN = 5


@login_required
def choose_organisation(request):
    """/org/: the organisations this person works for; straight in if there is only one.
    `?org=<slug>` is the organisation switcher's target (a plain form, no JavaScript)."""
    organisations = permissions.organisations_for_user(request.user).order_by("name")
    wanted = request.GET.get("org")
    if wanted:
        if not organisations.filter(slug=wanted).exists():
            raise Http404
        return redirect("backoffice:dashboard", wanted)
    organisations = list(organisations)
    if len(organisations) == 1:
        return redirect("backoffice:dashboard", organisations[0].slug)
    return render(request, "backoffice/choose.html", {"organisations": organisations})


@organisation_view()
def dashboard(request):
    scope = request.scope
    pending = Application.objects.filter(organisation__in=scope, status=ApplicationStatus.PENDING)
    opportunity_counts = Opportunity.objects.filter(organisation__in=scope).aggregate(
        published=Count("pk", filter=Q(status=OpportunityStatus.PUBLISHED)),
        drafts=Count("pk", filter=Q(status=OpportunityStatus.DRAFT)),
    )
    oldest = list(
        pending.select_related("opportunity", "volunteer", "organisation").order_by("created_at")[
            :OLDEST_PENDING_SHOWN
        ]
    )
    organisations = list(scope.order_by("name").only("slug", "name"))
    return render_page(
        request,
        "backoffice/dashboard.html",
        {
            "pending_count": pending.count(),
            "active_count": Engagement.objects.filter(
                organisation__in=scope, status=EngagementStatus.ACTIVE
            ).count(),
            "published_count": opportunity_counts["published"],
            "draft_count": opportunity_counts["drafts"],
            "oldest_pending": mark_waiting(oldest),
            "organisations": organisations if len(organisations) > 1 else [],
        },
        section="overview",
    )
