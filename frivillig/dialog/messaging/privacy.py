"""The volunteer's conversations in their data export. Deleting the account deletes them
(Thread.volunteer is CASCADE): they are the volunteer's personal data, and an organisation
keeps no right to them once the person has gone."""

from frivillig.dialog.messaging.models import Message, Thread


def export_for(user) -> dict:
    threads = list(
        Thread.objects.filter(volunteer=user).select_related("organisation").order_by("created_at")
    )
    messages: dict[int, list] = {}
    for message in Message.objects.filter(thread__volunteer=user).order_by("created_at", "pk"):
        messages.setdefault(message.thread_id, []).append(
            {
                "from": "organisation" if message.from_organisation else "you",
                "body": message.body,
                "sent_at": message.created_at.isoformat(),
            }
        )
    return {
        "message_threads": [
            {
                "organisation": thread.organisation.name,
                "subject": thread.subject,
                "started_at": thread.created_at.isoformat(),
                "messages": messages.get(thread.pk, []),
            }
            for thread in threads
        ]
    }
