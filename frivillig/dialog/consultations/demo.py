"""Demo consultations for `seed_demo`: the draft of the next volunteer strategy, open for
comments for 30 days with three comments (public and private, one on behalf of the demo
association), and an earlier consultation that is closed and answered, so both phases show.

Everything goes through the services; the answered one is moved back in time afterwards,
because the services only accept deadlines in the future. E-mails are not sent. Loading twice
changes nothing. No new log-ins."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from frivillig.dialog.consultations import services
from frivillig.dialog.consultations.models import Consultation
from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.notifications import emails
from frivillig.organisations.models import Organisation

OFFICE_LOGIN = "frivilligkontor@demo.frivillig.dk"
ASSOCIATION_LOGIN = "forening@demo.frivillig.dk"
CARE_HOME_LOGIN = "plejecenter@demo.frivillig.dk"
ASSOCIATION_SLUG = "nibe-besoegsvenner"

STRATEGY_TITLE = "Udkast: Frivilligstrategi 2027–2030"
STRATEGY_SUMMARY = (
    "Frivilligstrategien fra 2015 skal fornyes. Her er udkastet til den nye strategi for "
    "2027–2030. Vi vil gerne høre, hvad du mener om hvert afsnit – både du, der er frivillig, "
    "og jer, der er en forening eller institution. Skriv offentligt, eller kun til kommunen."
)
STRATEGY_SECTIONS = [
    (
        "Forord",
        "Aalborg Kommune anerkender og sætter stor pris på de frivilliges indsats. Sammen opnår "
        "vi bedre resultater for den enkelte og for kommunen.\n\n"
        "Strategien er en overordnet aftale og en ramme for lokale og mere konkrete aftaler og "
        "for kommunens politikker på området. Frivilligheden er kendetegnet af stor "
        "mangfoldighed: på landet og i byen, med ældre, unge, børn, kultur, fritid, socialt "
        "udsatte, de grønne områder, beredskab og meget mere. Der skal både være lige vilkår "
        "og plads til forskellighed.",
    ),
    (
        "Hvad er en frivillig?",
        "En frivillig er en person, som yder en aktiv indsats, der er:\n\n"
        "Ulønnet, dog med mulighed for at få dækket udgifter til kørsel, telefon og lignende.\n\n"
        "Utvungen, det vil sige uden sanktioner, hvis man stopper.\n\n"
        "Organiseret, for eksempel i en forening, på et ældrecenter eller ved et større "
        "arrangement – med henblik på at gavne andre end en selv.",
    ),
    (
        "Åbenhed og tilgængelighed",
        "Det skal være nemt at være frivillig. Kommunen vil arbejde for åbenhed, synlighed, "
        "gennemsigtighed og let adgang.\n\n"
        "Det gør vi ved at have én samlet indgang til frivilligområdet på Frivilligportalen, "
        "hvor man kan finde en opgave uden at oprette en konto, og melde sig på få minutter – "
        "også fra telefonen.",
    ),
    (
        "Dialog og involvering",
        "Det gode samarbejde forudsætter en åben og ligeværdig dialog, hvor gensidig respekt og "
        "vilje til involvering er en selvfølge.\n\n"
        "Vi vil involvere frivillige og foreninger, når kommunen laver planer, der berører dem – "
        "blandt andet med høringer som denne – og styrke koordineringen af frivilligområdet "
        "på tværs af forvaltningerne.",
    ),
    (
        "Aftaler og forventninger",
        "Strategien er rammen for lokale samarbejdsaftaler mellem en kommunal enhed og en "
        "forening, og for aftaler med den enkelte frivillige om opgaven, tiden, "
        "kontaktpersonen og forventningerne begge veje.\n\n"
        "Frivillige erstatter ikke ansatte. De frivillige og de ansattes værdier og roller skal "
        "spille sammen.",
    ),
]
STRATEGY_COMMENTS = [
    # (section number, e-mail, public, on behalf of the association, text)
    (
        3,
        VOLUNTEER_LOGIN[0],
        True,
        False,
        "Dejligt, at man kan melde sig uden at oprette en konto først. Det ville også hjælpe, "
        "hvis man kunne se, hvor lang tid en opgave typisk tager om ugen.",
    ),
    (
        2,
        VOLUNTEER_LOGIN[0],
        False,
        False,
        "Jeg har oplevet at føle mig presset til at fortsætte. Godt at det står tydeligt, at "
        "man altid kan stoppe.",
    ),
    (
        5,
        ASSOCIATION_LOGIN,
        True,
        True,
        "Vi vil gerne have en fast kontaktperson i kommunen, når vi laver samarbejdsaftaler. "
        "Det vil gøre det lettere for små foreninger i landområderne at være med.",
    ),
]

EARLIER_TITLE = "Høring: Frivilligpris og anerkendelse af frivillige"
EARLIER_SUMMARY = (
    "Hvordan skal kommunen sige tak til de frivillige? Vi foreslog en årlig frivilligpris og "
    "en fælles frivilligfest og bad om kommentarer."
)
EARLIER_SECTIONS = [
    (
        "En årlig frivilligpris",
        "Kommunen uddeler hvert år en pris til en frivillig eller en forening, der har gjort "
        "en særlig indsats. Alle kan indstille.",
    ),
    (
        "En fælles frivilligfest",
        "Én gang om året inviterer kommunen alle frivillige til en fest som tak for indsatsen.",
    ),
]
EARLIER_COMMENT = (
    1,
    CARE_HOME_LOGIN,
    True,
    False,
    "Husk også de frivillige, der ikke er med i en forening, for eksempel vores besøgsvenner.",
)
EARLIER_RESPONSE = (
    "Tak for de mange kommentarer.\n\n"
    "Frivilligprisen bliver indført fra næste år, og alle frivillige kan indstilles – også "
    "frivillige på plejecentre og i andre kommunale institutioner. Frivilligfesten holdes i "
    "september i samarbejde med foreningerne."
)


def _user(email):
    return get_user_model().objects.filter(email__iexact=email).first()


def _make(*, title, summary, sections, by) -> Consultation:
    consultation = services.create_consultation(
        title=title, summary=summary, closes_at=timezone.now() + timedelta(days=30), by=by
    )
    for heading, body in sections:
        services.add_section(consultation=consultation, heading=heading, body=body)
    return services.publish(consultation=consultation)


def _comment(consultation, entry) -> None:
    number, email, public, for_association, text = entry
    author = _user(email)
    if author is None:
        return
    organisation = (
        Organisation.objects.filter(slug=ASSOCIATION_SLUG).first() if for_association else None
    )
    services.comment(
        section=consultation.sections.get(number=number),
        author=author,
        body=text,
        public=public,
        on_behalf_of=organisation,
    )


def load() -> list:
    with emails.suppressed(), transaction.atomic():
        office = _user(OFFICE_LOGIN)
        if not Consultation.objects.filter(title=STRATEGY_TITLE).exists():
            strategy = _make(
                title=STRATEGY_TITLE,
                summary=STRATEGY_SUMMARY,
                sections=STRATEGY_SECTIONS,
                by=office,
            )
            for entry in STRATEGY_COMMENTS:
                _comment(strategy, entry)
        if not Consultation.objects.filter(title=EARLIER_TITLE).exists():
            earlier = _make(
                title=EARLIER_TITLE, summary=EARLIER_SUMMARY, sections=EARLIER_SECTIONS, by=office
            )
            _comment(earlier, EARLIER_COMMENT)
            # History: it opened three months ago and closed two months ago.
            now = timezone.now()
            Consultation.objects.filter(pk=earlier.pk).update(
                opens_on=(now - timedelta(days=90)).date(), closes_at=now - timedelta(days=60)
            )
            earlier.refresh_from_db()
            services.save_response(consultation=earlier, response=EARLIER_RESPONSE)
            services.publish_response(consultation=earlier)
    return []
