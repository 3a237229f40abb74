"""Reads of individual agreements for the back office: by status, waiting too long for a
signature, and engagements that have no signed agreement yet. Each function takes the
organisations the reader may see (the back office's `request.scope`) and never leaves them;
each costs a fixed number of queries, however many rows there are."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from frivillig.agreements.models import AgreementStatus, IndividualAgreement
from frivillig.engagements.models import Engagement, EngagementStatus

UNSIGNED_AFTER_DAYS = 14
# Sent, but one signature or both still missing.
AWAITING = [AgreementStatus.AWAITING_VOLUNTEER, AgreementStatus.AWAITING_ORGANISATION]
# Still being made or in force: a second one for the same engagement would compete with it.
OPEN = [AgreementStatus.DRAFT, *AWAITING, AgreementStatus.SIGNED]
CURRENT_ENGAGEMENT = [EngagementStatus.ACTIVE, EngagementStatus.PAUSED]


def agreements_in(organisations):
    """Every individual agreement of these organisations, with what a list shows."""
    return (
        IndividualAgreement.objects.filter(organisation__in=organisations)
        .select_related("volunteer", "organisation", "engagement__opportunity")
        .order_by("-updated_at", "-pk")
    )


def agreements_by_status(organisations, status: str = ""):
    """The agreements with `status`; without one, those not replaced or ended."""
    agreements = agreements_in(organisations)
    if status:
        return agreements.filter(status=status)
    return agreements.filter(status__in=OPEN)


def unsigned_after(organisations, days: int = UNSIGNED_AFTER_DAYS, *, now=None):
    """Agreements sent at least `days` ago that still lack a signature, oldest first."""
    since = (now or timezone.now()) - timedelta(days=days)
    return (
        agreements_in(organisations)
        .filter(status__in=AWAITING, sent_at__lte=since)
        .order_by("sent_at", "pk")
    )


def _signed_for_engagement():
    return IndividualAgreement.objects.filter(
        engagement=OuterRef("pk"), status=AgreementStatus.SIGNED
    )


def engagements_without_signed_agreement(organisations):
    """Active and paused engagements with no signed agreement. `open_agreement` is the id of a
    draft or sent one, if the work has begun, so the list can lead to it instead of a new one."""
    in_progress = IndividualAgreement.objects.filter(
        engagement=OuterRef("pk"), status__in=[AgreementStatus.DRAFT, *AWAITING]
    ).order_by("-pk")
    return (
        Engagement.objects.filter(organisation__in=organisations, status__in=CURRENT_ENGAGEMENT)
        .exclude(Exists(_signed_for_engagement()))
        .annotate(open_agreement=Subquery(in_progress.values("pk")[:1]))
        .select_related("volunteer", "opportunity", "organisation")
        .order_by("volunteer__first_name", "volunteer__last_name", "started_at", "pk")
    )


def open_agreement_for(engagement):
    """The engagement's agreement that is being made or is in force, if any."""
    return (
        IndividualAgreement.objects.filter(engagement=engagement, status__in=OPEN)
        .order_by("-pk")
        .first()
    )


@dataclass
class Coverage:
    """How many current engagements of one organisation have a signed agreement."""

    organisation: object
    depth: int = 0
    active_signed: int = 0
    active_unsigned: int = 0
    paused_signed: int = 0
    paused_unsigned: int = 0

    @property
    def signed(self) -> int:
        return self.active_signed + self.paused_signed

    @property
    def unsigned(self) -> int:
        return self.active_unsigned + self.paused_unsigned

    @property
    def total(self) -> int:
        return self.signed + self.unsigned

    @property
    def percent(self) -> int | None:
        """The share with a signed agreement, rounded down, or None when there is nothing."""
        return self.signed * 100 // self.total if self.total else None


def coverage(organisations) -> tuple[list[Coverage], Coverage]:
    """One row per organisation (in tree order, with its depth below the top one), counting
    only its own engagements, and a total over them all. Two queries."""
    rows = {
        organisation.pk: Coverage(organisation)
        for organisation in organisations.order_by("path", "name")
    }
    counts = (
        Engagement.objects.filter(organisation__in=organisations, status__in=CURRENT_ENGAGEMENT)
        .annotate(is_signed=Exists(_signed_for_engagement()))
        .values("organisation_id", "status")
        .annotate(
            signed=Count("pk", filter=Q(is_signed=True)),
            unsigned=Count("pk", filter=Q(is_signed=False)),
        )
        .order_by()
    )
    for row in counts:
        coverage_ = rows.get(row["organisation_id"])
        if coverage_ is None:  # pragma: no cover - the queryset above starts from the same set
            continue
        setattr(coverage_, f"{row['status']}_signed", row["signed"])
        setattr(coverage_, f"{row['status']}_unsigned", row["unsigned"])
    top = min((len(r.organisation.path.strip("/").split("/")) for r in rows.values()), default=1)
    total = Coverage(None)
    for row in rows.values():
        row.depth = len(row.organisation.path.strip("/").split("/")) - top
        for name in ("active_signed", "active_unsigned", "paused_signed", "paused_unsigned"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return list(rows.values()), total
