"""An association asks to join the portal; the central volunteer office decides.

submitted -> question -> (answered: submitted again) -> approved | rejected

Approval creates the organisation as an approved association and opens its back office: the
contact person becomes its administrator at once if they already have an account, otherwise
they get an invitation by e-mail. Every decision locks the request row first, so two people in
the office clicking "approve" at the same moment create one organisation, not two.

The requester answers a question through a secret link (only its SHA-256 is stored, as for
invitations), because most requesters have no account. Every e-mail leaves after commit.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from frivillig.notifications.emails import send_templated, send_to_user
from frivillig.organisations import invitations, permissions
from frivillig.organisations.cvr import CvrError, normalize_cvr
from frivillig.organisations.models import (
    Organisation,
    OrganisationKind,
    OrganisationRequest,
    RequestStatus,
    Role,
)
from frivillig.organisations.services import OrganisationError, add_member, create_organisation

MAX_TEXT = 4000


class OnboardingError(OrganisationError):
    """A request to join cannot be made or decided as asked; the message is for the user."""


def _language() -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _cvr_taken_message(cvr: str) -> str:
    return _(
        "An association with CVR number %(cvr)s has already asked to join or is already on "
        "the portal. Contact the central volunteer office if you think this is a mistake."
    ) % {"cvr": cvr}


def office_staff():
    """Everyone on the staff of the central volunteer office, who review the requests."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation__is_volunteer_office=True,
            memberships__role__in=permissions.roles_with(permissions.VIEW),
            is_active=True,
        )
        .select_related("profile")
        .distinct()
    )


def _review_url(join_request: OrganisationRequest) -> str:
    return settings.SITE_URL + reverse("coordination:onboarding_detail", args=[join_request.pk])


def _tell_office(join_request: OrganisationRequest, template: str) -> None:
    for user in office_staff():
        send_to_user(
            user,
            template=template,
            context={"join_request": join_request, "review_url": _review_url(join_request)},
        )


def _tell_requester(join_request: OrganisationRequest, template: str, **context) -> None:
    send_templated(
        to=[join_request.contact_email],
        template=template,
        context={"join_request": join_request, **context},
        language=join_request.language,
    )


def _required(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise OnboardingError(message)
    if len(value) > MAX_TEXT:
        raise OnboardingError(_("Please keep it under %(count)d characters.") % {"count": MAX_TEXT})
    return value


def submit_request(
    *,
    name: str,
    cvr: str,
    contact_name: str,
    contact_email: str,
    description: str,
    areas,
    contact_phone: str = "",
    place=None,
    submitted_by=None,
    language: str | None = None,
) -> OrganisationRequest:
    try:
        cvr = normalize_cvr(cvr)
    except CvrError as error:
        raise OnboardingError(str(error)) from error
    name = _required(name, _("Write the name of the association."))
    contact_name = _required(contact_name, _("Write the name of the contact person."))
    contact_email = _required(contact_email, _("Write the contact person's e-mail address."))
    description = _required(description, _("Describe the association in a few lines."))
    areas = list(areas)
    if not areas:
        raise OnboardingError(_("Choose at least one area."))
    try:
        # The savepoint keeps a caller's transaction usable when the constraint refuses us.
        with transaction.atomic():
            if OrganisationRequest.objects.filter(
                cvr=cvr, status__in=RequestStatus.blocking_cvr()
            ).exists():
                raise OnboardingError(_cvr_taken_message(cvr))
            join_request = OrganisationRequest.objects.create(
                name=name,
                cvr=cvr,
                contact_name=contact_name,
                contact_email=contact_email,
                contact_phone=(contact_phone or "").strip(),
                description=description,
                place=place,
                submitted_by=submitted_by
                if getattr(submitted_by, "is_authenticated", False)
                else None,
                language=language or _language(),
            )
            join_request.areas.set(areas)
            _tell_requester(join_request, "onboarding_receipt")
            _tell_office(join_request, "onboarding_received")
    except IntegrityError as error:
        # Two forms with the same CVR number at the same moment: the constraint let one in.
        raise OnboardingError(_cvr_taken_message(cvr)) from error
    return join_request


def _locked(join_request: OrganisationRequest) -> OrganisationRequest:
    locked = (
        OrganisationRequest.objects.select_for_update(of=("self",))
        .filter(pk=join_request.pk)
        .select_related("place")
        .first()
    )
    if locked is None:
        raise OnboardingError(_("This request no longer exists."))
    if not locked.is_open:
        raise OnboardingError(
            _("This request has already been decided: %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _decided(join_request: OrganisationRequest, *, status: str, by) -> None:
    join_request.status = status
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.answer_token_hash = None


@transaction.atomic
def approve(*, join_request: OrganisationRequest, by) -> Organisation:
    """Create the association, approved, and open its back office to the contact person."""
    join_request = _locked(join_request)
    organisation = create_organisation(
        name=join_request.name,
        kind=OrganisationKind.ASSOCIATION,
        is_approved=True,
        place=join_request.place,
        contact_name=join_request.contact_name,
        contact_email=join_request.contact_email,
        contact_phone=join_request.contact_phone,
        # The Danish text is the one that is always shown (frivillig.translation); what the
        # association wrote goes there whatever language the form was in.
        description_da=join_request.description,
    )
    _decided(join_request, status=RequestStatus.APPROVED, by=by)
    join_request.organisation = organisation
    join_request.save()

    contact = (
        get_user_model()
        .objects.filter(email__iexact=join_request.contact_email, is_active=True)
        .order_by("pk")
        .first()
    )
    if contact is not None:
        add_member(organisation=organisation, user=contact, role=Role.ADMIN)
    else:
        # No account yet: the invitation e-mail carries the link that makes one and joins.
        invitations.invite(
            organisation=organisation,
            email=join_request.contact_email,
            role=Role.ADMIN,
            invited_by=by,
        )
    _tell_requester(
        join_request,
        "onboarding_approved",
        organisation=organisation,
        has_account=contact is not None,
        backoffice_url=settings.SITE_URL
        + reverse("backoffice:dashboard", args=[organisation.slug]),
    )
    return organisation


@transaction.atomic
def reject(*, join_request: OrganisationRequest, by, reason: str) -> OrganisationRequest:
    reason = _required(reason, _("Write the reason, so the association knows why."))
    join_request = _locked(join_request)
    _decided(join_request, status=RequestStatus.REJECTED, by=by)
    join_request.rejection_reason = reason
    join_request.save()
    _tell_requester(join_request, "onboarding_rejected")
    return join_request


@transaction.atomic
def ask_question(*, join_request: OrganisationRequest, by, question: str) -> str:
    """Put the request on hold with a question. Returns the secret for the answer link, which
    is e-mailed after commit and never stored; a new question makes the old link stop working."""
    question = _required(question, _("Write the question."))
    join_request = _locked(join_request)
    raw_token = secrets.token_urlsafe(32)
    join_request.status = RequestStatus.QUESTION
    join_request.question = question
    join_request.answer = ""
    join_request.answer_token_hash = invitations.hash_token(raw_token)
    join_request.save()
    _tell_requester(
        join_request,
        "onboarding_question",
        answer_url=settings.SITE_URL + reverse("portal:onboarding_answer", args=[raw_token]),
    )
    return raw_token


def _answerable(queryset, raw_token: str) -> OrganisationRequest:
    join_request = queryset.filter(
        answer_token_hash=invitations.hash_token(raw_token or ""),
        status=RequestStatus.QUESTION,
    ).first()
    if join_request is None:
        raise OnboardingError(
            _(
                "This link is no longer valid: the question has been answered already, or a "
                "newer e-mail has a new link. Contact the central volunteer office if you have "
                "more to add."
            )
        )
    return join_request


def request_for_answer(*, raw_token: str) -> OrganisationRequest:
    """The request behind an answer link, while it awaits the answer."""
    return _answerable(OrganisationRequest.objects.select_related("place"), raw_token)


@transaction.atomic
def answer_question(*, raw_token: str, answer: str) -> OrganisationRequest:
    """The requester's answer sends the request back to the office; the link works once."""
    answer = _required(answer, _("Write your answer."))
    join_request = _answerable(OrganisationRequest.objects.select_for_update(), raw_token)
    join_request.status = RequestStatus.SUBMITTED
    join_request.answer = answer
    join_request.answer_token_hash = None
    join_request.save()
    _tell_office(join_request, "onboarding_answered")
    return join_request


def requests_for_review():
    """The office's list: open requests first, oldest first as in a queue; then the decided
    ones, newest decision first."""
    return (
        OrganisationRequest.objects.select_related("place")
        .annotate(
            queue=Case(
                When(status__in=RequestStatus.open(), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("queue", F("decided_at").desc(nulls_first=True), "created_at", "pk")
    )
