"""Who is told about a new message. Called inside the service's transaction; the e-mails leave
after commit (notifications.emails).

For privacy the e-mail says who wrote and links back to the conversation; it never carries the
message itself, which may hold personal details that do not belong in an inbox."""

from django.conf import settings
from django.urls import reverse

from frivillig.notifications.categories import Category
from frivillig.notifications.services import notify
from frivillig.organisations.models import Membership
from frivillig.organisations.permissions import MANAGE_APPLICATIONS, roles_with


def volunteer_url(thread) -> str:
    return settings.SITE_URL + reverse("portal:my_thread", args=[thread.pk])


def organisation_url(thread) -> str:
    return settings.SITE_URL + reverse(
        "backoffice:thread_detail", args=[thread.organisation.slug, thread.pk]
    )


def staff_to_tell(thread):
    """The organisation's own staff who may answer (those above it in the tree can read the
    conversation, but are not told of every message in every unit below them)."""
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation=thread.organisation, role__in=roles_with(MANAGE_APPLICATIONS)
        )
        .select_related("user__profile")
        .order_by("user_id")
    ]


def message_sent(thread, message) -> None:
    context = {"thread": thread, "organisation": thread.organisation}
    if message.from_organisation:
        notify(
            thread.volunteer,
            category=Category.MESSAGES,
            template="message_to_volunteer",
            context={**context, "url": volunteer_url(thread)},
        )
        return
    url = organisation_url(thread)
    volunteer = thread.volunteer
    sender = volunteer.get_full_name() or volunteer.email
    for user in staff_to_tell(thread):
        if user.pk == message.author_id:
            continue
        notify(
            user,
            category=Category.MESSAGES,
            template="message_to_organisation",
            context={**context, "sender": sender, "url": url},
        )
