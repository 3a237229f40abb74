"""Demo courses, network meetings and feedback for `seed_demo`.

- The central volunteer office publishes a first-aid course (one course day = one shift with
  20 seats) and a network meeting across areas; both show on /kurser/ and are signed up for
  on the ordinary event pages.
- The demo association (Nibe Besøgsvenner) has enough anonymous answers for its results to
  show; Plejecenter Fjordglimt has too few, so its page shows the "fewer than 5" note.
- The demo volunteer helped at a summer party last week; its survey waits on Min side.

Answers are written straight to the anonymous table: they belong to nobody, which is the
point. E-mails are not sent. Loading twice changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from frivillig.catalog.models import Area, Place
from frivillig.dialog.feedback.models import FeedbackAnswer, FeedbackKind
from frivillig.dialog.feedback.services import ask_after_event
from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.events import planning
from frivillig.events.models import (
    Attendance,
    Event,
    EventKind,
    Shift,
    ShiftSignup,
    SignupStatus,
)
from frivillig.notifications import emails
from frivillig.organisations.models import Organisation

OFFICE_SLUG = "frivilligt-socialt-arbejde"
ASSOCIATION_SLUG = "nibe-besoegsvenner"
FEW_ANSWERS_SLUG = "plejecenter-fjordglimt"
COURSE_SLUG = "foerstehjaelp-for-frivillige"
NETWORK_SLUG = "netvaerksmoede-paa-tvaers"
PARTY_SLUG = "sommerfest-paa-fjordglimt"

# (satisfaction, would recommend, text, months ago)
ASSOCIATION_ANSWERS = [
    (5, True, "Det har været en glæde at besøge Inger hver uge. Tak for en god introduktion.", 0),
    (4, True, "God kontakt til koordinatoren. Jeg ville gerne have haft et kursus i demens.", 1),
    (5, True, "", 1),
    (3, False, "Svært at få tiderne til at passe med mit arbejde.", 2),
    (4, True, "Hyggeligt fællesskab blandt de frivillige.", 3),
    (5, True, "", 4),
]
FEW_ANSWERS = [
    (4, True, "Dejligt at hjælpe til ved sommerfesten.", 1),
    (3, True, "", 2),
]


def load() -> list:
    """Returns no new log-ins."""
    with emails.suppressed(), transaction.atomic():
        office = Organisation.objects.filter(slug=OFFICE_SLUG).first()
        if office is not None:
            _courses(office)
        for slug, rows in (
            (ASSOCIATION_SLUG, ASSOCIATION_ANSWERS),
            (FEW_ANSWERS_SLUG, FEW_ANSWERS),
        ):
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is not None and not organisation.feedback_answers.exists():
                _answers(organisation, rows)
        _open_request()
    return []


def _courses(office: Organisation) -> None:
    areas = list(Area.objects.all())
    place = Place.objects.filter(slug="aalborg-c").first() or Place.objects.first()
    start = timezone.localdate() + timedelta(days=21)
    if not Event.objects.filter(slug=COURSE_SLUG).exists():
        course = planning.create_event(
            organisation=office,
            areas=areas,
            slug=COURSE_SLUG,
            kind=EventKind.COURSE,
            name="Førstehjælp for frivillige",
            name_en="First aid for volunteers",
            description=(
                "Et gratis kursus i grundlæggende førstehjælp for alle frivillige i kommunen, "
                "uanset område: hjertelungeredning, hjertestarter og hjælp ved uheld. Kurset "
                "varer en dag, og du får et kursusbevis. (Opdigtet kursus til demoen.)"
            ),
            description_en=(
                "A free course in basic first aid for every volunteer in the municipality, "
                "whatever the area: CPR, defibrillator and help after an accident. The course "
                "lasts one day, and you receive a certificate. (A fictional course for the demo.)"
            ),
            starts_on=start,
            ends_on=start,
            place=place,
            address="Frivilligcenter Aalborg, Danmarksgade 17, 9000 Aalborg",
            contact_email="frivillig@example.dk",
        )
        team = planning.add_team(event=course, name="Kursusdag", name_en="Course day")
        planning.add_shift(
            team=team,
            starts_at=planning.local(start, 9),
            ends_at=planning.local(start, 15),
            capacity=20,
            location="Mødelokale 1",
        )
        planning.publish_event(event=course)
    if not Event.objects.filter(slug=NETWORK_SLUG).exists():
        day = start + timedelta(days=14)
        meeting = planning.create_event(
            organisation=office,
            areas=areas,
            slug=NETWORK_SLUG,
            kind=EventKind.NETWORK,
            name="Netværksmøde: frivillige på tværs af områder",
            name_en="Network meeting: volunteers across areas",
            description=(
                "Mød frivillige fra ældreområdet, idræt, natur, kultur og beredskab. Vi deler "
                "erfaringer, hører om kommunens frivilligstrategi og spiser sammen. "
                "(Opdigtet møde til demoen.)"
            ),
            description_en=(
                "Meet volunteers from care for older people, sports, nature, culture and "
                "emergency preparedness. We share experience, hear about the municipality's "
                "volunteer strategy and eat together. (A fictional meeting for the demo.)"
            ),
            starts_on=day,
            ends_on=day,
            place=place,
            address="Frivilligcenter Aalborg, Danmarksgade 17, 9000 Aalborg",
        )
        team = planning.add_team(event=meeting, name="Deltagere", name_en="Participants")
        planning.add_shift(
            team=team,
            starts_at=planning.local(day, 17),
            ends_at=planning.local(day, 20),
            capacity=40,
        )
        planning.publish_event(event=meeting)


def _answers(organisation: Organisation, rows) -> None:
    areas = list(Area.objects.filter(opportunities__organisation=organisation).distinct()) or list(
        Area.objects.all()[:1]
    )
    this_month = timezone.localdate().replace(day=1)
    for satisfaction, recommend, text, months_ago in rows:
        month = this_month
        for _ in range(months_ago):
            month = (month - timedelta(days=1)).replace(day=1)
        answer = FeedbackAnswer.objects.create(
            organisation=organisation,
            kind=FeedbackKind.ENGAGEMENT,
            satisfaction=satisfaction,
            would_recommend=recommend,
            text=text,
            answered_on=month,
        )
        answer.areas.set(areas)


def _open_request() -> None:
    """Sara, the demo volunteer, helped at a summer party at Plejecenter Fjordglimt last week
    and has its survey waiting on Min side (history: written directly, with the shift's
    counter kept equal to its sign-ups)."""
    volunteer = get_user_model().objects.filter(email__iexact=VOLUNTEER_LOGIN[0]).first()
    organisation = Organisation.objects.filter(slug=FEW_ANSWERS_SLUG).first()
    if volunteer is None or organisation is None or Event.objects.filter(slug=PARTY_SLUG).exists():
        return
    day = timezone.localdate() - timedelta(days=6)
    party = planning.create_event(
        organisation=organisation,
        areas=list(Area.objects.filter(slug="aeldre")),
        slug=PARTY_SLUG,
        name="Sommerfest på Fjordglimt",
        name_en="Summer party at Fjordglimt",
        description="Beboernes sommerfest med musik og kaffe. (Opdigtet arrangement til demoen.)",
        starts_on=day,
        ends_on=day,
        place=organisation.place or Place.objects.first(),
    )
    team = planning.add_team(event=party, name="Kaffe og kage", name_en="Coffee and cake")
    shift = planning.add_shift(
        team=team, starts_at=planning.local(day, 14), ends_at=planning.local(day, 17), capacity=6
    )
    planning.publish_event(event=party)
    now = timezone.now()
    ShiftSignup.objects.create(
        shift=shift,
        event=party,
        volunteer=volunteer,
        status=SignupStatus.CONFIRMED,
        confirmed_at=now,
        attendance=Attendance.CHECKED_OUT,
    )
    Shift.objects.filter(pk=shift.pk).update(taken=F("taken") + 1)
    ask_after_event(event=party, volunteer=volunteer)
