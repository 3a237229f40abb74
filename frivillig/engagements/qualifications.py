"""Qualifications: what a task requires, what an organisation has checked, and whether it
still holds. Only facts and dates are kept (never a document's content or a CPR number).

A child certificate is obtained by an organisation about a person, with consent, and holds for
that organisation and those below it in the tree (Børneattestloven: the organisation that
engages the person obtains it). Other qualifications, such as a first-aid course, are the
person's own: a check by any organisation counts.
"""

import calendar
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.services import record_personal_data_change
from frivillig.engagements.models import (
    QualificationKind,
    QualificationPolicy,
    QualificationRecord,
    QualificationStatus,
    QualificationType,
)
from frivillig.engagements.qualification_defaults import SHARED


class QualificationMissing(Exception):
    """A requirement is not met; str(error) says which and what to do."""

    def __init__(self, message, missing):
        super().__init__(message)
        self.missing = missing


class QualificationError(Exception):
    """Bad input for a record; the message is for the user."""


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shared_type(kind: str) -> QualificationType:
    found = QualificationType.objects.filter(organisation__isnull=True, kind=kind).first()
    if found is None:
        # Shipped by a migration; put back if someone removed it.
        _kind, name, name_en, months, description = next(t for t in SHARED if t[0] == kind)
        found = QualificationType.objects.create(
            organisation=None,
            kind=kind,
            name=name,
            name_en=name_en,
            valid_months=months,
            description=description,
        )
    return found


def types_for(organisation):
    """The types an organisation can choose from: the municipality's and its own (and those
    of the organisations above it)."""
    return QualificationType.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=organisation.ancestor_ids())
    )


def recheck_months(organisation, qualification_type: QualificationType) -> int | None:
    policy = (
        QualificationPolicy.objects.filter(
            organisation__in=organisation.ancestor_ids(),
            qualification_type=qualification_type,
        )
        .order_by("-organisation__path")
        .first()
    )
    return policy.valid_months if policy else qualification_type.valid_months


@transaction.atomic
def record(
    *,
    volunteer,
    qualification_type: QualificationType,
    organisation,
    status: str,
    obtained_on: date | None,
    checked_by,
    note: str = "",
) -> QualificationRecord:
    """Record (or update) what `organisation` checked. The recheck date follows from the
    organisation's policy, or the type's default."""
    if status == QualificationStatus.APPROVED and obtained_on is None:
        raise QualificationError(_("Give the date the qualification was obtained."))
    if obtained_on and obtained_on > timezone.localdate():
        raise QualificationError(_("The date obtained cannot be in the future."))
    months = recheck_months(organisation, qualification_type)
    recheck_on = add_months(obtained_on, months) if obtained_on and months else None
    item, _created = QualificationRecord.objects.update_or_create(
        volunteer=volunteer,
        qualification_type=qualification_type,
        organisation=organisation,
        defaults={
            "status": status,
            "obtained_on": obtained_on,
            "recheck_on": recheck_on,
            "checked_by": checked_by,
            "note": note.strip(),
            "reminders_sent": 0,
        },
    )
    record_personal_data_change(
        staff=checked_by,
        volunteer=volunteer,
        organisation=organisation,
        what="qualifications",
    )
    return item


def _holds(records, organisation, on: date):
    return (
        records.filter(status=QualificationStatus.APPROVED)
        .filter(Q(recheck_on__isnull=True) | Q(recheck_on__gte=on))
        .filter(
            ~Q(qualification_type__kind=QualificationKind.CHILD_CERTIFICATE)
            | Q(organisation__in=organisation.ancestor_ids())
        )
    )


def required_types(*, opportunity=None, shift=None) -> list[QualificationType]:
    """What the task requires: its own list, plus a child certificate when it is ticked."""
    task = opportunity or shift
    types = list(task.required_qualifications.all()) if task.pk else []
    if task.requires_child_certificate and not any(
        t.kind == QualificationKind.CHILD_CERTIFICATE for t in types
    ):
        types.append(shared_type(QualificationKind.CHILD_CERTIFICATE))
    return types


def missing(volunteer, organisation, types, on: date | None = None) -> list[QualificationType]:
    if not types:
        return []
    on = on or timezone.localdate()
    held = set(
        _holds(
            QualificationRecord.objects.filter(volunteer=volunteer, qualification_type__in=types),
            organisation,
            on,
        ).values_list("qualification_type_id", flat=True)
    )
    return [t for t in types if t.pk not in held]


def explain(types, *, for_staff: bool) -> str:
    names = ", ".join(t.name for t in types)
    if for_staff:
        return _(
            "This task requires: %(names)s. Record a valid check for the person under "
            "“Qualifications” on their page before accepting them."
        ) % {"names": names}
    return _(
        "This task requires: %(names)s. The organisation will help you: for a child "
        "certificate it asks for your consent and obtains it. You can take the task when it "
        "is recorded as valid."
    ) % {"names": names}


def check(volunteer, organisation, types, *, for_staff: bool, on: date | None = None) -> None:
    lacking = missing(volunteer, organisation, types, on)
    if lacking:
        raise QualificationMissing(explain(lacking, for_staff=for_staff), lacking)


RECHECK_NOTICE_DAYS = 30


def send_recheck_reminders(*, today: date | None = None) -> int:
    """Tell the volunteer and the organisation a month before a recheck date. Safe to run as
    often as you like: each record is reminded once per check."""
    from frivillig.engagements.notices import qualification_recheck_due

    today = today or timezone.localdate()
    due = QualificationRecord.objects.filter(
        status=QualificationStatus.APPROVED,
        reminders_sent=0,
        recheck_on__isnull=False,
        recheck_on__lte=today + timezone.timedelta(days=RECHECK_NOTICE_DAYS),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in due:
        with transaction.atomic():
            item = (
                QualificationRecord.objects.select_for_update(of=("self",))
                .select_related("volunteer", "organisation", "qualification_type")
                .get(pk=pk)
            )
            if item.reminders_sent:
                continue
            item.reminders_sent = 1
            item.save(update_fields=["reminders_sent"])
            qualification_recheck_due(item)
            sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# An organisation's own types and recheck policies


@transaction.atomic
def add_type(
    *, organisation, name: str, description: str = "", valid_months: int | None = None
) -> QualificationType:
    name = name.strip()
    if not name:
        raise QualificationError(_("Write a name."))
    if types_for(organisation).filter(name__iexact=name).exists():
        raise QualificationError(_("There is already a qualification with that name."))
    return QualificationType.objects.create(
        organisation=organisation,
        kind=QualificationKind.OTHER,
        name=name,
        description=description.strip(),
        valid_months=valid_months or None,
    )


@transaction.atomic
def update_type(
    *, qualification_type: QualificationType, name: str, description: str, valid_months
) -> QualificationType:
    if qualification_type.organisation_id is None:
        raise QualificationError(_("The municipality's shared qualifications cannot be changed."))
    name = name.strip()
    if not name:
        raise QualificationError(_("Write a name."))
    clash = (
        types_for(qualification_type.organisation)
        .filter(name__iexact=name)
        .exclude(pk=qualification_type.pk)
    )
    if clash.exists():
        raise QualificationError(_("There is already a qualification with that name."))
    qualification_type.name = name
    qualification_type.description = description.strip()
    qualification_type.valid_months = valid_months or None
    qualification_type.save(update_fields=["name", "description", "valid_months"])
    return qualification_type


@transaction.atomic
def set_policy(
    *, organisation, qualification_type: QualificationType, valid_months: int
) -> QualificationPolicy:
    """The organisation's own recheck interval for a type. Applies to checks recorded from
    now on; a recorded recheck date is not moved."""
    if not types_for(organisation).filter(pk=qualification_type.pk).exists():
        raise QualificationError(_("Choose one of the qualifications listed."))
    if not valid_months or valid_months < 1:
        raise QualificationError(_("Give a number of months of at least 1."))
    policy, _created = QualificationPolicy.objects.update_or_create(
        organisation=organisation,
        qualification_type=qualification_type,
        defaults={"valid_months": valid_months},
    )
    return policy


def remove_policy(*, policy: QualificationPolicy) -> None:
    policy.delete()
