"""Demo events for `seed_demo`: a three-day carnival with five teams and 300 shifts, a hidden
thank-you party reachable only by its secret link, and an emergency-preparedness exercise.

Events and teams go through the planning services; the 300 shifts are inserted in one
statement (each row set exactly as `planning.add_shift` would set it) to keep the demo fast.
Every sign-up goes through the real sign-up service, so `taken`, the waitlists and the
per-person rules are what the product itself produces. Dates are fixed in 2027, like the rest of
the demo, so every load shows the same programme. Loading twice changes nothing."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from frivillig.catalog.models import Area, Place
from frivillig.events import planning, signup
from frivillig.events.models import Event, EventVisibility, Shift
from frivillig.organisations.models import Organisation, Role
from frivillig.organisations.services import add_member

CARNIVAL_SLUG = "aalborg-karneval-2027"
PARTY_SLUG = "tak-for-hjaelpen-karneval-2027"
EXERCISE_SLUG = "beredskabsoevelse-stormflod-2027"
# Fixed, so the demo's secret link is the same on every load. Demo only: a real event's secret
# is random (events.models.new_secret).
PARTY_SECRET = "demo-hemmeligt-link-karneval-2027"  # noqa: S105 (a link, not a password)
CARNIVAL_DAYS = [date(2027, 5, 27), date(2027, 5, 28), date(2027, 5, 29)]

VOLUNTEER_EMAIL = "frivillig@demo.frivillig.dk"  # engagements.demo.VOLUNTEER_LOGIN


@dataclass(frozen=True)
class Login:
    email: str
    password: str
    first_name: str
    last_name: str
    description: str


# Demo-only passwords, printed by `seed_demo`; never use them anywhere real.
ORGANISER = Login(
    "karneval@demo.frivillig.dk",
    "demo-karneval-2026",
    "Rasmus",
    "Krogh",
    "koordinator, Karneval i Aalborg (arrangementer / events)",
)
TEAM_LEAD = Login(
    "holdleder@demo.frivillig.dk",
    "demo-holdleder-2026",
    "Nadia",
    "Brandt",
    "holdleder / team lead, Førstehjælp og Sikkerhed (karneval)",
)


@dataclass(frozen=True)
class TeamPlan:
    name: str
    name_en: str
    description: str
    posts: tuple[str, ...]  # meeting points; one shift per post and block
    blocks: tuple[tuple[int, int], ...]  # (start hour from midnight, hours); 24 = next night
    capacity: tuple[int, int]
    fields: dict


TEAMS = [
    TeamPlan(
        "Oprydning",
        "Clean-up",
        "Vi holder byen ren under og efter optoget: affaldssække, gribetang og godt humør.",
        ("Kildeparken", "Boulevarden", "Vesterbro", "Jomfru Ane Gade", "Gammeltorv"),
        ((7, 4), (11, 4), (15, 4), (19, 4)),
        (4, 8),
        {},
    ),
    TeamPlan(
        "Sikkerhed",
        "Safety",
        "Værter ved indgange og ruten: du viser vej, holder flugtveje fri og kalder på hjælp.",
        ("Indgang Kildeparken", "Boulevarden", "Vesterbro", "Nytorv", "Karnevalsruten"),
        ((12, 4), (16, 4), (20, 4), (24, 3)),
        (2, 4),
        {"min_age": 18, "requirements_note": "Du skal kunne stå op i flere timer."},
    ),
    TeamPlan(
        "Førstehjælp",
        "First aid",
        "Samaritter i førstehjælpsteltene og på ruten, sammen med sundhedspersonale.",
        (
            "Førstehjælpsteltet, Kildeparken",
            "Boulevarden",
            "Ved Musikkens Hus",
            "Karnevalsruten, Vesterbro",
            "Mobilt hold",
        ),
        ((12, 4), (16, 4), (20, 4), (24, 3)),
        (2, 3),
        {"min_age": 18, "requirements_note": "Gyldigt førstehjælpsbevis."},
    ),
    TeamPlan(
        "Information",
        "Information",
        "Du svarer på spørgsmål, deler programmer ud og hjælper børn, der er blevet væk.",
        ("Infoteltet, Kildeparken", "Aalborg Banegård", "Busterminalen", "Gammeltorv", "Nytorv"),
        ((9, 4), (13, 4), (17, 4), (21, 3)),
        (2, 4),
        {"requirements_note": "Det er en fordel, hvis du også taler engelsk."},
    ),
    TeamPlan(
        "Bar",
        "Bar",
        "Du skænker og tager imod betaling i barerne. Overskuddet går til byens foreninger.",
        ("Bar 1, Kildeparken", "Bar 2, Kildeparken", "Ølteltet", "Cocktailbaren", "Scenebaren"),
        ((12, 4), (16, 4), (20, 4), (24, 3)),
        (3, 6),
        {"min_age": 18},
    ),
]

# (team, day, post, block): shifts with two places that the demo fills and puts a waitlist on.
FULL = [
    ("Bar", 2, 0, 2),
    ("Førstehjælp", 2, 0, 1),
    ("Sikkerhed", 2, 0, 2),
    ("Information", 2, 0, 1),
]


@transaction.atomic
def load() -> list[tuple[str, str, str]]:
    """Create the demo events once; returns the log-ins to print (email, password, what)."""
    organiser, lead = _login(ORGANISER), _login(TEAM_LEAD)
    carnival_org = Organisation.objects.filter(slug="karneval-i-aalborg").first()
    if carnival_org is not None:
        add_member(organisation=carnival_org, user=organiser, role=Role.COORDINATOR)
        if not Event.objects.filter(slug=CARNIVAL_SLUG).exists():
            _load_carnival(carnival_org, lead)
            _load_party(carnival_org)
    emergency_org = Organisation.objects.filter(slug="limfjordens-frivillige-beredskab").first()
    if emergency_org is not None and not Event.objects.filter(slug=EXERCISE_SLUG).exists():
        _load_exercise(emergency_org)
    return [(x.email, x.password, x.description) for x in (ORGANISER, TEAM_LEAD)]


def _login(login: Login):
    from frivillig.accounts.models import VolunteerProfile

    users = get_user_model().objects
    user = users.filter(email__iexact=login.email).first()
    if user is None:
        user = users.create_user(
            email=login.email,
            password=login.password,
            first_name=login.first_name,
            last_name=login.last_name,
        )
    # A profile, because a team lead is a volunteer too and takes shifts.
    VolunteerProfile.objects.get_or_create(
        user=user, defaults={"postal_code": "9000", "birth_year": 1986, "phone": "12 34 56 78"}
    )
    return user


def _areas(*slugs):
    return list(Area.objects.filter(slug__in=slugs))


def _add_shifts(teams: dict, rows) -> list[Shift]:
    """Insert many shifts at once, each as `planning.add_shift` would have made it."""
    shifts = [
        Shift(
            event_id=team.event_id,
            team=team,
            organisation_id=team.event.organisation_id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            **fields,
        )
        for team, starts_at, hours, fields in rows
    ]
    Shift.objects.bulk_create(shifts)
    event_ids = {team.event_id for team in teams.values()}
    return list(
        Shift.objects.filter(event_id__in=event_ids).select_related("team").order_by("starts_at")
    )


def _load_carnival(organisation, lead) -> Event:
    rng = random.Random("demo-carnival")
    place = Place.objects.get(slug="aalborg-c")
    event = planning.create_event(
        organisation=organisation,
        areas=_areas("kultur", "idraet-og-fritid", "store-arrangementer"),
        slug=CARNIVAL_SLUG,
        name="Aalborg Karneval 2027",
        name_en="Aalborg Carnival 2027",
        description=(
            "Tre dage med optog, musik og udklædte gæster i Aalborgs gader og i Kildeparken. "
            "Karnevallet kan kun lade sig gøre, fordi flere hundrede frivillige tager en vagt: "
            "vælg et hold og de vagter, der passer dig. Alle frivillige får mad, drikke og en "
            "karnevals-T-shirt. (Opdigtet arrangement til demoen.)"
        ),
        description_en=(
            "Three days of parade, music and guests in costume in the streets of Aalborg and in "
            "Kildeparken. The carnival only happens because hundreds of volunteers take a "
            "shift: pick a team and the shifts that suit you. Every volunteer gets food, drinks "
            "and a carnival T-shirt. (A fictional event for the demo.)"
        ),
        starts_on=CARNIVAL_DAYS[0],
        ends_on=CARNIVAL_DAYS[-1],
        place=place,
        address="Kildeparken, 9000 Aalborg",
        contact_email="karneval-i-aalborg@example.dk",
        cancel_hours_before=24,
        max_shifts_per_person=6,
    )
    teams = {
        plan.name: planning.add_team(
            event=event, name=plan.name, name_en=plan.name_en, description=plan.description
        )
        for plan in TEAMS
    }
    full = set(FULL)
    rows = []
    for day_index, day in enumerate(CARNIVAL_DAYS):
        midnight = planning.local(day, 0)
        for plan in TEAMS:
            for post_index, post in enumerate(plan.posts):
                for block_index, (hour, hours) in enumerate(plan.blocks):
                    key = (plan.name, day_index, post_index, block_index)
                    capacity = 2 if key in full else rng.randint(*plan.capacity)
                    fields = {"capacity": capacity, "location": post, **plan.fields}
                    rows.append((teams[plan.name], midnight + timedelta(hours=hour), hours, fields))
    shifts = _add_shifts(teams, rows)
    for name in ("Førstehjælp", "Sikkerhed"):
        teams[name].leads.add(lead)
    planning.publish_event(event=event)
    _sign_up_volunteers(shifts, lead, rng)
    return event


def _shift_at(shifts, team: str, day: int, post: int, block: int) -> Shift:
    plan = next(p for p in TEAMS if p.name == team)
    hour, _hours = plan.blocks[block]
    starts_at = planning.local(CARNIVAL_DAYS[day], 0) + timedelta(hours=hour)
    return next(
        s
        for s in shifts
        if s.team.name == team and s.starts_at == starts_at and s.location == plan.posts[post]
    )


def _sign_up_volunteers(shifts, lead, rng) -> None:
    """The demo volunteer gets two places and a waitlist place; the team lead takes a shift;
    the other demo volunteers fill the full shifts (and their waitlists) and pick a few more."""
    users = get_user_model().objects
    me = users.filter(email=VOLUNTEER_EMAIL).first()
    others = list(users.filter(email__regex=r"^frivillig[0-9]+@example\.dk$").order_by("pk"))
    full = [_shift_at(shifts, *key) for key in FULL]
    if me is not None:
        signup.sign_up_many(
            volunteer=me,
            shifts=[
                _shift_at(shifts, "Information", 0, 0, 1),
                _shift_at(shifts, "Oprydning", 1, 4, 1),
            ],
        )
    signup.sign_up(volunteer=lead, shift=_shift_at(shifts, "Førstehjælp", 0, 0, 1))
    queue = iter(others)
    for shift in full:
        for person in [next(queue, None) for _ in range(shift.capacity + 1)]:
            if person is not None:
                signup.sign_up(volunteer=person, shift=shift)
    if me is not None:
        # Full by now: Sara waits for a place in the bar on Saturday night.
        signup.sign_up(volunteer=me, shift=full[0])
    full_ids = {s.pk for s in full}
    open_shifts = [s for s in shifts if s.pk not in full_ids]
    for person in others:
        signup.sign_up_many(volunteer=person, shifts=rng.sample(open_shifts, 4))


def _load_party(organisation) -> Event:
    """A hidden event: only people with the secret link (sent to the carnival's volunteers)
    can see it and sign up."""
    event = planning.create_event(
        organisation=organisation,
        areas=_areas("kultur"),
        slug=PARTY_SLUG,
        secret=PARTY_SECRET,
        visibility=EventVisibility.HIDDEN,
        name="Tak for hjælpen: fest for karnevallets frivillige",
        name_en="Thank you: a party for the carnival's volunteers",
        description=(
            "En aften med mad og musik for alle, der tog en vagt til karnevallet. Vi mangler "
            "et par hænder til at stille op og lave mad. Kun for inviterede: linket står i "
            "mailen til karnevallets frivillige."
        ),
        description_en=(
            "An evening with food and music for everyone who took a carnival shift. We need a "
            "few hands to set up and cook. By invitation: the link is in the e-mail to the "
            "carnival's volunteers."
        ),
        starts_on=date(2027, 6, 12),
        ends_on=date(2027, 6, 12),
        place=Place.objects.get(slug="aalborg-c"),
        address="Karnevalskontoret, Vesterbro 1, 9000 Aalborg",
        contact_email="karneval-i-aalborg@example.dk",
    )
    day = planning.local(event.starts_on, 0)
    for name, name_en, hours in (
        ("Opstilling", "Setting up", (14, 16)),
        ("Køkken", "Kitchen", (16, 18)),
    ):
        team = planning.add_team(event=event, name=name, name_en=name_en)
        for start in hours:
            planning.add_shift(
                team=team,
                starts_at=day + timedelta(hours=start),
                ends_at=day + timedelta(hours=start + 2),
                capacity=4,
            )
    return planning.publish_event(event=event)


def _load_exercise(organisation) -> Event:
    event = planning.create_event(
        organisation=organisation,
        areas=_areas("beredskab"),
        slug=EXERCISE_SLUG,
        name="Beredskabsøvelse: stormflod ved Hals",
        name_en="Emergency exercise: storm surge at Hals",
        description=(
            "Vi øver, hvad vi gør, når Limfjorden går over sine bredder: sandsække, afspærring "
            "og forplejning til indsatsfolkene. Ingen erfaring nødvendig; vi lærer dig op på "
            "dagen. (Opdigtet øvelse til demoen.)"
        ),
        description_en=(
            "We practise what to do when the Limfjord floods: sandbags, cordons and food for "
            "the crews. No experience needed; we train you on the day. (A fictional exercise "
            "for the demo.)"
        ),
        starts_on=date(2027, 9, 18),
        ends_on=date(2027, 9, 18),
        place=Place.objects.get(slug="hals"),
        address="Hals Havn, 9370 Hals",
        contact_email="limfjordens-frivillige-beredskab@example.dk",
        max_shifts_per_person=2,
    )
    day = planning.local(event.starts_on, 0)
    plans = (
        ("Sandsække", "Sandbags", 8, {"min_age": 18}),
        ("Forplejning", "Catering", 6, {}),
    )
    for name, name_en, capacity, fields in plans:
        team = planning.add_team(event=event, name=name, name_en=name_en)
        for start in (8, 11, 14):
            planning.add_shift(
                team=team,
                starts_at=day + timedelta(hours=start),
                ends_at=day + timedelta(hours=start + 3),
                capacity=capacity,
                location="Hals Havn, ved redningsstationen",
                **fields,
            )
    return planning.publish_event(event=event)
