"""Who is told what about a claim. Called inside the service's transaction; the e-mails leave
after commit (notifications.emails)."""

from django.urls import reverse

from frivillig.notifications.emails import send_to_user
from frivillig.organisations.models import Membership
from frivillig.organisations.permissions import APPROVE_EXPENSES, roles_with


def _context(claim):
    from frivillig.expenses.services import total

    return {
        "claim": claim,
        "organisation": claim.organisation,
        "total": total(claim),
        "claim_url": reverse("portal:my_claim", args=[claim.pk]),
        "backoffice_url": reverse(
            "backoffice:claim_detail", args=[claim.organisation.slug, claim.pk]
        ),
    }


def claim_submitted(claim):
    context = _context(claim)
    for membership in Membership.objects.filter(
        organisation=claim.organisation, role__in=roles_with(APPROVE_EXPENSES)
    ).select_related("user__profile"):
        send_to_user(membership.user, template="claim_submitted", context=context)


def claim_decided(claim):
    if claim.volunteer_id:
        send_to_user(claim.volunteer, template="claim_decided", context=_context(claim))


def claim_paid(claim):
    if claim.volunteer_id:
        send_to_user(claim.volunteer, template="claim_paid", context=_context(claim))
