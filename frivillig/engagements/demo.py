"""Demo volunteers with applications and engagements in every state, for `seed_demo`.

Everything goes through the same services a person would use, so the demo shows what the
product does rather than what a fixture claims. E-mails are not sent: the demo loads before
anyone reads the console."""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from frivillig.catalog.demo import people
from frivillig.catalog.models import Area, Opportunity
from frivillig.engagements import qualifications, services
from frivillig.engagements.models import Application, QualificationStatus
from frivillig.organisations.models import Organisation

VOLUNTEER_LOGIN = ("frivillig@demo.frivillig.dk", "demo-frivillig-2026", "Sara", "Lund")
GENERATED_VOLUNTEERS = 14


@dataclass(frozen=True)
class Step:
    """What happens to one application: the organisation's answer and the volunteer's choice."""

    answer: str  # pending | accept | decline | question | withdraw
    then: str = ""  # pause | end | ended_by_organisation
    age_days: int = 0


# One of each state, so the back office and "Min side" show every case.
STEPS = [
    Step("pending", age_days=5),
    Step("pending", age_days=1),
    Step("question", age_days=2),
    Step("accept"),
    Step("accept", "pause"),
    Step("accept", "end"),
    Step("accept", "ended_by_organisation"),
    Step("decline"),
    Step("withdraw"),
]

SHOWCASE = [Step("accept"), Step("accept", "pause"), Step("pending", age_days=5)]


def _verified(user) -> None:
    """Mark the demo address as confirmed, as if its owner had typed the code."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def verify_demo_logins(emails) -> None:
    for user in get_user_model().objects.filter(email__in=emails):
        _verified(user)


def _volunteer(email, password, first_name, last_name, rng, areas):
    from frivillig.accounts.models import VolunteerProfile

    users = get_user_model().objects
    user = users.filter(email__iexact=email).first()
    if user is None:
        user = users.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
    _verified(user)
    profile, created = VolunteerProfile.objects.get_or_create(
        user=user,
        defaults={
            "postal_code": rng.choice(["9000", "9220", "9400", "9240", "9370", "9310"]),
            "birth_year": rng.randint(1950, 2006),
            "available_evenings": rng.random() < 0.6,
            "available_weekends": rng.random() < 0.5,
            "available_weekdays": rng.random() < 0.4,
            "languages": rng.choice(["dansk", "dansk, engelsk", "dansk, arabisk"]),
            "has_driving_licence": rng.random() < 0.7,
        },
    )
    if created:
        profile.interests.set(rng.sample(areas, 2))
    return user


@transaction.atomic
def load_demo_volunteers() -> list[tuple[str, str, str]]:
    """Create the demo volunteers and their history; returns the log-in to print."""
    if Application.objects.exists():
        return [(VOLUNTEER_LOGIN[0], VOLUNTEER_LOGIN[1], "frivillig / volunteer")]
    rng = random.Random("demo-volunteers")
    areas = list(Area.objects.all())
    volunteers = [_volunteer(*VOLUNTEER_LOGIN, rng, areas)]
    for n in range(GENERATED_VOLUNTEERS):
        first, last = rng.choice(people.FIRST_NAMES), rng.choice(people.LAST_NAMES)
        volunteers.append(_volunteer(f"frivillig{n + 1}@example.dk", None, first, last, rng, areas))

    # Applications go to the organisations whose staff have demo log-ins first, so that
    # signing in as them shows a living inbox.
    featured = Organisation.objects.filter(
        slug__in=["nibe-besoegsvenner", "plejecenter-fjordglimt"]
    )
    opportunities = list(
        Opportunity.objects.visible().filter(organisation__in=featured).order_by("pk")[:9]
    )
    opportunities += list(
        Opportunity.objects.visible().exclude(organisation__in=featured).order_by("pk")[:40]
    )
    now = timezone.now()
    for i, volunteer in enumerate(volunteers):
        chosen = rng.sample(opportunities[:9], 3) if i == 0 else rng.sample(opportunities, 3)
        # The volunteer with a log-in gets a history worth showing on "Min side".
        steps = SHOWCASE if i == 0 else rng.sample(STEPS, 3)
        for opportunity, step in zip(chosen, steps, strict=True):
            _play(volunteer, opportunity, step, now)
    return [(VOLUNTEER_LOGIN[0], VOLUNTEER_LOGIN[1], "frivillig / volunteer")]


def _record_required_checks(application, now) -> None:
    """What an organisation does before accepting someone for a task with children: obtain
    the child certificate (here: note that it was obtained, as the real flow does)."""
    for qualification_type in qualifications.required_types(opportunity=application.opportunity):
        qualifications.record(
            volunteer=application.volunteer,
            qualification_type=qualification_type,
            organisation=application.organisation,
            status=QualificationStatus.APPROVED,
            obtained_on=(now - timedelta(days=30)).date(),
            checked_by=None,
        )


def _play(volunteer, opportunity, step: Step, now) -> None:
    staff = None  # the demo's answers are not signed by anyone in particular
    application = services.apply(
        volunteer=volunteer,
        opportunity=opportunity,
        message="Jeg vil rigtig gerne være med.",
        availability="Hverdage efter kl. 16",
    )
    if step.age_days:
        Application.objects.filter(pk=application.pk).update(
            created_at=now - timedelta(days=step.age_days)
        )
        services.sync_applicant_facts(opportunities=[opportunity.pk])
    if step.answer == "question":
        services.ask_question(
            application=application, by=staff, question="Kan du også hjælpe i weekenderne?"
        )
    elif step.answer == "decline":
        services.decline(
            application=application,
            by=staff,
            message="Tak for din interesse. Vi har fundet de frivillige, vi manglede denne gang.",
        )
    elif step.answer == "withdraw":
        services.withdraw(application=application, volunteer=volunteer)
    elif step.answer == "accept":
        _record_required_checks(application, now)
        engagement = services.accept(application=application, by=staff)
        if step.then == "pause":
            services.pause(engagement=engagement, volunteer=volunteer)
        elif step.then == "end":
            services.end(engagement=engagement, volunteer=volunteer)
        elif step.then == "ended_by_organisation":
            services.end_by_organisation(
                engagement=engagement, by=staff, message="Projektet er slut. Tak for indsatsen!"
            )
