"""Announcements as the services see them: who receives what, the opt-out rule, refusals,
the e-mails, the signed opt-out key and the data export."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from frivillig.dialog.announcements import privacy, queries, services
from frivillig.dialog.announcements.models import Announcement, Audience, Delivery
from frivillig.engagements.models import EngagementStatus
from frivillig.events.models import SignupStatus
from frivillig.notifications.categories import Category
from frivillig.notifications.models import Mode, NotificationPreference, PendingNotice


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _emails(people):
    return set(people.values_list("email", flat=True))


# Who receives it ----------------------------------------------------------------------------


def test_it_sends_to_all_current_volunteers_and_people_on_coming_events(
    organisation,
    other_organisation,
    opportunity,
    make_user,
    make_shift,
    engage,
    place_on,
    make_opportunity,
):
    active, paused, ended = make_user("a@x.dk"), make_user("p@x.dk"), make_user("e@x.dk")
    engage(active, opportunity)
    engage(paused, opportunity, EngagementStatus.PAUSED)
    engage(ended, opportunity, EngagementStatus.ENDED)
    # Twice engaged is still one person.
    engage(active, make_opportunity("Lektiehjælp"))
    shift = make_shift()
    on_shift, waiting, cancelled = make_user("s@x.dk"), make_user("w@x.dk"), make_user("c@x.dk")
    place_on(on_shift, shift)
    place_on(waiting, shift, SignupStatus.WAITLISTED)
    place_on(cancelled, shift, SignupStatus.CANCELLED)
    past_event_person = make_user("old@x.dk")
    old_shift = make_shift()
    old_shift.event.starts_on = old_shift.event.ends_on = timezone.localdate() - timedelta(days=3)
    old_shift.event.save()
    place_on(past_event_person, old_shift)
    elsewhere = make_user("other@x.dk")
    engage(elsewhere, make_opportunity("Fodbold", organisation=other_organisation))

    people = queries.recipients(organisation=organisation, audience=Audience.ALL)

    assert _emails(people) == {"a@x.dk", "p@x.dk", "s@x.dk"}
    assert people.count() == 3


def test_it_sends_to_one_opportunity_only(opportunity, make_opportunity, make_user, engage):
    engage(make_user("here@x.dk"), opportunity)
    engage(make_user("there@x.dk"), make_opportunity("Lektiehjælp"))
    people = queries.recipients(
        organisation=opportunity.organisation,
        audience=Audience.OPPORTUNITY,
        opportunity=opportunity,
    )
    assert _emails(people) == {"here@x.dk"}


def test_it_sends_to_a_team_with_live_signups(
    organisation, make_event, make_shift, make_user, place_on
):
    from frivillig.events import planning

    event = make_event()
    cleaning = event.teams.get()
    first_aid = planning.add_team(event=event, name="Førstehjælp")
    place_on(make_user("c1@x.dk"), make_shift(team=cleaning))
    place_on(
        make_user("c2@x.dk"), make_shift(team=cleaning, start_hour=15), SignupStatus.WAITLISTED
    )
    place_on(
        make_user("gone@x.dk"), make_shift(team=cleaning, start_hour=6), SignupStatus.CANCELLED
    )
    place_on(make_user("fa@x.dk"), make_shift(team=first_aid))

    people = queries.recipients(organisation=organisation, audience=Audience.TEAM, team=cleaning)

    assert _emails(people) == {"c1@x.dk", "c2@x.dk"}


def test_it_sends_to_an_event_day_by_local_date(
    organisation, make_event, make_shift, make_user, place_on
):
    event = make_event(days=2)
    team = event.teams.get()
    place_on(make_user("day1@x.dk"), make_shift(team=team, start_hour=23, hours=2))
    place_on(make_user("day2@x.dk"), make_shift(team=team, day=1, start_hour=0, hours=2))

    people = queries.recipients(
        organisation=organisation, audience=Audience.EVENT_DAY, event=event, day=event.starts_on
    )

    assert _emails(people) == {"day1@x.dk"}


def test_an_opt_out_stops_announcements_to_all_and_to_an_opportunity_but_not_about_shifts(
    organisation, opportunity, make_user, make_shift, engage, place_on
):
    person = make_user("nej@x.dk")
    engage(person, opportunity)
    shift = make_shift()
    place_on(person, shift)
    services.opt_out(user=person, organisation=organisation)

    def reach(**target):
        return _emails(queries.recipients(organisation=organisation, **target))

    assert reach(audience=Audience.ALL) == set()
    assert reach(audience=Audience.OPPORTUNITY, opportunity=opportunity) == set()
    assert reach(audience=Audience.TEAM, team=shift.team) == {"nej@x.dk"}
    assert reach(audience=Audience.EVENT_DAY, event=shift.event, day=shift.event.starts_on) == {
        "nej@x.dk"
    }


def test_an_opt_out_is_per_organisation(
    organisation, other_organisation, opportunity, make_user, engage
):
    person = make_user("nej@x.dk")
    engage(person, opportunity)
    services.opt_out(user=person, organisation=other_organisation)
    assert _emails(queries.recipients(organisation=organisation, audience=Audience.ALL)) == {
        "nej@x.dk"
    }


def test_opting_out_twice_and_back_in(organisation, volunteer):
    services.opt_out(user=volunteer, organisation=organisation)
    services.opt_out(user=volunteer, organisation=organisation)
    assert queries.has_opted_out(volunteer, organisation)
    services.opt_in(user=volunteer, organisation=organisation)
    assert not queries.has_opted_out(volunteer, organisation)


def test_the_recipient_query_is_one_query_however_many_people(
    organisation, opportunity, make_user, make_shift, engage, place_on
):
    def run():
        with CaptureQueriesContext(connection) as ctx:
            list(queries.recipients(organisation=organisation, audience=Audience.ALL))
        return len(ctx.captured_queries)

    engage(make_user(), opportunity)
    few = run()
    shift = make_shift(capacity=20)
    for _ in range(10):
        engage(make_user(), opportunity)
        place_on(make_user(), shift)
    assert run() == few == 1


# Sending ------------------------------------------------------------------------------------


def test_it_delivers_on_min_side_and_by_email(
    organisation, owner, opportunity, make_user, engage, send_now
):
    alice, bob = make_user("alice@x.dk", first_name="Alice"), make_user("bob@x.dk")
    engage(alice, opportunity)
    engage(bob, opportunity)

    announcement = send_now(
        organisation=organisation,
        author=owner,
        subject="  Sommerfest  ",
        body="Kom til sommerfest.\n",
        audience=Audience.ALL,
    )

    announcement.refresh_from_db()
    assert announcement.subject == "Sommerfest"
    assert announcement.sent_at is not None
    assert announcement.recipient_count == 2
    assert set(Delivery.objects.values_list("user__email", flat=True)) == {"alice@x.dk", "bob@x.dk"}
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@x.dk", "bob@x.dk"]
    message = next(m for m in mail.outbox if m.to == ["alice@x.dk"])
    assert "Sommerfest" in message.subject
    assert "Kom til sommerfest." in message.body
    assert f"/min-side/nyheder/{announcement.pk}/" in message.body
    assert "/nyheder/fravalg/" in message.body


def test_announcements_to_all_honour_the_digest_choice(
    organisation, owner, opportunity, volunteer, engage, send_now
):
    engage(volunteer, opportunity)
    NotificationPreference.objects.create(
        user=volunteer, category=Category.ANNOUNCEMENTS, mode=Mode.DIGEST
    )
    send_now(
        organisation=organisation, author=owner, subject="Nyt", body="Tekst", audience=Audience.ALL
    )
    assert mail.outbox == []
    assert PendingNotice.objects.filter(user=volunteer).count() == 1
    assert Delivery.objects.filter(user=volunteer).count() == 1


def test_shift_announcements_go_at_once_despite_digest_and_opt_out(
    organisation, owner, volunteer, make_shift, place_on, send_now
):
    shift = make_shift()
    place_on(volunteer, shift)
    services.opt_out(user=volunteer, organisation=organisation)
    NotificationPreference.objects.create(
        user=volunteer, category=Category.ANNOUNCEMENTS, mode=Mode.DIGEST
    )
    send_now(
        organisation=organisation,
        author=owner,
        subject="Mødested",
        body="Mød ved teltet.",
        audience=Audience.TEAM,
        team=shift.team,
    )
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    assert PendingNotice.objects.count() == 0


def test_delivering_twice_delivers_once(
    organisation, owner, opportunity, volunteer, engage, send_now
):
    from frivillig.dialog.announcements import tasks

    engage(volunteer, opportunity)
    announcement = send_now(
        organisation=organisation, author=owner, subject="Nyt", body="Tekst", audience=Audience.ALL
    )
    assert tasks.deliver.call(announcement_id=announcement.pk) == 0
    assert Delivery.objects.count() == 1
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_commit(organisation, owner, opportunity, volunteer, engage):
    engage(volunteer, opportunity)
    services.send(
        organisation=organisation, author=owner, subject="Nyt", body="Tekst", audience=Audience.ALL
    )
    assert Delivery.objects.count() == 0
    assert mail.outbox == []


def test_it_refuses_an_audience_with_nobody(organisation, owner, opportunity, volunteer, engage):
    with pytest.raises(services.AnnouncementError, match="Nobody would receive"):
        services.send(
            organisation=organisation,
            author=owner,
            subject="Nyt",
            body="Tekst",
            audience=Audience.ALL,
        )
    engage(volunteer, opportunity)
    services.opt_out(user=volunteer, organisation=organisation)
    with pytest.raises(services.AnnouncementError, match="Nobody would receive"):
        services.send(
            organisation=organisation,
            author=owner,
            subject="Nyt",
            body="Tekst",
            audience=Audience.ALL,
        )
    assert Announcement.objects.count() == 0


def test_it_refuses_another_organisations_targets(
    organisation, other_organisation, owner, make_opportunity, make_event
):
    foreign_opportunity = make_opportunity("Fodbold", organisation=other_organisation)
    foreign_event = make_event(organisation=other_organisation)
    cases = [
        ({"audience": Audience.OPPORTUNITY, "opportunity": foreign_opportunity}, "opportunities"),
        ({"audience": Audience.TEAM, "team": foreign_event.teams.get()}, "teams"),
        (
            {
                "audience": Audience.EVENT_DAY,
                "event": foreign_event,
                "day": foreign_event.starts_on,
            },
            "events",
        ),
    ]
    for target, word in cases:
        with pytest.raises(services.AnnouncementError, match=word):
            services.send(
                organisation=organisation, author=owner, subject="Nyt", body="Tekst", **target
            )
    assert Announcement.objects.count() == 0


def test_it_refuses_a_day_outside_the_event(organisation, owner, make_event):
    event = make_event()
    with pytest.raises(services.AnnouncementError, match="Choose a day from"):
        services.count_recipients(
            organisation=organisation,
            audience=Audience.EVENT_DAY,
            event=event,
            day=event.ends_on + timedelta(days=1),
        )


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [
        ("", "Tekst", "Write both"),
        ("Emne", "   \n ", "Write both"),
        ("x" * 151, "Tekst", "at most 150"),
        ("Emne", "x" * 10_000, "at most 5000"),
    ],
)
def test_it_refuses_bad_text(
    organisation, owner, opportunity, volunteer, engage, subject, body, message
):
    engage(volunteer, opportunity)
    with pytest.raises(services.AnnouncementError, match=message):
        services.send(
            organisation=organisation,
            author=owner,
            subject=subject,
            body=body,
            audience=Audience.ALL,
        )


def test_the_database_refuses_an_audience_without_its_target(organisation):
    with pytest.raises(IntegrityError):
        Announcement.objects.create(
            organisation=organisation, subject="Nyt", body="Tekst", audience=Audience.TEAM
        )


def test_html_is_kept_as_text_in_the_email(
    organisation, owner, opportunity, volunteer, engage, send_now
):
    engage(volunteer, opportunity)
    send_now(
        organisation=organisation,
        author=owner,
        subject="<b>Nyt</b>",
        body="<script>alert(1)</script>",
        audience=Audience.ALL,
    )
    message = mail.outbox[0]
    assert "<script>alert(1)</script>" in message.body
    html = message.alternatives[0][0]
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


# The signed opt-out key ---------------------------------------------------------------------


def test_the_opt_out_key_names_the_person_and_organisation(organisation, volunteer):
    token = services.opt_out_token(user=volunteer, organisation=organisation)
    assert services.read_opt_out_token(token) == (volunteer, organisation)


def test_a_tampered_opt_out_key_is_refused(organisation, other_organisation, volunteer):
    token = services.opt_out_token(user=volunteer, organisation=organisation)
    for bad in (token[:-2] + "xx", "abc", token.replace(":", ";"), ""):
        with pytest.raises(services.AnnouncementError, match="not valid"):
            services.read_opt_out_token(bad)


# Data export and deletion -------------------------------------------------------------------


def test_the_export_holds_what_the_person_received_and_their_opt_outs(
    organisation, other_organisation, owner, opportunity, volunteer, engage, send_now
):
    engage(volunteer, opportunity)
    send_now(
        organisation=organisation, author=owner, subject="Nyt", body="Tekst", audience=Audience.ALL
    )
    services.opt_out(user=volunteer, organisation=other_organisation)

    data = privacy.export_for(volunteer)

    assert [a["subject"] for a in data["announcements_received"]] == ["Nyt"]
    assert data["announcements_received"][0]["read_at"] is None
    assert [o["organisation"] for o in data["announcement_opt_outs"]] == [other_organisation.name]


def test_deleting_people_keeps_the_announcement(
    organisation, owner, opportunity, volunteer, engage, send_now
):
    engage(volunteer, opportunity)
    announcement = send_now(
        organisation=organisation, author=owner, subject="Nyt", body="Tekst", audience=Audience.ALL
    )
    services.opt_out(user=volunteer, organisation=organisation)
    volunteer.delete()
    owner.delete()
    announcement.refresh_from_db()
    assert announcement.author is None
    assert Delivery.objects.count() == 0
