"""Demo recognition for `seed_demo`: the demo association thanks the demo volunteer, she has
one certificate, and an award round "Årets frivillige 2026" is open with two nominations.

Runs after the volunteers, events, agreements, expenses and onboarding demos; everything goes
through the services. E-mails are not sent. Loading twice changes nothing."""

import contextlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.engagements.models import Engagement
from frivillig.notifications import emails
from frivillig.recognition import services
from frivillig.recognition.models import AwardRound, Certificate, RoundStatus, Thanks

ASSOCIATION_SLUG = "nibe-besoegsvenner"
ASSOCIATION_LOGIN = "forening@demo.frivillig.dk"
OFFICE_LOGIN = "frivilligkontor@demo.frivillig.dk"
ROUND_TITLE = "Årets frivillige 2026"


def _thanks(volunteer, users) -> None:
    engagements = Engagement.objects.filter(volunteer=volunteer).select_related("organisation")
    engagement = (
        engagements.filter(organisation__slug=ASSOCIATION_SLUG).first() or engagements.first()
    )
    if engagement is None or Thanks.objects.filter(volunteer=volunteer).exists():
        return
    services.thank(
        organisation=engagement.organisation,
        volunteer=volunteer,
        author=users.filter(email=ASSOCIATION_LOGIN).first(),
        message=(
            "Tusind tak for dine besøg i år. Du har gjort en stor forskel for de borgere, du "
            "har besøgt, og vi er glade for at have dig med i foreningen."
        ),
    )


def _round(users) -> None:
    if AwardRound.objects.filter(title=ROUND_TITLE).exists():
        return
    today = timezone.localdate()
    award_round = services.create_round(
        title=ROUND_TITLE,
        description=(
            "Kender du en frivillig, der gør en særlig forskel? Indstil vedkommende til "
            "Årets frivillige. Prisen uddeles på Frivillighedens Dag."
        ),
        opens_on=today - timedelta(days=30),
        closes_on=today + timedelta(days=60),
        by=users.filter(email=OFFICE_LOGIN).first(),
    )
    award_round = services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)
    nominators = [
        u
        for u in (
            users.filter(email=VOLUNTEER_LOGIN[0]).first(),
            users.filter(email=ASSOCIATION_LOGIN).first(),
        )
        if u
    ]
    nominations = [
        (
            "Grete Mikkelsen",
            "Nibe Besøgsvenner",
            "Grete har besøgt ældre i Nibe hver uge i ti år og har lært mange nye besøgsvenner op.",
        ),
        (
            "Ahmad Rahimi",
            "Karneval i Aalborg",
            "Ahmad stod for oprydningen efter karnevallet og fik over hundrede frivillige til at "
            "trives.",
        ),
    ]
    for nominator, (name, organisation, reason) in zip(nominators, nominations, strict=False):
        services.nominate(
            award_round=award_round,
            nominator=nominator,
            nominee_name=name,
            nominee_organisation=organisation,
            reason=reason,
        )


def load() -> list[tuple[str, str, str]]:
    """No new log-ins: the demo volunteer and the office's admin show everything."""
    users = get_user_model().objects.all()
    with emails.suppressed(), transaction.atomic():
        volunteer = users.filter(email=VOLUNTEER_LOGIN[0]).first()
        if volunteer is not None:
            _thanks(volunteer, users)
            if not Certificate.objects.filter(user=volunteer).exists():
                # Nothing to document (a trimmed demo) means no certificate.
                with contextlib.suppress(services.RecognitionError):
                    services.issue_certificate(user=volunteer, language="da")
        _round(users)
    return []
