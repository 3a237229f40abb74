"""The daily digest: one e-mail per person with every notice waiting for them, grouped by
category, in their language. Sent by `manage.py send_daily_digest` from cron (or the
`send_daily_digest` task); see docs/notifications.md.

Each person is dealt with in a transaction of their own: their waiting notices are read
under a row lock, deleted, and the e-mail is queued to leave when that transaction commits.
So a notice is sent at most once:
- two runs at the same moment: on PostgreSQL the second skips the rows the first has
  locked (`skip_locked`) and finds them gone afterwards; on SQLite the second run's
  transaction waits for the first (`transaction_mode: IMMEDIATE`) and then finds nothing;
- a run that stops half-way has deleted exactly the notices whose e-mails it queued, and the
  next run sends only what is left."""

from datetime import datetime
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frivillig.notifications import emails
from frivillig.notifications.categories import Category
from frivillig.notifications.models import PendingNotice

ORDER = {category: position for position, category in enumerate(Category.values)}


def send_digests(*, now: datetime | None = None) -> int:
    """Send every person their digest of the notices that arrived up to `now`. Returns how
    many e-mails were queued. Safe to run as often as you like; a person with nothing
    waiting gets nothing."""
    if emails.is_suppressed():
        # Deleting the notices without sending them would lose them.
        return 0
    now = now or timezone.now()
    user_ids = list(
        PendingNotice.objects.filter(created_at__lte=now)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    return sum(1 for user_id in user_ids if _send_one(user_id, now))


def _send_one(user_id: int, now: datetime) -> bool:
    with transaction.atomic():
        # One run at a time per person: the person's row is the lock (the documented order,
        # person first). Skipping locked notices instead let two runs split one person's
        # notices between them and send two digests.
        person = get_user_model().objects.select_for_update(skip_locked=True).filter(pk=user_id)
        if not person.values_list("pk", flat=True).first():
            return False
        notices = list(
            PendingNotice.objects.select_for_update()
            .filter(user_id=user_id, created_at__lte=now)
            .order_by("created_at", "pk")
        )
        if not notices:
            return False
        user = get_user_model().objects.select_related("profile").get(pk=user_id)
        PendingNotice.objects.filter(pk__in=[notice.pk for notice in notices]).delete()
        notices.sort(key=lambda notice: ORDER.get(notice.category, len(ORDER)))
        groups = [
            {"label": Category(category).label, "notices": list(items)}
            for category, items in groupby(notices, key=lambda notice: notice.category)
        ]
        emails.send_to_user(
            user,
            template="digest",
            context={
                "groups": groups,
                "count": len(notices),
                "preferences_url": settings.SITE_URL + reverse("portal:notification_preferences"),
            },
        )
    return True
