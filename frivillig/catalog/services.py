"""Every write to the catalogue. Keyword-only functions that own their transaction and raise
`CatalogError` with a message meant for the user."""

import csv
import uuid
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.catalog import published
from frivillig.catalog.models import Area, Opportunity, OpportunityStatus, Place
from frivillig.text import danish_slug


class CatalogError(Exception):
    """A catalogue rule was broken; str(error) is a translated message for the user."""


def _unique_opportunity_slug(title: str) -> str:
    return f"{danish_slug(title, 100) or 'opgave'}-{uuid.uuid4().hex[:6]}"


def _apply_location(opportunity: Opportunity) -> None:
    place = opportunity.place
    if place is not None:
        opportunity.latitude, opportunity.longitude = place.latitude, place.longitude
    else:
        opportunity.latitude = opportunity.longitude = None


def refresh_search_document(opportunity: Opportunity) -> None:
    opportunity.search_document = opportunity.build_search_document(
        area_names=[n for a in opportunity.areas.all() for n in (a.name_da, a.name_en)],
        organisation_name=opportunity.organisation.name,
        place_name=opportunity.place.name if opportunity.place else "",
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(
        search_document=opportunity.search_document
    )


@transaction.atomic
def create_opportunity(
    *, organisation, areas, required_qualifications=None, **fields
) -> Opportunity:
    """A new opportunity, always as a draft: publishing is its own step."""
    fields.pop("status", None)
    opportunity = Opportunity(organisation=organisation, **fields)
    opportunity.slug = opportunity.slug or _unique_opportunity_slug(opportunity.title)
    opportunity.status = OpportunityStatus.DRAFT
    _apply_location(opportunity)
    opportunity.save()
    opportunity.areas.set(areas)
    if required_qualifications:
        opportunity.required_qualifications.set(required_qualifications)
    refresh_search_document(opportunity)
    return opportunity


@transaction.atomic
def update_opportunity(
    *, opportunity: Opportunity, areas=None, required_qualifications=None, **fields
) -> Opportunity:
    """Change the given fields. The row is read again under a lock: the caller's copy may be
    older than a publish, a pause or an application meanwhile, and saving it would undo them
    (its status, `has_applicants`, `waiting_since`)."""
    fields.pop("status", None)
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    _apply_location(opportunity)
    opportunity.save()
    if areas is not None:
        opportunity.areas.set(areas)
    if required_qualifications is not None:
        opportunity.required_qualifications.set(required_qualifications)
    refresh_search_document(opportunity)
    # It may have moved town or area.
    published.recount(opportunity.organisation_id)
    return opportunity


@transaction.atomic
def publish_opportunity(*, opportunity: Opportunity) -> Opportunity:
    opportunity = (
        Opportunity.objects.select_for_update()
        .select_related("organisation")
        .get(pk=opportunity.pk)
    )
    if opportunity.status == OpportunityStatus.CLOSED:
        raise CatalogError(_("A closed opportunity cannot be changed."))
    if not opportunity.organisation.is_approved:
        raise CatalogError(
            _(
                "The organisation must be approved by the municipality before "
                "it can publish opportunities."
            )
        )
    if not opportunity.areas.exists():
        raise CatalogError(_("Choose at least one area before publishing."))
    opportunity.status = OpportunityStatus.PUBLISHED
    opportunity.published_at = opportunity.published_at or timezone.now()
    opportunity.save(update_fields=["status", "published_at", "updated_at"])
    published.recount(opportunity.organisation_id)
    return opportunity


@transaction.atomic
def set_opportunity_status(*, opportunity: Opportunity, status: str) -> Opportunity:
    """Pause or close an opportunity (publishing goes through `publish_opportunity`)."""
    if status not in (OpportunityStatus.PAUSED, OpportunityStatus.CLOSED):
        raise CatalogError(_("That change of status is not possible."))
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status == OpportunityStatus.CLOSED:
        raise CatalogError(_("A closed opportunity cannot be changed."))
    was_published = opportunity.status == OpportunityStatus.PUBLISHED
    opportunity.status = status
    opportunity.save(update_fields=["status", "updated_at"])
    if was_published:
        published.recount(opportunity.organisation_id)
    return opportunity


@transaction.atomic
def load_places(*, csv_path: Path) -> int:
    """Load or update the municipality's towns from a CSV (name, postal_code, latitude,
    longitude, setting); lines starting with '#' are comments."""
    with open(csv_path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    for row in rows:
        Place.objects.update_or_create(
            slug=danish_slug(row["name"]),
            defaults={
                "name": row["name"].strip(),
                "postal_code": row["postal_code"].strip(),
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
                "setting": row["setting"].strip(),
            },
        )
    return len(rows)


@transaction.atomic
def upsert_area(
    *,
    slug: str,
    name_da: str,
    name_en: str,
    description_da: str = "",
    description_en: str = "",
    sort_order: int = 0,
) -> Area:
    area, _created = Area.objects.update_or_create(
        slug=slug,
        defaults={
            "name_da": name_da,
            "name_en": name_en,
            "description_da": description_da,
            "description_en": description_en,
            "sort_order": sort_order,
        },
    )
    return area
