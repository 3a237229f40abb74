"""Demo agreements for `seed_demo`: the 2015 framework, local cooperation agreements between
municipal units and associations, individual agreements for the demo volunteers' engagements,
and the qualification checks that go with them.

Everything goes through the agreement and qualification services, so the texts, hashes, codes
and states are what the product itself produces. The demo log-ins can take the next step
themselves: the demo volunteer has an agreement to sign (on a phone too), Plejecenter
Fjordglimt's coordinator one to countersign, and Nibe Besøgsvenner's admin a cooperation
agreement to sign. E-mails are suppressed by the caller. Loading twice changes nothing."""

import contextlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from frivillig.agreements import frameworks, services
from frivillig.agreements.models import (
    AgreementStatus,
    CooperationAgreement,
    IndividualAgreement,
    SigningCode,
)
from frivillig.engagements import qualifications
from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.engagements.models import (
    Engagement,
    EngagementStatus,
    QualificationKind,
    QualificationRecord,
    QualificationStatus,
)
from frivillig.organisations.models import Organisation
from frivillig.organisations.permissions import MANAGE_AGREEMENTS, roles_with

# Days before the review date of the agreement the demo shows as due: inside the two months'
# notice (CooperationAgreement.REVIEW_NOTICE_DAYS), counted from the day the demo is loaded,
# because "due" is always relative to today.
DUE_IN_DAYS = 45
# The demo volunteer's first-aid course runs out this many days after loading.
EXPIRES_IN_DAYS = 21


@dataclass(frozen=True)
class CooperationPlan:
    unit: str  # slugs
    partner: str
    state: str  # draft | awaiting (the unit has signed) | active
    fields: dict = field(default_factory=dict)


def _cooperation_plans(today: date) -> list[CooperationPlan]:
    due = today + timedelta(days=DUE_IN_DAYS)
    return [
        CooperationPlan(
            "plejecenter-fjordglimt",
            "nibe-besoegsvenner",
            "active",
            {
                "title": "Besøgsvenner på Plejecenter Fjordglimt",
                "purpose": (
                    "Beboere på Plejecenter Fjordglimt, som ønsker det, får en fast "
                    "besøgsven, så færre føler sig ensomme."
                ),
                "volunteer_tasks": (
                    "Besøg, samtaler, gåture og højtlæsning efter aftale med beboeren. De "
                    "frivillige giver ikke pleje eller medicin og hjælper ikke med forflytning."
                ),
                "staff_tasks": (
                    "Personalet står for al pleje og omsorg, formidler kontakten mellem beboer "
                    "og besøgsven og er de frivilliges faste kontakt i huset."
                ),
                "unit_provides": (
                    "Et lokale til besøgsvennernes månedlige møde, kaffe, en introduktion til "
                    "huset og et kursus i demens to gange om året. Kommunens forsikring dækker "
                    "de frivillige under besøgene."
                ),
                "partner_provides": (
                    "Rekruttering, introduktion og opfølgning med de frivillige, og en "
                    "koordinator, der fordeler besøgene."
                ),
                "unit_contact": "Leila Dahl, koordinator, Plejecenter Fjordglimt",
                "partner_contact": "Jens Skov, formand, Nibe Besøgsvenner",
                "starts_on": qualifications.add_months(due, -24),
                "review_on": due,
            },
        ),
        CooperationPlan(
            "frivilligt-socialt-arbejde",
            "nibe-besoegsvenner",
            "awaiting",
            {
                "title": "Kurser og netværk for besøgsvenner i Nibe",
                "purpose": (
                    "Besøgsvennerne i Nibe får de samme kurser og det samme netværk som "
                    "frivillige i resten af kommunen."
                ),
                "volunteer_tasks": (
                    "De frivillige deltager i kurser og netværksmøder og deler deres "
                    "erfaringer med andre besøgstjenester."
                ),
                "staff_tasks": (
                    "Frivilligt socialt arbejde planlægger kurserne, finder undervisere og "
                    "inviterer til netværksmøder to gange om året."
                ),
                "unit_provides": (
                    "Kurser i samtale og i demens, lokaler i Danmarksgade, og hjælp til at "
                    "søge midler efter servicelovens § 18."
                ),
                "partner_provides": (
                    "Foreningen melder sine frivillige til kurserne og fortæller om sit "
                    "arbejde på netværksmøderne."
                ),
                "unit_contact": "Birgitte Holm, Frivilligt socialt arbejde, 99 31 41 72",
                "partner_contact": "Jens Skov, formand, Nibe Besøgsvenner",
                "starts_on": date(2027, 1, 1),
                "review_on": date(2028, 12, 31),
            },
        ),
        CooperationPlan(
            "frivilligt-socialt-arbejde",
            "madbanken-nord",
            "draft",
            {
                "title": "Frivillige i madudleveringen",
                "purpose": (
                    "Borgere i en svær situation får mad, der ellers ville blive smidt ud, og "
                    "et sted at møde andre."
                ),
                "volunteer_tasks": (
                    "Afhentning hos butikkerne, sortering og udlevering af mad, og en kop kaffe "
                    "med dem, der kommer."
                ),
                "staff_tasks": (
                    "Kommunens medarbejdere henviser borgere og tager sig af rådgivning; de "
                    "frivillige rådgiver ikke."
                ),
                "unit_provides": (
                    "Et kursus i fødevarehygiejne, en kølebil to dage om ugen og dækning af "
                    "kørselsudgifter efter statens takst."
                ),
                "partner_provides": (
                    "Aftaler med butikkerne, vagtplan og introduktion af nye frivillige."
                ),
                "unit_contact": "Birgitte Holm, Frivilligt socialt arbejde, 99 31 41 72",
                "partner_contact": "Madbanken Nord, koordinatoren",
                "starts_on": date(2027, 3, 1),
                "review_on": date(2029, 3, 1),
            },
        ),
    ]


@transaction.atomic
def load() -> list[tuple[str, str, str]]:
    """Load the framework and the demo agreements once; returns new log-ins to print (none:
    the agreements are signed by the existing demo log-ins)."""
    _framework()
    today = timezone.localdate()
    for plan in _cooperation_plans(today):
        _cooperation(plan)
    _individual_agreements()
    _qualifications(today)
    return []


def _framework():
    # A FrameworkFileError means the version is loaded already with an older wording of the
    # file; agreements were made under that one, so it stays.
    with contextlib.suppress(frameworks.FrameworkFileError):
        frameworks.load(frameworks.AALBORG_2015)


def _user(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def _signer(organisation: Organisation):
    """Someone who may sign for the organisation, or None."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=organisation.ancestor_ids(),
            memberships__role__in=roles_with(MANAGE_AGREEMENTS),
        )
        .order_by("pk")
        .first()
    )


def _cooperation(plan: CooperationPlan) -> None:
    organisations = Organisation.objects.in_bulk([plan.unit, plan.partner], field_name="slug")
    unit, partner = organisations.get(plan.unit), organisations.get(plan.partner)
    if unit is None or partner is None:
        return
    if CooperationAgreement.objects.filter(
        municipal_unit=unit, partner=partner, title=plan.fields["title"]
    ).exists():
        return
    unit_signer, partner_signer = _signer(unit), _signer(partner)
    agreement = services.draft_cooperation(
        municipal_unit=unit, partner=partner, by=unit_signer, **plan.fields
    )
    if plan.state == "draft" or unit_signer is None:
        return
    agreement = services.send_cooperation(agreement=agreement, by=unit_signer)
    agreement = services.sign_cooperation(agreement=agreement, party=unit, by=unit_signer, ip=None)
    if plan.state == "active" and partner_signer is not None:
        services.sign_cooperation(agreement=agreement, party=partner, by=partner_signer, ip=None)


# Individual agreements ---------------------------------------------------------------------

DEMO_CODE = "246810"  # noqa: S105 (the demo's stand-in for an e-mailed one-time code)


def _draft(engagement: Engagement, by, **changes) -> IndividualAgreement:
    agreement = services.draft_from_template(
        organisation=engagement.organisation,
        volunteer=engagement.volunteer,
        template=services.default_template("da"),
        by=by,
        engagement=engagement,
    )
    # The opportunity may leave these open (a task done from home has no place).
    fallbacks = {
        "time_and_place": "Efter aftale med kontaktpersonen.",
        "contact_person": engagement.organisation.name,
    }
    missing = {name: text for name, text in fallbacks.items() if not getattr(agreement, name)}
    return services.update_draft(agreement=agreement, **missing, **changes)


def _sign_as_volunteer(agreement: IndividualAgreement) -> IndividualAgreement:
    volunteer = agreement.volunteer
    if volunteer.email == VOLUNTEER_LOGIN[0]:
        return services.sign_as_volunteer(
            agreement=agreement, volunteer=volunteer, ip=None, password=VOLUNTEER_LOGIN[1]
        )
    # The other demo volunteers have no password and sign with a code sent by e-mail. The demo
    # sends none, so it stores the challenge as `request_signing_code` would and answers it,
    # as if the volunteer had typed the code from the e-mail.
    SigningCode.objects.filter(agreement=agreement).delete()
    SigningCode.objects.create(
        agreement=agreement,
        code_hash=make_password(DEMO_CODE),
        expires_at=timezone.now() + timedelta(minutes=services.SIGNING_CODE_MINUTES),
    )
    return services.sign_as_volunteer(
        agreement=agreement, volunteer=volunteer, ip=None, code=DEMO_CODE
    )


def _countersign(agreement: IndividualAgreement) -> IndividualAgreement:
    signer = _signer(agreement.organisation)
    if signer is None:
        return agreement
    return services.countersign(agreement=agreement, by=signer, ip=None)


def _individual_agreements() -> None:
    engagements = (
        Engagement.objects.filter(status__in=[EngagementStatus.ACTIVE, EngagementStatus.PAUSED])
        .exclude(
            pk__in=IndividualAgreement.objects.filter(engagement__isnull=False).values(
                "engagement_id"
            )
        )
        .select_related("organisation", "volunteer", "opportunity__place")
        .order_by("pk")
    )
    demo_volunteer = _user(VOLUNTEER_LOGIN[0])
    for engagement in engagements:
        by = _signer(engagement.organisation)
        if engagement.volunteer_id == getattr(demo_volunteer, "pk", None):
            _demo_volunteers(engagement, by)
        else:
            _others(engagement, by)


def _demo_volunteers(engagement: Engagement, by) -> None:
    """The demo volunteer's: the active engagement waits for her signature; the paused one
    was signed by both, then changed after the pause, and the new version waits for the
    organisation's countersignature."""
    agreement = services.send_for_signing(agreement=_draft(engagement, by), by=by)
    if engagement.status == EngagementStatus.ACTIVE:
        return
    signed = _countersign(_sign_as_volunteer(agreement))
    if signed.status != AgreementStatus.SIGNED:
        return
    newer = services.update_draft(
        agreement=services.new_version(agreement=signed, by=by),
        time_and_place=(
            "Efter pausen: et besøg hver anden uge, på en hverdag efter kl. 16, på "
            "plejecentret eller en gåtur i nærheden."
        ),
    )
    _sign_as_volunteer(services.send_for_signing(agreement=newer, by=by))


def _others(engagement: Engagement, by) -> None:
    """The other volunteers': a task with children is signed by the volunteer and waits for
    the organisation; others wait for the volunteer, and every third is still a draft."""
    agreement = _draft(engagement, by)
    if engagement.pk % 3 == 0 and not agreement.child_certificate_required:
        return
    agreement = services.send_for_signing(agreement=agreement, by=by)
    if agreement.child_certificate_required:
        _countersign(_sign_as_volunteer(agreement))


# Qualifications ----------------------------------------------------------------------------


def _qualifications(today: date) -> None:
    """A valid child certificate for every engagement with children, and the demo volunteer's
    first-aid course running out soon."""
    engagements = Engagement.objects.filter(
        status__in=[EngagementStatus.ACTIVE, EngagementStatus.PAUSED],
        opportunity__requires_child_certificate=True,
    ).select_related("organisation", "volunteer", "opportunity")
    for engagement in engagements:
        for lacking in qualifications.missing(
            engagement.volunteer,
            engagement.organisation,
            qualifications.required_types(opportunity=engagement.opportunity),
        ):
            qualifications.record(
                volunteer=engagement.volunteer,
                qualification_type=lacking,
                organisation=engagement.organisation,
                status=QualificationStatus.APPROVED,
                obtained_on=today - timedelta(days=60),
                checked_by=_signer(engagement.organisation),
            )
    demo_volunteer = _user(VOLUNTEER_LOGIN[0])
    checked_at = Organisation.objects.filter(slug="plejecenter-fjordglimt").first()
    if demo_volunteer is None or checked_at is None:
        return
    first_aid = qualifications.shared_type(QualificationKind.FIRST_AID)
    months = qualifications.recheck_months(checked_at, first_aid)
    if (
        months is None
        or QualificationRecord.objects.filter(
            volunteer=demo_volunteer, qualification_type=first_aid, organisation=checked_at
        ).exists()
    ):
        return
    qualifications.record(
        volunteer=demo_volunteer,
        qualification_type=first_aid,
        organisation=checked_at,
        status=QualificationStatus.APPROVED,
        obtained_on=qualifications.add_months(today + timedelta(days=EXPIRES_IN_DAYS), -months),
        checked_by=_signer(checked_at),
        note="Førstehjælpskursus, 12 timer",
    )
