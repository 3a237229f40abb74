"""A demo conversation for `seed_demo`: the demo volunteer asks the demo association about its
introduction evening (about her engagement or application there, if she has one), its
coordinator answers twice, and the answers wait unread on her Min side. Through the services,
with e-mails suppressed; loading twice changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from frivillig.dialog.messaging import services
from frivillig.dialog.messaging.models import Message, Thread
from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.engagements.models import Application, Engagement
from frivillig.notifications import emails
from frivillig.organisations.models import Membership

ASSOCIATION_LOGIN = "forening@demo.frivillig.dk"

SUBJECT = "Introaften for nye besøgsvenner"
CONVERSATION = [
    (
        False,
        "Hej Jens\n\nJeg har hørt, at I holder introaften for nye besøgsvenner. Hvornår er "
        "den, og skal jeg have noget med?\n\nHilsen Sara",
    ),
    (
        True,
        "Hej Sara\n\nDen er torsdag i næste uge kl. 19 i foreningens lokaler. Du skal ikke "
        "have noget med, vi sørger for kaffe og kage.\n\nVenlig hilsen\nJens",
    ),
    (
        True,
        "PS: Sig til, hvis du får brug for kørsel, så finder vi en løsning.",
    ),
]


def load() -> list:
    users = get_user_model().objects
    volunteer = users.filter(email__iexact=VOLUNTEER_LOGIN[0]).first()
    coordinator = users.filter(email__iexact=ASSOCIATION_LOGIN).first()
    if volunteer is None or coordinator is None:
        return []
    membership = Membership.objects.filter(user=coordinator).select_related("organisation").first()
    if membership is None:
        return []
    organisation = membership.organisation
    if Thread.objects.filter(volunteer=volunteer, organisation=organisation).exists():
        return []
    # About her engagement there, else her application, else nothing in particular.
    engagement = Engagement.objects.filter(volunteer=volunteer, organisation=organisation).first()
    application = Application.objects.filter(volunteer=volunteer, organisation=organisation).first()
    about = (
        {"engagement": engagement}
        if engagement
        else {"application": application}
        if application
        else {}
    )
    with emails.suppressed(), transaction.atomic():
        (_from_volunteer, first), *rest = CONVERSATION
        thread = services.start_by_volunteer(
            volunteer=volunteer,
            organisation=organisation,
            subject=SUBJECT,
            body=first,
            **about,
        )
        for from_organisation, body in rest:
            if from_organisation:
                services.reply_as_organisation(thread=thread, by=coordinator, body=body)
            else:
                services.reply_as_volunteer(thread=thread, volunteer=volunteer, body=body)
        _spread_over_days(thread)
    return []


def _spread_over_days(thread: Thread) -> None:
    """Date the messages a day or so apart, as a real conversation would be."""
    now = timezone.now()
    times = {}
    messages = list(thread.messages.order_by("created_at", "pk"))
    for n, message in enumerate(messages):
        times[message.pk] = now - timedelta(days=len(messages) - 1 - n, hours=2)
        Message.objects.filter(pk=message.pk).update(created_at=times[message.pk])
    last_org = max(times[m.pk] for m in messages if m.from_organisation)
    last_vol = max(times[m.pk] for m in messages if not m.from_organisation)
    Thread.objects.filter(pk=thread.pk).update(
        created_at=times[messages[0].pk],
        last_message_at=times[messages[-1].pk],
        last_organisation_message_at=last_org,
        last_volunteer_message_at=last_vol,
        organisation_read_at=last_org,  # the coordinator has read her question
        volunteer_read_at=last_vol,  # she has not read the answers yet
    )
