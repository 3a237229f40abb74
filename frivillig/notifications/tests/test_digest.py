"""The daily digest: one e-mail per person with every waiting notice, grouped by category, in
the person's language; never a notice twice, however often or concurrently it runs."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from frivillig.notifications import digest, emails, services, tasks
from frivillig.notifications.categories import Category
from frivillig.notifications.models import Mode, PendingNotice


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """send_digests(), with what it queues on commit run as a real commit would."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return digest.send_digests(**kwargs)

    return run


def wait(user, category, subject, url="https://f.dk/x/", **fields):
    return PendingNotice.objects.create(
        user=user, category=category, subject=subject, url=url, **fields
    )


def test_it_sends_one_email_per_person_grouped_by_category_in_danish(run, volunteer, make_user):
    wait(volunteer, Category.RECOGNITION, "Tak for din indsats", "https://f.dk/tak/")
    wait(volunteer, Category.MESSAGES, "Ny besked fra Ældresagen", "https://f.dk/besked/1/")
    wait(volunteer, Category.MESSAGES, "Ny besked fra Røde Kors", "https://f.dk/besked/2/")
    other = make_user("anden@example.dk")
    wait(other, Category.IDEAS, "Din idé er set")

    assert run() == 2

    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if m.to == ["frivillig@example.dk"])
    body = message.body
    # Grouped in the categories' order, each notice's subject with its link under it.
    assert (
        body.index("Ny besked fra Ældresagen")
        < body.index("Ny besked fra Røde Kors")
        < body.index("Tak for din indsats")
    )
    assert "- Ny besked fra Ældresagen\n  https://f.dk/besked/1/" in body
    assert "https://f.dk/tak/" in body
    assert "Venlig hilsen" in body  # Danish, her language
    assert "/min-side/notifikationer/" in body
    assert "Din idé er set" not in body
    assert not PendingNotice.objects.exists()


def test_it_writes_in_english_to_someone_who_reads_english(run, english_volunteer):
    wait(english_volunteer, Category.ANNOUNCEMENTS, "News from the Red Cross")
    wait(english_volunteer, Category.FEEDBACK, "How did it go?")

    run()

    [message] = mail.outbox
    assert message.subject == "Your daily digest: 2 new notices"
    assert "Announcements from organisations" in message.body
    assert "Requests for feedback" in message.body
    assert "Kind regards" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_a_second_run_sends_nothing(run, volunteer):
    wait(volunteer, Category.MESSAGES, "Ny besked")

    assert run() == 1
    assert run() == 0

    assert len(mail.outbox) == 1


def test_it_leaves_notices_that_arrive_after_the_run_began_for_the_next(run, volunteer):
    now = timezone.now()
    wait(volunteer, Category.MESSAGES, "Før", created_at=now - timedelta(minutes=1))
    wait(volunteer, Category.MESSAGES, "Efter", created_at=now + timedelta(minutes=1))

    run(now=now)

    assert "Før" in mail.outbox[0].body
    assert "Efter" not in mail.outbox[0].body
    assert PendingNotice.objects.get().subject == "Efter"


def test_a_run_that_stops_half_way_resends_nothing_already_sent(run, volunteer, make_user):
    second = make_user("anden@example.dk")
    wait(volunteer, Category.MESSAGES, "Til den første")
    wait(second, Category.MESSAGES, "Til den anden")
    real = digest.emails.send_to_user
    calls = []

    def crash_on_second(user, **kwargs):
        calls.append(user)
        if len(calls) == 2:
            raise RuntimeError("the worker died")
        real(user, **kwargs)

    with (
        mock.patch.object(digest.emails, "send_to_user", crash_on_second),
        pytest.raises(RuntimeError),
    ):
        run()
    assert [m.to for m in mail.outbox] == [["frivillig@example.dk"]]

    run()

    assert [m.to for m in mail.outbox] == [["frivillig@example.dk"], ["anden@example.dk"]]
    assert not PendingNotice.objects.exists()


def test_it_sends_and_deletes_nothing_when_suppressed(run, volunteer):
    wait(volunteer, Category.MESSAGES, "Ny besked")

    with emails.suppressed():
        assert run() == 0

    assert mail.outbox == []
    assert PendingNotice.objects.count() == 1


def test_notify_then_digest_end_to_end(run, volunteer, notice):
    services.set_preferences(user=volunteer, modes={Category.IDEAS: Mode.DIGEST})
    services.notify(
        volunteer, category=Category.IDEAS, **notice(title="Bænke", url="https://f.dk/i/")
    )
    assert mail.outbox == []

    run()

    [message] = mail.outbox
    assert "Påmindelse: en ansøgning venter på dit svar (Bænke)" in message.body
    assert "https://f.dk/i/" in message.body


def test_the_command_and_the_task_send_the_digest(
    volunteer, make_user, django_capture_on_commit_callbacks
):
    wait(volunteer, Category.MESSAGES, "Ny besked")
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_digest", stdout=out)

    assert out.getvalue().strip() == "1 daily digest(s) sent."
    wait(make_user("anden@example.dk"), Category.MESSAGES, "Endnu en")
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.send_daily_digest.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 2
