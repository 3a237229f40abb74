"""Open data downloads: published opportunities, approved organisations and listed events as
JSON and CSV, under the same licence as the API.

Only what the public portal already shows, and no personal data: the contact person's name,
e-mail and phone of an opportunity are left out (they are often a private person's); an
organisation's own contact e-mail, phone and website are its public contact details and stay.
Responses stream row by row, so a large municipality's file never sits whole in memory."""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from frivillig import spreadsheet
from frivillig.api.api import LICENCE
from frivillig.catalog.models import Opportunity
from frivillig.events.models import Event, ShiftStatus
from frivillig.organisations.models import Organisation

CHUNK = 500


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _opportunity_rows() -> Iterator[dict]:
    qs = (
        Opportunity.objects.visible()
        .select_related("organisation", "place")
        .prefetch_related("areas")
        .defer("search_document", "search_vector")
        .order_by("pk")
    )
    for o in qs.iterator(chunk_size=CHUNK):
        yield {
            "slug": o.slug,
            "url": _url(o.get_absolute_url()),
            "title": o.title,
            "title_en": o.title_en,
            "description": o.description,
            "description_en": o.description_en,
            "organisation": o.organisation.name,
            "organisation_slug": o.organisation.slug,
            "areas": [area.slug for area in o.areas.all()],
            "kind": o.kind,
            "town": o.place.name if o.place else None,
            "postal_code": o.place.postal_code if o.place else None,
            "setting": o.place.setting if o.place else None,
            "flexible_location": o.is_flexible_location,
            "hours_per_month": o.hours_per_month,
            "hours_total": o.hours_total,
            "start_date": _iso(o.start_date),
            "end_date": _iso(o.end_date),
            "volunteers_wanted": o.volunteers_wanted,
            "urgent": o.is_urgent,
            "target_group": o.target_group,
            "target_group_en": o.target_group_en,
            "min_age": o.min_age,
            "child_certificate_required": o.requires_child_certificate,
            "driving_licence_required": o.requires_driving_licence,
            "published_at": _iso(o.published_at),
        }


def _organisation_rows() -> Iterator[dict]:
    qs = (
        Organisation.objects.approved()
        .select_related("place")
        .annotate(
            opportunity_count=Count(
                "opportunities",
                filter=Q(opportunities__in=Opportunity.objects.visible().values("pk")),
            )
        )
        .order_by("name", "pk")
    )
    for org in qs.iterator(chunk_size=CHUNK):
        yield {
            "slug": org.slug,
            "url": _url(org.get_absolute_url()),
            "name": org.name,
            "kind": org.kind,
            "municipal": org.is_municipal,
            "description": org.description_da,
            "description_en": org.description_en,
            "address": org.address,
            "town": org.place.name if org.place else None,
            "postal_code": org.place.postal_code if org.place else None,
            "setting": org.place.setting if org.place else None,
            "email": org.contact_email,
            "phone": org.contact_phone,
            "website": org.website,
            "opportunities": org.opportunity_count,
        }


def _event_rows() -> Iterator[dict]:
    open_shifts = Q(shifts__status=ShiftStatus.OPEN)
    qs = (
        Event.objects.listed()
        .filter(organisation__is_approved=True)
        .select_related("organisation", "place")
        .prefetch_related("areas")
        .annotate(
            shift_count=Count("shifts", filter=open_shifts),
            capacity=Sum("shifts__capacity", filter=open_shifts),
            taken=Sum("shifts__taken", filter=open_shifts),
        )
        .order_by("starts_on", "pk")
    )
    for e in qs.iterator(chunk_size=CHUNK):
        yield {
            "slug": e.slug,
            "url": _url(reverse("portal:event", args=[e.slug])),
            "name": e.name,
            "name_en": e.name_en,
            "description": e.description,
            "description_en": e.description_en,
            "organisation": e.organisation.name,
            "organisation_slug": e.organisation.slug,
            "areas": [area.slug for area in e.areas.all()],
            "first_day": _iso(e.starts_on),
            "last_day": _iso(e.ends_on),
            "address": e.address,
            "town": e.place.name,
            "postal_code": e.place.postal_code,
            "setting": e.place.setting,
            "shifts": e.shift_count,
            "places": e.capacity or 0,
            "free_places": max((e.capacity or 0) - (e.taken or 0), 0),
        }


@dataclass(frozen=True)
class Dataset:
    name: str
    rows: Callable[[], Iterator[dict]]
    columns: list[str]


DATASETS = {
    "muligheder": Dataset(
        "opportunities",
        _opportunity_rows,
        [
            "slug",
            "url",
            "title",
            "title_en",
            "description",
            "description_en",
            "organisation",
            "organisation_slug",
            "areas",
            "kind",
            "town",
            "postal_code",
            "setting",
            "flexible_location",
            "hours_per_month",
            "hours_total",
            "start_date",
            "end_date",
            "volunteers_wanted",
            "urgent",
            "target_group",
            "target_group_en",
            "min_age",
            "child_certificate_required",
            "driving_licence_required",
            "published_at",
        ],
    ),
    "organisationer": Dataset(
        "organisations",
        _organisation_rows,
        [
            "slug",
            "url",
            "name",
            "kind",
            "municipal",
            "description",
            "description_en",
            "address",
            "town",
            "postal_code",
            "setting",
            "email",
            "phone",
            "website",
            "opportunities",
        ],
    ),
    "arrangementer": Dataset(
        "events",
        _event_rows,
        [
            "slug",
            "url",
            "name",
            "name_en",
            "description",
            "description_en",
            "organisation",
            "organisation_slug",
            "areas",
            "first_day",
            "last_day",
            "address",
            "town",
            "postal_code",
            "setting",
            "shifts",
            "places",
            "free_places",
        ],
    ),
}

ATTRIBUTION = f"{settings.MUNICIPALITY['name']}, Frivilligportalen"


def _json_chunks(dataset: Dataset) -> Iterable[str]:
    head = {
        "dataset": dataset.name,
        "publisher": settings.MUNICIPALITY["name"],
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "results": ['
    for i, row in enumerate(dataset.rows()):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def _cell(value) -> str:
    if isinstance(value, list):
        return ",".join(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)


def _csv_chunks(dataset: Dataset) -> Iterable[str]:
    return spreadsheet.csv_lines(
        dataset.columns,
        ([_cell(row[column]) for column in dataset.columns] for row in dataset.rows()),
    )


def _allow_any_origin(response):
    # Open data: any web page may read it from a browser. No cookies are involved.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def index(request):
    links = [
        {"slug": slug, "name": dataset.name, "formats": ("json", "csv")}
        for slug, dataset in DATASETS.items()
    ]
    return render(
        request,
        "portal/statistics/open_data.html",
        {"datasets": links, "licence": LICENCE, "attribution": ATTRIBUTION, "nav": "statistics"},
    )


def download(request, dataset: str, fmt: str):
    chosen = DATASETS.get(dataset)
    if chosen is None or fmt not in ("json", "csv"):
        raise Http404
    if fmt == "json":
        body = (chunk.encode() for chunk in _json_chunks(chosen))
        response = StreamingHttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        body = (chunk.encode() for chunk in _csv_chunks(chosen))
        response = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{dataset}.csv"'
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return _allow_any_origin(response)
