"""notify(): the one door for notices about dialogue and recognition. It honours the
recipient's choice per category (at once, or in the daily digest). Notices about a person's
own shifts, applications and agreements keep using emails.send_to_user directly: nobody
can opt out of those."""

from frivillig.notifications import emails
from frivillig.notifications.categories import Category


def notify(user, *, category: Category, template: str, context: dict, reply_to=None) -> None:
    """Tell `user` about something in `category`, using the e-mail `template` (the same
    email/<template>_subject.txt and .txt pair that emails.send_to_user takes). `context`
    must hold `url`, the absolute address of the page the notice is about."""
    emails.send_to_user(user, template=template, context=context, reply_to=reply_to)
