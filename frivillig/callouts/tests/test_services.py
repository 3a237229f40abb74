from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from frivillig.callouts import services
from frivillig.callouts.models import Answer, CallOut, CallOutStatus, Skill
from frivillig.callouts.tests.conftest import token_of


@pytest.fixture(autouse=True)
def _in_english():
    # The assertions read the English wording; the Danish is checked by the translation test.
    with translation.override("en"):
        yield


@pytest.fixture
def three(make_volunteer):
    return [make_volunteer(f"v{n}@example.dk", first_name=f"V{n}") for n in range(3)]


def test_it_invites_every_match_by_e_mail_after_commit(
    make_callout, make_volunteer, three, django_capture_on_commit_callbacks
):
    make_volunteer("hals@example.dk", town="hals")
    with django_capture_on_commit_callbacks(execute=True):
        callout = make_callout(needed=2)
        assert mail.outbox == []  # nothing leaves inside the transaction

    assert callout.responses.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "v0@example.dk",
        "v1@example.dk",
        "v2@example.dk",
    ]
    tokens = set(callout.responses.values_list("token", flat=True))
    assert len(tokens) == 3


def test_it_writes_an_invitation_with_what_where_when_and_a_personal_link(
    make_callout, three, django_capture_on_commit_callbacks, settings
):
    three[0].profile.language = "en"
    three[0].profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        callout = make_callout(
            needed=4, address="Havnevej 2", starts_at=timezone.now() + timedelta(hours=2)
        )
    message = next(m for m in mail.outbox if m.to == ["v0@example.dk"])
    token = token_of(callout, three[0])

    assert message.subject == "Can you help? Storm: sandsække i Nibe i aften"
    assert "Dear V0," in message.body
    assert "We need 4 people" in message.body
    assert "Havnevej 2, Nibe" in message.body
    assert "Vi fylder sandsække ved havnen." in message.body
    assert f"{settings.SITE_URL}/beredskab/svar/{token}/" in message.body
    assert "/min-side/beredskab/" in message.body
    assert "Ældresagen Nibe" in message.body
    # Nobody's link is in anyone else's e-mail.
    others = [m for m in mail.outbox if m.to != ["v0@example.dk"]]
    assert all(token not in m.body for m in others)


def test_it_confirms_a_yes_by_e_mail_with_a_way_to_withdraw(
    make_callout, three, django_capture_on_commit_callbacks
):
    callout = make_callout()
    three[1].profile.language = "en"
    three[1].profile.save()
    token = token_of(callout, three[1])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.respond(token=token, accept=True)

    (message,) = mail.outbox
    assert message.to == ["v1@example.dk"]
    assert message.subject.startswith("Thank you for saying yes")
    assert f"/beredskab/svar/{token}/" in message.body
    assert "withdraw" in message.body


def test_it_counts_yeses_and_closes_when_filled(make_callout, three):
    callout = make_callout(needed=2)

    first = services.respond(token=token_of(callout, three[0]), accept=True)
    assert (first.change, first.callout.accepted_count, first.callout.status) == (
        "accepted",
        1,
        CallOutStatus.OPEN,
    )
    second = services.respond(token=token_of(callout, three[1]), accept=True)
    assert (second.callout.accepted_count, second.callout.status) == (2, CallOutStatus.FILLED)

    with pytest.raises(services.CallOutFull, match="enough people have said yes"):
        services.respond(token=token_of(callout, three[2]), accept=True)
    callout.refresh_from_db()
    assert callout.accepted_count == 2
    assert callout.responses.get(volunteer=three[2]).answer == Answer.PENDING


def test_it_does_not_count_a_second_yes_twice(make_callout, three):
    callout = make_callout(needed=3)
    token = token_of(callout, three[0])

    services.respond(token=token, accept=True)
    again = services.respond(token=token, accept=True)

    assert again.change == "unchanged"
    assert again.callout.accepted_count == 1


def test_it_frees_the_place_and_reopens_when_a_yes_is_withdrawn(make_callout, three):
    callout = make_callout(needed=1)
    token = token_of(callout, three[0])
    services.respond(token=token, accept=True)

    outcome = services.respond(token=token, accept=False)

    assert outcome.change == "withdrawn"
    assert (outcome.callout.accepted_count, outcome.callout.status) == (0, CallOutStatus.OPEN)
    assert services.respond(token=token_of(callout, three[1]), accept=True).change == "accepted"


def test_it_records_a_no_and_lets_people_change_their_mind(make_callout, three):
    callout = make_callout(needed=2)
    token = token_of(callout, three[0])

    assert services.respond(token=token, accept=False).change == "declined"
    assert services.respond(token=token, accept=False).change == "unchanged"
    outcome = services.respond(token=token, accept=True)
    assert (outcome.change, outcome.callout.accepted_count) == ("accepted", 1)


def test_it_refuses_a_yes_after_the_coordinator_closed_it(make_callout, three):
    callout = make_callout(needed=2)
    services.respond(token=token_of(callout, three[0]), accept=True)

    closed = services.close(callout=callout)
    assert closed.status == CallOutStatus.CLOSED

    with pytest.raises(services.CallOutClosed):
        services.respond(token=token_of(callout, three[1]), accept=True)
    with pytest.raises(services.CallOutClosed):
        services.close(callout=callout)
    # Someone who said yes can still say they cannot come; it does not reopen.
    outcome = services.respond(token=token_of(callout, three[0]), accept=False)
    assert (outcome.callout.accepted_count, outcome.callout.status) == (0, CallOutStatus.CLOSED)


def test_it_refuses_a_yes_when_the_call_out_is_over(make_callout, three):
    callout = make_callout(needed=2)
    later = callout.starts_at + services.OPEN_WITHOUT_END + timedelta(minutes=1)

    with pytest.raises(services.CallOutClosed):
        services.respond(token=token_of(callout, three[0]), accept=True, now=later)


def test_it_refuses_an_unknown_token(db):
    with pytest.raises(services.CallOutError):
        services.respond(token="findes-ikke", accept=True)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"needed": 0}, "between 1 and"),
        ({"radius_km": 0}, "between 1 and"),
        ({"title": "  "}, "Write what"),
        ({"starts_at_hours": -3}, "already passed"),
        ({"ends_at_hours": 1}, "end must be after"),
    ],
)
def test_it_refuses_a_call_out_that_makes_no_sense(make_callout, change, message):
    now = timezone.now()
    if "starts_at_hours" in change:
        change = {"starts_at": now + timedelta(hours=change["starts_at_hours"])}
    if "ends_at_hours" in change:
        change = {"starts_at": now + timedelta(hours=2), "ends_at": now + timedelta(hours=1)}
    with pytest.raises(services.CallOutError, match=message):
        make_callout(**change)
    assert not CallOut.objects.exists()


def test_it_keeps_skills_as_tags(make_callout):
    callout = make_callout(skills=[Skill.FIRST_AID, "bogus", Skill.PHYSICAL])
    assert callout.skill_list == [Skill.PHYSICAL, Skill.FIRST_AID]


def test_the_database_refuses_more_yeses_than_places(make_callout):
    callout = make_callout(needed=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CallOut.objects.filter(pk=callout.pk).update(accepted_count=2)


def test_the_database_refuses_a_filled_status_that_is_not_full(make_callout):
    callout = make_callout(needed=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        CallOut.objects.filter(pk=callout.pk).update(status=CallOutStatus.FILLED)


def test_it_writes_the_end_with_its_date_when_it_is_another_day(
    make_callout, three, django_capture_on_commit_callbacks
):
    starts = timezone.localtime().replace(hour=20, minute=0, second=0, microsecond=0)
    starts += timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        make_callout(starts_at=starts, ends_at=starts + timedelta(hours=6))
    body = mail.outbox[0].body
    assert "20.00–" in body and f"{(starts + timedelta(hours=6)).day}." in body.split("20.00–")[1]
