"""Delivering an announcement in a worker: the rows for "Min side" in bulk, then the e-mails.

Announcements to a team or an event day are about the person's own shifts: they go straight
to the person (emails.send_to_user), opt-out or digest choice notwithstanding. Announcements
to everyone or to an opportunity go through notify(), which honours the person's choice of
"at once" or "daily digest"; people who opted out are not among the recipients at all.

Running twice delivers once: the task claims the announcement by setting `sent_at` in a
conditional UPDATE, and the unique constraint keeps one row per person."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from frivillig.notifications import emails
from frivillig.notifications.categories import Category
from frivillig.notifications.services import notify

TEMPLATE = "announcement"


@task()
def deliver(*, announcement_id: int) -> int:
    from django.conf import settings

    from frivillig.dialog.announcements import queries, services
    from frivillig.dialog.announcements.models import Announcement, Delivery

    now = timezone.now()
    with transaction.atomic():
        claimed = Announcement.objects.filter(pk=announcement_id, sent_at__isnull=True).update(
            sent_at=now
        )
        if not claimed:
            return 0
        announcement = Announcement.objects.select_related(
            "organisation", "opportunity", "team__event", "event"
        ).get(pk=announcement_id)
        people = list(queries.recipients_of(announcement).select_related("profile"))
        Delivery.objects.bulk_create(
            [Delivery(announcement=announcement, user=person, created_at=now) for person in people],
            ignore_conflicts=True,
            batch_size=1000,
        )
        Announcement.objects.filter(pk=announcement_id).update(recipient_count=len(people))
        url = settings.SITE_URL + reverse("portal:my_announcement", args=[announcement.pk])
        for person in people:
            context = {
                "announcement": announcement,
                "organisation": announcement.organisation,
                "url": url,
                "opt_out_url": services.opt_out_url(
                    user=person, organisation=announcement.organisation
                ),
            }
            if announcement.about_own_shifts:
                emails.send_to_user(person, template=TEMPLATE, context=context)
            else:
                notify(person, category=Category.ANNOUNCEMENTS, template=TEMPLATE, context=context)
    return len(people)
