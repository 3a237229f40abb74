from django.core import mail
from django.core.management import call_command

from frivillig.engagements.models import Application, Engagement


def test_it_loads_volunteers_with_history_in_every_state(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == {"pending", "accepted", "declined", "withdrawn"}
    assert set(Engagement.objects.values_list("status", flat=True)) == {"active", "paused", "ended"}
    assert Application.objects.filter(volunteer__email="frivillig@demo.frivillig.dk").count() == 3
    assert mail.outbox == []  # the demo's own history sends nobody anything


def test_it_lets_every_demo_login_in_without_a_code(db, client):
    from allauth.account.models import EmailAddress

    call_command("seed_demo", verbosity=0)
    for email in ("forening@demo.frivillig.dk", "frivillig@demo.frivillig.dk"):
        assert EmailAddress.objects.get(email=email).verified


def test_it_gives_the_demo_volunteer_a_history_worth_showing(db):
    call_command("seed_demo", verbosity=0)
    mine = Engagement.objects.filter(volunteer__email="frivillig@demo.frivillig.dk")
    assert set(mine.values_list("status", flat=True)) == {"active", "paused"}
