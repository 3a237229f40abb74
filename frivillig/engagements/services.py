"""From interest to engagement. Every function owns its transaction, locks the one row it
changes before checking its state (so two clicks cannot both accept, or accept and withdraw),
and sends e-mail only after commit."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.models import VolunteerProfile
from frivillig.accounts.services import record_personal_data_change
from frivillig.catalog.models import Opportunity
from frivillig.dialog.feedback import services as feedback
from frivillig.engagements import eligibility, notices, qualifications
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)


class EngagementError(Exception):
    """A rule about applications or engagements was broken; the message is for the user."""


def _locked_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("opportunity", "organisation", "volunteer")
        .get(pk=application.pk)
    )


def _locked_engagement(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update()
        .select_related("opportunity", "organisation", "volunteer")
        .get(pk=engagement.pk)
    )


def apply(
    *, volunteer, opportunity: Opportunity, message: str = "", availability: str = ""
) -> Application:
    """The volunteer applies. Raises eligibility.ApplicationNotAllowed with a kind reason."""
    profile = VolunteerProfile.objects.filter(user=volunteer).first()
    eligibility.check_open(opportunity)
    eligibility.check_age(opportunity, profile.birth_year if profile else None)
    eligibility.check_not_applied(opportunity, volunteer)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                opportunity=opportunity,
                organisation_id=opportunity.organisation_id,
                volunteer=volunteer,
                message=message.strip(),
                availability=availability.strip(),
            )
            _note_application(application)
            notices.application_received(application)
    except IntegrityError:
        # Two submissions raced past the check above; the partial unique constraint decided.
        raise eligibility.AlreadyApplied(
            _(
                "You have already applied for this opportunity. You can follow the answer on "
                "“My page”."
            )
        ) from None
    return application


def _note_application(application: Application) -> None:
    # Always a write, so it waits for (and is waited for by) an answer being given on the same
    # opportunity, which holds its row: otherwise an answer could count the waiting
    # applications without this one and leave `waiting_since` empty while it waits. The
    # earlier of the two, not "if empty": an answer that counted while this application was
    # not yet committed may have set a later one.
    sent = Value(application.created_at)
    Opportunity.objects.filter(pk=application.opportunity_id).update(
        has_applicants=True, waiting_since=Least(Coalesce(F("waiting_since"), sent), sent)
    )


def _oldest_pending():
    return (
        Application.objects.filter(opportunity=OuterRef("pk"), status=ApplicationStatus.PENDING)
        .order_by("created_at")
        .values("created_at")[:1]
    )


def _answered(application: Application) -> None:
    """After an application stopped waiting, inside the transaction that holds its
    opportunity's row (`_locked_application` locks the rows it joins)."""
    Opportunity.objects.filter(pk=application.opportunity_id).update(
        waiting_since=Subquery(_oldest_pending())
    )


def sync_applicant_facts(*, opportunities=None) -> int:
    """Set `Opportunity.has_applicants` and `waiting_since` right for the opportunities with
    these ids (None: all) after applications changed without these services seeing it: a
    deleted account takes its applications with it, and the nightly refresh catches any other
    path (the admin, a script). Returns how many opportunities changed."""
    rows = Opportunity.objects.all()
    if opportunities is not None:
        rows = rows.filter(pk__in=list(opportunities))
    applied = Exists(Application.objects.filter(opportunity=OuterRef("pk")))
    changed = rows.filter(has_applicants=True).exclude(applied).update(has_applicants=False)
    changed += rows.filter(applied, has_applicants=False).update(has_applicants=True)
    oldest = Subquery(_oldest_pending())
    # Only rows that differ: a nightly rewrite of every row would also cost the index-only
    # scans their visibility map. (A negated equality would match NULL against NULL.)
    wrong = rows.alias(oldest=oldest).filter(
        Q(waiting_since__lt=F("oldest"))
        | Q(waiting_since__gt=F("oldest"))
        | Q(waiting_since__isnull=True, oldest__isnull=False)
        | Q(waiting_since__isnull=False, oldest__isnull=True)
    )
    return changed + wrong.update(waiting_since=oldest)


@transaction.atomic
def accept(*, application: Application, by) -> Engagement:
    application = _locked_application(application)
    if application.status != ApplicationStatus.PENDING:
        raise EngagementError(_("This application has already been answered."))
    try:
        qualifications.check(
            application.volunteer,
            application.organisation,
            qualifications.required_types(opportunity=application.opportunity),
            for_staff=True,
        )
    except qualifications.QualificationMissing as missing:
        raise EngagementError(str(missing)) from None
    application.status = ApplicationStatus.ACCEPTED
    application.answered_at = timezone.now()
    application.save(update_fields=["status", "answered_at"])
    engagement = Engagement.objects.create(
        application=application,
        opportunity=application.opportunity,
        organisation=application.organisation,
        volunteer=application.volunteer,
    )
    record_personal_data_change(
        staff=by,
        volunteer=application.volunteer,
        organisation=application.organisation,
        what="application",
    )
    _answered(application)
    notices.application_accepted(application, by=by)
    return engagement


@transaction.atomic
def decline(*, application: Application, by, message: str) -> Application:
    application = _locked_application(application)
    if application.status != ApplicationStatus.PENDING:
        raise EngagementError(_("This application has already been answered."))
    application.status = ApplicationStatus.DECLINED
    application.answered_at = timezone.now()
    application.answer = message.strip()
    application.save(update_fields=["status", "answered_at", "answer"])
    record_personal_data_change(
        staff=by,
        volunteer=application.volunteer,
        organisation=application.organisation,
        what="application",
    )
    _answered(application)
    notices.application_declined(application, by=by)
    return application


@transaction.atomic
def ask_question(*, application: Application, by, question: str) -> Application:
    application = _locked_application(application)
    if application.status != ApplicationStatus.PENDING:
        raise EngagementError(_("This application has already been answered."))
    if not question.strip():
        raise EngagementError(_("Write the question you want to ask."))
    application.question = question.strip()
    application.question_asked_at = timezone.now()
    application.save(update_fields=["question", "question_asked_at"])
    record_personal_data_change(
        staff=by,
        volunteer=application.volunteer,
        organisation=application.organisation,
        what="application",
    )
    notices.application_question(application, by=by)
    return application


@transaction.atomic
def withdraw(*, application: Application, volunteer, note: str = "") -> Application:
    """The volunteer takes back an application: one action, no reason needed."""
    application = _locked_application(application)
    if application.volunteer_id != volunteer.pk:
        raise EngagementError(_("This application is not yours."))
    if application.status != ApplicationStatus.PENDING:
        raise EngagementError(_("Only an application that awaits an answer can be withdrawn."))
    application.status = ApplicationStatus.WITHDRAWN
    application.answered_at = timezone.now()
    application.save(update_fields=["status", "answered_at"])
    _answered(application)
    notices.application_withdrawn(application, note=note.strip())
    return application


def _change(engagement: Engagement, volunteer, allowed_from: set[str]) -> Engagement:
    engagement = _locked_engagement(engagement)
    if engagement.volunteer_id != volunteer.pk:
        raise EngagementError(_("This engagement is not yours."))
    if engagement.status not in allowed_from:
        raise EngagementError(_("That is not possible for this engagement now."))
    return engagement


@transaction.atomic
def pause(*, engagement: Engagement, volunteer, note: str = "") -> Engagement:
    engagement = _change(engagement, volunteer, {EngagementStatus.ACTIVE})
    engagement.status = EngagementStatus.PAUSED
    engagement.paused_at = timezone.now()
    engagement.save(update_fields=["status", "paused_at"])
    notices.engagement_paused(engagement, note=note.strip())
    return engagement


@transaction.atomic
def resume(*, engagement: Engagement, volunteer) -> Engagement:
    engagement = _change(engagement, volunteer, {EngagementStatus.PAUSED})
    engagement.status = EngagementStatus.ACTIVE
    engagement.paused_at = None
    engagement.save(update_fields=["status", "paused_at"])
    notices.engagement_resumed(engagement)
    return engagement


@transaction.atomic
def end(*, engagement: Engagement, volunteer, note: str = "") -> Engagement:
    """The volunteer stops. The strategy's 'utvungen': no reason, no sanction, no record
    of who stopped beyond the date."""
    engagement = _change(engagement, volunteer, {EngagementStatus.ACTIVE, EngagementStatus.PAUSED})
    engagement.status = EngagementStatus.ENDED
    engagement.ended_at = timezone.now()
    engagement.save(update_fields=["status", "ended_at"])
    notices.engagement_ended_by_volunteer(engagement, note=note.strip())
    feedback.ask_on_commit(engagement=engagement)  # a short survey, after commit
    return engagement


@transaction.atomic
def end_by_organisation(*, engagement: Engagement, by, message: str) -> Engagement:
    engagement = _locked_engagement(engagement)
    if engagement.status == EngagementStatus.ENDED:
        raise EngagementError(_("This engagement has already ended."))
    engagement.status = EngagementStatus.ENDED
    engagement.ended_at = timezone.now()
    engagement.save(update_fields=["status", "ended_at"])
    record_personal_data_change(
        staff=by,
        volunteer=engagement.volunteer,
        organisation=engagement.organisation,
        what="engagement",
    )
    notices.engagement_ended_by_organisation(engagement, by=by, message=message.strip())
    # However it ended, the volunteer may say how it went.
    feedback.ask_on_commit(engagement=engagement)
    return engagement


REMINDER_AFTER_DAYS = (3, 7)


def send_reminders(*, now=None) -> int:
    """Remind organisations of applications unanswered after 3 and after 7 days. Safe to run
    as often as you like: each reminder is counted on the application and sent once."""
    now = now or timezone.now()
    sent = 0
    for step, days in enumerate(REMINDER_AFTER_DAYS, start=1):
        due = Application.objects.filter(
            status=ApplicationStatus.PENDING,
            reminders_sent=step - 1,
            created_at__lte=now - timezone.timedelta(days=days),
        ).values_list("pk", flat=True)
        for pk in due:
            with transaction.atomic():
                application = (
                    Application.objects.select_for_update()
                    .select_related("opportunity", "organisation", "volunteer")
                    .get(pk=pk)
                )
                if (
                    application.status != ApplicationStatus.PENDING
                    or application.reminders_sent != step - 1
                ):
                    continue
                application.reminders_sent = step
                application.save(update_fields=["reminders_sent"])
                notices.application_reminder(application, days=days)
                sent += 1
    return sent
