"""notify() honours each person's choice per category: an e-mail at once, or a notice kept
for the daily digest. Nobody is told anything about a transaction that rolled back."""

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from frivillig.notifications import emails, services
from frivillig.notifications.categories import Category
from frivillig.notifications.models import Mode, NotificationPreference, PendingNotice


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def digest(user, *categories):
    services.set_preferences(user=user, modes=dict.fromkeys(categories, Mode.DIGEST))


def test_it_sends_at_once_when_nothing_is_chosen(
    volunteer, notice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(volunteer, category=Category.MESSAGES, **notice())

    assert [m.to for m in mail.outbox] == [["frivillig@example.dk"]]
    assert mail.outbox[0].subject.startswith("Påmindelse")  # her language: Danish
    assert not PendingNotice.objects.exists()


def test_it_keeps_the_notice_for_the_digest_when_chosen(
    volunteer, notice, django_capture_on_commit_callbacks
):
    digest(volunteer, Category.ANNOUNCEMENTS)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            volunteer,
            category=Category.ANNOUNCEMENTS,
            **notice(title="Sommerfest", url="https://f.dk/a/"),
        )

    assert mail.outbox == []
    pending = PendingNotice.objects.get()
    assert (pending.user, pending.category, pending.url) == (
        volunteer,
        Category.ANNOUNCEMENTS,
        "https://f.dk/a/",
    )
    assert pending.subject == "Påmindelse: en ansøgning venter på dit svar (Sommerfest)"
    assert "Sommerfest" in pending.text


def test_it_still_sends_other_categories_at_once(
    volunteer, notice, django_capture_on_commit_callbacks
):
    digest(volunteer, Category.ANNOUNCEMENTS)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(volunteer, category=Category.MESSAGES, **notice())

    assert len(mail.outbox) == 1
    assert not PendingNotice.objects.exists()


def test_it_renders_a_kept_notice_in_the_recipients_language(english_volunteer, notice):
    digest(english_volunteer, Category.IDEAS)

    with translation.override("da"):
        services.notify(english_volunteer, category=Category.IDEAS, **notice(title="Bænke"))

    assert PendingNotice.objects.get().subject.startswith("Reminder: an application")


def test_it_tells_nobody_when_suppressed(volunteer, notice, django_capture_on_commit_callbacks):
    digest(volunteer, Category.FEEDBACK)
    with django_capture_on_commit_callbacks(execute=True), emails.suppressed():
        services.notify(volunteer, category=Category.FEEDBACK, **notice())
        services.notify(volunteer, category=Category.MESSAGES, **notice())
        services.notify_many([volunteer], category=Category.FEEDBACK, **notice())

    assert mail.outbox == []
    assert not PendingNotice.objects.exists()


def test_it_keeps_nothing_from_a_transaction_that_rolled_back(volunteer, notice):
    digest(volunteer, Category.MESSAGES)

    with transaction.atomic():
        services.notify(volunteer, category=Category.MESSAGES, **notice())
        transaction.set_rollback(True)

    assert not PendingNotice.objects.exists()


def test_it_skips_a_person_without_an_address(make_user, notice):
    person = make_user("gone@example.dk")
    person.email = ""

    services.notify(person, category=Category.MESSAGES, **notice())

    assert mail.outbox == []


def test_it_asks_the_database_once_for_the_choice(volunteer, notice):
    volunteer = type(volunteer).objects.select_related("profile").get(pk=volunteer.pk)
    digest(volunteer, Category.MESSAGES)

    with CaptureQueriesContext(connection) as queries:
        services.notify(volunteer, category=Category.RECOGNITION, **notice())

    assert len(queries) == 1


# notify_many -------------------------------------------------------------------------------


def test_notify_many_sends_or_keeps_per_person(
    volunteer, english_volunteer, make_user, notice, django_capture_on_commit_callbacks
):
    no_profile = make_user("uden@example.dk")
    digest(english_volunteer, Category.ANNOUNCEMENTS)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify_many(
            [volunteer, english_volunteer, no_profile],
            category=Category.ANNOUNCEMENTS,
            **notice(),
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["frivillig@example.dk", "uden@example.dk"]
    pending = PendingNotice.objects.get()
    assert pending.user == english_volunteer
    assert pending.subject.startswith("Reminder")


def test_notify_many_takes_a_context_per_person(
    volunteer, english_volunteer, notice, django_capture_on_commit_callbacks
):
    digest(english_volunteer, Category.ANNOUNCEMENTS)
    base = notice()["context"]

    with django_capture_on_commit_callbacks(execute=True):
        services.notify_many(
            [volunteer, english_volunteer],
            category=Category.ANNOUNCEMENTS,
            template="application_reminder",
            context=lambda person: {
                **base,
                "opportunity": {"title": person.first_name},
                "url": f"https://f.dk/{person.pk}/",
            },
        )

    assert "(Vera)" in mail.outbox[0].subject
    pending = PendingNotice.objects.get()
    assert "(Emma)" in pending.subject
    assert pending.url == f"https://f.dk/{english_volunteer.pk}/"


def _people(make_user, start, n, *, in_digest):
    people = [make_user(f"p{start + i}@example.dk") for i in range(n)]
    for person in people[:in_digest]:
        digest(person, Category.ANNOUNCEMENTS)
    return type(people[0]).objects.filter(pk__in=[p.pk for p in people])


def test_notify_many_asks_the_same_number_of_queries_for_2_and_10_people(make_user, notice):
    few = _people(make_user, 0, 2, in_digest=1)
    many = _people(make_user, 100, 10, in_digest=5)

    counts = []
    for users in (few, many):
        users = list(users)  # loaded before counting, as the announcement sender has them
        with CaptureQueriesContext(connection) as queries:
            services.notify_many(users, category=Category.ANNOUNCEMENTS, **notice())
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert counts[0] <= 3  # choices, profiles, one insert
    assert PendingNotice.objects.count() == 6


# Preferences -------------------------------------------------------------------------------


def test_it_lists_every_category_as_immediate_until_chosen(volunteer):
    assert services.preferences_for(volunteer) == dict.fromkeys(Category.values, "immediate")


def test_it_changes_only_the_categories_given(volunteer):
    services.set_preferences(user=volunteer, modes={"messages": "digest", "ideas": "digest"})

    result = services.set_preferences(user=volunteer, modes={"ideas": "immediate"})

    assert result["messages"] == "digest"
    assert result["ideas"] == "immediate"
    assert NotificationPreference.objects.filter(user=volunteer).count() == 2


def test_it_refuses_an_unknown_category_or_mode(volunteer):
    with pytest.raises(services.NotificationError, match="is not a kind of notice"):
        services.set_preferences(user=volunteer, modes={"spam": "digest"})
    with pytest.raises(services.NotificationError, match="Choose “immediately” or “daily"):
        services.set_preferences(user=volunteer, modes={"messages": "weekly"})
    assert not NotificationPreference.objects.exists()


def test_the_database_refuses_an_unknown_mode(volunteer):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationPreference.objects.create(user=volunteer, category="messages", mode="weekly")
