"""/kommune/feedback/: the surveys after engagements and events across the municipality (or
the coordinator's part of it), per organisation and per area. Same rule as the back office:
a group with fewer than 5 answers shows a note instead of figures, so nobody can be
recognised."""

from django.shortcuts import render

from frivillig.coordination.access import municipal_view
from frivillig.dialog.feedback import queries
from frivillig.dialog.feedback.models import FeedbackAnswer


@municipal_view()
def feedback_overview(request):
    answers = FeedbackAnswer.objects.filter(organisation__in=request.scope)
    return render(
        request,
        "coordination/feedback/overview.html",
        {
            "total": queries.total(answers),
            "kinds": queries.by_kind(answers),
            "organisations": queries.by_organisation(answers),
            "areas": queries.by_area(answers),
            "suppressed_note": queries.SUPPRESSED_NOTE,
            "min_answers": queries.MIN_ANSWERS,
        },
    )
