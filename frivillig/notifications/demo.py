"""Demo notification choices for `seed_demo`: the demo volunteer gets announcements and thanks
in a daily digest, and one notice is already waiting for it, so that "Notifications" on
Min side and `manage.py send_daily_digest` have something to show. No new log-ins; loading
twice changes nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.notifications import services
from frivillig.notifications.categories import Category
from frivillig.notifications.models import Mode, NotificationPreference, PendingNotice


def load() -> list:
    volunteer = get_user_model().objects.filter(email__iexact=VOLUNTEER_LOGIN[0]).first()
    if volunteer is None or NotificationPreference.objects.filter(user=volunteer).exists():
        return []
    with transaction.atomic():
        services.set_preferences(
            user=volunteer,
            modes={Category.ANNOUNCEMENTS: Mode.DIGEST, Category.RECOGNITION: Mode.DIGEST},
        )
        # Written as notify() would have rendered it for her (in Danish, her language).
        PendingNotice.objects.create(
            user=volunteer,
            category=Category.ANNOUNCEMENTS,
            subject="Demo: en meddelelse, der venter på din daglige opsamling",
            text="Denne besked kommer med i din daglige opsamling.",
            url=settings.SITE_URL + reverse("portal:notification_preferences"),
        )
    return []
