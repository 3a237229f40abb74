"""Who is told what about a call-out. Called inside the service's transaction; the e-mails
leave after commit.

The invitations go out as one background task per call-out, queued on commit: the
coordinator's request does not wait while hundreds of e-mails are rendered, and a rollback
sends nothing."""

from functools import partial

from django.db import transaction
from django.urls import reverse

from frivillig.notifications.emails import send_to_user


def _context(response, **extra):
    return {
        "response": response,
        "callout": response.callout,
        "organisation": response.callout.organisation,
        "respond_url": reverse("portal:callout_respond", args=[response.token]),
        "preferences_url": reverse("portal:callout_preferences"),
        **extra,
    }


def invite_all(callout) -> None:
    from frivillig.callouts.tasks import send_invitations

    transaction.on_commit(partial(send_invitations.enqueue, callout_id=callout.pk))


def invite(response) -> None:
    send_to_user(response.volunteer, template="callout_invitation", context=_context(response))


def accepted(response) -> None:
    send_to_user(response.volunteer, template="callout_accepted", context=_context(response))
