"""A volunteer's rights over their own data: a copy of all of it (GDPR art. 15 and 20) and
erasure (art. 17).

What must be kept, and for how long, is decided here and nowhere else. Today nothing in the
schema must be kept by law, so deleting an account deletes the person: the user row goes, and
the database's ON DELETE CASCADE takes the profile, applications, engagements, memberships and
the log of staff reads about them along. Statistics keep only anonymous counts, so they lose
nothing that identifies anyone.

When expense claims arrive, they are accounting records that the organisation must keep for
5 years (bogføringsloven § 10). Then `delete_account` must anonymise the claims (detach them
from the person, blank name, address and account number, keep amounts, dates and the
organisation) before the user row is deleted, and the claims' foreign key to the user must be
SET_NULL, never CASCADE or PROTECT.
"""

from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.models import PersonalDataRead, User, VolunteerProfile
from frivillig.agreements.models import AgreementStatus, IndividualAgreement
from frivillig.dialog.announcements import privacy as announcements_privacy
from frivillig.dialog.consultations import privacy as consultations_privacy
from frivillig.dialog.feedback import privacy as feedback_privacy
from frivillig.dialog.ideas import privacy as ideas_privacy
from frivillig.dialog.messaging import privacy as messaging_privacy
from frivillig.engagements import services as engagements
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)
from frivillig.expenses import services as expenses
from frivillig.expenses.models import Claim
from frivillig.notifications import privacy as notifications_privacy
from frivillig.organisations.models import Membership
from frivillig.recognition import privacy as recognition_privacy

EXPORT_FORMAT = "frivilligportalen-personal-data"
EXPORT_VERSION = 1

# What a copy of the account holds. Never the password hash, permissions or session data.
USER_FIELDS = ("email", "first_name", "last_name", "date_joined", "last_login")
PROFILE_SKIP = {"id", "user"}


class AccountDeletionError(Exception):
    """The account cannot be deleted right now; the message says why, for the user."""


def _iso(value):
    """Dates and times as ISO 8601 text; anything else as it is."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _profile_data(profile: VolunteerProfile | None) -> dict | None:
    if profile is None:
        return None
    # Every concrete field, so a field added to the profile later is exported without anyone
    # having to remember it here.
    data = {}
    for model_field in VolunteerProfile._meta.concrete_fields:
        if model_field.name in PROFILE_SKIP:
            continue
        value = getattr(profile, model_field.attname)
        data[model_field.name] = _iso(value)
    data["interests"] = sorted(area.slug for area in profile.interests.all())
    return data


def _opportunity_data(opportunity) -> dict:
    return {
        "title": opportunity.title,
        "url": _absolute(opportunity.get_absolute_url()),
        "organisation": opportunity.organisation.name,
        "contact_person": {
            "name": opportunity.contact_name,
            "email": opportunity.contact_email,
            "phone": opportunity.contact_phone,
        },
    }


def _sign_in_data(user) -> dict:
    """The addresses and outside identities (OpenID Connect, SAML) the person signs in with,
    when allauth is installed. Tokens are never stored, so none can leak here."""
    data = {}
    if apps.is_installed("allauth.account"):
        from allauth.account.models import EmailAddress

        data["email_addresses"] = [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ]
    if apps.is_installed("allauth.socialaccount"):
        from allauth.socialaccount.models import SocialAccount

        data["identity_providers"] = [
            {
                "provider": s.provider,
                "uid": s.uid,
                "connected_at": _iso(s.date_joined),
                "last_login": _iso(s.last_login),
                # What the provider told us about the person, e.g. name and address claims.
                "data": s.extra_data,
            }
            for s in SocialAccount.objects.filter(user=user).order_by("pk")
        ]
    return data


def _claim_data(claim) -> dict:
    lines = list(claim.lines.all())
    return {
        "id": claim.pk,
        "organisation": claim.organisation.name,
        "opportunity": claim.engagement.opportunity.title if claim.engagement_id else None,
        "year": claim.year,
        "status": claim.status,
        "total": str(sum((line.amount for line in lines), Decimal("0.00"))),
        "created_at": _iso(claim.created_at),
        "submitted_at": _iso(claim.submitted_at),
        "decided_at": _iso(claim.decided_at),
        "rejection_reason": claim.rejection_reason,
        "paid_at": _iso(claim.paid_at),
        "lines": [
            {
                "kind": line.kind,
                "date": _iso(line.date),
                "purpose": line.purpose,
                "from": line.from_place,
                "to": line.to_place,
                "km": str(line.km) if line.km is not None else None,
                "vehicle": line.vehicle,
                "days": line.days,
                "amount": str(line.amount),
            }
            for line in lines
        ],
    }


def export_user_data(*, user) -> dict:
    """Everything the portal holds about `user`, ready for json.dumps. About other people it
    holds only what is public anyway (organisations and their contact persons) and who in
    which organisation read the user's personal data."""
    profile = VolunteerProfile.objects.filter(user=user).prefetch_related("interests").first()
    applications = Application.objects.filter(volunteer=user).select_related(
        "opportunity__organisation"
    )
    engagements_qs = Engagement.objects.filter(volunteer=user).select_related(
        "opportunity__organisation"
    )
    reads = PersonalDataRead.objects.filter(volunteer=user).select_related("staff", "organisation")
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    # Status, dates and the proof of the text; the text itself is the organisation's wording
    # and is downloadable as a PDF from Min side.
    agreements = (
        IndividualAgreement.objects.filter(volunteer=user)
        .exclude(status=AgreementStatus.DRAFT)
        .select_related("organisation", "framework")
        .defer("rendered_text")
    )
    # Status, totals and dates, and what each line was for; receipts are files kept in
    # private storage for the organisation's bookkeeping and are downloadable on Min side.
    claims = (
        Claim.objects.filter(volunteer=user)
        .select_related("organisation", "engagement__opportunity")
        .prefetch_related("lines")
        .order_by("created_at", "pk")
    )
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "site": settings.SITE_URL,
        "user": {name: _iso(getattr(user, name)) for name in USER_FIELDS},
        **_sign_in_data(user),
        "profile": _profile_data(profile),
        "applications": [
            {
                "id": a.pk,
                "opportunity": _opportunity_data(a.opportunity),
                "status": a.status,
                "message": a.message,
                "availability": a.availability,
                "created_at": _iso(a.created_at),
                "answered_at": _iso(a.answered_at),
                "answer": a.answer,
                "question": a.question,
                "question_asked_at": _iso(a.question_asked_at),
            }
            for a in applications
        ],
        "engagements": [
            {
                "id": e.pk,
                "opportunity": _opportunity_data(e.opportunity),
                "status": e.status,
                "started_at": _iso(e.started_at),
                "paused_at": _iso(e.paused_at),
                "ended_at": _iso(e.ended_at),
            }
            for e in engagements_qs
        ],
        "agreements": [
            {
                "id": a.pk,
                "organisation": a.organisation.name,
                "version": a.version,
                "framework": a.framework.version,
                "status": a.status,
                "sent_at": _iso(a.sent_at),
                "volunteer_signed_at": _iso(a.volunteer_signed_at),
                "organisation_signed_at": _iso(a.organisation_signed_at),
                "ended_at": _iso(a.ended_at),
                "code": a.code,
                "sha256": a.sha256,
            }
            for a in agreements
        ],
        "expense_claims": [_claim_data(c) for c in claims],
        **announcements_privacy.export_for(user),
        **consultations_privacy.export_for(user),
        **feedback_privacy.export_for(user),
        **ideas_privacy.export_for(user),
        **messaging_privacy.export_for(user),
        **notifications_privacy.export_for(user),
        **recognition_privacy.export_for(user),
        "staff_roles": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "since": _iso(m.created_at),
            }
            for m in memberships
        ],
        "personal_data_reads": [
            {
                "organisation": r.organisation.name,
                # The staff member's name only: they read this person's data, and the person
                # has the right to know who did (GDPR art. 15(1)(c)); their e-mail stays theirs.
                "staff": r.staff.get_full_name() if r.staff_id else None,
                "what": r.what,
                "action": r.action,
                "read_at": _iso(r.read_at),
            }
            for r in reads
        ],
    }


def delete_account(*, user) -> None:
    """Delete `user` and everything about them, in one transaction.

    Pending applications are withdrawn and current engagements ended first, through the
    same services the volunteer uses, so each organisation is told politely (after commit)
    and no reason is asked for. Then the user row is deleted and the rest cascades.

    Decided expense claims are accounting records (bogføringsloven: five years): they stay,
    with the payee's name but without the link to the account; drafts and unanswered claims
    go (expenses.services.forget_volunteer).
    """
    try:
        with transaction.atomic():
            # Lock the person first (the documented lock order: volunteer, then the rest), so
            # an application made in another tab meanwhile waits and then fails cleanly
            # instead of surviving the deletion.
            person = User.objects.select_for_update().get(pk=user.pk)
            pending = list(
                Application.objects.filter(volunteer=person, status=ApplicationStatus.PENDING)
            )
            for application in pending:
                engagements.withdraw(application=application, volunteer=person)
            current = list(
                Engagement.objects.filter(
                    volunteer=person,
                    status__in=[EngagementStatus.ACTIVE, EngagementStatus.PAUSED],
                )
            )
            for engagement in current:
                engagements.end(engagement=engagement, volunteer=person)
            # Decided expense claims are accounting records: kept, without the account.
            expenses.forget_volunteer(user=person)
            applied_for = set(
                Application.objects.filter(volunteer=person).values_list("opportunity", flat=True)
            )
            person.delete()
            # Their applications went with them: an opportunity may wait for applicants again.
            engagements.sync_applicant_facts(opportunities=applied_for)
    except User.DoesNotExist:
        # Deleted already (a second click, another tab): the wish is fulfilled.
        return
    except (ProtectedError, RestrictedError):
        # A record another part of the system must keep points at the person without an
        # anonymisation rule here yet; refuse rather than lose it or the person's wish.
        raise AccountDeletionError(
            _(
                "Your account could not be deleted right now, because some records must be "
                "kept. Please contact the volunteer office, and we will delete it for you."
            )
        ) from None
