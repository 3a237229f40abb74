"""Recurring kinds of task, each offered by several organisations in several towns.

Every (town, organisation) instance gets its own title and description, put together from
the sentence pools below with a random generator seeded by the instance, so the text varies
but is the same every time the demo is loaded. `{town}` and `{org}` are filled in."""

from typing import NamedTuple


class Template(NamedTuple):
    key: str
    areas: str
    titles: tuple[str, ...]
    openings: tuple[str, ...]
    middles: tuple[str, ...]
    endings: tuple[str, ...]
    targets: tuple[str, ...]
    instances: tuple[tuple[str, str], ...]  # (place slug, organisation slug)
    hours: tuple[int, ...] = (2, 4, 6)
    fields: dict | None = None
    kind: str = "recurring"
    # English text for the towns in `english_in`; titles run parallel to the Danish ones.
    titles_en: tuple[str, ...] = ()
    descriptions_en: tuple[str, ...] = ()
    targets_en: tuple[str, ...] = ()
    english_in: tuple[str, ...] = ()


TEMPLATES = [
    Template(
        "besoegsven",
        "aeldre",
        (
            "Besøgsven for ældre i {town}",
            "Bliv besøgsven i {town}",
            "Besøgsven – kaffe og en god snak i {town}",
            "Fast besøgsven for en ældre i {town}",
        ),
        (
            "Mange ældre i {town} har langt mellem besøgene.",
            "En fast ugentlig gæst kan gøre en stor forskel for en ældre, der bor alene.",
            "I {town} står flere ældre på venteliste til en besøgsven.",
        ),
        (
            "Du kommer hos den samme person en gang om ugen, og I aftaler selv, hvad I vil lave.",
            "I kan gå en tur, spille kort, se gamle billeder eller bare drikke kaffe sammen.",
            "Vi matcher dig med en, du har noget til fælles med, og følger op efter den første "
            "måned.",
        ),
        (
            "{org} holder kaffemøder for besøgsvennerne et par gange om året.",
            "Du får en introduktion og kan altid ringe til vores koordinator.",
            "Du forpligter dig ikke for evigt, men vi håber, du har lyst til at blive et halvt år.",
        ),
        (
            "Ældre i {town}, der føler sig ensomme",
            "Ensomme ældre i {town} og omegn",
            "Ældre, der bor alene",
        ),
        (
            ("hals", "hals-seniorforening"),
            ("vodskov", "aeldre-sammen-vodskov"),
            ("vester-hassing", "aeldre-sammen-vodskov"),
            ("storvorde", "seniornetvaerk-sydoest"),
            ("mou", "seniornetvaerk-sydoest"),
            ("kongerslev", "seniornetvaerk-sydoest"),
            ("svenstrup-j", "seniorklubben-svenstrup"),
            ("ellidshoej", "seniorklubben-svenstrup"),
            ("nibe", "plejecenter-fjordglimt"),
            ("soenderholm", "nibe-besoegsvenner"),
            ("noerresundby", "besoegsvennerne-i-aalborg"),
            ("vejgaard", "besoegsvennerne-i-aalborg"),
            ("hasseris", "besoegsvennerne-i-aalborg"),
            ("gistrup", "hjaelpende-haender-aalborg"),
            ("klarup", "hjaelpende-haender-aalborg"),
            ("tylstrup", "hjaelpende-haender-aalborg"),
            ("vadum", "hjaelpende-haender-aalborg"),
        ),
        hours=(2, 3, 4),
        fields={
            "min_age": 18,
            "suits_seniors": True,
            "offers_training": True,
            "covers_expenses": True,
            "offers_insurance": True,
        },
    ),
    Template(
        "cafe-vaert",
        "aeldre",
        (
            "Café-vært på {org}",
            "Vært i eftermiddagscaféen på {org}",
            "Kaffe og hygge: café-vært i {town}",
        ),
        (
            "Caféen er plejecentrets mødested for beboere, pårørende og naboer.",
            "Eftermiddagskaffen er dagens højdepunkt for mange af beboerne.",
            "Vi vil gerne holde caféen åben flere dage om ugen.",
        ),
        (
            "Du brygger kaffe, dækker op og sætter dig ned til en snak.",
            "Du står for kaffen og kagen og hjælper beboerne med at finde en plads.",
            "Du sørger for, at alle får en kop, og måske sætter du et spil i gang.",
        ),
        (
            "Personalet står for plejen, så du kan bruge tiden på samværet.",
            "Du får en kort introduktion og arbejder sammen med andre frivillige.",
            "Vagterne ligger om eftermiddagen, og du vælger selv dine dage.",
        ),
        ("Beboerne på plejecentret og deres pårørende", "Beboere og besøgende i {town}"),
        (
            ("svenstrup-j", "plejecenter-lindebo"),
            ("aalborg-c", "plejecenter-aaparken"),
            ("hals", "plejecenter-havblik"),
            ("vodskov", "plejecenter-kastanjehaven"),
            ("noerresundby", "plejecenter-engbo"),
            ("vejgaard", "aktivitetscenter-vejgaard"),
        ),
        hours=(4, 6, 8),
        fields={
            "suits_seniors": True,
            "wheelchair_accessible": True,
            "covers_expenses": True,
            "offers_insurance": True,
        },
        titles_en=(
            "Café host at {org}",
            "Host at the afternoon café at {org}",
            "Coffee and company: café host in {town}",
        ),
        descriptions_en=(
            "The café is where residents, relatives and neighbours meet. You make coffee, "
            "set the tables and sit down for a chat. The staff take care of the nursing, so "
            "your time is for company.",
        ),
        targets_en=("Care home residents and their relatives",),
        english_in=("aalborg-c",),
    ),
    Template(
        "fodboldtraener",
        "idraet-og-fritid boern",
        (
            "Fodboldtræner for U10 i {town}",
            "Fodboldtræner for U8 i {org}",
            "Assistenttræner til U10-fodbold i {town}",
            "Fodboldtræner for U12-drengene i {town}",
        ),
        (
            "{org} har flere børn end trænere i år.",
            "Vores ungdomsafdeling vokser, og et af holdene mangler en træner.",
            "Holdet træner to gange om ugen og spiller stævner i weekenderne.",
        ),
        (
            "Du planlægger træningen sammen med en erfaren træner og står for øvelserne.",
            "Du behøver ikke have spillet på højt niveau, men du skal kunne lide børn og bolde.",
            "Fokus er på glæde, fællesskab og at alle får spilletid.",
        ),
        (
            "Klubben betaler dit trænerkursus og giver dig trænertøj.",
            "Forældrene hjælper med kørsel og frugt, så du kan koncentrere dig om fodbolden.",
            "Du får en mentor i klubben den første sæson.",
        ),
        (
            "Børn i {town} mellem 7 og 12 år",
            "Drenge og piger i klubben",
            "Fodboldglade børn i {town}",
        ),
        (
            ("storvorde", "storvorde-sportsforening"),
            ("klarup", "klarup-boldklub"),
            ("vadum", "vadum-idraetsforening"),
            ("vestbjerg", "vestbjerg-idraetsforening"),
            ("gistrup", "gistrup-idraetsforening"),
            ("svenstrup-j", "svenstrup-boldklub"),
            ("vodskov", "vodskov-idraetsforening"),
            ("hals", "hals-boldklub"),
            ("nibe", "nibe-boldklub"),
        ),
        hours=(8, 10, 12),
        fields={
            "min_age": 16,
            "requires_child_certificate": True,
            "offers_training": True,
            "suits_young": True,
        },
    ),
    Template(
        "lektiehjaelp",
        "laering-og-lektiehjaelp boern",
        (
            "Lektiehjælper i {town}",
            "Frivillig i lektiecaféen i {town}",
            "Hjælp børn med lektierne i {town}",
        ),
        (
            "Lektiecaféen i {town} har åbent to eftermiddage om ugen.",
            "Mange elever har ingen derhjemme, der kan hjælpe med lektierne.",
            "Vi har flere elever end hjælpere, især i matematik og dansk.",
        ),
        (
            "Du sidder ved bordene og hjælper dem, der rækker hånden op.",
            "Du forklarer en opgave en ekstra gang og hjælper med at komme i gang.",
            "Du vælger selv, om du helst hjælper de mindste eller de store.",
        ),
        (
            "Du behøver ikke være lærer, bare tålmodig og nysgerrig.",
            "Der er altid kaffe, og du er en del af et godt hold af frivillige.",
            "Studerende, pensionister og alle imellem er velkomne.",
        ),
        ("Skoleelever i {town}", "Elever fra 3. til 10. klasse", "Børn og unge i {town}"),
        (
            ("vejgaard", "vejgaard-lektiecafe"),
            ("noerresundby", "lektiecafe-noerresundby"),
            ("aalborg-oest", "lektiecafeen-aalborg-oest"),
            ("aalborg-c", "hovedbiblioteket"),
            ("aalborg-sv-skalborg", "hjaelpende-haender-aalborg"),
            ("aalborg-soe-gug", "lektiecafeen-aalborg-oest"),
            ("lindholm", "beboerhuset-lindholm"),
            ("vodskov", "vodskov-bibliotek"),
            ("kongerslev", "kongerslev-skole"),
            ("vadum", "vadum-skole"),
            ("nibe", "nibe-bibliotek"),
            ("hals", "hals-bibliotek"),
        ),
        hours=(4, 6, 8),
        fields={"requires_child_certificate": True, "suits_young": True, "suits_seniors": True},
        titles_en=(
            "Homework helper in {town}",
            "Volunteer at the homework café in {town}",
            "Help children with their homework in {town}",
        ),
        descriptions_en=(
            "The homework café is open two afternoons a week, and many pupils have no one at "
            "home who can help. You sit at the tables and explain things one more time. You "
            "do not need to be a teacher, just patient.",
            "We have more pupils than helpers, especially in maths and English. You help "
            "those who raise their hand, and you choose whether you prefer the youngest or "
            "the oldest pupils. Students and pensioners are equally welcome.",
        ),
        targets_en=("Pupils in {town}", "Children and young people in {town}"),
        english_in=("aalborg-c", "vejgaard", "noerresundby"),
    ),
    Template(
        "naturpleje",
        "groenne-omraader",
        (
            "Naturplejer i {town}",
            "Naturpleje på engene ved {town}",
            "Hjælp naturen på vej i {town}",
            "Arbejdsdage i naturen ved {town}",
        ),
        (
            "Engene og mosen ved {town} gror til, hvis ingen holder dem.",
            "Vi har en fast arbejdsdag den første lørdag i måneden.",
            "Sjældne planter og sommerfugle har brug for lys og plads.",
        ),
        (
            "Du slår græs, rydder opvækst og fjerner invasive planter som kæmpebjørneklo.",
            "Vi arbejder med le, rive og grensaks, og ingen skal løfte mere, end de kan.",
            "Vi registrerer også planter og fugle, så vi kan se, om plejen virker.",
        ),
        (
            "Vi slutter altid med kaffe og bål.",
            "Vi har værktøj og arbejdshandsker.",
            "Du lærer meget om naturen af de erfarne i gruppen.",
        ),
        ("Naturen og alle, der går tur ved {town}", "Planter, insekter og fugle i området"),
        (
            ("kongerslev", "himmerlands-engvenner"),
            ("mou", "himmerlands-engvenner"),
            ("soenderholm", "nibe-naturplejeforening"),
            ("ellidshoej", "natur-og-formidling"),
            ("frejlev", "naturskolen-frejlev"),
            ("tylstrup", "natur-og-formidling"),
            ("vestbjerg", "park-og-natur"),
            ("ulsted", "natur-og-formidling"),
            ("gandrup", "natur-og-formidling"),
            ("vester-hassing", "vodskov-kratlaug"),
            ("sulsted", "natur-og-formidling"),
        ),
        hours=(3, 4, 5),
        fields={"suits_seniors": True, "suits_families": True, "offers_insurance": True},
    ),
    Template(
        "oprydning",
        "groenne-omraader",
        ("Affaldsindsamling i {town}", "Oprydningsdag i {town}", "Ryd op i naturen i {town}"),
        (
            "En formiddag om året samler vi alt det affald, der har hobet sig op.",
            "Skrænter, grøfter og stier i {town} trænger til en hånd.",
            "Sidste år samlede vi over 200 kilo affald på én dag.",
        ),
        (
            "Vi deler os i hold og tager hver sin strækning.",
            "Vi har handsker, poser og gribetænger til alle, også børn.",
            "Du vælger selv, om du vil gå en time eller hele formiddagen.",
        ),
        (
            "Bagefter er der pølser og saftevand til alle.",
            "Tag familien, naboerne eller kollegerne med.",
            "Vi sorterer fundene og sender dem til genbrug.",
        ),
        ("Alle, der bor i og besøger {town}", "Naturen og dyrelivet"),
        (
            ("aalborg-c", "park-og-natur"),
            ("lindholm", "lindholm-naturlaug"),
            ("noerresundby", "park-og-natur"),
            ("klarup", "park-og-natur"),
            ("gistrup", "gistrup-idraetsforening"),
            ("storvorde", "storvorde-sportsforening"),
            ("nibe", "nibe-naturplejeforening"),
            ("ulsted", "hals-strandrensere"),
            ("aalborg-oest", "boligselskabet-engtoften"),
        ),
        hours=(2, 3, 4),
        kind="event",
        fields={"suits_families": True, "suits_young": True, "suits_seniors": True},
        titles_en=("Litter pick in {town}", "Clean-up day in {town}", "Clean up nature in {town}"),
        descriptions_en=(
            "Once a year we spend a morning collecting all the litter that has piled up. We "
            "split into teams, and we have gloves, bags and litter pickers for everyone, "
            "children too. Afterwards there are sausages and squash for all.",
        ),
        targets_en=("Everyone who lives in or visits {town}",),
        english_in=("aalborg-c", "lindholm", "noerresundby"),
    ),
    Template(
        "foerstehjaelp",
        "sundhed beredskab",
        (
            "Samarit ved stævner i {town}",
            "Førstehjælper ved arrangementer i {town}",
            "Bliv samarit i {town}",
        ),
        (
            "Når klubberne i {town} holder stævner, skal der være førstehjælp på stedet.",
            "{org} dækker løb, stævner og byfester med uddannede frivillige.",
            "Vi mangler samaritter til sommerens mange arrangementer.",
        ),
        (
            "Du står i førstehjælpsteltet sammen med en erfaren samarit.",
            "Typiske opgaver er forstuvninger, hedeslag og små sår.",
            "Du er med, når der er brug for dig, og siger selv ja til vagterne.",
        ),
        (
            "Vi giver dig et udvidet førstehjælpskursus.",
            "Vagterne er på 4-6 timer, og der er forplejning.",
            "Du er forsikret under vagten.",
        ),
        ("Deltagere og publikum ved arrangementer i {town}", "Sportsudøvere og tilskuere"),
        (
            ("gistrup", "nordjysk-foerstehjaelpskorps"),
            ("vodskov", "nordjysk-foerstehjaelpskorps"),
            ("svenstrup-j", "nordjysk-foerstehjaelpskorps"),
            ("nibe", "nordjysk-foerstehjaelpskorps"),
            ("hals", "nordjysk-foerstehjaelpskorps"),
            ("vadum", "nordjysk-foerstehjaelpskorps"),
            ("aalborg-c", "nordjysk-foerstehjaelpskorps"),
            ("noerresundby", "nordjysk-foerstehjaelpskorps"),
        ),
        hours=(4, 6),
        fields={
            "min_age": 18,
            "offers_training": True,
            "offers_insurance": True,
            "skills": "førstehjælp",
        },
        titles_en=(
            "First aider at sports events in {town}",
            "First aider at events in {town}",
            "Become a first aider in {town}",
        ),
        descriptions_en=(
            "When clubs hold tournaments and races, first aid must be on site. You work in "
            "the first aid tent with an experienced first aider. We give you an advanced "
            "first aid course, and you are insured while on duty.",
        ),
        targets_en=("Participants and spectators at events",),
        english_in=("aalborg-c",),
    ),
    Template(
        "beredskab",
        "beredskab",
        (
            "Frivillig i beredskabet i {town}",
            "Lokal beredskabsgruppe i {town}",
            "Hjælper i det frivillige beredskab – {town}",
        ),
        (
            "Ved storm og skybrud er det en fordel, at der bor frivillige tæt på.",
            "Vi opbygger lokale grupper, der kan rykke hurtigt ud i deres eget område.",
            "{town} har været ramt af oversvømmelser flere gange.",
        ),
        (
            "Du lærer at lægge sandsække, bruge pumper og sikre bygninger.",
            "Du hjælper med evakuering, forplejning og information til borgerne.",
            "Du øver med gruppen en aften om måneden og bliver kaldt ud, når der er brug for det.",
        ),
        (
            "Grunduddannelsen er gratis og foregår over tre weekender.",
            "Du er forsikret og får udstyr og arbejdstøj.",
            "Du bestemmer selv, hvor tit du kan rykke ud.",
        ),
        ("Borgere i {town}, der rammes af storm og oversvømmelse", "Lokalsamfundet i {town}"),
        (
            ("nibe", "limfjordens-frivillige-beredskab"),
            ("storvorde", "limfjordens-frivillige-beredskab"),
            ("vodskov", "limfjordens-frivillige-beredskab"),
            ("gandrup", "limfjordens-frivillige-beredskab"),
            ("sulsted", "limfjordens-frivillige-beredskab"),
            ("kongerslev", "limfjordens-frivillige-beredskab"),
            ("svenstrup-j", "limfjordens-frivillige-beredskab"),
            ("noerresundby", "limfjordens-frivillige-beredskab"),
        ),
        hours=(3, 4, 6),
        fields={
            "min_age": 18,
            "offers_training": True,
            "offers_insurance": True,
            "covers_expenses": True,
        },
        titles_en=(
            "Emergency volunteer in {town}",
            "Local emergency team in {town}",
            "Helper in the volunteer emergency corps – {town}",
        ),
        descriptions_en=(
            "In storms and cloudbursts it helps to have volunteers living close by. You "
            "learn to lay sandbags, use pumps and secure buildings. Basic training is free, "
            "and you are insured and get equipment and work clothes.",
        ),
        targets_en=("Residents of {town} hit by storms and floods",),
        english_in=("noerresundby",),
    ),
    Template(
        "madlavning",
        "socialt-udsatte",
        (
            "Kok i fællesspisningen i {town}",
            "Madlavning for socialt udsatte i {town}",
            "Køkkenhjælper til aftensmaden i {town}",
        ),
        (
            "Et varmt måltid og et fællesskab omkring bordet gør en forskel.",
            "Mange af vores gæster spiser ellers alene eller slet ikke.",
            "Vi laver mad af overskudsvarer fra lokale butikker.",
        ),
        (
            "Du laver mad sammen med to-tre andre frivillige og spiser gerne med.",
            "Du skræller, hakker, steger og hjælper med opvasken bagefter.",
            "Menuen planlægger vi sammen, ud fra hvad der er i kølerummet.",
        ),
        (
            "Du skal ikke være kok, bare glad for at lave mad.",
            "Du får et hygiejnekursus, hvis du ikke har et.",
            "Vi har vagter både hverdagsaftener og i weekenden.",
        ),
        ("Hjemløse, ensomme og socialt udsatte i {town}", "Voksne, der har det svært"),
        (
            ("aalborg-c", "vaerestedet-kilden"),
            ("aalborg-oest", "boligselskabet-engtoften"),
            ("noerresundby", "hjaelpende-haender-aalborg"),
            ("aalborg-sv-skalborg", "madbanken-nord"),
            ("aalborg-soe-gug", "hjaelpende-haender-aalborg"),
            ("lindholm", "beboerhuset-lindholm"),
        ),
        hours=(6, 8),
        fields={"min_age": 18, "covers_expenses": True},
        titles_en=(
            "Cook at the shared dinner in {town}",
            "Cooking for people in vulnerable situations in {town}",
            "Kitchen helper for dinner in {town}",
        ),
        descriptions_en=(
            "A hot meal and company around the table make a difference: many of our guests "
            "would otherwise eat alone. You cook with two or three other volunteers and are "
            "welcome to eat with us. You do not need to be a chef.",
        ),
        targets_en=("Homeless, lonely and vulnerable adults in {town}",),
        english_in=("aalborg-c", "noerresundby"),
    ),
    Template(
        "mentor",
        "integration",
        (
            "Netværksven for nytilkomne i {town}",
            "Mentor for en nytilkommen i {town}",
            "Velkomstven for nye borgere i {town}",
        ),
        (
            "Det er svært at finde sig til rette i et nyt land uden at kende nogen.",
            "Flere nytilkomne familier er flyttet til {town} i år.",
            "Et netværk er ofte nøglen til både job, sprog og venskaber.",
        ),
        (
            "Du mødes med en person eller familie et par gange om måneden.",
            "I går i Netto, til forældremøde eller i svømmehallen, alt efter behov.",
            "Du hjælper med breve, foreninger og de uskrevne regler i hverdagen.",
        ),
        (
            "Vi holder netværksmøder, hvor du kan sparre med andre mentorer.",
            "Du får et introduktionskursus inden start.",
            "Mange venskaber varer langt ud over forløbet.",
        ),
        ("Nytilkomne og flygtninge i {town}", "Familier, der er nye i Danmark"),
        (
            ("hasseris", "velkommen-i-aalborg"),
            ("vejgaard", "velkommen-i-aalborg"),
            ("aalborg-oest", "velkommen-i-aalborg"),
            ("noerresundby", "velkommen-i-aalborg"),
            ("aalborg-sv-skalborg", "velkommen-i-aalborg"),
            ("nibe", "integration-og-sprog"),
            ("hals", "integration-og-sprog"),
            ("vodskov", "integration-og-sprog"),
            ("svenstrup-j", "integration-og-sprog"),
            ("storvorde", "integration-og-sprog"),
        ),
        hours=(4, 6),
        fields={"offers_training": True, "covers_expenses": True},
        titles_en=(
            "Network friend for newcomers in {town}",
            "Mentor for a newcomer in {town}",
            "Welcome friend for new residents in {town}",
        ),
        descriptions_en=(
            "Settling in a new country is hard when you know no one. You meet a person or "
            "family a couple of times a month and help with letters, clubs and the unwritten "
            "rules of everyday life. You get an introductory course before you start.",
            "A network is often the key to jobs, language and friendship. You might go "
            "shopping together, join a parents' meeting or visit the swimming pool, whatever "
            "is needed. We hold network meetings where mentors share experience.",
        ),
        targets_en=("Newcomers and refugees in {town}", "Families new to Denmark"),
        english_in=("hasseris", "vejgaard", "aalborg-oest", "noerresundby"),
    ),
]
