"""Demo: two ideas from the demo volunteer, one waiting for the central office and one taken
up by the demo association with the proposer's consent, so /ideer/ shows one."""

from django.contrib.auth import get_user_model

from frivillig.catalog.models import Area, Place
from frivillig.dialog.ideas import services
from frivillig.dialog.ideas.models import Idea
from frivillig.notifications.emails import suppressed
from frivillig.organisations.models import Membership, Organisation

PROPOSER = "frivillig@demo.frivillig.dk"
OFFICE = "frivilligkontor@demo.frivillig.dk"
ASSOCIATION = "nibe-besoegsvenner"

RECEIVED = {
    "title": "Cykeltur for beboere på plejecentret",
    "description": "Frivillige kunne køre ture i rickshaw-cykel med beboerne på plejecentret, "
    "så de kommer ud i frisk luft og ser byen.",
    "area": "aeldre",
    "place": "aalborg",
}
TAKEN_UP = {
    "title": "Højtlæsning for ældre i Nibe",
    "description": "En fast eftermiddag om ugen hvor frivillige læser højt af avisen og gode "
    "bøger for ældre, der ikke selv kan læse så godt mere.",
    "area": "aeldre",
    "place": "nibe",
}


def _propose(user, values, *, may_publish: bool) -> Idea:
    return services.propose(
        proposer=user,
        title=values["title"],
        description=values["description"],
        area=Area.objects.filter(slug=values["area"]).first(),
        place=Place.objects.filter(slug__startswith=values["place"]).first(),
        may_publish=may_publish,
    )


def load() -> list:
    """Two ideas; running it again adds nothing. No new log-ins."""
    users = get_user_model().objects
    proposer = users.filter(email__iexact=PROPOSER).first()
    association = Organisation.objects.filter(slug=ASSOCIATION).first()
    if proposer is None or association is None:
        return []
    office = users.filter(email__iexact=OFFICE).first()
    staff = Membership.objects.filter(organisation=association).select_related("user").first()
    with suppressed():
        if not Idea.objects.filter(proposer=proposer, title=RECEIVED["title"]).exists():
            _propose(proposer, RECEIVED, may_publish=False)
        if not Idea.objects.filter(proposer=proposer, title=TAKEN_UP["title"]).exists():
            idea = _propose(proposer, TAKEN_UP, may_publish=True)
            idea = services.route(
                idea=idea,
                by=office,
                area=idea.area,
                organisation=association,
                note="Nibe Besøgsvenner kender mange ældre i Nibe og vil gerne se på idéen.",
            )
            services.answer_for_organisation(
                idea=idea,
                organisation=association,
                by=staff.user if staff else None,
                taken_up=True,
                note="Vi starter højtlæsning hver onsdag kl. 14 i Nibe. Tak for idéen!",
            )
    return []
