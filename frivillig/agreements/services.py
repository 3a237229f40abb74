"""Writing, sending, signing, replacing and ending agreements. Each function owns its
transaction, locks the one document it changes before checking its state, and raises
AgreementError with a message for the user. E-mails leave after commit."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from frivillig.accounts.services import record_personal_data_change
from frivillig.agreements import defaults, notices
from frivillig.agreements.models import (
    AgreementStatus,
    AgreementTemplate,
    CooperationAgreement,
    CooperationStatus,
    FrameworkVersion,
    IndividualAgreement,
    SigningCode,
)
from frivillig.organisations.permissions import MANAGE_AGREEMENTS, user_can


class AgreementError(Exception):
    """The step cannot be taken; str(error) says why, in the user's language."""


# ---------------------------------------------------------------------------------------------
# Shared: the frozen text and its hash


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def render_text(document) -> str:
    """The exact text a person signs, in the document's language. Rendered once, at sending."""
    if isinstance(document, IndividualAgreement):
        template, language = "agreements/text/individual.txt", document.language
        context = {
            "agreement": document,
            "volunteer_expectations": _lines(document.volunteer_expectations),
            "organisation_expectations": _lines(document.organisation_expectations),
        }
    else:
        template, language = "agreements/text/cooperation.txt", "da"
        context = {"agreement": document}
    context.update(framework=document.framework, municipality=settings.MUNICIPALITY)
    with translation.override(language):
        text = render_to_string(template, context, using="text")
    # One normal form: no trailing spaces, single blank lines, one final newline.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out) + "\n"


def _freeze(document, now) -> None:
    document.rendered_text = render_text(document)
    document.sha256 = sha256_of(document.rendered_text)
    document.sent_at = now


def current_framework() -> FrameworkVersion:
    framework = FrameworkVersion.current()
    if framework is None:
        raise AgreementError(
            _("The municipality has not published its framework yet, so no agreement can be made.")
        )
    return framework


# ---------------------------------------------------------------------------------------------
# Individual agreements


def templates_for(organisation):
    """The municipality's default templates and the organisation's own."""
    from django.db.models import Q

    return AgreementTemplate.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=organisation.ancestor_ids())
    ).order_by("organisation_id", "name")


def default_template(language: str = "da") -> AgreementTemplate:
    template = (
        AgreementTemplate.objects.filter(organisation__isnull=True, language=language)
        .order_by("pk")
        .first()
    )
    if template is None:
        # Shipped by a migration; put back if someone removed it, so that an agreement can
        # always start from the municipality's wording.
        values = next(t for t in defaults.TEMPLATES if t["language"] == language)
        template = AgreementTemplate.objects.create(organisation=None, **values)
    return template


@transaction.atomic
def draft_from_template(
    *, organisation, volunteer, template: AgreementTemplate, by, engagement=None
) -> IndividualAgreement:
    """A draft filled from the template and, when there is one, the engagement's opportunity."""
    opportunity = engagement.opportunity if engagement else None
    language = template.language
    with translation.override(language):
        time_and_place = ""
        if opportunity:
            parts = []
            if opportunity.hours_per_month:
                parts.append(_("About %(h)d hours a month.") % {"h": opportunity.hours_per_month})
            if opportunity.place_id:
                parts.append(opportunity.address or opportunity.place.name)
            time_and_place = " ".join(parts)
    agreement = IndividualAgreement(
        organisation=organisation,
        volunteer=volunteer,
        engagement=engagement,
        template=template,
        framework=current_framework(),
        language=language,
        task=(f"{opportunity.title}\n\n{opportunity.description}" if opportunity else ""),
        time_and_place=time_and_place,
        contact_person=(
            ", ".join(p for p in (opportunity.contact_name, opportunity.contact_email) if p)
            if opportunity
            else ""
        ),
        introduction=template.introduction,
        training=template.training,
        expenses=template.expenses,
        insurance=settings.MUNICIPALITY[f"insurance_{language}"],
        confidentiality=template.confidentiality,
        child_certificate_required=bool(opportunity and opportunity.requires_child_certificate),
        child_certificate=template.child_certificate,
        volunteer_expectations=template.volunteer_expectations,
        organisation_expectations=template.organisation_expectations,
        ending=template.ending,
        created_by=by,
    )
    agreement.save()
    return agreement


EDITABLE_FIELDS = [
    "task",
    "time_and_place",
    "contact_person",
    "introduction",
    "training",
    "expenses",
    "confidentiality",
    "child_certificate_required",
    "child_certificate",
    "volunteer_expectations",
    "organisation_expectations",
    "ending",
]


def _locked(model, document):
    return model.objects.select_for_update(of=("self",), no_key=True).get(pk=document.pk)


@transaction.atomic
def update_draft(*, agreement: IndividualAgreement, **fields) -> IndividualAgreement:
    agreement = _locked(IndividualAgreement, agreement)
    if agreement.status != AgreementStatus.DRAFT:
        raise AgreementError(
            _(
                "This agreement has been sent for signing and can no longer change. Make a "
                "new version instead."
            )
        )
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(name)
        setattr(agreement, name, value)
    agreement.save()
    return agreement


@transaction.atomic
def send_for_signing(*, agreement: IndividualAgreement, by) -> IndividualAgreement:
    agreement = _locked(IndividualAgreement, agreement)
    if agreement.status != AgreementStatus.DRAFT:
        raise AgreementError(_("This agreement has already been sent."))
    missing = [
        agreement._meta.get_field(name).verbose_name
        for name in ("task", "time_and_place", "contact_person", "ending")
        if not getattr(agreement, name).strip()
    ]
    if missing:
        raise AgreementError(
            _("Fill in %(fields)s before sending.") % {"fields": ", ".join(map(str, missing))}
        )
    _freeze(agreement, timezone.now())
    agreement.status = AgreementStatus.AWAITING_VOLUNTEER
    agreement.save()
    record_personal_data_change(
        staff=by,
        volunteer=agreement.volunteer,
        organisation=agreement.organisation,
        what="agreement",
    )
    notices.agreement_to_sign(agreement)
    return agreement


SIGNING_CODE_MINUTES = 15
SIGNING_CODE_ATTEMPTS = 5


@transaction.atomic
def request_signing_code(*, agreement: IndividualAgreement, volunteer) -> None:
    """E-mail a one-time code to a volunteer who signs in without a password."""
    agreement = _locked(IndividualAgreement, agreement)
    _check_volunteer_can_sign(agreement, volunteer)
    code = f"{secrets.randbelow(10**6):06d}"
    SigningCode.objects.filter(agreement=agreement).delete()
    SigningCode.objects.create(
        agreement=agreement,
        code_hash=make_password(code),
        expires_at=timezone.now() + timedelta(minutes=SIGNING_CODE_MINUTES),
    )
    notices.signing_code(agreement, code=code, minutes=SIGNING_CODE_MINUTES)


def _check_volunteer_can_sign(agreement, volunteer):
    if agreement.volunteer_id != volunteer.pk:
        raise AgreementError(_("This agreement is not yours."))
    if agreement.status != AgreementStatus.AWAITING_VOLUNTEER:
        raise AgreementError(_("This agreement is not waiting for your signature."))


def _reauthenticated(agreement, volunteer, password: str, code: str) -> bool:
    if password:
        return volunteer.has_usable_password() and volunteer.check_password(password)
    if not code:
        return False
    challenge = (
        SigningCode.objects.select_for_update()
        .filter(agreement=agreement, expires_at__gt=timezone.now())
        .first()
    )
    if challenge is None or challenge.attempts >= SIGNING_CODE_ATTEMPTS:
        return False
    if check_password(code.strip(), challenge.code_hash):
        challenge.delete()
        return True
    challenge.attempts += 1
    challenge.save(update_fields=["attempts"])
    return False


def sign_as_volunteer(
    *, agreement: IndividualAgreement, volunteer, ip: str | None, password: str = "", code: str = ""
) -> IndividualAgreement:
    """The volunteer accepts, after re-entering the password or an e-mailed code."""
    with transaction.atomic():
        agreement = _locked(IndividualAgreement, agreement)
        _check_volunteer_can_sign(agreement, volunteer)
        ok = _reauthenticated(agreement, volunteer, password, code)
        if ok:
            agreement.volunteer_signed_at = timezone.now()
            agreement.volunteer_ip = ip
            agreement.status = AgreementStatus.AWAITING_ORGANISATION
            agreement.save()
            notices.signed_by_volunteer(agreement)
    # Outside the block, so that a wrong code's counted attempt is kept.
    if not ok:
        raise AgreementError(
            _("The password or code is not right. Try again, or ask for a new code.")
        )
    return agreement


@transaction.atomic
def countersign(*, agreement: IndividualAgreement, by, ip: str | None) -> IndividualAgreement:
    agreement = _locked(IndividualAgreement, agreement)
    if not user_can(by, agreement.organisation, MANAGE_AGREEMENTS):
        raise AgreementError(_("You cannot sign for this organisation."))
    if agreement.status != AgreementStatus.AWAITING_ORGANISATION:
        raise AgreementError(_("This agreement is not waiting for the organisation's signature."))
    agreement.organisation_signed_by = by
    agreement.organisation_signer_name = by.get_full_name() or by.email
    agreement.organisation_signed_at = timezone.now()
    agreement.organisation_ip = ip
    agreement.status = AgreementStatus.SIGNED
    agreement.save()
    if agreement.previous_id:
        IndividualAgreement.objects.filter(
            pk=agreement.previous_id, status=AgreementStatus.SIGNED
        ).update(status=AgreementStatus.SUPERSEDED)
    record_personal_data_change(
        staff=by,
        volunteer=agreement.volunteer,
        organisation=agreement.organisation,
        what="agreement",
    )
    notices.agreement_signed(agreement)
    return agreement


@transaction.atomic
def new_version(*, agreement: IndividualAgreement, by) -> IndividualAgreement:
    """A change to a sent or signed agreement is a new draft; the old one holds until the new
    one is signed by both."""
    agreement = _locked(IndividualAgreement, agreement)
    if agreement.status in (
        AgreementStatus.DRAFT,
        AgreementStatus.SUPERSEDED,
        AgreementStatus.ENDED,
    ):
        raise AgreementError(_("Only a sent or signed agreement can get a new version."))
    if IndividualAgreement.objects.filter(previous=agreement).exists():
        raise AgreementError(_("A newer version of this agreement already exists."))
    copy = IndividualAgreement(
        organisation_id=agreement.organisation_id,
        volunteer_id=agreement.volunteer_id,
        engagement_id=agreement.engagement_id,
        template_id=agreement.template_id,
        framework=current_framework(),
        previous=agreement,
        version=agreement.version + 1,
        language=agreement.language,
        insurance=settings.MUNICIPALITY[f"insurance_{agreement.language}"],
        created_by=by,
        **{name: getattr(agreement, name) for name in EDITABLE_FIELDS},
    )
    copy.save()
    record_personal_data_change(
        staff=by,
        volunteer=agreement.volunteer,
        organisation=agreement.organisation,
        what="agreement",
    )
    if agreement.status != AgreementStatus.SIGNED:
        # An unsigned version is simply replaced: it can no longer be signed.
        agreement.status = AgreementStatus.ENDED
        agreement.ended_at = timezone.now()
        agreement.save(update_fields=["status", "ended_at", "updated_at"])
    return copy


@transaction.atomic
def end(*, agreement: IndividualAgreement, by) -> IndividualAgreement:
    """Either side ends the agreement; the volunteer at any time and without a reason."""
    agreement = _locked(IndividualAgreement, agreement)
    is_volunteer = by.pk == agreement.volunteer_id
    if not is_volunteer and not user_can(by, agreement.organisation, MANAGE_AGREEMENTS):
        raise AgreementError(_("You cannot end this agreement."))
    if agreement.status in (AgreementStatus.ENDED, AgreementStatus.SUPERSEDED):
        raise AgreementError(_("This agreement has already ended."))
    agreement.status = AgreementStatus.ENDED
    agreement.ended_at = timezone.now()
    agreement.save(update_fields=["status", "ended_at", "updated_at"])
    if not is_volunteer:
        record_personal_data_change(
            staff=by,
            volunteer=agreement.volunteer,
            organisation=agreement.organisation,
            what="agreement",
        )
    notices.agreement_ended(agreement, by_volunteer=is_volunteer)
    return agreement


# ---------------------------------------------------------------------------------------------
# Local cooperation agreements


COOPERATION_FIELDS = [
    "title",
    "purpose",
    "volunteer_tasks",
    "staff_tasks",
    "unit_provides",
    "partner_provides",
    "unit_contact",
    "partner_contact",
    "starts_on",
    "review_on",
]


def _check_parties(municipal_unit, partner):
    if not municipal_unit.is_municipal:
        raise AgreementError(
            _("The first party of a cooperation agreement must be a municipal unit.")
        )
    if municipal_unit.pk == partner.pk:
        raise AgreementError(_("A cooperation agreement needs two different parties."))


@transaction.atomic
def draft_cooperation(*, municipal_unit, partner, by, **fields) -> CooperationAgreement:
    _check_parties(municipal_unit, partner)
    if fields["review_on"] <= fields["starts_on"]:
        raise AgreementError(_("The review date must be after the start date."))
    agreement = CooperationAgreement(
        municipal_unit=municipal_unit,
        partner=partner,
        framework=current_framework(),
        created_by=by,
        **fields,
    )
    agreement.save()
    return agreement


@transaction.atomic
def update_cooperation(*, agreement: CooperationAgreement, **fields) -> CooperationAgreement:
    agreement = _locked(CooperationAgreement, agreement)
    if agreement.status != CooperationStatus.DRAFT:
        raise AgreementError(
            _(
                "This agreement has been sent for signing and can no longer change. Make a "
                "new version instead."
            )
        )
    for name, value in fields.items():
        if name not in COOPERATION_FIELDS:
            raise ValueError(name)
        setattr(agreement, name, value)
    if agreement.review_on <= agreement.starts_on:
        raise AgreementError(_("The review date must be after the start date."))
    agreement.save()
    return agreement


@transaction.atomic
def send_cooperation(*, agreement: CooperationAgreement, by) -> CooperationAgreement:
    agreement = _locked(CooperationAgreement, agreement)
    if agreement.status != CooperationStatus.DRAFT:
        raise AgreementError(_("This agreement has already been sent."))
    _freeze(agreement, timezone.now())
    agreement.status = CooperationStatus.AWAITING_SIGNATURES
    agreement.save()
    notices.cooperation_to_sign(agreement)
    return agreement


@transaction.atomic
def sign_cooperation(
    *, agreement: CooperationAgreement, party, by, ip: str | None
) -> CooperationAgreement:
    """A representative of one party signs for it. Both signatures make it active."""
    agreement = _locked(CooperationAgreement, agreement)
    if agreement.status != CooperationStatus.AWAITING_SIGNATURES:
        raise AgreementError(_("This agreement is not waiting for signatures."))
    if party.pk == agreement.municipal_unit_id:
        side = "unit"
    elif party.pk == agreement.partner_id:
        side = "partner"
    else:
        raise AgreementError(_("That organisation is not a party to this agreement."))
    if not user_can(by, party, MANAGE_AGREEMENTS):
        raise AgreementError(_("You cannot sign for this organisation."))
    if getattr(agreement, f"{side}_signed_at"):
        raise AgreementError(_("This party has already signed."))
    setattr(agreement, f"{side}_signed_by", by)
    setattr(agreement, f"{side}_signer_name", by.get_full_name() or by.email)
    setattr(agreement, f"{side}_signed_at", timezone.now())
    setattr(agreement, f"{side}_ip", ip)
    if agreement.unit_signed_at and agreement.partner_signed_at:
        agreement.status = CooperationStatus.ACTIVE
        if agreement.previous_id:
            CooperationAgreement.objects.filter(
                pk=agreement.previous_id, status=CooperationStatus.ACTIVE
            ).update(status=CooperationStatus.SUPERSEDED)
    agreement.save()
    notices.cooperation_signed(agreement, side=side)
    return agreement


@transaction.atomic
def new_cooperation_version(*, agreement: CooperationAgreement, by) -> CooperationAgreement:
    agreement = _locked(CooperationAgreement, agreement)
    if agreement.status not in (CooperationStatus.ACTIVE, CooperationStatus.AWAITING_SIGNATURES):
        raise AgreementError(_("Only a sent or active agreement can get a new version."))
    if CooperationAgreement.objects.filter(previous=agreement).exists():
        raise AgreementError(_("A newer version of this agreement already exists."))
    copy = CooperationAgreement(
        municipal_unit_id=agreement.municipal_unit_id,
        partner_id=agreement.partner_id,
        framework=current_framework(),
        previous=agreement,
        version=agreement.version + 1,
        created_by=by,
        **{name: getattr(agreement, name) for name in COOPERATION_FIELDS},
    )
    copy.save()
    if agreement.status == CooperationStatus.AWAITING_SIGNATURES:
        agreement.status = CooperationStatus.ENDED
        agreement.ended_on = timezone.localdate()
        agreement.save(update_fields=["status", "ended_on", "updated_at"])
    return copy


@transaction.atomic
def end_cooperation(*, agreement: CooperationAgreement, by) -> CooperationAgreement:
    agreement = _locked(CooperationAgreement, agreement)
    if not (
        user_can(by, agreement.municipal_unit, MANAGE_AGREEMENTS)
        or user_can(by, agreement.partner, MANAGE_AGREEMENTS)
    ):
        raise AgreementError(_("You cannot end this agreement."))
    if agreement.status in (CooperationStatus.ENDED, CooperationStatus.SUPERSEDED):
        raise AgreementError(_("This agreement has already ended."))
    agreement.status = CooperationStatus.ENDED
    agreement.ended_on = timezone.localdate()
    agreement.save(update_fields=["status", "ended_on", "updated_at"])
    return agreement


def send_review_reminders(*, today=None) -> int:
    """Remind both parties two months before a cooperation agreement's review date, once."""
    today = today or timezone.localdate()
    due = CooperationAgreement.objects.filter(
        status=CooperationStatus.ACTIVE,
        review_reminder_sent=False,
        review_on__lte=today + timedelta(days=CooperationAgreement.REVIEW_NOTICE_DAYS),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in due:
        with transaction.atomic():
            agreement = (
                CooperationAgreement.objects.select_for_update(of=("self",), no_key=True)
                .select_related("municipal_unit", "partner")
                .get(pk=pk)
            )
            if agreement.review_reminder_sent:
                continue
            agreement.review_reminder_sent = True
            agreement.save(update_fields=["review_reminder_sent", "updated_at"])
            notices.cooperation_review_due(agreement)
            sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# Public verification


@dataclass(frozen=True)
class Verification:
    """What the public verification page may show: never a person's name or contact."""

    kind: str
    organisation_names: list[str]
    version: int
    framework: str
    status: str
    signed_dates: list
    matches: bool


def verify(*, code: str, sha256: str) -> Verification | None:
    """Look up a document by its code and say whether `sha256` is the hash of its text."""
    code = code.strip().upper().replace(" ", "").replace("-", "")
    given = sha256.strip().lower()
    for model in (IndividualAgreement, CooperationAgreement):
        document = (
            model.objects.filter(code=code).exclude(sha256="").select_related("framework").first()
        )
        if document is None:
            continue
        if isinstance(document, IndividualAgreement):
            names = [document.organisation.name]
            dates = [document.volunteer_signed_at, document.organisation_signed_at]
            kind = _("Individual agreement")
        else:
            names = [document.municipal_unit.name, document.partner.name]
            dates = [document.unit_signed_at, document.partner_signed_at]
            kind = _("Cooperation agreement")
        return Verification(
            kind=kind,
            organisation_names=names,
            version=document.version,
            framework=str(document.framework),
            status=document.get_status_display(),
            signed_dates=[d for d in dates if d],
            matches=secrets.compare_digest(given.encode(), document.sha256.encode()),
        )
    return None


# ---------------------------------------------------------------------------------------------
# An organisation's own templates

TEMPLATE_FIELDS = [
    "name",
    "language",
    "introduction",
    "training",
    "expenses",
    "volunteer_expectations",
    "organisation_expectations",
    "confidentiality",
    "child_certificate",
    "ending",
]


def _check_own_template(template: AgreementTemplate) -> None:
    # The municipality's defaults carry the strategy's wording; only the operator changes them.
    if template.organisation_id is None:
        raise AgreementError(_("The municipality's templates cannot be changed here."))


@transaction.atomic
def create_template(*, organisation, **fields) -> AgreementTemplate:
    unknown = set(fields) - set(TEMPLATE_FIELDS)
    if unknown:
        raise ValueError(unknown)
    return AgreementTemplate.objects.create(organisation=organisation, **fields)


@transaction.atomic
def update_template(*, template: AgreementTemplate, **fields) -> AgreementTemplate:
    """A template is only a starting point: drafts made from it keep their copied text, and a
    sent agreement keeps its frozen text."""
    template = AgreementTemplate.objects.select_for_update().get(pk=template.pk)
    _check_own_template(template)
    for name, value in fields.items():
        if name not in TEMPLATE_FIELDS:
            raise ValueError(name)
        setattr(template, name, value)
    template.save()
    return template


@transaction.atomic
def delete_template(*, template: AgreementTemplate) -> None:
    """Agreements made from it keep their text; their link to the template is cleared."""
    template = AgreementTemplate.objects.select_for_update().get(pk=template.pk)
    _check_own_template(template)
    template.delete()
