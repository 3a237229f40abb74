"""What volunteers said in the short surveys after engagements and events, for the
organisation and those below it. Answers carry no names (dialog.feedback); a group with
fewer than 5 answers shows a note instead of figures and texts, so nobody can be recognised."""

from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.views.common import render_page
from frivillig.dialog.feedback import queries
from frivillig.dialog.feedback.models import FeedbackAnswer
from frivillig.organisations.permissions import VIEW

SECTION = "feedback"


@organisation_view(VIEW)
def feedback_results(request):
    answers = FeedbackAnswer.objects.filter(organisation__in=request.scope)
    return render_page(
        request,
        "backoffice/feedback/results.html",
        {
            "total": queries.total(answers),
            "kinds": queries.by_kind(answers),
            "organisations": queries.by_organisation(answers),
            "comments": queries.comments(answers),
            "suppressed_note": queries.SUPPRESSED_NOTE,
            "min_answers": queries.MIN_ANSWERS,
        },
        section=SECTION,
    )
