"""notify(): the one door for notices about dialogue and recognition. It honours the
recipient's choice per category (at once, or in the daily digest). Notices about a person's
own shifts, applications and agreements keep using emails.send_to_user directly: nobody
can opt out of those."""

from collections.abc import Callable, Iterable, Mapping

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.notifications import emails
from frivillig.notifications.categories import Category
from frivillig.notifications.models import (
    SUBJECT_LIMIT,
    URL_LIMIT,
    Mode,
    NotificationPreference,
    PendingNotice,
)


class NotificationError(Exception):
    """A choice that cannot be saved; the message says why, for the person."""


def notify(user, *, category: Category, template: str, context: dict, reply_to=None) -> None:
    """Tell `user` about something in `category`, using the e-mail `template` (the same
    email/<template>_subject.txt and .txt pair that emails.send_to_user takes). `context`
    must hold `url`, the absolute address of the page the notice is about.

    One query for the person's choice. Called inside the caller's transaction: a notice
    kept for the digest is saved with it, and one sent at once leaves after commit, so a
    rollback tells nobody anything."""
    if emails.is_suppressed() or not user.email:
        return
    mode = (
        NotificationPreference.objects.filter(user=user, category=category)
        .values_list("mode", flat=True)
        .first()
    )
    if mode == Mode.DIGEST:
        _pending(user, category, template, context).save()
    else:
        emails.send_to_user(user, template=template, context=context, reply_to=reply_to)


def notify_many(
    users: Iterable,
    *,
    category: Category,
    template: str,
    context: dict | Callable[..., dict],
    reply_to=None,
) -> None:
    """notify() for many people at once (an announcement to all of an organisation's
    volunteers): their choices in one query, their languages in at most one more, and the
    notices for the digest in one insert, however many people there are.

    `context` is the same for everyone, or a function of the person that returns theirs
    (e.g. with a personal opt-out link); either way it must hold `url`."""
    if emails.is_suppressed():
        return
    users = [user for user in users if user.email]
    if not users:
        return
    # The language is read from the profile; load the profiles not loaded yet in one query.
    prefetch_related_objects(users, "profile")
    digest = set(
        NotificationPreference.objects.filter(
            user__in=users, category=category, mode=Mode.DIGEST
        ).values_list("user_id", flat=True)
    )
    pending = []
    for user in users:
        own = context(user) if callable(context) else context
        if user.pk in digest:
            pending.append(_pending(user, category, template, own))
        else:
            emails.send_to_user(user, template=template, context=own, reply_to=reply_to)
    if pending:
        PendingNotice.objects.bulk_create(pending)


def _pending(user, category, template: str, context: dict) -> PendingNotice:
    # Rendered now, in the recipient's language, so that the digest shows the notice as it
    # was when it happened even if the thing it is about changes or goes.
    subject, text, _html = emails.render_email(
        template, {"recipient": user, **context}, emails.recipient_language(user)
    )
    return PendingNotice(
        user=user,
        category=category,
        subject=_shorten(subject, SUBJECT_LIMIT),
        text=text.strip(),
        url=str(context.get("url", ""))[:URL_LIMIT],
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Preferences --------------------------------------------------------------------------------


def preferences_for(user) -> dict[str, str]:
    """The person's mode for every category, in the categories' order; "immediate" where
    they have not chosen."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("category", "mode"))
    return {category: chosen.get(category, Mode.IMMEDIATE.value) for category in Category.values}


def set_preferences(*, user, modes: Mapping[str, str]) -> dict[str, str]:
    """Save the person's choices for the categories in `modes` (the others stay as they
    are) and return all their choices. Notices already waiting for the digest are still sent
    in it."""
    for category, mode in modes.items():
        if category not in Category.values:
            raise NotificationError(
                _("“%(category)s” is not a kind of notice.") % {"category": category}
            )
        if mode not in Mode.values:
            raise NotificationError(
                _("Choose “immediately” or “daily digest” for %(category)s.")
                % {"category": Category(category).label}
            )
    now = timezone.now()
    with transaction.atomic():
        # One statement, safe against a second request saving at the same moment: the
        # unique (user, category) turns the later insert into an update.
        NotificationPreference.objects.bulk_create(
            [
                NotificationPreference(user=user, category=category, mode=mode, updated_at=now)
                for category, mode in modes.items()
            ],
            update_conflicts=True,
            unique_fields=["user", "category"],
            update_fields=["mode", "updated_at"],
        )
    return preferences_for(user)


def pending_count(user) -> int:
    return PendingNotice.objects.filter(user=user).count()
