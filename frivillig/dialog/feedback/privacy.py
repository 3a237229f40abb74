"""The person's part of the data export: which surveys they were sent and whether they
answered. The answers themselves are stored without any link to the person, so they cannot
be found, exported or deleted per person; the export says so."""

from django.utils.translation import gettext as _

from frivillig.dialog.feedback.models import FeedbackRequest


def export_for(user) -> dict:
    requests = FeedbackRequest.objects.filter(volunteer=user).select_related(
        "organisation", "engagement__opportunity", "event"
    )
    return {
        "feedback_requests": [
            {
                "kind": r.kind,
                "about": r.subject_name,
                "organisation": r.organisation.name,
                "sent_at": r.created_at.isoformat(),
                "answered_at": r.answered_at.isoformat() if r.answered_at else None,
            }
            for r in requests.order_by("created_at", "pk")
        ],
        "feedback_answers_note": _(
            "Your answers to surveys are anonymous: they are stored without your name or any "
            "link to you, so they cannot be shown here or told apart from other people's."
        ),
    }
