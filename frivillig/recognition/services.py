"""Every write of recognition: thanks, certificates, award rounds and nominations.

Each function owns its transaction and raises RecognitionError with a message for the
person acting. E-mails go through notifications.notify, which sends after commit."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.engagements.models import Engagement
from frivillig.notifications.categories import Category
from frivillig.notifications.services import notify
from frivillig.recognition import queries
from frivillig.recognition.models import (
    NAME_MAX,
    REASON_MAX,
    ROUND_DESCRIPTION_MAX,
    ROUND_TITLE_MAX,
    THANKS_MAX,
    AwardRound,
    Certificate,
    CertificateLanguage,
    Nomination,
    RoundStatus,
    Thanks,
    content_hash,
)


class RecognitionError(Exception):
    """The step cannot be taken; str(error) says why, in the user's language."""


def _text(value: str, *, limit: int, required: bool = True, empty_message: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise RecognitionError(empty_message or _("Write something in the field."))
    if len(value) > limit:
        raise RecognitionError(
            _("The text can be at most %(limit)d characters long (it has %(length)d).")
            % {"limit": limit, "length": len(value)}
        )
    return value


# Thanks -------------------------------------------------------------------------------------


def thanks_url() -> str:
    return settings.SITE_URL + reverse("portal:my_thanks")


def thank(*, organisation, volunteer, author, message: str, now=None) -> Thanks:
    """Say thank you to a volunteer of `organisation` (one with an engagement there, of any
    status: a thanks after the end is as welcome). Once a day per organisation and person."""
    message = _text(
        message, limit=THANKS_MAX, empty_message=_("Write the message that goes with the thanks.")
    )
    if not Engagement.objects.filter(organisation=organisation, volunteer=volunteer).exists():
        raise RecognitionError(_("You can only thank people who volunteer for your organisation."))
    now = now or timezone.now()
    day = timezone.localdate(now)
    already = _(
        "%(name)s has already been thanked by %(organisation)s today. Your kind words can "
        "wait until tomorrow."
    ) % {"name": volunteer.get_full_name() or volunteer.email, "organisation": organisation.name}
    if Thanks.objects.filter(organisation=organisation, volunteer=volunteer, day=day).exists():
        raise RecognitionError(already)
    try:
        with transaction.atomic():
            thanks = Thanks.objects.create(
                organisation=organisation,
                volunteer=volunteer,
                author=author,
                message=message,
                created_at=now,
                day=day,
            )
            notify(
                volunteer,
                category=Category.RECOGNITION,
                template="recognition_thanks",
                context={"thanks": thanks, "organisation": organisation, "url": thanks_url()},
            )
    except IntegrityError:
        # Two staff members pressed the button at the same moment: the database kept one.
        raise RecognitionError(already) from None
    return thanks


# Certificates -------------------------------------------------------------------------------


def _hours(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _day(value) -> str | None:
    return value.isoformat() if value else None


def build_content(*, user, keys: set[str] | None = None, today: date | None = None) -> dict:
    """The snapshot a certificate freezes: only what the person chose (all when `keys` is
    None), and never a birth year, an e-mail, an address or a CPR number."""
    record = queries.record_for(user)

    def chosen(role):
        return keys is None or role.key in keys

    roles = [r for r in record.roles if chosen(r)]
    courses = [c for c in record.courses if chosen(c)]
    by_organisation = queries.hours_by_organisation(roles)
    return {
        "version": 1,
        "name": user.get_full_name().strip(),
        "municipality": settings.MUNICIPALITY["name"],
        "issued_on": (today or timezone.localdate()).isoformat(),
        "roles": [
            {
                "kind": r.kind,
                "title": r.title,
                "organisation": r.organisation,
                "start": _day(r.start),
                "end": _day(r.end),
                "teams": r.teams,
                "hours": _hours(r.hours) if r.kind == queries.EVENT else None,
            }
            for r in roles
        ],
        "courses": [
            {
                "title": c.title,
                "organisation": c.organisation,
                "start": _day(c.start),
                "end": _day(c.end),
            }
            for c in courses
        ],
        "hours": {
            "total": _hours(sum((h for _, h in by_organisation), Decimal(0))),
            "by_organisation": [
                {"organisation": name, "hours": _hours(h)} for name, h in by_organisation
            ],
        },
        "thanks": [
            {"organisation": t.organisation.name, "date": _day(timezone.localdate(t.created_at))}
            for t in record.thanks
        ],
    }


def issue_certificate(*, user, keys: set[str] | None = None, language: str = "da") -> Certificate:
    if not user.get_full_name().strip():
        raise RecognitionError(
            _("Add your name to your profile first: the certificate is issued in your name.")
        )
    if language not in CertificateLanguage.values:
        raise RecognitionError(_("Choose Danish or English."))
    content = build_content(user=user, keys=keys)
    if not (content["roles"] or content["courses"]):
        raise RecognitionError(
            _("Choose at least one role or course for the certificate to document.")
        )
    with transaction.atomic():
        return Certificate.objects.create(
            user=user, language=language, content=content, sha256=content_hash(content)
        )


def revoke_certificate(*, certificate: Certificate, user) -> Certificate:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk, user=user)
        if certificate.revoked_at is not None:
            raise RecognitionError(_("This certificate has already been revoked."))
        certificate.revoked_at = timezone.now()
        certificate.save(update_fields=["revoked_at"])
    return certificate


# Awards -------------------------------------------------------------------------------------


def create_round(
    *, title: str, description: str, opens_on: date, closes_on: date, by
) -> AwardRound:
    title = _text(title, limit=ROUND_TITLE_MAX, empty_message=_("Give the round a title."))
    description = _text(description, limit=ROUND_DESCRIPTION_MAX, required=False)
    if closes_on < opens_on:
        raise RecognitionError(_("The last day for nominations must be on or after the first."))
    with transaction.atomic():
        return AwardRound.objects.create(
            title=title,
            description=description,
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=by,
        )


_STATUS_STEPS = {
    RoundStatus.OPEN: {RoundStatus.DRAFT},
    RoundStatus.CLOSED: {RoundStatus.OPEN},
}


def set_round_status(*, award_round: AwardRound, status: str) -> AwardRound:
    """Draft → open → closed; closing is final, so the committee works on a fixed list."""
    with transaction.atomic():
        award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if award_round.status not in _STATUS_STEPS.get(status, set()):
            raise RecognitionError(
                _("A round that is “%(status)s” cannot be changed that way.")
                % {"status": award_round.get_status_display()}
            )
        award_round.status = status
        award_round.save(update_fields=["status"])
    return award_round


def nominate(
    *,
    award_round: AwardRound,
    nominator,
    nominee_name: str,
    nominee_organisation: str,
    reason: str,
) -> Nomination:
    nominee_name = _text(
        nominee_name, limit=NAME_MAX, empty_message=_("Write the name of the person you nominate.")
    )
    nominee_organisation = _text(nominee_organisation, limit=NAME_MAX, required=False)
    reason = _text(reason, limit=REASON_MAX, empty_message=_("Tell us why they deserve the award."))
    with transaction.atomic():
        # Locked so a nomination cannot slip in while the office closes the round.
        award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if not award_round.accepts_nominations():
            raise RecognitionError(
                _("“%(title)s” does not take nominations now.") % {"title": award_round.title}
            )
        return Nomination.objects.create(
            round=award_round,
            nominator=nominator,
            nominee_name=nominee_name,
            nominee_organisation=nominee_organisation,
            reason=reason,
        )


def set_shortlisted(*, nomination: Nomination, shortlisted: bool) -> Nomination:
    with transaction.atomic():
        Nomination.objects.filter(pk=nomination.pk).update(shortlisted=shortlisted)
    nomination.shortlisted = shortlisted
    return nomination
