"""Loads the Aalborg demo through the same services the portal uses, so the demo obeys every
rule real data obeys. Loading twice changes nothing: everything is keyed by a fixed slug or
e-mail address and only what is missing is created."""

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from frivillig.catalog import services
from frivillig.catalog.demo import people
from frivillig.catalog.demo.associations import ASSOCIATIONS
from frivillig.catalog.demo.organisations import MUNICIPAL
from frivillig.catalog.demo.tasks_care import CHILDREN_AND_YOUNG, OLDER
from frivillig.catalog.demo.tasks_community import (
    CULTURE_AND_SPORTS,
    FROM_HOME_AND_ONE_OFF,
    SOCIAL_AND_HEALTH,
)
from frivillig.catalog.demo.tasks_nature_safety import EVENTS, INTEGRATION_NATURE_SAFETY
from frivillig.catalog.demo.templates import TEMPLATES, Template
from frivillig.catalog.demo.templates_community import TEMPLATES as COMMUNITY_TEMPLATES
from frivillig.catalog.models import Area, Opportunity, OpportunityKind, Place
from frivillig.organisations.models import Organisation, Role
from frivillig.organisations.services import add_member, create_organisation
from frivillig.text import danish_slug

DATA_DIR = settings.BASE_DIR / "catalog" / "data"
ORGANISATIONS = MUNICIPAL + ASSOCIATIONS
ALL_TEMPLATES = TEMPLATES + COMMUNITY_TEMPLATES
HAND_WRITTEN = (
    OLDER
    + CHILDREN_AND_YOUNG
    + CULTURE_AND_SPORTS
    + SOCIAL_AND_HEALTH
    + FROM_HOME_AND_ONE_OFF
    + INTEGRATION_NATURE_SAFETY
    + EVENTS
)

# Publishing times are spread back from a fixed moment (not now), so "newest first" shows the
# same list every time the demo is loaded.
PUBLISHED_BEFORE = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
FIRST_SATURDAY_2027 = date(2027, 1, 2)

# How towns read in running text: "Besøgsven i Skalborg", not "i Aalborg SV (Skalborg)".
TOWN_IN_TEXT = {
    "aalborg-c": "Aalborg",
    "aalborg-sv-skalborg": "Skalborg",
    "aalborg-soe-gug": "Gug",
    "svenstrup-j": "Svenstrup",
}


@dataclass(frozen=True)
class Login:
    email: str
    password: str
    first_name: str
    last_name: str
    organisation: str | None  # a slug; None for the operator, who is a superuser
    role: str | None
    description: str


# Demo-only passwords, printed by `seed_demo`; never use them anywhere real.
LOGINS = [
    Login(
        "admin@demo.frivillig.dk",
        "demo-admin-2026",
        "Demo",
        "Drift",
        None,
        None,
        "drift / operator (Django admin)",
    ),
    Login(
        "frivilligkontor@demo.frivillig.dk",
        "demo-kontor-2026",
        "Birgitte",
        "Holm",
        "frivilligt-socialt-arbejde",
        Role.ADMIN,
        "admin, Frivilligt socialt arbejde",
    ),
    Login(
        "forening@demo.frivillig.dk",
        "demo-forening-2026",
        "Jens",
        "Skov",
        "nibe-besoegsvenner",
        Role.ADMIN,
        "admin, Nibe Besøgsvenner",
    ),
    Login(
        "plejecenter@demo.frivillig.dk",
        "demo-pleje-2026",
        "Leila",
        "Dahl",
        "plejecenter-fjordglimt",
        Role.COORDINATOR,
        "koordinator, Plejecenter Fjordglimt",
    ),
]


@dataclass
class Summary:
    organisations_created: int = 0
    opportunities_created: int = 0


def town_in_text(place: Place) -> str:
    return TOWN_IN_TEXT.get(place.slug, place.name)


@transaction.atomic
def load_demo() -> Summary:
    load_areas()
    services.load_places(csv_path=DATA_DIR / "aalborg_towns.csv")
    summary = Summary(
        organisations_created=_load_organisations(),
        opportunities_created=_load_opportunities(),
    )
    _load_users()
    return summary


def load_areas() -> int:
    """The areas are the municipality's configuration (areas.json), not demo content."""
    rows = json.loads((DATA_DIR / "areas.json").read_text(encoding="utf-8"))
    for row in rows:
        services.upsert_area(**row)
    return len(rows)


def _load_organisations() -> int:
    places = Place.objects.in_bulk(field_name="slug")
    known = Organisation.objects.in_bulk([o.slug for o in ORGANISATIONS], field_name="slug")
    created = 0
    for org in ORGANISATIONS:  # parents come before their children
        if org.slug in known:
            continue
        rng = random.Random(f"organisation:{org.slug}")
        contact_name, _email = people.person(rng)
        known[org.slug] = create_organisation(
            name=org.name,
            kind=org.kind,
            slug=org.slug,
            is_approved=org.approved,
            parent=known[org.parent] if org.parent else None,
            place=places[org.place],
            address=people.address(rng),
            description_da=org.description_da,
            description_en=org.description_en,
            contact_name=contact_name,
            contact_email=f"{org.slug}@example.dk",
            contact_phone=people.phone(rng),
        )
        created += 1
    return created


def opportunity_specs() -> list[dict]:
    """Every demo opportunity as keyword arguments with slugs for relations; pure and
    deterministic, so the same specs come out on every load."""
    specs, used_titles = [], set()
    for raw in HAND_WRITTEN:
        specs.append(dict(raw))
        used_titles.add(raw["title"])
    place_names = dict(Place.objects.values_list("slug", "name"))
    org_names = {o.slug: o.name for o in ORGANISATIONS}
    for template in ALL_TEMPLATES:
        for place_slug, org_slug in template.instances:
            town = TOWN_IN_TEXT.get(place_slug, place_names[place_slug])
            spec = from_template(
                template,
                town=town,
                place_slug=place_slug,
                org_slug=org_slug,
                org_name=org_names[org_slug],
                used_titles=used_titles,
            )
            used_titles.add(spec["title"])
            specs.append(spec)
    return specs


def from_template(
    template: Template,
    *,
    town: str,
    place_slug: str,
    org_slug: str,
    org_name: str,
    used_titles=frozenset(),
    rng=None,
) -> dict:
    rng = rng or random.Random(f"{template.key}:{place_slug}:{org_slug}")

    def fill(text: str) -> str:
        return text.format(town=town, org=org_name)

    order = list(range(len(template.titles)))
    rng.shuffle(order)
    title_index = next((i for i in order if fill(template.titles[i]) not in used_titles), order[0])
    spec = {
        "organisation": org_slug,
        "areas": template.areas,
        "place": place_slug,
        "title": fill(template.titles[title_index]),
        "description": " ".join(
            fill(rng.choice(pool))
            for pool in (template.openings, template.middles, template.endings)
        ),
        "target_group": fill(rng.choice(template.targets)),
        "kind": template.kind,
        "hours": rng.choice(template.hours),
        "is_urgent": rng.random() < 0.08,
        **(template.fields or {}),
    }
    if template.kind != OpportunityKind.RECURRING:
        spec["on"] = FIRST_SATURDAY_2027 + timedelta(weeks=rng.randint(8, 44))
    if place_slug in template.english_in:
        spec.update(
            title_en=fill(template.titles_en[title_index % len(template.titles_en)]),
            description_en=fill(rng.choice(template.descriptions_en)),
            target_group_en=fill(rng.choice(template.targets_en)),
            suits_english_speakers=True,
            languages="dansk, engelsk",
        )
    return spec


def _slugs_for(specs: list[dict]) -> list[str]:
    slugs, seen = [], set()
    for spec in specs:
        base = danish_slug(spec["title"], 100)
        slug, n = base, 2
        while slug in seen:
            slug, n = f"{base}-{n}", n + 1
        seen.add(slug)
        slugs.append(slug)
    return slugs


def _load_opportunities() -> int:
    specs = opportunity_specs()
    slugs = _slugs_for(specs)
    existing = set(Opportunity.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if len(existing) == len(slugs):
        return 0
    areas = Area.objects.in_bulk(field_name="slug")
    places = Place.objects.in_bulk(field_name="slug")
    organisations = Organisation.objects.in_bulk(
        {s["organisation"] for s in specs}, field_name="slug"
    )
    # A fixed shuffle of publishing times, so the newest list mixes every area and town.
    offsets = list(range(len(specs)))
    random.Random(2026).shuffle(offsets)
    created = 0
    for spec, slug, offset in zip(specs, slugs, offsets, strict=True):
        if slug in existing:
            continue
        fields = _expand(spec, places=places, rng=random.Random(f"opportunity:{slug}"))
        fields["published_at"] = PUBLISHED_BEFORE - timedelta(minutes=337 * offset)
        opportunity = services.create_opportunity(
            organisation=organisations[spec["organisation"]],
            areas=[areas[a] for a in spec["areas"].split()],
            slug=slug,
            **fields,
        )
        services.publish_opportunity(opportunity=opportunity)
        created += 1
    return created


def _expand(spec: dict, *, places, rng: random.Random) -> dict:
    """Turn the shorthands of a spec into model fields and fill in what was left out."""
    fields = {
        k: v
        for k, v in spec.items()
        if k not in ("organisation", "areas", "place", "hours", "on", "until")
    }
    kind = fields.setdefault("kind", OpportunityKind.RECURRING)
    if kind == OpportunityKind.RECURRING:
        fields["hours_per_month"] = spec.get("hours", 4)
    else:
        fields["hours_total"] = spec.get("hours", 4)
        fields["start_date"] = spec["on"]
        fields["end_date"] = spec.get("until", spec["on"])
    if spec["place"] is None:
        fields.update(place=None, is_flexible_location=True)
    else:
        fields["place"] = places[spec["place"]]
        fields.setdefault("address", people.address(rng))
    name, email = people.person(rng)
    fields.setdefault("contact_name", name)
    fields.setdefault("contact_email", email)
    fields.setdefault("contact_phone", people.phone(rng))
    fields.setdefault("languages", "dansk")
    wanted = (5, 10, 15, 20, 30) if kind == OpportunityKind.EVENT else (1, 2, 2, 3, 4, 6)
    fields.setdefault("volunteers_wanted", rng.choice(wanted))
    return fields


def _load_users() -> None:
    users = get_user_model().objects
    for login in LOGINS:
        user = users.filter(email__iexact=login.email).first()
        if user is None:
            create = users.create_user if login.organisation else users.create_superuser
            user = create(
                email=login.email,
                password=login.password,
                first_name=login.first_name,
                last_name=login.last_name,
            )
        if login.organisation:
            add_member(
                organisation=Organisation.objects.get(slug=login.organisation),
                user=user,
                role=login.role,
            )
