"""The volunteer award for the central volunteer office: rounds, the committee's list, the
shortlist and the CSV. Nobody else reaches these pages."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.recognition import services
from frivillig.recognition.models import AwardRound, Nomination, RoundStatus


@pytest.fixture
def award_round(office_staff):
    today = timezone.localdate()
    award_round = services.create_round(
        title="Årets frivillige 2026",
        description="",
        opens_on=today,
        closes_on=today + timedelta(days=30),
        by=office_staff,
    )
    return services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)


@pytest.fixture
def nominate(award_round, make_user):
    def make(n=1, **fields):
        for i in range(n):
            services.nominate(
                award_round=award_round,
                nominator=make_user(first_name="Borger"),
                nominee_name=fields.get("nominee_name", f"Person {i}"),
                nominee_organisation="",
                reason=fields.get("reason", "Fordi."),
            )

    return make


def test_the_office_creates_opens_and_closes_a_round(client, office_staff):
    client.force_login(office_staff)
    assert client.get(reverse("coordination:award_rounds")).status_code == 200
    today = timezone.localdate()
    response = client.post(
        reverse("coordination:award_round_create"),
        {
            "title": "Årets frivillige 2026",
            "description": "",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=10)).isoformat(),
        },
    )
    award_round = AwardRound.objects.get()
    assert response["Location"] == reverse("coordination:award_round", args=[award_round.pk])
    assert award_round.status == RoundStatus.DRAFT and award_round.created_by == office_staff

    status_url = reverse("coordination:award_round_status", args=[award_round.pk])
    client.post(status_url, {"status": "open"})
    award_round.refresh_from_db()
    assert award_round.status == RoundStatus.OPEN
    client.post(status_url, {"status": "closed"})
    award_round.refresh_from_db()
    assert award_round.status == RoundStatus.CLOSED
    client.post(status_url, {"status": "open"})
    award_round.refresh_from_db()
    assert award_round.status == RoundStatus.CLOSED


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "opens_on": "2026-01-01", "closes_on": "2026-02-01"},
        {"title": "x" * 10_000, "opens_on": "2026-01-01", "closes_on": "2026-02-01"},
        {"title": "<script>", "opens_on": "2026-03-01", "closes_on": "2026-02-01"},
        {"title": "T", "opens_on": "ikke en dato", "closes_on": "2026-02-01"},
    ],
)
def test_bad_rounds_are_refused_and_kept(client, office_staff, data):
    client.force_login(office_staff)
    response = client.post(reverse("coordination:award_round_create"), data)
    assert response.status_code == 400
    assert not AwardRound.objects.exists()


def test_the_committee_lists_filters_and_shortlists(client, office_staff, award_round, nominate):
    nominate(2)
    first, second = Nomination.objects.order_by("pk")
    client.force_login(office_staff)
    detail = reverse("coordination:award_round", args=[award_round.pk])
    page = client.get(detail).content.decode()
    assert "Person 0" in page and "Person 1" in page

    client.post(
        reverse("coordination:nomination_shortlist", args=[award_round.pk, first.pk]),
        {"shortlisted": "1"},
    )
    first.refresh_from_db()
    assert first.shortlisted

    page = client.get(detail, {"shortlisted": "on"}).content.decode()
    assert "Person 0" in page and "Person 1" not in page

    client.post(
        reverse("coordination:nomination_shortlist", args=[award_round.pk, first.pk]),
        {"shortlisted": "0"},
    )
    first.refresh_from_db()
    assert not first.shortlisted


def test_a_nomination_of_another_round_is_not_found(client, office_staff, award_round, nominate):
    nominate(1)
    nomination = Nomination.objects.get()
    other = services.create_round(
        title="Anden",
        description="",
        opens_on=award_round.opens_on,
        closes_on=award_round.closes_on,
        by=office_staff,
    )
    client.force_login(office_staff)
    response = client.post(
        reverse("coordination:nomination_shortlist", args=[other.pk, nomination.pk]),
        {"shortlisted": "1"},
    )
    assert response.status_code == 404


def test_the_committee_downloads_the_nominations_as_csv(
    client, office_staff, award_round, nominate
):
    nominate(1, nominee_name="=HYPERLINK(1)", reason="Hjælper altid; også i weekenden")
    client.force_login(office_staff)
    response = client.get(reverse("coordination:award_round_csv", args=[award_round.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    header, row, *_ = text.split("\r\n")
    assert header.startswith("Indstillet;")
    assert row.startswith("'=HYPERLINK(1);")
    assert '"Hjælper altid; også i weekenden"' in row


def test_the_lists_are_flat_in_queries(client, office_staff, award_round, nominate):
    def count(name, *args):
        client.force_login(office_staff)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name, args=args)).status_code == 200
        return len(ctx)

    nominate(2)
    detail, csv, rounds = (
        count("coordination:award_round", award_round.pk),
        count("coordination:award_round_csv", award_round.pk),
        count("coordination:award_rounds"),
    )
    nominate(8)
    services.create_round(
        title="Mere",
        description="",
        opens_on=award_round.opens_on,
        closes_on=award_round.closes_on,
        by=office_staff,
    )
    assert count("coordination:award_round", award_round.pk) == detail
    assert count("coordination:award_round_csv", award_round.pk) == csv
    assert count("coordination:award_rounds") == rounds


ROUTES = [
    ("coordination:award_rounds", False, "get"),
    ("coordination:award_round_create", False, "get"),
    ("coordination:award_round", True, "get"),
    ("coordination:award_round_csv", True, "get"),
    ("coordination:award_round_status", True, "post"),
]


@pytest.mark.parametrize(("name", "takes_pk", "method"), ROUTES)
def test_only_the_central_office_reaches_the_award_pages(
    client, award_round, owner, unit_coordinator, volunteer, name, takes_pk, method
):
    path = reverse(name, args=[award_round.pk] if takes_pk else [])
    for user in (owner, unit_coordinator, volunteer):
        client.force_login(user)
        assert getattr(client, method)(path).status_code == 404, user
    client.logout()
    assert getattr(client, method)(path).status_code == 302


def test_a_stranger_cannot_shortlist(client, award_round, nominate, unit_coordinator):
    nominate(1)
    nomination = Nomination.objects.get()
    client.force_login(unit_coordinator)
    path = reverse("coordination:nomination_shortlist", args=[award_round.pk, nomination.pk])
    assert client.post(path, {"shortlisted": "1"}).status_code == 404
    nomination.refresh_from_db()
    assert not nomination.shortlisted
