"""A person's consultation comments in their data export. Deleting the account deletes the
comments (author CASCADE): they are the person's own words, and the municipality's response
does not depend on them being kept."""

from frivillig.dialog.consultations.models import Comment


def export_for(user) -> dict:
    comments = (
        Comment.objects.filter(author=user)
        .select_related("section__consultation", "on_behalf_of")
        .order_by("created_at", "pk")
    )
    return {
        "consultation_comments": [
            {
                "consultation": comment.section.consultation.title,
                "section": comment.section.number,
                "section_heading": comment.section.heading,
                "public": comment.public,
                "on_behalf_of": comment.on_behalf_of.name if comment.on_behalf_of else None,
                "body": comment.body,
                "created_at": comment.created_at.isoformat(),
            }
            for comment in comments
        ]
    }
