import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max
from django.test import override_settings

from frivillig.catalog.demo.loader import LOGINS, PUBLISHED_BEFORE
from frivillig.catalog.demo.organisations import DEPARTMENT_SLUGS
from frivillig.catalog.models import Area, Opportunity, OpportunityStatus
from frivillig.catalog.queries import OpportunityFilters, search_opportunities
from frivillig.organisations.models import Membership, Organisation, OrganisationKind, Role

# The demo's log-ins would otherwise cost a second of password hashing each.
FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


def seed(*args) -> str:
    out = io.StringIO()
    with FAST_HASHING:
        call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module inside a transaction that is rolled back at the
    end, so no other test module sees it. Each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = seed()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def visible(demo, db):
    return Opportunity.objects.visible()


def test_it_loads_the_departments_units_and_associations(demo, db):
    assert Organisation.objects.count() >= 60
    departments = Organisation.objects.filter(kind=OrganisationKind.DEPARTMENT)
    assert sorted(departments.values_list("slug", flat=True)) == sorted(DEPARTMENT_SLUGS)
    assert all(d.parent_id is None for d in departments)
    office = Organisation.objects.get(slug="frivilligt-socialt-arbejde")
    assert office.parent.slug == "sundhed-og-kultur"
    assert office.path == f"{office.parent.path}{office.pk}/"
    assert Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION).count() >= 30
    assert 2 <= Organisation.objects.filter(is_approved=False).count() <= 3


def test_it_publishes_over_200_visible_opportunities_in_every_area(visible):
    assert visible.count() >= 200
    assert Area.objects.count() >= 10
    for area in Area.objects.all():
        assert visible.filter(areas=area).exists(), f"no visible opportunity in {area.slug}"


def test_it_spreads_opportunities_over_city_and_countryside(visible):
    towns = set(visible.exclude(place=None).values_list("place__slug", "place__setting"))
    assert len(towns) >= 15
    rural = {slug for slug, setting in towns if setting == "land"}
    assert len(rural) >= 5
    assert {"nibe", "hals", "vodskov", "storvorde", "sulsted", "tylstrup"} <= rural
    assert visible.filter(place=None, is_flexible_location=True).exists()


def test_it_has_english_opportunities_in_the_city(visible):
    english = visible.filter(suits_english_speakers=True).exclude(title_en="")
    assert english.count() >= visible.count() * 0.1
    assert english.filter(place__postal_code__in=["9000", "9220", "9400"]).count() >= 3
    assert not english.filter(description_en="").exists()


def test_it_writes_the_tasks_the_strategy_names(visible):
    titles = " ".join(visible.values_list("title", flat=True)).lower()
    for task in (
        "besøgsven",
        "fodboldtræner",
        "lektie",
        "naturpleje",
        "beredskab",
        "festivalfrivillig",
        "mentor",
        "madlavning",
        "samarit",
    ):
        assert task in titles, task
    assert visible.filter(title="Besøgsven for ældre i Nibe").exists()
    assert visible.filter(is_urgent=True).count() >= 10


def test_it_keeps_published_dates_and_event_dates_fixed(visible):
    assert visible.aggregate(m=Max("published_at"))["m"] == PUBLISHED_BEFORE
    dated = visible.exclude(start_date=None)
    assert dated.exists()
    assert all(d.year == 2027 for d in dated.values_list("start_date", flat=True))


def test_it_creates_the_demo_logins(demo, db):
    assert "KUN TIL DEMO" in demo
    users = get_user_model().objects
    for login in LOGINS:
        assert login.email in demo and login.password in demo
        with FAST_HASHING:
            assert users.get(email=login.email).check_password(login.password)
    assert users.get(email="admin@demo.frivillig.dk").is_superuser
    office = Membership.objects.get(user__email="frivilligkontor@demo.frivillig.dk")
    assert (office.organisation.slug, office.role) == ("frivilligt-socialt-arbejde", Role.ADMIN)
    elder = Membership.objects.get(user__email="plejecenter@demo.frivillig.dk")
    assert elder.role == Role.COORDINATOR
    assert elder.organisation.parent.parent.slug == "senior-og-omsorg"


def test_it_creates_nothing_twice(demo, db):
    before = (
        Organisation.objects.count(),
        Opportunity.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )
    output = seed()
    assert "0 organisationer og 0 opgaver" in output
    after = (
        Organisation.objects.count(),
        Opportunity.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )
    assert after == before


def test_it_finds_a_visiting_friend_in_nibe(visible):
    results = search_opportunities(OpportunityFilters(q="besøgsven", town="nibe"))
    assert results.exists()


def test_it_adds_generated_opportunities_ready_for_search(demo, db):
    last_pk = Opportunity.objects.aggregate(m=Max("pk"))["m"]
    organisations = Organisation.objects.count()
    visible_before = Opportunity.objects.visible().count()

    seed("--scale", "300")

    assert Opportunity.objects.visible().count() == visible_before + 300
    assert Organisation.objects.count() == organisations + 300 // 50
    generated = Opportunity.objects.filter(pk__gt=last_pk)
    assert generated.count() == 300
    assert not generated.exclude(status=OpportunityStatus.PUBLISHED).exists()
    assert not generated.filter(published_at=None).exists()
    assert not generated.filter(latitude=None).exists()
    assert not generated.filter(search_document="").exists()
    assert not generated.filter(areas=None).exists()
    sample = generated.select_related("organisation", "place").first()
    assert sample.latitude == sample.place.latitude
    assert sample.organisation.name.lower() in sample.search_document
    assert sample.place.name.lower() in sample.search_document
    for org in Organisation.objects.filter(opportunities__in=generated).distinct():
        assert org.path == f"/{org.pk}/" and org.is_approved

    visiting = generated.filter(title__icontains="besøgsven").first()
    results = search_opportunities(OpportunityFilters(q="besøgsven", town=visiting.place.slug))
    assert visiting in results


def test_it_can_generate_without_new_organisations(demo, db):
    organisations = Organisation.objects.count()
    visible_before = Opportunity.objects.visible().count()
    seed("--scale", "20", "--scale-organisations", "0")
    assert Organisation.objects.count() == organisations
    assert Opportunity.objects.visible().count() == visible_before + 20
