"""Every change to a consultation: write the draft and its sections, publish it, comment on a
section while it is open, and answer it after the deadline.

Every function owns its transaction and raises ConsultationError with a message for the user.
The deadline is checked against the clock when the comment is saved, never when the form was
shown, so a page opened before the deadline and sent after it is refused. Sections that have
comments are frozen: a comment must keep meaning what it meant when it was written."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.dialog.consultations.models import (
    COMMENT_MAX,
    HEADING_MAX,
    RESPONSE_MAX,
    SECTION_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Comment,
    Consultation,
    Phase,
    Section,
    Status,
)
from frivillig.notifications.categories import Category
from frivillig.notifications.services import notify
from frivillig.organisations.models import Membership
from frivillig.text import danish_slug


class ConsultationError(Exception):
    """The step cannot be taken; str(error) says why, in the user's language."""


def _text(value: str, *, limit: int, empty: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ConsultationError(empty)
    if len(value) > limit:
        raise ConsultationError(
            _("%(label)s can be at most %(limit)d characters.") % {"label": label, "limit": limit}
        )
    return value


def _locked(consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _unique_slug(title: str) -> str:
    # "2027–2030" should read "2027-2030", not "20272030": dashes become hyphens first.
    base = danish_slug(title.replace("–", "-").replace("—", "-"), max_length=90) or "hoering"
    slug, n = base, 2
    while Consultation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_deadline(closes_at: datetime) -> None:
    if closes_at <= timezone.now():
        raise ConsultationError(_("The deadline must be in the future."))


# --- The draft ------------------------------------------------------------------------------


@transaction.atomic
def create_consultation(*, title: str, summary: str, closes_at: datetime, by) -> Consultation:
    title = _text(title, limit=TITLE_MAX, empty=_("Write a title."), label=_("The title"))
    summary = _text(
        summary, limit=SUMMARY_MAX, empty=_("Write a short summary."), label=_("The summary")
    )
    _check_deadline(closes_at)
    return Consultation.objects.create(
        title=title, slug=_unique_slug(title), summary=summary, closes_at=closes_at, created_by=by
    )


@transaction.atomic
def update_consultation(
    *, consultation: Consultation, title: str, summary: str, closes_at: datetime
) -> Consultation:
    consultation = _locked(consultation)
    if consultation.phase == Phase.ANSWERED:
        raise ConsultationError(_("The consultation is answered and can no longer change."))
    consultation.title = _text(
        title, limit=TITLE_MAX, empty=_("Write a title."), label=_("The title")
    )
    consultation.summary = _text(
        summary, limit=SUMMARY_MAX, empty=_("Write a short summary."), label=_("The summary")
    )
    if closes_at != consultation.closes_at:
        if consultation.response:
            raise ConsultationError(
                _("A response has been written, so the deadline can no longer move.")
            )
        _check_deadline(closes_at)
        consultation.closes_at = closes_at
    consultation.save(update_fields=["title", "summary", "closes_at", "updated_at"])
    return consultation


def _editable_sections(consultation: Consultation) -> None:
    if consultation.phase in (Phase.CLOSED, Phase.ANSWERED):
        raise ConsultationError(_("The deadline has passed, so the sections can no longer change."))


def _section_text(heading: str, body: str) -> tuple[str, str]:
    return (
        _text(heading, limit=HEADING_MAX, empty=_("Write a heading."), label=_("The heading")),
        _text(body, limit=SECTION_MAX, empty=_("Write the section's text."), label=_("The text")),
    )


@transaction.atomic
def add_section(*, consultation: Consultation, heading: str, body: str) -> Section:
    consultation = _locked(consultation)
    _editable_sections(consultation)
    heading, body = _section_text(heading, body)
    last = consultation.sections.aggregate(last=Max("number"))["last"] or 0
    return Section.objects.create(
        consultation=consultation, number=last + 1, heading=heading, body=body
    )


def _frozen(section: Section) -> None:
    if section.comments.exists():
        raise ConsultationError(
            _("This section has comments, so it can no longer change or be removed.")
        )


def _locked_section(section: Section) -> tuple[Consultation, Section]:
    consultation = _locked(section.consultation)
    return consultation, Section.objects.get(pk=section.pk)


@transaction.atomic
def update_section(*, section: Section, heading: str, body: str) -> Section:
    consultation, section = _locked_section(section)
    _editable_sections(consultation)
    _frozen(section)
    section.heading, section.body = _section_text(heading, body)
    section.save(update_fields=["heading", "body"])
    return section


def _renumber(consultation: Consultation, ordered: list[Section]) -> None:
    # Two steps, because (consultation, number) is unique at every statement, not at commit.
    consultation.sections.update(number=F("number") + 10_000)
    for number, section in enumerate(ordered, start=1):
        Section.objects.filter(pk=section.pk).update(number=number)


@transaction.atomic
def remove_section(*, section: Section) -> None:
    consultation, section = _locked_section(section)
    _editable_sections(consultation)
    _frozen(section)
    section.delete()
    _renumber(consultation, list(consultation.sections.order_by("number")))


@transaction.atomic
def move_section(*, section: Section, up: bool) -> None:
    """Swap the section with the one above (or below). Once anyone has commented, numbers are
    what people refer to, so the order is fixed."""
    consultation, section = _locked_section(section)
    _editable_sections(consultation)
    if Comment.objects.filter(section__consultation=consultation).exists():
        raise ConsultationError(
            _("The consultation has comments, so the order of its sections is fixed.")
        )
    ordered = list(consultation.sections.order_by("number"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        _renumber(consultation, ordered)


@transaction.atomic
def publish(*, consultation: Consultation) -> Consultation:
    consultation = _locked(consultation)
    if consultation.status != Status.DRAFT:
        raise ConsultationError(_("The consultation is already published."))
    if not consultation.sections.exists():
        raise ConsultationError(_("Add at least one section before you publish."))
    _check_deadline(consultation.closes_at)
    consultation.status = Status.PUBLISHED
    consultation.opens_on = timezone.localdate()
    consultation.save(update_fields=["status", "opens_on", "updated_at"])
    return consultation


# --- Comments -------------------------------------------------------------------------------


def organisations_for_comments(user):
    """The organisations `user` may comment on behalf of: those they are staff of."""
    from frivillig.organisations.models import Organisation

    return Organisation.objects.filter(memberships__user=user).order_by("name").distinct()


@transaction.atomic
def comment(*, section: Section, author, body: str, public: bool, on_behalf_of=None) -> Comment:
    # The consultation row is read without a lock: a comment changes nothing on it, and the
    # response can only be published after the deadline, which this check enforces.
    consultation = Consultation.objects.get(pk=section.consultation_id)
    phase = consultation.phase
    if phase == Phase.DRAFT:
        raise ConsultationError(_("The consultation is not published."))
    if phase != Phase.OPEN:
        raise ConsultationError(
            _("The deadline for comments has passed, so your comment could not be sent.")
        )
    body = _text(body, limit=COMMENT_MAX, empty=_("Write your comment."), label=_("The comment"))
    if (
        on_behalf_of is not None
        and not Membership.objects.filter(user=author, organisation=on_behalf_of).exists()
    ):
        raise ConsultationError(
            _("You can comment on behalf of an organisation only if you are on its staff.")
        )
    return Comment.objects.create(
        section=section, author=author, body=body, public=public, on_behalf_of=on_behalf_of
    )


# --- The response ---------------------------------------------------------------------------


def _after_deadline(consultation: Consultation) -> None:
    if consultation.status != Status.PUBLISHED or timezone.now() < consultation.closes_at:
        raise ConsultationError(
            _("The response can be written only after the deadline for comments.")
        )
    if consultation.response_published_at is not None:
        raise ConsultationError(_("The response is published and can no longer change."))


@transaction.atomic
def save_response(*, consultation: Consultation, response: str) -> Consultation:
    consultation = _locked(consultation)
    _after_deadline(consultation)
    consultation.response = _text(
        response,
        limit=RESPONSE_MAX,
        empty=_("Write the municipality's response."),
        label=_("The response"),
    )
    consultation.save(update_fields=["response", "updated_at"])
    return consultation


@transaction.atomic
def publish_response(*, consultation: Consultation) -> Consultation:
    """Publish the saved response and tell everybody who commented (after commit)."""
    consultation = _locked(consultation)
    _after_deadline(consultation)
    if not consultation.response:
        raise ConsultationError(_("Write and save the response before you publish it."))
    consultation.response_published_at = timezone.now()
    consultation.save(update_fields=["response_published_at", "updated_at"])
    from django.contrib.auth import get_user_model

    commenters = (
        get_user_model()
        .objects.filter(consultation_comments__section__consultation=consultation)
        .select_related("profile")
        .distinct()
        .order_by("pk")
    )
    url = settings.SITE_URL + reverse("portal:consultation", args=[consultation.slug])
    for person in commenters:
        notify(
            person,
            category=Category.CONSULTATIONS,
            template="consultation_answered",
            context={"consultation": consultation, "url": url},
        )
    return consultation
