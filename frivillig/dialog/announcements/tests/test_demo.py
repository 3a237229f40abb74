"""The demo's announcements: one from Nibe Besøgsvenner to all its volunteers and one to
everyone on shift on a carnival day, delivered on "Min side" without sending any e-mail."""

from django.core import mail
from django.core.management import call_command

from frivillig.dialog.announcements import demo
from frivillig.dialog.announcements.models import Announcement, Audience, Delivery


def test_it_loads_two_delivered_announcements_and_sends_nothing(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
        # In seed_demo, after onboarding_demo and inside emails.suppressed().
        assert demo.load() == []
        assert demo.load() == []  # twice changes nothing

    association = Announcement.objects.get(audience=Audience.ALL)
    carnival = Announcement.objects.get(audience=Audience.EVENT_DAY)
    assert association.author is not None
    assert carnival.author.email == "karneval@demo.frivillig.dk"
    for announcement in (association, carnival):
        assert announcement.sent_at is not None
        assert announcement.recipient_count == announcement.deliveries.count() > 0
    assert Delivery.objects.filter(read_at__isnull=True).count() == Delivery.objects.count()
    assert Announcement.objects.count() == 2
    assert mail.outbox == []
