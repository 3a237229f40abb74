"""Demo announcements for `seed_demo`: Nibe Besøgsvenner (or, when the demo's random history
gave it no current volunteers, the demo volunteer's own association) writes to all its
volunteers, and
the carnival writes to everyone with a shift on one of its days. Both go through the service,
so the delivery rows on "Min side" are what the product itself makes. No e-mail is sent (the
loader runs inside emails.suppressed(), where delivery happens at once and sends nothing), no
new log-ins. Loading twice changes nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction

from frivillig.dialog.announcements import queries, services
from frivillig.dialog.announcements.models import Announcement, Audience
from frivillig.dialog.announcements.queries import CURRENT_ENGAGEMENT
from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.engagements.models import Engagement
from frivillig.events.demo import CARNIVAL_DAYS, CARNIVAL_SLUG, ORGANISER
from frivillig.events.models import Event
from frivillig.notifications import emails
from frivillig.organisations.models import Membership, Organisation
from frivillig.organisations.permissions import MANAGE_APPLICATIONS, roles_with

ASSOCIATION_SLUG = "nibe-besoegsvenner"
ASSOCIATION_AUTHOR = "forening@demo.frivillig.dk"

ASSOCIATION_SUBJECT = "Sommerafslutning for alle frivillige"
ASSOCIATION_BODY = (
    "Kære besøgsvenner\n\n"
    "Vi holder sommerafslutning torsdag den 19. juni kl. 17 i medborgerhuset. Der er "
    "grillmad og kaffe, og vi fortæller om planerne for efteråret.\n\n"
    "Sig gerne til, hvis du kommer, så vi ved, hvor meget mad vi skal købe.\n\n"
    "Venlig hilsen\n%(organisation)s"
)
CARNIVAL_SUBJECT = "Vigtigt om din vagt til karnevallet"
CARNIVAL_BODY = (
    "Hej\n\n"
    "Tak, fordi du hjælper til karnevallet. Mød op ved frivilligteltet på Kennedy Plads "
    "15 minutter før din vagt, så får du din t-shirt og dit armbånd.\n\n"
    "Husk vand og solcreme. Ved sygdom ringer du til koordinatoren på 12 34 56 78.\n\n"
    "Venlig hilsen\nRasmus Krogh, Karneval i Aalborg"
)


def _person(email):
    return get_user_model().objects.filter(email__iexact=email).first()


def _association_and_author():
    """Nibe Besøgsvenner and its demo log-in; when the demo's random history gave it no
    current volunteers, the association of the demo volunteer's own current engagement and
    one of its staff, so that signing in as the volunteer shows the announcement."""
    association = Organisation.objects.filter(slug=ASSOCIATION_SLUG).first()
    candidates = [association] if association is not None else []
    candidates += [
        engagement.organisation
        for engagement in Engagement.objects.filter(
            volunteer__email__iexact=VOLUNTEER_LOGIN[0], status__in=CURRENT_ENGAGEMENT
        )
        .select_related("organisation")
        .order_by("pk")
    ]
    for organisation in candidates:
        if queries.recipients(organisation=organisation, audience=Audience.ALL).exists():
            staff = (
                Membership.objects.filter(
                    organisation=organisation, role__in=roles_with(MANAGE_APPLICATIONS)
                )
                .select_related("user")
                .order_by("pk")
                .first()
            )
            author = _person(ASSOCIATION_AUTHOR) if organisation == association else None
            return organisation, author or (staff.user if staff else None)
    return None, None


def _load_association() -> None:
    if Announcement.objects.filter(subject=ASSOCIATION_SUBJECT).exists():
        return
    organisation, author = _association_and_author()
    if organisation is None:
        return  # nobody volunteers anywhere in this demo: nothing to announce
    services.send(
        organisation=organisation,
        author=author,
        subject=ASSOCIATION_SUBJECT,
        body=ASSOCIATION_BODY % {"organisation": organisation.name},
        audience=Audience.ALL,
    )


def load() -> list:
    """The two announcements, once. No new log-ins."""
    with emails.suppressed(), transaction.atomic():
        _load_association()
        carnival = Event.objects.filter(slug=CARNIVAL_SLUG).select_related("organisation").first()
        if (
            carnival is not None
            and not Announcement.objects.filter(
                organisation=carnival.organisation, subject=CARNIVAL_SUBJECT
            ).exists()
        ):
            for day in CARNIVAL_DAYS:
                try:
                    services.send(
                        organisation=carnival.organisation,
                        author=_person(ORGANISER.email),
                        subject=CARNIVAL_SUBJECT,
                        body=CARNIVAL_BODY,
                        audience=Audience.EVENT_DAY,
                        event=carnival,
                        day=day,
                    )
                except services.AnnouncementError:
                    continue  # nobody on shift that day; try the next
                break
    return []
