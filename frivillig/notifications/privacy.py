"""The person's notification choices and the notices waiting for their digest, for their data
export. Deleting the account deletes both (ON DELETE CASCADE on the user): they are about
the person's own e-mail and part of no one else's record."""

from frivillig.notifications.models import PendingNotice
from frivillig.notifications.services import preferences_for


def export_for(user) -> dict:
    return {
        "notification_preferences": preferences_for(user),
        "pending_notices": [
            {
                "category": notice.category,
                "subject": notice.subject,
                "text": notice.text,
                "url": notice.url,
                "created_at": notice.created_at.isoformat(),
            }
            for notice in PendingNotice.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }
