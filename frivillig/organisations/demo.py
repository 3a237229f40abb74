"""Demo: associations asking to join the portal, waiting for the central office."""

from frivillig.catalog.models import Area, Place
from frivillig.notifications.emails import suppressed
from frivillig.organisations.models import OrganisationRequest
from frivillig.organisations.onboarding import submit_request

REQUESTS = [
    {
        "name": "Hals Sandsækkelaug",
        "cvr": "29189420",
        "contact_name": "Hanne Hals",
        "contact_email": "hanne@hals-sandsaek.example.dk",
        "description": "Vi rykker ud med sandsække, når stormen truer Hals og omegn, og vil "
        "gerne finde flere frivillige til beredskabet.",
        "areas": ["beredskab"],
        "place": "hals",
    },
    {
        "name": "Lektiecafé Vejgaard",
        "cvr": "12345674",
        "contact_name": "Lars Lektie",
        "contact_email": "lars@lektiecafe-vejgaard.example.dk",
        "description": "Frivillige hjælper skolebørn med lektierne to eftermiddage om ugen.",
        "areas": ["boern"],
        "place": "aalborg",
    },
]


def load() -> list:
    """Two pending requests; running it again adds nothing. No new log-ins."""
    with suppressed():
        for values in REQUESTS:
            if OrganisationRequest.objects.filter(cvr=values["cvr"]).exists():
                continue
            areas = list(Area.objects.filter(slug__in=values["areas"]))
            place = Place.objects.filter(slug__startswith=values["place"]).first()
            if not areas:
                continue
            submit_request(
                **{k: v for k, v in values.items() if k not in ("areas", "place")},
                areas=areas,
                place=place,
            )
    return []
