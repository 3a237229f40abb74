"""Writing announcements, choosing not to receive them, and reading them.

An announcement is saved in one short transaction; the delivery rows and the e-mails are made
by a task after commit (announcements.tasks), so sending to a thousand people never holds a
request or a lock. The count the writer confirmed is stored; the task stores the count it
reached."""

from datetime import date
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.catalog.models import Opportunity
from frivillig.dialog.announcements import queries
from frivillig.dialog.announcements.models import (
    BODY_MAX,
    SUBJECT_MAX,
    Announcement,
    AnnouncementOptOut,
    Audience,
    Delivery,
)
from frivillig.events.models import Event, Team
from frivillig.notifications.emails import is_suppressed
from frivillig.organisations.models import Organisation

OPT_OUT_SALT = "frivillig.announcements.opt-out"


class AnnouncementError(Exception):
    """A rule stopped the change; the message is translated and fit for the user."""


# Writing ------------------------------------------------------------------------------------


def _clean_text(subject: str, body: str) -> tuple[str, str]:
    # Browsers send line breaks as CRLF; store one kind, so lengths and e-mails agree.
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    subject = " ".join((subject or "").split())
    if not subject or not body:
        raise AnnouncementError(_("Write both a subject and a message."))
    if len(subject) > SUBJECT_MAX:
        raise AnnouncementError(
            _("The subject can be at most %(n)d characters.") % {"n": SUBJECT_MAX}
        )
    if len(body) > BODY_MAX:
        raise AnnouncementError(_("The message can be at most %(n)d characters.") % {"n": BODY_MAX})
    return subject, body


def _check_target(*, organisation, audience, opportunity, team, event, day) -> dict:
    """The target that belongs to the audience, checked to be the organisation's own."""
    if audience == Audience.ALL:
        return {}
    if audience == Audience.OPPORTUNITY:
        if not isinstance(opportunity, Opportunity) or opportunity.organisation_id != (
            organisation.pk
        ):
            raise AnnouncementError(_("Choose one of the organisation's opportunities."))
        return {"opportunity": opportunity}
    if audience == Audience.TEAM:
        if not isinstance(team, Team) or team.event.organisation_id != organisation.pk:
            raise AnnouncementError(_("Choose one of the organisation's teams."))
        return {"team": team}
    if audience == Audience.EVENT_DAY:
        if not isinstance(event, Event) or event.organisation_id != organisation.pk:
            raise AnnouncementError(_("Choose one of the organisation's events."))
        if not isinstance(day, date) or not event.starts_on <= day <= event.ends_on:
            raise AnnouncementError(
                _("Choose a day from %(first)s to %(last)s.")
                % {
                    "first": event.starts_on.strftime("%d.%m.%Y"),
                    "last": event.ends_on.strftime("%d.%m.%Y"),
                }
            )
        return {"event": event, "day": day}
    raise AnnouncementError(_("Choose who should receive the announcement."))


def count_recipients(
    *, organisation: Organisation, audience: str, opportunity=None, team=None, event=None, day=None
) -> int:
    """How many people an announcement would reach now: the figure the writer confirms."""
    target = _check_target(
        organisation=organisation,
        audience=audience,
        opportunity=opportunity,
        team=team,
        event=event,
        day=day,
    )
    return queries.recipients(organisation=organisation, audience=audience, **target).count()


def send(
    *,
    organisation: Organisation,
    author,
    subject: str,
    body: str,
    audience: str,
    opportunity=None,
    team=None,
    event=None,
    day: date | None = None,
) -> Announcement:
    """Save the announcement and have it delivered after commit. Refuses an audience with
    nobody in it."""
    subject, body = _clean_text(subject, body)
    target = _check_target(
        organisation=organisation,
        audience=audience,
        opportunity=opportunity,
        team=team,
        event=event,
        day=day,
    )
    count = queries.recipients(organisation=organisation, audience=audience, **target).count()
    if not count:
        raise AnnouncementError(
            _(
                "Nobody would receive this announcement: no volunteer is in the group you "
                "chose, or they have all chosen not to receive announcements."
            )
        )
    with transaction.atomic():
        announcement = Announcement.objects.create(
            organisation=organisation,
            author=author,
            subject=subject,
            body=body,
            audience=audience,
            recipient_count=count,
            **target,
        )
        _deliver_after_commit(announcement)
    return announcement


def _deliver_after_commit(announcement: Announcement) -> None:
    from frivillig.dialog.announcements import tasks

    if is_suppressed():
        # Loading demo data: make the delivery rows now, while e-mails are suppressed (after
        # commit, or in a worker later, they would be sent).
        tasks.deliver.call(announcement_id=announcement.pk)
        return
    transaction.on_commit(partial(tasks.deliver.enqueue, announcement_id=announcement.pk))


# Opting out ---------------------------------------------------------------------------------


def opt_out(*, user, organisation: Organisation) -> AnnouncementOptOut:
    try:
        with transaction.atomic():
            return AnnouncementOptOut.objects.get_or_create(user=user, organisation=organisation)[0]
    except IntegrityError:
        # A second click raced the first; the unique constraint decided, the wish is the same.
        return AnnouncementOptOut.objects.get(user=user, organisation=organisation)


def opt_in(*, user, organisation: Organisation) -> None:
    AnnouncementOptOut.objects.filter(user=user, organisation=organisation).delete()


@transaction.atomic
def set_opt_outs(*, user, organisations) -> None:
    """Exactly `organisations` are opted out of, of the person's organisations."""
    wanted = {organisation.pk for organisation in organisations}
    AnnouncementOptOut.objects.filter(user=user).exclude(organisation_id__in=wanted).delete()
    have = set(
        AnnouncementOptOut.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    AnnouncementOptOut.objects.bulk_create(
        [AnnouncementOptOut(user=user, organisation_id=pk) for pk in wanted - have],
        ignore_conflicts=True,
    )


def opt_out_token(*, user, organisation: Organisation) -> str:
    """The key in the opt-out link of an e-mail: it names the person and the organisation and
    is signed with SECRET_KEY, so it cannot be changed to someone else's."""
    return signing.dumps({"u": user.pk, "o": organisation.pk}, salt=OPT_OUT_SALT, compress=True)


def read_opt_out_token(token: str):
    """(user, organisation) from an opt-out key; AnnouncementError when it was tampered with
    or names something that no longer exists."""
    from django.contrib.auth import get_user_model

    problem = AnnouncementError(
        _(
            "This link is not valid. Copy the whole link from the e-mail, or sign in and "
            "choose on “My page”."
        )
    )
    try:
        data = signing.loads(token, salt=OPT_OUT_SALT)
        user_pk, organisation_pk = int(data["u"]), int(data["o"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise problem from None
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    organisation = Organisation.objects.filter(pk=organisation_pk).first()
    if user is None or organisation is None:
        raise problem
    return user, organisation


def opt_out_url(*, user, organisation: Organisation) -> str:
    token = opt_out_token(user=user, organisation=organisation)
    return settings.SITE_URL + reverse("portal:announcement_opt_out_link", args=[token])


# Reading ------------------------------------------------------------------------------------


def mark_read(*, delivery: Delivery) -> Delivery:
    if delivery.read_at is None:
        now = timezone.now()
        # Conditional: a second tab opening it keeps the first time it was read.
        Delivery.objects.filter(pk=delivery.pk, read_at__isnull=True).update(read_at=now)
        delivery.read_at = now
    return delivery
