"""Who is told what about agreements. Called inside the service's transaction; the e-mails
leave after commit (notifications.emails)."""

from django.urls import reverse

from frivillig.notifications.emails import send_to_user
from frivillig.organisations.models import Membership
from frivillig.organisations.permissions import MANAGE_AGREEMENTS, roles_with


def _signers(organisation):
    return [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, role__in=roles_with(MANAGE_AGREEMENTS)
        ).select_related("user__profile")
    ]


def _individual(agreement, **extra):
    return {
        "agreement": agreement,
        "organisation": agreement.organisation,
        "volunteer": agreement.volunteer,
        "my_agreements_url": reverse("portal:my_agreements"),
        "agreement_url": reverse("portal:my_agreement", args=[agreement.pk]),
        "backoffice_url": reverse(
            "backoffice:agreement_detail", args=[agreement.organisation.slug, agreement.pk]
        ),
        **extra,
    }


def agreement_to_sign(agreement):
    send_to_user(agreement.volunteer, template="agreement_to_sign", context=_individual(agreement))


def signing_code(agreement, *, code, minutes):
    send_to_user(
        agreement.volunteer,
        template="agreement_signing_code",
        context=_individual(agreement, code=code, minutes=minutes),
    )


def signed_by_volunteer(agreement):
    for user in _signers(agreement.organisation):
        send_to_user(user, template="agreement_countersign", context=_individual(agreement))


def agreement_signed(agreement):
    send_to_user(agreement.volunteer, template="agreement_signed", context=_individual(agreement))


def agreement_ended(agreement, *, by_volunteer):
    context = _individual(agreement)
    if by_volunteer:
        for user in _signers(agreement.organisation):
            send_to_user(user, template="agreement_ended", context=context)
    else:
        send_to_user(agreement.volunteer, template="agreement_ended", context=context)


def _cooperation(agreement, organisation, **extra):
    return {
        "agreement": agreement,
        "organisation": organisation,
        "backoffice_url": reverse(
            "backoffice:cooperation_detail", args=[organisation.slug, agreement.pk]
        ),
        **extra,
    }


def _both_parties(agreement, template, **extra):
    for party in (agreement.municipal_unit, agreement.partner):
        for user in _signers(party):
            send_to_user(user, template=template, context=_cooperation(agreement, party, **extra))


def cooperation_to_sign(agreement):
    _both_parties(agreement, "cooperation_to_sign")


def cooperation_signed(agreement, *, side):
    _both_parties(agreement, "cooperation_signed", side=side)


def cooperation_review_due(agreement):
    _both_parties(agreement, "cooperation_review_due")
