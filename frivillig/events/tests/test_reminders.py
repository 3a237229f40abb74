"""Reminders before a shift: one e-mail per window, never twice, however often cron runs."""

import builtins
import io
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections

from frivillig.accounts.models import VolunteerProfile
from frivillig.events import planning, reminders, signup
from frivillig.events.models import EventStatus, ShiftSignup
from frivillig.events.reminders import send_due_reminders

HOUR = timedelta(hours=1)


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Inside `with mails:` the e-mails queued on commit are sent; the outbox holds only them."""

    class Capture:
        def __enter__(self):
            mail.outbox.clear()
            self._inner = django_capture_on_commit_callbacks(execute=True)
            return self._inner.__enter__()

        def __exit__(self, *exc):
            return self._inner.__exit__(*exc)

    return Capture()


@pytest.fixture
def shift(make_shift):
    return make_shift(capacity=3, location="Gammeltorv")


@pytest.fixture
def held(volunteer, shift):
    """Vera's place, taken weeks before the shift."""
    return signup.sign_up(volunteer=volunteer, shift=shift).signup


def _sent(held):
    held.refresh_from_db()
    return held.reminders_sent


def test_it_reminds_two_days_before_and_only_once(held, shift, mails):
    with mails:
        assert send_due_reminders(now=shift.starts_at - 49 * HOUR) == 0
        assert send_due_reminders(now=shift.starts_at - 47 * HOUR) == 1
        assert send_due_reminders(now=shift.starts_at - 46 * HOUR) == 0
        assert send_due_reminders(now=shift.starts_at - 4 * HOUR) == 0

    [reminder] = mail.outbox
    assert reminder.to == ["frivillig@example.dk"]
    assert "Oprydning" in reminder.subject
    assert "Gammeltorv" in reminder.body
    assert _sent(held) == 1


def test_it_reminds_again_three_hours_before(held, shift, mails):
    with mails:
        send_due_reminders(now=shift.starts_at - 40 * HOUR)
        assert send_due_reminders(now=shift.starts_at - 2 * HOUR) == 1
        assert send_due_reminders(now=shift.starts_at - HOUR) == 0
    assert len(mail.outbox) == 2
    assert _sent(held) == 2


def test_it_sends_one_reminder_when_the_job_missed_a_window(held, shift, mails):
    with mails:
        assert send_due_reminders(now=shift.starts_at - 2 * HOUR) == 1
        assert send_due_reminders(now=shift.starts_at - HOUR) == 0
    assert len(mail.outbox) == 1
    assert _sent(held) == 2


def test_it_does_not_remind_someone_who_just_got_the_place(volunteer, shift, mails):
    late = signup.sign_up(volunteer=volunteer, shift=shift, now=shift.starts_at - 30 * HOUR)
    with mails:
        assert send_due_reminders(now=shift.starts_at - 29 * HOUR) == 0
        assert send_due_reminders(now=shift.starts_at - 2 * HOUR) == 1
    assert len(mail.outbox) == 1
    assert _sent(late.signup) == 2


def test_it_reminds_nobody_after_the_start(held, shift, mails):
    with mails:
        assert send_due_reminders(now=shift.starts_at) == 0
        assert send_due_reminders(now=shift.starts_at + HOUR) == 0
    assert mail.outbox == []


def test_it_reminds_only_people_with_a_place(make_user, make_shift, mails):
    full = make_shift(capacity=1)
    holder, waiting, leaving = make_user(), make_user(), make_user()
    signup.sign_up(volunteer=holder, shift=full)
    signup.sign_up(volunteer=waiting, shift=full)
    other = make_shift(event=full.event, day=0, start_hour=16)
    gone = signup.sign_up(volunteer=leaving, shift=other).signup
    signup.cancel(signup=gone, volunteer=leaving)

    with mails:
        assert send_due_reminders(now=full.starts_at - 10 * HOUR) == 1
    assert [m.to for m in mail.outbox] == [[holder.email]]


def test_it_reminds_nobody_of_a_cancelled_shift_or_event(held, shift, make_user, owner, mails):
    other = planning.add_shift(
        team=shift.team,
        starts_at=shift.starts_at + 5 * HOUR,
        ends_at=shift.starts_at + 7 * HOUR,
        capacity=2,
    )
    signup.sign_up(volunteer=make_user(), shift=other)
    signup.cancel_shift(shift=other, by=owner)
    shift.event.__class__.objects.filter(pk=shift.event_id).update(status=EventStatus.CANCELLED)

    with mails:
        assert send_due_reminders(now=shift.starts_at - 10 * HOUR) == 0
    assert mail.outbox == []


def test_it_follows_the_configured_windows(held, shift, settings, mails):
    settings.SHIFT_REMINDER_HOURS = [24]
    with mails:
        assert send_due_reminders(now=shift.starts_at - 30 * HOUR) == 0
        assert send_due_reminders(now=shift.starts_at - 23 * HOUR) == 1
        assert send_due_reminders(now=shift.starts_at - 2 * HOUR) == 0
    settings.SHIFT_REMINDER_HOURS = []
    assert send_due_reminders(now=shift.starts_at - HOUR) == 0


def test_it_writes_in_the_volunteers_language(held, shift, volunteer, mails):
    VolunteerProfile.objects.filter(user=volunteer).update(language="en")
    with mails:
        send_due_reminders(now=shift.starts_at - 47 * HOUR)
    assert mail.outbox[0].subject.startswith("Reminder")


def test_a_run_that_lost_the_race_sends_nothing(held, shift, monkeypatch, mails):
    """Two runs read the same due sign-up; the one that updates second must send nothing.
    The second run is started right after the first has read its candidates."""
    now = shift.starts_at - 47 * HOUR
    results = []

    def list_then_race(rows):
        rows = builtins.list(rows)
        monkeypatch.undo()
        results.append(send_due_reminders(now=now))
        return rows

    monkeypatch.setattr(reminders, "list", list_then_race, raising=False)
    with mails:
        results.append(send_due_reminders(now=now))
    assert results == [1, 0]
    assert len(mail.outbox) == 1


def test_the_command_sends_and_says_how_many(held, shift, monkeypatch, mails):
    monkeypatch.setattr(reminders.timezone, "now", lambda: shift.starts_at - 47 * HOUR)
    out = io.StringIO()
    with mails:
        call_command("send_shift_reminders", stdout=out)
    assert out.getvalue().startswith("1 shift reminder(s) sent")
    assert len(mail.outbox) == 1


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_runs_send_each_reminder_once(make_user, make_shift):
    shift = make_shift(capacity=20)
    for _ in range(20):
        signup.sign_up(volunteer=make_user(), shift=shift)
    now = shift.starts_at - 47 * HOUR
    barrier = threading.Barrier(4)
    counts = []

    def run():
        try:
            barrier.wait()
            counts.append(send_due_reminders(now=now))
        finally:
            connections.close_all()

    mail.outbox = []
    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(counts) == 20
    assert len(mail.outbox) == 20
    assert set(ShiftSignup.objects.values_list("reminders_sent", flat=True)) == {1}
