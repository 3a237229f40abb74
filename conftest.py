"""Shared fixtures: a small municipality with places, areas and organisations, and factories.

Test modules build their stories from an owner (staff of one organisation), a member and an
outsider (staff of another organisation)."""

import os
from itertools import count

import pytest
from django.conf import settings
from django.utils import timezone, translation

from frivillig.catalog import services as catalog
from frivillig.catalog.models import Area, Place
from frivillig.organisations.models import OrganisationKind, Role
from frivillig.organisations.services import add_member, create_organisation

_seq = count(1)


class InvalidTemplateVariable(str):
    """Makes any unknown template variable fail the test that rendered it (as ephios does)."""

    def __mod__(self, other):
        raise AssertionError(f"Unknown template variable: {other!r}")


@pytest.fixture(autouse=True)
def _strict_templates(settings):
    for engine in settings.TEMPLATES:
        engine["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Production settings redirect to HTTPS; the test client and live server speak HTTP.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _no_language_leak():
    # A request in English activates English for the thread; the next test starts in Danish.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Real hashing costs ~0.3 s a user by design; tests do not need to resist brute force.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    # Receipts written by tests go to a throw-away directory, never to var/private.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    # Tasks run in-process when enqueued; e-mails land in the locmem outbox.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def places(db):
    return {
        "aalborg": Place.objects.create(
            slug="aalborg-c",
            name="Aalborg C",
            postal_code="9000",
            latitude=57.048,
            longitude=9.919,
            setting="by",
        ),
        "noerresundby": Place.objects.create(
            slug="noerresundby",
            name="Nørresundby",
            postal_code="9400",
            latitude=57.059,
            longitude=9.923,
            setting="by",
        ),
        "nibe": Place.objects.create(
            slug="nibe",
            name="Nibe",
            postal_code="9240",
            latitude=56.983,
            longitude=9.637,
            setting="land",
        ),
        "hals": Place.objects.create(
            slug="hals",
            name="Hals",
            postal_code="9370",
            latitude=57.000,
            longitude=10.310,
            setting="land",
        ),
    }


@pytest.fixture
def areas(db):
    return {
        slug: Area.objects.create(slug=slug, name_da=da, name_en=en, sort_order=i)
        for i, (slug, da, en) in enumerate(
            [
                ("aeldre", "Ældre", "Older people"),
                ("boern", "Børn", "Children"),
                ("idraet-og-fritid", "Idræt og fritid", "Sports and leisure"),
                ("beredskab", "Beredskab", "Emergency preparedness"),
                ("groenne-omraader", "Grønne områder og natur", "Green areas and nature"),
            ]
        )
    }


@pytest.fixture
def organisation(db, places):
    return create_organisation(
        name="Ældresagen Nibe",
        kind=OrganisationKind.ASSOCIATION,
        is_approved=True,
        place=places["nibe"],
    )


@pytest.fixture
def other_organisation(db, places):
    return create_organisation(
        name="Hals Idrætsforening",
        kind=OrganisationKind.ASSOCIATION,
        is_approved=True,
        place=places["hals"],
    )


@pytest.fixture
def make_user(db, django_user_model):
    def make(email=None, password="kodeord-der-er-langt-nok", **fields):
        email = email or f"person{next(_seq)}@example.dk"
        return django_user_model.objects.create_user(email=email, password=password, **fields)

    return make


@pytest.fixture
def owner(make_user, organisation):
    user = make_user("ejer@example.dk", first_name="Olga", last_name="Ejer")
    add_member(organisation=organisation, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def member(make_user, organisation):
    user = make_user("medlem@example.dk", first_name="Mads", last_name="Medlem")
    add_member(organisation=organisation, user=user, role=Role.VIEWER)
    return user


@pytest.fixture
def outsider(make_user, other_organisation):
    user = make_user("udenfor@example.dk", first_name="Ulla", last_name="Udenfor")
    add_member(organisation=other_organisation, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def make_opportunity(db, organisation, places, areas):
    """Create a published opportunity; keyword arguments override the defaults."""

    def make(title=None, *, publish=True, area_slugs=("aeldre",), place="nibe", **fields):
        n = next(_seq)
        values = {
            "title": title or f"Besøgsven nr. {n}",
            "description": "Kom og vær en god besøgsven for en ældre borger.",
            "kind": "recurring",
            "hours_per_month": 4,
            "target_group": "Ensomme ældre",
            "contact_name": "Karen Kontakt",
            "contact_email": "karen@example.dk",
            "place": places[place] if place else None,
            "is_flexible_location": place is None,
        }
        values.update(fields)
        org = values.pop("organisation", organisation)
        opportunity = catalog.create_opportunity(
            organisation=org, areas=[areas[s] for s in area_slugs], **values
        )
        if publish:
            opportunity = catalog.publish_opportunity(opportunity=opportunity)
        return opportunity

    return make


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def volunteer(make_user):
    from frivillig.accounts.models import VolunteerProfile

    user = make_user("frivillig@example.dk", first_name="Vera", last_name="Frivillig")
    VolunteerProfile.objects.create(user=user, postal_code="9000", birth_year=1990)
    return user


@pytest.fixture
def coordinator(make_user, organisation):
    user = make_user("koordinator@example.dk", first_name="Kim", last_name="Koordinator")
    add_member(organisation=organisation, user=user, role=Role.COORDINATOR)
    return user


def pytest_collection_modifyitems(config, items):
    # Browser tests need Chromium; outside CI they skip when it is missing, in CI they fail.
    if os.environ.get("CI"):
        return
    if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def make_event(db, organisation, places, areas):
    """Create a published event with one team ("Oprydning"); keyword arguments override."""
    from datetime import timedelta

    from frivillig.events import planning

    def make(name=None, *, publish=True, days=1, start_in_days=30, **fields):
        first = timezone.localdate() + timedelta(days=start_in_days)
        values = {
            "name": name or f"Karneval nr. {next(_seq)}",
            "description": "Aalborgs store karneval har brug for mange hænder.",
            "starts_on": first,
            "ends_on": first + timedelta(days=days - 1),
            "place": places["aalborg"],
        }
        values.update(fields)
        org = values.pop("organisation", organisation)
        event = planning.create_event(organisation=org, areas=[areas["idraet-og-fritid"]], **values)
        planning.add_team(event=event, name="Oprydning")
        if publish:
            planning.publish_event(event=event)
        return event

    return make


@pytest.fixture
def make_shift(db, make_event):
    """Create a shift (on a new event unless `event` or `team` is given)."""
    from datetime import timedelta

    from frivillig.events import planning

    def make(*, event=None, team=None, start_hour=10, hours=4, day=0, capacity=2, **fields):
        team = team or (event or make_event()).teams.first()
        date = team.event.starts_on + timedelta(days=day)
        return planning.add_shift(
            team=team,
            starts_at=planning.local(date, start_hour),
            ends_at=planning.local(date, start_hour) + timedelta(hours=hours),
            capacity=capacity,
            **fields,
        )

    return make


@pytest.fixture
def framework(db):
    """The municipality's published framework (the 2015 strategy)."""
    import datetime

    from frivillig.agreements.models import FrameworkVersion

    return FrameworkVersion.objects.create(
        version="2015",
        title="Aalborg Kommunes Frivilligstrategi",
        adopted_on=datetime.date(2015, 11, 1),
        published=True,
        definition="En frivillig yder en aktiv indsats, der er ulønnet, utvungen og organiseret.",
        openness="Åbenhed, synlighed, gennemsigtighed og let adgang.",
        agreements="Strategien er en overordnet aftale, som ramme for lokale aftaler.",
    )


@pytest.fixture
def make_agreement(framework):
    """An individual agreement from the default template; sent for signing unless send=False."""
    from frivillig.agreements import services as agreements

    def make(*, organisation, volunteer, by=None, send=True, **fields):
        agreement = agreements.draft_from_template(
            organisation=organisation,
            volunteer=volunteer,
            template=agreements.default_template("da"),
            by=by,
        )
        values = {
            "task": "Besøgsven for en ældre borger i Nibe.",
            "time_and_place": "Et par timer om ugen, i borgerens hjem.",
            "contact_person": "Karen Kontakt, karen@example.dk",
        }
        values.update(fields)
        agreement = agreements.update_draft(agreement=agreement, **values)
        if send:
            agreement = agreements.send_for_signing(agreement=agreement, by=by)
        return agreement

    return make


@pytest.fixture
def municipal_unit(db, places):
    return create_organisation(
        name="Ældre- og Handicapforvaltningen, Nibe",
        kind=OrganisationKind.UNIT,
        is_approved=True,
        place=places["nibe"],
    )


@pytest.fixture
def make_cooperation(framework):
    """A local cooperation agreement between a municipal unit and a partner (a draft)."""
    import datetime

    from frivillig.agreements import services as agreements

    def make(*, municipal_unit, partner, by=None, **fields):
        values = {
            "title": "Samarbejde om besøgsvenner i Nibe",
            "purpose": "Flere ældre får besøg.",
            "volunteer_tasks": "Besøg, gåture og samtaler.",
            "staff_tasks": "Pleje og omsorg; personalet formidler kontakten.",
            "unit_provides": "Lokaler, kursus i demens, forsikring.",
            "partner_provides": "Rekruttering og introduktion af frivillige.",
            "unit_contact": "Lone Leder, 99 31 00 00",
            "partner_contact": "Karen Kontakt, karen@example.dk",
            "starts_on": datetime.date(2026, 1, 1),
            "review_on": datetime.date(2027, 1, 1),
        }
        values.update(fields)
        return agreements.draft_cooperation(
            municipal_unit=municipal_unit, partner=partner, by=by, **values
        )

    return make


@pytest.fixture
def expense_rates(db):
    """The shipped rates and limits per year (expenses/data/rates.json)."""
    from frivillig.expenses import rates

    return {r.year: r for r in rates.load()}


@pytest.fixture
def make_claim(expense_rates):
    """A draft claim by `volunteer` to `organisation`, who must be one of their payers."""
    from frivillig.expenses import services as expenses

    def make(*, volunteer, organisation, year=2024, engagement=None):
        return expenses.start_claim(
            volunteer=volunteer, organisation=organisation, year=year, engagement=engagement
        )

    return make


@pytest.fixture
def volunteer_office(db, places):
    """The municipality's central volunteer office (sees across organisations)."""
    return create_organisation(
        name="Frivilligt socialt arbejde",
        kind=OrganisationKind.DEPARTMENT,
        is_approved=True,
        place=places["aalborg"],
        is_volunteer_office=True,
    )


@pytest.fixture
def office_staff(make_user, volunteer_office):
    user = make_user("kontor@example.dk", first_name="Kirsten", last_name="Kontor")
    add_member(organisation=volunteer_office, user=user, role=Role.COORDINATOR)
    return user


@pytest.fixture
def unit_coordinator(make_user, municipal_unit):
    """A coordinator of one municipal unit: sees that unit's part of the municipality only."""
    user = make_user("enhed@example.dk", first_name="Ulrik", last_name="Enhed")
    add_member(organisation=municipal_unit, user=user, role=Role.COORDINATOR)
    return user
