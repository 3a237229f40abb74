import datetime

from django.core.management import call_command
from django.utils import timezone

from frivillig.engagements import services
from frivillig.engagements.models import Application


def test_it_sends_due_reminders_from_the_command(make_opportunity, volunteer, capsys):
    application = services.apply(volunteer=volunteer, opportunity=make_opportunity())
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=4)
    )
    call_command("send_reminders")
    assert "1 reminder(s) sent." in capsys.readouterr().out
    assert Application.objects.get().reminders_sent == 1
