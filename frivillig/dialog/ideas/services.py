"""Ideas: propose, give or withdraw consent, route, and answer (office or organisation).

Every function owns its transaction and raises IdeaError with a message for the user. A step
locks the idea row first, so two people answering at once cannot both change it; proposing
locks the proposer's account row, so the daily limit holds under parallel requests. Every
status change is told to the proposer by e-mail, after commit (notifications.notify)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.dialog.ideas.models import (
    DESCRIPTION_MAX,
    NOTE_MAX,
    TITLE_MAX,
    Idea,
    IdeaEvent,
    IdeaStatus,
)
from frivillig.notifications.categories import Category
from frivillig.notifications.services import notify

DAILY_LIMIT = 5


class IdeaError(Exception):
    """The step cannot be taken; str(error) says why, in the user's language."""


class DailyLimitReached(IdeaError):
    """The proposer has sent DAILY_LIMIT ideas in the last 24 hours."""


def _text(value: str, *, limit: int, required: bool, empty_message: str) -> str:
    value = (value or "").strip()
    if required and not value:
        raise IdeaError(empty_message)
    if len(value) > limit:
        raise IdeaError(
            _("The text can be at most %(limit)d characters long (it has %(length)d).")
            % {"limit": limit, "length": len(value)}
        )
    return value


def idea_url(idea) -> str:
    return settings.SITE_URL + reverse("portal:my_idea", args=[idea.pk])


def _tell_proposer(idea, event) -> None:
    if idea.proposer_id is None:
        return
    notify(
        idea.proposer,
        category=Category.IDEAS,
        template="idea_status",
        context={"idea": idea, "event": event, "url": idea_url(idea)},
    )


def _locked(idea) -> Idea:
    return (
        Idea.objects.select_for_update(of=("self",))
        .select_related("proposer", "routed_organisation", "routed_area")
        .get(pk=idea.pk)
    )


@transaction.atomic
def propose(
    *,
    proposer,
    title: str,
    description: str,
    area=None,
    place=None,
    may_publish: bool = False,
) -> Idea:
    title = _text(title, limit=TITLE_MAX, required=True, empty_message=_("Give your idea a title."))
    description = _text(
        description,
        limit=DESCRIPTION_MAX,
        required=True,
        empty_message=_("Describe your idea."),
    )
    # Lock the person first (the project's lock order), so parallel requests count in turn.
    get_user_model().objects.select_for_update().filter(pk=proposer.pk).first()
    since = timezone.now() - timedelta(days=1)
    if Idea.objects.filter(proposer=proposer, created_at__gte=since).count() >= DAILY_LIMIT:
        raise DailyLimitReached(
            _(
                "Thank you for all your ideas! You can send at most %(limit)d a day, so please "
                "send this one tomorrow. What you wrote is kept below."
            )
            % {"limit": DAILY_LIMIT}
        )
    idea = Idea.objects.create(
        proposer=proposer,
        title=title,
        description=description,
        area=area,
        place=place,
        may_publish=bool(may_publish),
    )
    IdeaEvent.objects.create(idea=idea, status=IdeaStatus.RECEIVED, by=proposer)
    return idea


@transaction.atomic
def set_consent(*, idea, proposer, may_publish: bool) -> Idea:
    """The proposer agrees, or no longer agrees, to show the idea publicly; at once."""
    idea = _locked(idea)
    if idea.proposer_id is None or idea.proposer_id != proposer.pk:
        raise IdeaError(_("This idea is not yours."))
    idea.may_publish = bool(may_publish)
    idea.save(update_fields=["may_publish", "updated_at"])
    return idea


@transaction.atomic
def route(*, idea, by, area=None, organisation=None, note: str = "") -> Idea:
    """The central office passes the idea on to an area and/or an organisation."""
    note = _text(note, limit=NOTE_MAX, required=False, empty_message="")
    if area is None and organisation is None:
        raise IdeaError(_("Choose an area or an organisation to pass the idea on to."))
    idea = _locked(idea)
    if not idea.is_open:
        raise IdeaError(_("This idea has already been answered and cannot be passed on."))
    idea.status = IdeaStatus.ROUTED
    idea.routed_area = area
    idea.routed_organisation = organisation
    idea.note = note or idea.note
    idea.save()
    event = IdeaEvent.objects.create(idea=idea, status=IdeaStatus.ROUTED, note=note, by=by)
    _tell_proposer(idea, event)
    return idea


@transaction.atomic
def decide(*, idea, by, taken_up: bool, note: str) -> Idea:
    """The central office answers the proposer: the idea is taken up, or not."""
    note = _text(
        note,
        limit=NOTE_MAX,
        required=True,
        empty_message=_("Write an answer to the proposer."),
    )
    idea = _locked(idea)
    if not idea.is_open:
        raise IdeaError(_("This idea has already been answered."))
    idea.status = IdeaStatus.TAKEN_UP if taken_up else IdeaStatus.NOT_TAKEN_UP
    idea.note = note
    idea.save()
    event = IdeaEvent.objects.create(idea=idea, status=idea.status, note=note, by=by)
    _tell_proposer(idea, event)
    return idea


@transaction.atomic
def answer_for_organisation(*, idea, organisation, by, taken_up: bool, note: str) -> Idea:
    """The organisation the idea was passed on to takes it up, or says it is not for them.
    "Not for us" sends the idea back to the central office (status received) to look again;
    the organisation then no longer sees it."""
    note = _text(
        note,
        limit=NOTE_MAX,
        required=True,
        empty_message=_("Write a short answer; the proposer and the central office see it."),
    )
    idea = _locked(idea)
    if idea.status != IdeaStatus.ROUTED or idea.routed_organisation_id != organisation.pk:
        raise IdeaError(_("This idea is no longer waiting for an answer from you."))
    if taken_up:
        idea.status = IdeaStatus.TAKEN_UP
        idea.note = note
    else:
        idea.status = IdeaStatus.RECEIVED
        idea.routed_organisation = None
    idea.save()
    event = IdeaEvent.objects.create(
        idea=idea, status=idea.status, note=note, by=by, by_organisation=organisation
    )
    _tell_proposer(idea, event)
    return idea
