"""The demo's activity totals: built after the rest of the demo, and the overview shows the
same figures from them as from the raw rows."""

import pytest
from django.db import transaction

from frivillig.activity import demo
from frivillig.activity.models import Coverage, MonthlyActivity
from frivillig.catalog.demo.loader import load_demo
from frivillig.coordination import overview
from frivillig.engagements.demo import load_demo_volunteers
from frivillig.events import demo as events_demo
from frivillig.notifications import emails
from frivillig.organisations.models import Organisation


def figures():
    period = overview.Period.current()
    return [
        overview.TABLES[name](Organisation.objects.all(), period).rows
        for name in ("year", "areas", "towns", "settings", "months")
    ]


@pytest.mark.django_db
def test_it_totals_the_demo_and_changes_no_figure(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with transaction.atomic():
        load_demo()
        with emails.suppressed():
            load_demo_volunteers()
            events_demo.load()
    live = figures()
    assert demo.load() == []
    assert Coverage.objects.exists()
    assert figures() == live
    rows = MonthlyActivity.objects.count()
    demo.load()
    assert MonthlyActivity.objects.count() == rows
