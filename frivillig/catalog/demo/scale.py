"""Generated volume for benchmarks: many organisations and published opportunities, inserted
in batches (COPY on PostgreSQL, bulk_create elsewhere), bypassing the per-row services for
speed.

Because the services are bypassed, this module must leave each row as the services would:
published with a date, coordinates copied from the place, `search_document` built exactly as
`services.refresh_search_document` builds it, areas in the through table, unique slugs, and
an organisation `path`. On PostgreSQL the search trigger fills `search_vector` on insert."""

import random
from datetime import timedelta
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from frivillig.catalog import published
from frivillig.catalog.demo import people
from frivillig.catalog.demo.loader import (
    ALL_TEMPLATES,
    FIRST_SATURDAY_2027,
    PUBLISHED_BEFORE,
    from_template,
    town_in_text,
)
from frivillig.catalog.models import Area, Opportunity, OpportunityKind, OpportunityStatus, Place
from frivillig.organisations.models import Organisation, OrganisationKind
from frivillig.text import danish_slug

BATCH_SIZE = 5_000

_CLUB_KINDS = (
    "Idrætsforening",
    "Seniorklub",
    "Borgerforening",
    "Naturlaug",
    "Lektiecafé",
    "Kulturforening",
    "Spejdergruppe",
    "Besøgstjeneste",
    "Motionsklub",
    "Sangkor",
    "Beboerforening",
    "Frivilliggruppe",
)
_QUARTERS = (
    "Nord",
    "Syd",
    "Øst",
    "Vest",
    "Centrum",
    "Bakken",
    "Engen",
    "Skoven",
    "Stranden",
    "Møllen",
)


def add_generated(*, opportunities: int, organisations: int | None = None, seed: int = 1) -> None:
    """Add `opportunities` published opportunities and `organisations` approved associations
    (default: one for every 50 opportunities), reproducibly for a given seed."""
    if organisations is None:
        organisations = opportunities // 50
    rng = random.Random(seed)
    places = list(Place.objects.all())
    areas = Area.objects.in_bulk(field_name="slug")
    if not places or not areas:
        raise ValueError("Load the areas and towns first (seed_demo does).")
    with transaction.atomic():
        orgs = _add_organisations(organisations, rng=rng, places=places)
        if opportunities and not orgs:
            orgs = list(
                Organisation.objects.approved().filter(
                    kind__in=[OrganisationKind.ASSOCIATION, OrganisationKind.PARTNER]
                )
            )
        _add_opportunities(opportunities, rng=rng, places=places, areas=areas, orgs=orgs)
    # What the catalogue services keep for each published opportunity.
    published.rebuild()


def _next_number(model) -> int:
    # Slugs carry a number above every existing key, so a second run never collides.
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _add_organisations(count: int, *, rng, places) -> list[Organisation]:
    if count <= 0:
        return []
    first = _next_number(Organisation)
    objs = []
    for i in range(count):
        place = rng.choice(places)
        town = town_in_text(place)
        name = f"{rng.choice(_CLUB_KINDS)} {town} {rng.choice(_QUARTERS)}"
        contact_name, _email = people.person(rng)
        slug = f"{danish_slug(name, 80)}-{first + i}"
        objs.append(
            Organisation(
                kind=OrganisationKind.ASSOCIATION,
                parent=None,
                name=name,
                slug=slug,
                is_approved=True,
                place=place,
                address=people.address(rng),
                description_da=f"Lokal forening i {town} med aktiviteter for alle aldre.",
                contact_name=contact_name,
                contact_email=f"{slug}@example.dk",
                contact_phone=people.phone(rng),
            )
        )
    created = []
    for start in range(0, count, BATCH_SIZE):
        batch = Organisation.objects.bulk_create(objs[start : start + BATCH_SIZE])
        created.extend(_with_pks(Organisation, batch))
    # Root associations: the path is just their own key. Every older row already has a path.
    Organisation.objects.filter(pk__gte=first, path="").update(
        path=Concat(Value("/"), Cast("pk", CharField()), Value("/"))
    )
    return created


def _with_pks(model, objs):
    """bulk_create fills in keys on PostgreSQL and SQLite 3.35+; elsewhere look them up."""
    if all(o.pk is not None for o in objs):
        return objs
    pks = dict(model.objects.filter(slug__in=[o.slug for o in objs]).values_list("slug", "pk"))
    for o in objs:
        o.pk = pks[o.slug]
    return objs


# Every column but the key (allocated or returned) and the vector (the trigger fills it).
_COLUMNS = [
    f
    for f in Opportunity._meta.concrete_fields
    if not f.primary_key and f.attname != "search_vector"
]


def _add_opportunities(count: int, *, rng, places, areas, orgs) -> None:
    first = _next_number(Opportunity)
    # In the areas' own order, as `refresh_search_document` reads them through the relation.
    ordered = sorted(areas.values(), key=lambda a: (a.sort_order, a.name_da))
    context = {
        "rng": rng,
        "places": places,
        "orgs": orgs,
        "areas": {a.slug: (i, a.pk, a.name_da, a.name_en) for i, a in enumerate(ordered)},
        "defaults": {
            **{f.attname: f.get_default() for f in _COLUMNS},
            "created_at": timezone.now(),
            "updated_at": timezone.now(),
        },
    }
    insert = _copy_rows if connection.vendor == "postgresql" else _bulk_create_rows
    for start in range(0, count, BATCH_SIZE):
        insert(
            [_generate(first + i, **context) for i in range(start, min(start + BATCH_SIZE, count))]
        )


def _copy_rows(rows) -> None:
    """PostgreSQL: COPY. Measured on a 2-core machine, bulk_create needed 211 s for 100,000
    rows, most of it Python (Django compiling 47 values a row and psycopg parsing the huge
    INSERT); COPY leaves only the database's own work, mostly the search-vector trigger."""
    qn = connection.ops.quote_name
    through = Opportunity.areas.through._meta
    table = Opportunity._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        pks = [pk for (pk,) in cursor.fetchall()]
        columns = ", ".join(qn(f.column) for f in _COLUMNS)
        key = qn(Opportunity._meta.pk.column)
        with cursor.copy(f"COPY {qn(table)} ({key}, {columns}) FROM STDIN") as copy:
            for pk, (values, _) in zip(pks, rows, strict=True):
                copy.write_row((pk, *[values[f.attname] for f in _COLUMNS]))
        opportunity_column = qn(through.get_field("opportunity").column)
        area_column = qn(through.get_field("area").column)
        with cursor.copy(
            f"COPY {qn(through.db_table)} ({opportunity_column}, {area_column}) FROM STDIN"
        ) as copy:
            for pk, (_, area_pks) in zip(pks, rows, strict=True):
                for area_pk in area_pks:
                    copy.write_row((pk, area_pk))


def _bulk_create_rows(rows) -> None:
    through = Opportunity.areas.through
    created = _with_pks(
        Opportunity, Opportunity.objects.bulk_create([Opportunity(**v) for v, _ in rows])
    )
    through.objects.bulk_create(
        [
            through(opportunity_id=o.pk, area_id=area_pk)
            for o, (_, area_pks) in zip(created, rows, strict=True)
            for area_pk in area_pks
        ],
        batch_size=BATCH_SIZE,
    )


def _generate(number: int, *, rng, places, orgs, areas, defaults):
    """One opportunity as column values, and the keys of its areas."""
    template = rng.choice(ALL_TEMPLATES)
    place = rng.choice(places)
    org = rng.choice(orgs)
    spec = from_template(
        template,
        town=town_in_text(place),
        place_slug=place.slug,
        org_slug=org.slug,
        org_name=org.name,
        rng=rng,
    )
    if spec.get("title_en") and rng.random() > 0.3:
        # English only now and then, as in the hand-written demo.
        for key in (
            "title_en",
            "description_en",
            "target_group_en",
            "languages",
            "suits_english_speakers",
        ):
            spec.pop(key)
    hours = spec.pop("hours")
    own_areas = sorted(areas[slug] for slug in spec.pop("areas").split())
    for key in ("organisation", "place", "on"):
        spec.pop(key, None)
    if spec["kind"] != OpportunityKind.RECURRING:
        day = FIRST_SATURDAY_2027 + timedelta(weeks=rng.randint(2, 48))
        spec.update(start_date=day, end_date=day, hours_total=hours)
    else:
        spec["hours_per_month"] = hours
    contact_name, contact_email = people.person(rng)
    values = {
        **defaults,
        "languages": "dansk",
        **spec,
        "organisation_id": org.pk,
        "place_id": place.pk,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "slug": f"{danish_slug(spec['title'], 100)}-{number}",
        "address": people.address(rng),
        "contact_name": contact_name,
        "contact_email": contact_email,
        "contact_phone": people.phone(rng),
        "volunteers_wanted": rng.randint(1, 10),
        "status": OpportunityStatus.PUBLISHED.value,
        # Older than the hand-written demo, so the front page still shows that first.
        "published_at": PUBLISHED_BEFORE - timedelta(days=60, seconds=rng.randint(0, 300 * 86400)),
    }
    # The model's own method on the row's values: the same text the services would build.
    values["search_document"] = Opportunity.build_search_document(
        SimpleNamespace(**values),
        area_names=[name for _, _, da, en in own_areas for name in (da, en)],
        organisation_name=org.name,
        place_name=place.name,
    )
    return values, [pk for _, pk, _, _ in own_areas]
