"""Hand-written tasks in culture, sports, social work and health, and tasks done from home
or once (see `opportunities.py`)."""

from frivillig.catalog.demo.opportunities import EN_DA, en, on, opp

CULTURE_AND_SPORTS = [
    opp(
        "seniorkoret-fjordstemmer",
        "kultur aeldre",
        "aalborg-c",
        "Korsanger til koncerter på plejecentre",
        "Seniorkoret Fjordstemmer synger på kommunens plejecentre en gang om måneden, og vi "
        "mangler især tenorer og basser. Vi øver mandag formiddag og slutter altid med kaffe.",
        "Beboere på plejecentre",
        hours=8,
        suits_seniors=True,
    ),
    opp(
        "kulturhuset-fjordlyset",
        "kultur",
        "nibe",
        "Frivillig i Kulturhuset Fjordlyset",
        "Fjordlyset har koncerter, teater og foredrag næsten hver weekend. Du står i baren, "
        "tager imod billetter eller hjælper med at stille op. Til gengæld hører du musikken "
        "gratis.",
        "Publikum og foreningslivet i Nibe",
        hours=6,
        min_age=18,
        suits_young=True,
        suits_seniors=True,
    ),
    opp(
        "kongerslev-lokalhistoriske-arkiv",
        "kultur",
        "kongerslev",
        "Registrér gamle fotos i lokalarkivet",
        "Arkivet har flere tusinde fotos fra egnen, som ingen endnu har beskrevet. Du "
        "scanner, skriver årstal og navne på og hører historierne fra de ældre, der kommer "
        "forbi. Opgaven passer godt, hvis du kan lide ro og detaljer.",
        "Alle, der er interesseret i egnens historie",
        hours=8,
        suits_seniors=True,
        wheelchair_accessible=True,
        skills="computer, lokalkendskab",
    ),
    opp(
        "vejgaard-kulturvaerksted",
        "kultur integration",
        "vejgaard",
        "Kulturvært ved koncerter i Vejgaard",
        "Vi holder små koncerter med lokale og internationale musikere. Som vært tager du imod "
        "publikum, præsenterer aftenen og sørger for, at alle føler sig velkomne.",
        "Publikum og musikere",
        hours=4,
        languages=EN_DA,
        **en(
            "Culture host at concerts in Vejgaard",
            "We hold small concerts with local and international musicians. As a host you "
            "welcome the audience, introduce the evening and make sure everyone feels "
            "welcome.",
            "Audiences and musicians",
        ),
    ),
    opp(
        "kulturhus-hals-havn",
        "kultur",
        "hals",
        "Lyd- og lystekniker i Kulturhus Hals Havn",
        "Vi har fået nyt lydanlæg og mangler frivillige, der vil lære at bruge det. Du "
        "afvikler koncerter og filmaftener sammen med en erfaren tekniker.",
        "Publikum og lokale musikere",
        hours=6,
        min_age=16,
        offers_training=True,
        suits_young=True,
        skills="teknik",
    ),
    opp(
        "hals-boldklub",
        "idraet-og-fritid boern",
        "hals",
        "Fodboldtræner for U10 i Hals",
        "Vores U10-hold har 18 glade drenge og piger og kun én træner. Du træner med holdet "
        "to gange om ugen og tager med til stævner i weekenden. Klubben betaler DBU's "
        "trænerkursus.",
        "Drenge og piger på 9-10 år",
        hours=12,
        min_age=16,
        requires_child_certificate=True,
        offers_training=True,
        suits_young=True,
        is_urgent=True,
    ),
    opp(
        "nibe-boldklub",
        "idraet-og-fritid boern",
        "nibe",
        "Fodboldtræner for pigeholdet U12 i Nibe",
        "Pigerne på U12 vil gerne spille mere kamp og har brug for en træner mere. Du er med "
        "til træning tirsdag og torsdag og hjælper med at planlægge sæsonen.",
        "Piger på 11-12 år",
        hours=10,
        min_age=16,
        requires_child_certificate=True,
        offers_training=True,
    ),
    opp(
        "sulsted-gymnastikforening",
        "idraet-og-fritid boern",
        "sulsted",
        "Hjælpetræner på springholdet i Sulsted",
        "Kan du lide at slå flikflak eller bare at hjælpe andre til det? Du hjælper "
        "instruktøren med modtagning og opstilling af redskaber.",
        "Børn fra 8 til 12 år",
        hours=8,
        min_age=14,
        requires_child_certificate=True,
        suits_young=True,
    ),
    opp(
        "fjordens-roklub",
        "idraet-og-fritid",
        "noerresundby",
        "Rocoach for nye roere i Nørresundby",
        "Hvert forår starter 40 nye medlemmer i klubben. Som rocoach sidder du med i båden og "
        "lærer dem at ro sikkert på fjorden. Du skal have roret selv i mindst to sæsoner.",
        "Nye medlemmer, også internationale studerende",
        hours=8,
        offers_insurance=True,
        languages=EN_DA,
        skills="roning",
        **en(
            "Rowing coach for new rowers in Nørresundby",
            "Every spring 40 new members join the club. As a rowing coach you sit in the boat "
            "and teach them to row safely on the fjord. You should have rowed yourself for "
            "at least two seasons.",
            "New members, including international students",
        ),
    ),
    opp(
        "kongerslev-cykelklub",
        "idraet-og-fritid sundhed",
        "kongerslev",
        "Turleder til fællesture på cykel",
        "Vi kører fællesture lørdag morgen i tre tempogrupper. Som turleder kender du ruten, "
        "holder gruppen samlet og har en slange med.",
        "Motionister på alle niveauer",
        hours=8,
        suits_seniors=True,
    ),
    opp(
        "vadum-idraetsforening",
        "idraet-og-fritid sundhed",
        "vadum",
        "Holdleder for motionsfodbold for voksne",
        "Fodbold for voksne, der ikke har spillet i mange år. Du samler holdet, laver "
        "opvarmning og sørger for, at alle får bolden.",
        "Voksne over 40 år i Vadum og omegn",
        hours=6,
        suits_seniors=True,
    ),
    opp(
        "storvorde-sportsforening",
        "idraet-og-fritid",
        "storvorde",
        "Frivillig i klubhuset i Storvorde",
        "Klubhuset er samlingsstedet i weekenden. Du står for kiosken under kampene og "
        "sørger for kaffe til forældrene.",
        "Spillere, forældre og tilskuere",
        hours=4,
        suits_seniors=True,
        suits_families=True,
    ),
]

SOCIAL_AND_HEALTH = [
    opp(
        "varmestuen-lygten",
        "socialt-udsatte",
        "aalborg-c",
        "Madlavning i Varmestuen Lygten",
        "Hver aften laver vi et varmt måltid til 40-60 gæster. Du laver mad sammen med en "
        "erfaren kok og spiser gerne med. Mange af vores gæster har ingen andre at spise "
        "sammen med.",
        "Hjemløse og ensomme voksne",
        hours=8,
        min_age=18,
        covers_expenses=True,
        languages=EN_DA,
        **en(
            "Cook at the Lygten drop-in centre",
            "Every evening we cook a hot meal for 40 to 60 guests. You cook with an "
            "experienced chef and are welcome to eat with us. Many of our guests have no one "
            "else to eat with.",
            "Homeless and lonely adults",
        ),
    ),
    opp(
        "vaerestedet-kilden",
        "socialt-udsatte",
        "aalborg-c",
        "Værestedsvært i weekenden",
        "Værestedet har åbent lørdag og søndag eftermiddag, og det kan vi kun med frivillige. "
        "Du laver kaffe, spiller et spil og er der for dem, der kommer. Personalet er altid "
        "på vagt i telefonen.",
        "Voksne med psykisk sårbarhed eller misbrug",
        hours=8,
        min_age=20,
        offers_training=True,
    ),
    opp(
        "madbanken-nord",
        "socialt-udsatte groenne-omraader",
        "aalborg-sv-skalborg",
        "Sorteringshjælper i Madbanken Nord",
        "Vi henter overskudsmad fra butikker og pakker den til varmestuer og krisecentre. Du "
        "sorterer, pakker og holder styr på datoerne. En god opgave, hvis du vil gøre noget "
        "konkret mod madspild.",
        "Sociale tilbud og deres brugere",
        hours=6,
        suits_young=True,
        suits_seniors=True,
        wheelchair_accessible=True,
    ),
    opp(
        "hjaelpende-haender-aalborg",
        "socialt-udsatte",
        "aalborg-c",
        "Ekspedient i genbrugsbutikken",
        "Overskuddet fra butikken går til nødhjælp og vores besøgstjeneste. Du ekspederer, "
        "prismærker og sætter varer frem på en fast vagt om ugen.",
        "Mennesker i nød lokalt og ude i verden",
        hours=12,
        suits_seniors=True,
        wheelchair_accessible=True,
    ),
    opp(
        "hjaelpende-haender-aalborg",
        "socialt-udsatte",
        "aalborg-c",
        "Økonomivejleder for familier med gæld",
        "Du hjælper familier med at få overblik over budget, regninger og gæld. Vi giver dig "
        "et kursus og sparring med de andre rådgivere. Det er en fordel, men ikke et krav, at "
        "du har arbejdet med økonomi.",
        "Familier med økonomiske problemer",
        hours=6,
        offers_training=True,
        skills="økonomi, regneark",
    ),
    opp(
        "nordjysk-foerstehjaelpskorps",
        "sundhed beredskab",
        "aalborg-sv-skalborg",
        "Førstehjælpsinstruktør for foreninger",
        "Vi underviser idrætsklubber, spejdere og borgerforeninger i førstehjælp. Du bliver "
        "uddannet instruktør og underviser et par aftener om måneden.",
        "Frivillige i kommunens foreninger",
        hours=6,
        min_age=18,
        offers_training=True,
        offers_insurance=True,
        skills="førstehjælp",
    ),
    opp(
        "sundhedscenter-vest",
        "sundhed aeldre",
        "hasseris",
        "Gå-makker på gåholdet i Hasseris",
        "Vores gåhold er for borgere, der er ved at komme sig efter sygdom. Du går med og "
        "sørger for, at ingen bliver efterladt. Du bestemmer selv, om du vil gå hver uge.",
        "Borgere i genoptræning",
        hours=4,
        suits_seniors=True,
        languages=EN_DA,
        **en(
            "Walking buddy in Hasseris",
            "Our walking group is for people recovering from illness. You walk with the "
            "group and make sure no one is left behind. You decide whether you come every "
            "week.",
            "People in rehabilitation",
        ),
    ),
    opp(
        "gaa-sammen-aalborg",
        "sundhed",
        "hasseris",
        "Turleder for gåfællesskab",
        "Hver søndag går vi en tur på 5 km og slutter med kaffe. Du planlægger ruten og tager "
        "imod nye deltagere.",
        "Alle, der vil have selskab på gåturen",
        hours=4,
        suits_seniors=True,
        suits_families=True,
    ),
]


# Tasks done from home, and one-off jobs with a fixed date.
FROM_HOME_AND_ONE_OFF = [
    opp(
        "lektiecafeen-aalborg-oest",
        "laering-og-lektiehjaelp unge",
        None,
        "Online lektiehjælper for udskolingen",
        "Nogle elever har lettere ved at få hjælp hjemmefra om aftenen. Du logger på vores "
        "online lektiecafé en aften om ugen og hjælper over video og chat. Du skal være "
        "sikker i mindst ét af fagene matematik, fysik eller engelsk.",
        "Elever i 7.–10. klasse",
        hours=4,
        is_flexible_location=True,
        requires_child_certificate=True,
        suits_young=True,
        skills="matematik, fysik, engelsk",
    ),
    opp(
        "velkommen-i-aalborg",
        "integration",
        None,
        "Sprogstøtte på telefon for nytilkomne",
        "Taler du arabisk, tigrinya, ukrainsk eller dari? Nytilkomne ringer til os, når et "
        "brev eller en besked er svær at forstå. Du tager telefonen i en aftalt vagt og "
        "forklarer på deres sprog, hvad der står, og hvem de kan spørge.",
        "Nytilkomne, der endnu ikke forstår dansk",
        hours=3,
        is_flexible_location=True,
        offers_training=True,
        languages="dansk, arabisk, tigrinya, ukrainsk, dari",
    ),
    opp(
        "paaroerendenetvaerket",
        "sundhed aeldre",
        None,
        "Telefonven for pårørende til demente",
        "Det kan være ensomt at passe en ægtefælle med demens. Du ringer til en pårørende hver "
        "anden uge og er en at dele hverdagen med. Vi giver dig et kursus i demens og i at "
        "lytte.",
        "Pårørende til mennesker med demens",
        hours=2,
        is_flexible_location=True,
        suits_seniors=True,
        offers_training=True,
    ),
    opp(
        "storvorde-sportsforening",
        "idraet-og-fritid",
        "storvorde",
        "Malerhold til klubhuset i Storvorde",
        "Klubhuset trænger til ny maling, inden sæsonen starter. Vi maler en lørdag, og "
        "klubben giver frokost og pensler.",
        "Klubbens medlemmer og gæster",
        kind="one_off",
        on=on(3, 20),
        hours=6,
        suits_families=True,
    ),
    opp(
        "kongerslev-lokalhistoriske-arkiv",
        "kultur",
        "kongerslev",
        "Hjælp lokalarkivet med at flytte",
        "Arkivet flytter til nye lokaler i skolen. Vi skal pakke kasser, bære reoler og "
        "sætte det hele på plads igen, så vi kan åbne for besøgende.",
        "Alle, der bruger arkivet",
        kind="one_off",
        on=on(2, 6),
        until=on(2, 7),
        hours=10,
        min_age=15,
    ),
    opp(
        "ulsted-spejdergruppe",
        "boern groenne-omraader",
        "ulsted",
        "Arbejdsdag ved spejderhytten i Ulsted",
        "Hytten skal have nyt tag på brændeskuret, og bålpladsen skal gøres klar til "
        "sommerlejren. Børn og forældre er velkomne, vi griller til frokost.",
        "Spejderne og deres familier",
        kind="one_off",
        on=on(4, 24),
        hours=6,
        suits_families=True,
    ),
    opp(
        "plejecenter-kastanjehaven",
        "aeldre kultur",
        "vodskov",
        "Pynt op til jul på Plejecenter Kastanjehaven",
        "En eftermiddag i slutningen af november klipper og klistrer vi julepynt med "
        "beboerne og pynter fællesstuerne. Tag gerne børnene med.",
        "Beboerne på plejecentret",
        kind="one_off",
        on=on(11, 25),
        hours=3,
        suits_families=True,
        suits_seniors=True,
        wheelchair_accessible=True,
    ),
]
