import datetime

from django.core.management import call_command
from django.utils import timezone

from frivillig.accounts.models import User


def test_it_purges_unconfirmed_accounts_from_the_command(db, capsys):
    old = User.objects.create_user(email="glemt@example.dk", password=None)
    User.objects.filter(pk=old.pk).update(date_joined=timezone.now() - datetime.timedelta(days=8))
    fresh = User.objects.create_user(email="ny@example.dk", password=None)
    call_command("purge_unconfirmed_accounts")
    assert "1 account(s) deleted." in capsys.readouterr().out
    assert list(User.objects.all()) == [fresh]
