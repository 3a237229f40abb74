"""Messages between a volunteer and an organisation: the strategy's "open and equal dialogue".

A thread belongs to one volunteer and one organisation; any of the organisation's staff who may
manage applications can answer for it. It may be about one of the volunteer's applications,
engagements or shift sign-ups with that organisation, or about nothing in particular.

Each side's read state is one timestamp on the thread (any coordinator's read counts for the
organisation), and the time of each side's last message is kept on the thread too, so "unread"
is a comparison of two columns on one row: the badge in the navigation costs one query with no
join, however many messages there are."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

SUBJECT_LIMIT = 200
BODY_LIMIT = 5000

# Unread for one side: the other side wrote after this side last read.
UNREAD_FOR_VOLUNTEER = Q(last_organisation_message_at__isnull=False) & (
    Q(volunteer_read_at__isnull=True) | Q(last_organisation_message_at__gt=F("volunteer_read_at"))
)
UNREAD_FOR_ORGANISATION = Q(last_volunteer_message_at__isnull=False) & (
    Q(organisation_read_at__isnull=True)
    | Q(last_volunteer_message_at__gt=F("organisation_read_at"))
)


class Thread(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="message_threads"
    )
    # The volunteer's account going takes their conversations with it (their data).
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="message_threads"
    )
    subject = models.CharField(_("subject"), max_length=SUBJECT_LIMIT)
    # What the thread is about: at most one of these (a constraint), always the volunteer's own
    # with this organisation (the service checks). When the thing is anonymised or deleted the
    # conversation stays.
    application = models.ForeignKey(
        "engagements.Application",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="message_threads",
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="message_threads",
    )
    shift_signup = models.ForeignKey(
        "events.ShiftSignup",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="message_threads",
    )
    started_by_organisation = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField()
    last_volunteer_message_at = models.DateTimeField(null=True, blank=True)
    last_organisation_message_at = models.DateTimeField(null=True, blank=True)
    volunteer_read_at = models.DateTimeField(null=True, blank=True)
    organisation_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(application__isnull=True, engagement__isnull=True)
                    | Q(application__isnull=True, shift_signup__isnull=True)
                    | Q(engagement__isnull=True, shift_signup__isnull=True)
                ),
                name="message_thread_about_at_most_one",
            ),
            models.CheckConstraint(
                condition=~Q(subject=""), name="message_thread_subject_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "-last_message_at"], name="thread_by_volunteer"),
            models.Index(
                fields=["organisation", "-last_message_at"], name="thread_by_organisation"
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def about(self):
        return self.application or self.engagement or self.shift_signup

    @property
    def unread_for_volunteer(self) -> bool:
        last = self.last_organisation_message_at
        return last is not None and (
            self.volunteer_read_at is None or last > self.volunteer_read_at
        )

    @property
    def unread_for_organisation(self) -> bool:
        last = self.last_volunteer_message_at
        return last is not None and (
            self.organisation_read_at is None or last > self.organisation_read_at
        )


class Message(models.Model):
    thread = models.ForeignKey(Thread, models.CASCADE, related_name="messages")
    # A member of staff who leaves keeps their answers in the thread, without a name.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages_written",
    )
    from_organisation = models.BooleanField()
    body = models.TextField(_("message"), max_length=BODY_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="message_body_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_LIMIT), name="message_body_limit"
            ),
        ]
        indexes = [models.Index(fields=["thread", "created_at"], name="message_in_thread")]

    def __str__(self):
        return self.body[:50]
