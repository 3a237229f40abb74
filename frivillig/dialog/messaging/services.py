"""Threads and messages: start, answer, mark as read.

Every function owns its transaction and raises MessageError with a message for the user.
Writing a message locks the thread row first, then checks for a double submission, then
inserts, so two identical posts a moment apart (a double click, a retried request) leave one
message. The other side is told by e-mail after commit (notices.py)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.dialog.messaging import notices
from frivillig.dialog.messaging.models import BODY_LIMIT, SUBJECT_LIMIT, Message, Thread
from frivillig.engagements.models import Application, Engagement
from frivillig.events.models import ShiftSignup
from frivillig.organisations.models import Organisation
from frivillig.organisations.permissions import MANAGE_APPLICATIONS, user_can

# A second identical message from the same person within this time is taken as a double
# submission, not as something they meant to say twice.
DUPLICATE_WINDOW = timedelta(seconds=10)


class MessageError(Exception):
    """The message cannot be sent; str(error) says why, in the user's language."""


def _clean_text(text: str, *, limit: int, empty: str, too_long: str) -> str:
    text = (text or "").strip()
    if not text:
        raise MessageError(empty)
    if len(text) > limit:
        raise MessageError(too_long % {"limit": limit, "length": len(text)})
    return text


def _clean_body(body: str) -> str:
    return _clean_text(
        body,
        limit=BODY_LIMIT,
        empty=_("Write a message."),
        too_long=_(
            "The message can be at most %(limit)d characters long; it is %(length)d. "
            "Shorten it or split it into two messages."
        ),
    )


def _clean_subject(subject: str) -> str:
    return _clean_text(
        subject,
        limit=SUBJECT_LIMIT,
        empty=_("Write a subject."),
        too_long=_("The subject can be at most %(limit)d characters long; it is %(length)d."),
    )


def has_worked_with(*, organisation: Organisation, volunteer) -> bool:
    """Whether the volunteer has (or had) an application, engagement or shift sign-up with
    the organisation: the only people its staff may start a conversation with."""
    return (
        Application.objects.filter(organisation=organisation, volunteer=volunteer).exists()
        or Engagement.objects.filter(organisation=organisation, volunteer=volunteer).exists()
        or ShiftSignup.objects.filter(
            shift__organisation=organisation, volunteer=volunteer
        ).exists()
    )


def _check_about(*, organisation, volunteer, application, engagement, shift_signup) -> None:
    chosen = [x for x in (application, engagement, shift_signup) if x is not None]
    if len(chosen) > 1:
        raise MessageError(_("A conversation can be about one thing at most."))
    if application is not None and (
        application.volunteer_id != volunteer.pk or application.organisation_id != organisation.pk
    ):
        raise MessageError(_("Choose one of the volunteer's own applications here."))
    if engagement is not None and (
        engagement.volunteer_id != volunteer.pk or engagement.organisation_id != organisation.pk
    ):
        raise MessageError(_("Choose one of the volunteer's own engagements here."))
    if shift_signup is not None and (
        shift_signup.volunteer_id != volunteer.pk
        or shift_signup.shift.organisation_id != organisation.pk
    ):
        raise MessageError(_("Choose one of the volunteer's own shifts here."))


def _create_thread(
    *, organisation, volunteer, subject, by_organisation, application, engagement, shift_signup
) -> Thread:
    now = timezone.now()
    return Thread.objects.create(
        organisation=organisation,
        volunteer=volunteer,
        subject=subject,
        application=application,
        engagement=engagement,
        shift_signup=shift_signup,
        started_by_organisation=by_organisation,
        last_message_at=now,
    )


@transaction.atomic
def start_by_volunteer(
    *,
    volunteer,
    organisation: Organisation,
    subject: str,
    body: str,
    application: Application | None = None,
    engagement: Engagement | None = None,
    shift_signup: ShiftSignup | None = None,
) -> Thread:
    """A signed-in volunteer writes to any approved organisation."""
    if not organisation.is_approved:
        raise MessageError(_("You can write only to an organisation approved by the municipality."))
    return _start(
        author=volunteer,
        from_organisation=False,
        organisation=organisation,
        volunteer=volunteer,
        subject=subject,
        body=body,
        about={"application": application, "engagement": engagement, "shift_signup": shift_signup},
    )


@transaction.atomic
def start_by_organisation(
    *,
    by,
    organisation: Organisation,
    volunteer,
    subject: str,
    body: str,
    application: Application | None = None,
    engagement: Engagement | None = None,
    shift_signup: ShiftSignup | None = None,
) -> Thread:
    """Staff write to a volunteer who has (or had) something to do with the organisation;
    never to an arbitrary citizen."""
    if not user_can(by, organisation, MANAGE_APPLICATIONS):
        raise MessageError(_("You may not write messages for this organisation."))
    if not has_worked_with(organisation=organisation, volunteer=volunteer):
        raise MessageError(
            _(
                "You can write only to a volunteer who has applied, volunteers or has signed "
                "up for a shift with the organisation."
            )
        )
    return _start(
        author=by,
        from_organisation=True,
        organisation=organisation,
        volunteer=volunteer,
        subject=subject,
        body=body,
        about={"application": application, "engagement": engagement, "shift_signup": shift_signup},
    )


def _start(*, author, from_organisation: bool, organisation, volunteer, subject, body, about):
    """The part both sides share: clean the text, check what the thread is about, create it
    with its first message (inside the caller's transaction)."""
    subject, body = _clean_subject(subject), _clean_body(body)
    _check_about(organisation=organisation, volunteer=volunteer, **about)
    thread = _create_thread(
        organisation=organisation,
        volunteer=volunteer,
        subject=subject,
        by_organisation=from_organisation,
        **about,
    )
    _add(thread=thread, author=author, body=body, from_organisation=from_organisation)
    return thread


def _add(*, thread: Thread, author, body: str, from_organisation: bool) -> Message:
    """Insert under the thread's lock (held by the caller, or a new row nobody else sees)."""
    now = timezone.now()
    recent = Message.objects.filter(
        thread=thread, author=author, body=body, created_at__gte=now - DUPLICATE_WINDOW
    )
    if recent.exists():
        raise MessageError(
            _("This message has just been sent. It is in the conversation below; once is enough.")
        )
    message = Message.objects.create(
        thread=thread, author=author, body=body, from_organisation=from_organisation
    )
    changes = {"last_message_at": message.created_at}
    # Writing means having read everything so far.
    if from_organisation:
        changes |= {
            "last_organisation_message_at": message.created_at,
            "organisation_read_at": message.created_at,
        }
    else:
        changes |= {
            "last_volunteer_message_at": message.created_at,
            "volunteer_read_at": message.created_at,
        }
    Thread.objects.filter(pk=thread.pk).update(**changes)
    for field, value in changes.items():
        setattr(thread, field, value)
    notices.message_sent(thread, message)
    return message


def _locked(thread: Thread) -> Thread:
    return (
        Thread.objects.select_for_update(of=("self",), no_key=True)
        .select_related("organisation", "volunteer")
        .get(pk=thread.pk)
    )


@transaction.atomic
def reply_as_volunteer(*, thread: Thread, volunteer, body: str) -> Message:
    body = _clean_body(body)
    locked = _locked(thread)
    if locked.volunteer_id != volunteer.pk:
        raise MessageError(_("This conversation is not yours."))
    message = _add(thread=locked, author=volunteer, body=body, from_organisation=False)
    _copy_state(locked, thread)
    return message


@transaction.atomic
def reply_as_organisation(*, thread: Thread, by, body: str) -> Message:
    body = _clean_body(body)
    locked = _locked(thread)
    if not user_can(by, locked.organisation, MANAGE_APPLICATIONS):
        raise MessageError(_("You may not write messages for this organisation."))
    message = _add(thread=locked, author=by, body=body, from_organisation=True)
    _copy_state(locked, thread)
    return message


def _copy_state(source: Thread, target: Thread) -> None:
    for field in (
        "last_message_at",
        "last_volunteer_message_at",
        "last_organisation_message_at",
        "volunteer_read_at",
        "organisation_read_at",
    ):
        setattr(target, field, getattr(source, field))


def mark_read_by_volunteer(*, thread: Thread, now=None) -> bool:
    """Note that the volunteer has read the organisation's messages; only a change is
    written, so the time shown to the other side is when the newest message was first read.
    One statement, so no transaction of its own is needed."""
    now = now or timezone.now()
    changed = (
        Thread.objects.filter(pk=thread.pk, last_organisation_message_at__isnull=False)
        .filter(
            Q(volunteer_read_at__isnull=True)
            | Q(volunteer_read_at__lt=F("last_organisation_message_at"))
        )
        .update(volunteer_read_at=now)
    )
    if changed:
        thread.volunteer_read_at = now
    return bool(changed)


def mark_read_by_organisation(*, thread: Thread, now=None) -> bool:
    """The same for the organisation: any of its staff reading counts."""
    now = now or timezone.now()
    changed = (
        Thread.objects.filter(pk=thread.pk, last_volunteer_message_at__isnull=False)
        .filter(
            Q(organisation_read_at__isnull=True)
            | Q(organisation_read_at__lt=F("last_volunteer_message_at"))
        )
        .update(organisation_read_at=now)
    )
    if changed:
        thread.organisation_read_at = now
    return bool(changed)
