"""The person's choices and waiting notices are in their data export and go with their
account; the demo gives the demo volunteer a digest to look at."""

import json

from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.notifications import demo, privacy, services
from frivillig.notifications.categories import Category
from frivillig.notifications.models import NotificationPreference, PendingNotice


def test_the_export_holds_the_choices_and_the_waiting_notices(volunteer, make_user):
    services.set_preferences(user=volunteer, modes={"ideas": "digest"})
    PendingNotice.objects.create(
        user=volunteer, category="ideas", subject="Din idé", text="Se den", url="https://f.dk/i/"
    )
    PendingNotice.objects.create(user=make_user(), category="ideas", subject="Ikke din")

    data = privacy.export_for(volunteer)

    json.dumps(data)  # ready for the JSON download
    assert data["notification_preferences"]["ideas"] == "digest"
    assert data["notification_preferences"]["messages"] == "immediate"
    [notice] = data["pending_notices"]
    assert (notice["subject"], notice["text"], notice["url"]) == (
        "Din idé",
        "Se den",
        "https://f.dk/i/",
    )


def test_deleting_the_account_deletes_the_choices_and_notices(volunteer):
    services.set_preferences(user=volunteer, modes={"ideas": "digest"})
    PendingNotice.objects.create(user=volunteer, category="ideas", subject="Din idé")

    volunteer.delete()

    assert not NotificationPreference.objects.exists()
    assert not PendingNotice.objects.exists()


def test_the_demo_volunteer_gets_a_digest_with_one_notice_waiting(make_user):
    sara = make_user(VOLUNTEER_LOGIN[0])

    assert demo.load() == []
    assert demo.load() == []  # twice changes nothing

    prefs = services.preferences_for(sara)
    assert prefs[Category.ANNOUNCEMENTS] == prefs[Category.RECOGNITION] == "digest"
    assert PendingNotice.objects.filter(user=sara).count() == 1


def test_the_demo_does_nothing_without_the_demo_volunteer(db):
    assert demo.load() == []
    assert not NotificationPreference.objects.exists()
