"""The municipality's own organisation tree for the demo: seven departments and the units and
institutions under them. Associations and partners are in `associations.py`.

The departments carry Aalborg Kommune's real names; everything below them is invented for the
demo, and the descriptions only say what such a unit typically does."""

from typing import NamedTuple

from frivillig.organisations.models import OrganisationKind as K


class Org(NamedTuple):
    slug: str
    name: str
    kind: str
    place: str  # a Place slug
    description_da: str
    description_en: str
    parent: str | None = None  # the parent's slug
    approved: bool = True


DEPARTMENTS = [
    Org(
        "borgmesterens-forvaltning",
        "Borgmesterens Forvaltning",
        K.DEPARTMENT,
        "aalborg-c",
        "Forvaltningen samler kommunens tværgående opgaver, blandt andet borgerservice og "
        "digitalisering.",
        "The department brings together the municipality's cross-cutting tasks, among them "
        "citizen services and digitalisation.",
    ),
    Org(
        "sundhed-og-kultur",
        "Sundhed og Kultur",
        K.DEPARTMENT,
        "aalborg-c",
        "Forvaltningen for sundhed, kultur, biblioteker, idræt og fritid, og for kommunens "
        "samarbejde med det frivillige sociale arbejde.",
        "The department for health, culture, libraries, sports and leisure, and for the "
        "municipality's cooperation with voluntary social work.",
    ),
    Org(
        "boern-og-unge",
        "Børn og Unge",
        K.DEPARTMENT,
        "aalborg-c",
        "Forvaltningen for skoler, dagtilbud og fritidstilbud for børn og unge.",
        "The department for schools, day care and leisure activities for children and young "
        "people.",
    ),
    Org(
        "job-og-velfaerd",
        "Job og Velfærd",
        K.DEPARTMENT,
        "aalborg-c",
        "Forvaltningen for beskæftigelse, integration og hjælp til voksne, der har det svært.",
        "The department for employment, integration and support for adults facing hard times.",
    ),
    Org(
        "senior-og-omsorg",
        "Senior og Omsorg",
        K.DEPARTMENT,
        "aalborg-c",
        "Forvaltningen for plejecentre, hjemmepleje og aktiviteter for ældre borgere.",
        "The department for care homes, home care and activities for older citizens.",
    ),
    Org(
        "klima-og-miljoe",
        "Klima og Miljø",
        K.DEPARTMENT,
        "aalborg-c",
        "Forvaltningen for natur, miljø og klima.",
        "The department for nature, the environment and the climate.",
    ),
    Org(
        "by-og-land",
        "By og Land",
        K.DEPARTMENT,
        "aalborg-c",
        "Forvaltningen for byens rum, parker, veje og planlægning i by og på land.",
        "The department for public spaces, parks, roads and planning in town and countryside.",
    ),
]

UNITS = [
    # Sundhed og Kultur
    Org(
        "frivilligt-socialt-arbejde",
        "Frivilligt socialt arbejde",
        K.UNIT,
        "aalborg-c",
        "Kommunens centrale indgang for frivillige og foreninger. Vi rådgiver om frivillighed, "
        "godkender nye foreninger på portalen og hjælper med at finde den rette opgave.",
        "The municipality's central entry point for volunteers and associations. We advise on "
        "volunteering, approve new associations on the portal and help you find the right "
        "task.",
        "sundhed-og-kultur",
    ),
    Org(
        "bibliotekerne",
        "Bibliotekerne",
        K.UNIT,
        "aalborg-c",
        "Kommunens biblioteker i byen og i lokalsamfundene.",
        "The municipality's libraries in the city and in local communities.",
        "sundhed-og-kultur",
    ),
    Org(
        "hovedbiblioteket",
        "Hovedbiblioteket",
        K.INSTITUTION,
        "aalborg-c",
        "Biblioteket midt i byen med læsegrupper, IT-hjælp og arrangementer for alle aldre.",
        "The library in the city centre, with reading groups, IT help and events for all ages.",
        "bibliotekerne",
    ),
    Org(
        "nibe-bibliotek",
        "Nibe Bibliotek",
        K.INSTITUTION,
        "nibe",
        "Lokalbibliotek med højtlæsning for børn og digital hjælp for voksne.",
        "Local library with story time for children and digital help for adults.",
        "bibliotekerne",
    ),
    Org(
        "hals-bibliotek",
        "Hals Bibliotek",
        K.INSTITUTION,
        "hals",
        "Lokalbibliotek og mødested tæt på havnen.",
        "Local library and meeting place close to the harbour.",
        "bibliotekerne",
    ),
    Org(
        "vodskov-bibliotek",
        "Vodskov Bibliotek",
        K.INSTITUTION,
        "vodskov",
        "Lokalbibliotek med læseklub, lektiehjælp og IT-café.",
        "Local library with a reading club, homework help and an IT café.",
        "bibliotekerne",
    ),
    Org(
        "noerresundby-bibliotek",
        "Nørresundby Bibliotek",
        K.INSTITUTION,
        "noerresundby",
        "Biblioteket nord for fjorden, med sprogcafé og læsehunde for børn.",
        "The library north of the fjord, with a language café and reading dogs for children.",
        "bibliotekerne",
    ),
    Org(
        "sundhedscenter-vest",
        "Sundhedscenter Vest",
        K.UNIT,
        "hasseris",
        "Sundhedstilbud, gåhold og rehabilitering for borgere i den vestlige del af byen.",
        "Health services, walking groups and rehabilitation for citizens in the western part "
        "of the city.",
        "sundhed-og-kultur",
    ),
    Org(
        "fritid-og-idraet",
        "Fritid og Idræt",
        K.UNIT,
        "aalborg-c",
        "Samarbejde med idrætsforeninger og fritidsliv i hele kommunen.",
        "Cooperation with sports clubs and leisure life across the municipality.",
        "sundhed-og-kultur",
    ),
    # Senior og Omsorg
    Org(
        "aeldreomraade-vest",
        "Ældreområde Vest",
        K.UNIT,
        "svenstrup-j",
        "Plejecentre og aktivitetstilbud i den vestlige del af kommunen.",
        "Care homes and activities in the western part of the municipality.",
        "senior-og-omsorg",
    ),
    Org(
        "aeldreomraade-oest",
        "Ældreområde Øst",
        K.UNIT,
        "aalborg-oest",
        "Plejecentre og aktivitetstilbud i den østlige og nordlige del af kommunen.",
        "Care homes and activities in the eastern and northern parts of the municipality.",
        "senior-og-omsorg",
    ),
    Org(
        "plejecenter-fjordglimt",
        "Plejecenter Fjordglimt",
        K.INSTITUTION,
        "nibe",
        "Plejecenter med udsigt over fjorden og en café, som frivillige holder åben.",
        "Care home overlooking the fjord, with a café kept open by volunteers.",
        "aeldreomraade-vest",
    ),
    Org(
        "plejecenter-lindebo",
        "Plejecenter Lindebo",
        K.INSTITUTION,
        "svenstrup-j",
        "Plejecenter med sansehave, hønsegård og mange frivillige besøgsvenner.",
        "Care home with a sensory garden, a hen house and many volunteer visiting friends.",
        "aeldreomraade-vest",
    ),
    Org(
        "plejecenter-aaparken",
        "Plejecenter Åparken",
        K.INSTITUTION,
        "aalborg-c",
        "Plejecenter midt i byen, hvor frivillige tager beboerne med på gåture og til "
        "arrangementer.",
        "Care home in the city centre where volunteers take residents on walks and to events.",
        "aeldreomraade-vest",
    ),
    Org(
        "plejecenter-havblik",
        "Plejecenter Havblik",
        K.INSTITUTION,
        "hals",
        "Plejecenter tæt på vandet med højtlæsning, sang og fællesspisning.",
        "Care home close to the sea with reading aloud, singing and shared meals.",
        "aeldreomraade-oest",
    ),
    Org(
        "plejecenter-kastanjehaven",
        "Plejecenter Kastanjehaven",
        K.INSTITUTION,
        "vodskov",
        "Plejecenter med aktivitetscafé og venneforening.",
        "Care home with an activity café and a friends' association.",
        "aeldreomraade-oest",
    ),
    Org(
        "plejecenter-engbo",
        "Plejecenter Engbo",
        K.INSTITUTION,
        "noerresundby",
        "Plejecenter med cykel-taxa, så beboerne kan komme ud og mærke vinden i håret.",
        "Care home with a rickshaw so that residents can get out and feel the wind in their hair.",
        "aeldreomraade-oest",
    ),
    Org(
        "aktivitetscenter-vejgaard",
        "Aktivitetscenter Vejgaard",
        K.INSTITUTION,
        "vejgaard",
        "Aktivitetscenter for hjemmeboende ældre med værksteder, motion og spisning.",
        "Activity centre for older people living at home, with workshops, exercise and meals.",
        "aeldreomraade-oest",
    ),
    # Børn og Unge
    Org(
        "skoleomraadet",
        "Skoleområdet",
        K.UNIT,
        "aalborg-c",
        "Kommunens folkeskoler og samarbejdet med foreninger om skoledagen.",
        "The municipality's public schools and their cooperation with associations.",
        "boern-og-unge",
    ),
    Org(
        "gistrup-skole",
        "Gistrup Skole",
        K.INSTITUTION,
        "gistrup",
        "Folkeskole i Gistrup med lektiecafé og skolehave.",
        "Public school in Gistrup with a homework café and a school garden.",
        "skoleomraadet",
    ),
    Org(
        "vadum-skole",
        "Vadum Skole",
        K.INSTITUTION,
        "vadum",
        "Folkeskole i Vadum med læsevenner og aktiv frikvarter.",
        "Public school in Vadum with reading buddies and active breaks.",
        "skoleomraadet",
    ),
    Org(
        "kongerslev-skole",
        "Kongerslev Skole",
        K.INSTITUTION,
        "kongerslev",
        "Folkeskole i Kongerslev, hvor lokale frivillige hjælper med lektier og udeskole.",
        "Public school in Kongerslev where local volunteers help with homework and outdoor "
        "teaching.",
        "skoleomraadet",
    ),
    Org(
        "fritid-og-ungdom",
        "Fritids- og Ungdomsområdet",
        K.UNIT,
        "aalborg-c",
        "Fritidscentre og ungdomsklubber i hele kommunen.",
        "Leisure centres and youth clubs across the municipality.",
        "boern-og-unge",
    ),
    Org(
        "fritidscenter-noerresundby",
        "Fritidscenter Nørresundby",
        K.INSTITUTION,
        "noerresundby",
        "Fritidscenter for børn og unge med værksted, musik og idræt.",
        "Leisure centre for children and young people with a workshop, music and sports.",
        "fritid-og-ungdom",
    ),
    Org(
        "ungdomsklubben-vestbjerg",
        "Ungdomsklubben Vestbjerg",
        K.INSTITUTION,
        "vestbjerg",
        "Ungdomsklub for 13-18-årige med aftenåbent tre dage om ugen.",
        "Youth club for 13 to 18-year-olds, open three evenings a week.",
        "fritid-og-ungdom",
    ),
    # Job og Velfærd
    Org(
        "udsatte-voksne",
        "Udsatte Voksne",
        K.UNIT,
        "aalborg-c",
        "Tilbud til voksne med hjemløshed, misbrug eller psykisk sårbarhed.",
        "Services for adults facing homelessness, addiction or mental vulnerability.",
        "job-og-velfaerd",
    ),
    Org(
        "vaerestedet-kilden",
        "Værestedet Kilden",
        K.INSTITUTION,
        "aalborg-c",
        "Værested med kaffe, mad og samvær for voksne, der har brug for et fristed.",
        "Drop-in centre with coffee, food and company for adults who need a place to be.",
        "udsatte-voksne",
    ),
    Org(
        "integration-og-sprog",
        "Integration og Sprog",
        K.UNIT,
        "aalborg-oest",
        "Modtagelse af nytilkomne borgere og samarbejde med frivillige netværk.",
        "Welcoming newcomers and working with volunteer networks.",
        "job-og-velfaerd",
    ),
    # Klima og Miljø
    Org(
        "natur-og-formidling",
        "Natur og Formidling",
        K.UNIT,
        "aalborg-c",
        "Naturvejledning, naturpleje og formidling til skoler og borgere.",
        "Nature guiding, conservation and outreach to schools and citizens.",
        "klima-og-miljoe",
    ),
    Org(
        "naturskolen-frejlev",
        "Naturskolen Frejlev",
        K.INSTITUTION,
        "frejlev",
        "Naturskole med skolehaver, bålplads og undervisning i det fri.",
        "Nature school with school gardens, a campfire site and outdoor teaching.",
        "natur-og-formidling",
    ),
    # By og Land
    Org(
        "park-og-natur",
        "Park og Natur",
        K.UNIT,
        "aalborg-c",
        "Drift af parker, legepladser og grønne områder, i samarbejde med frivillige laug.",
        "Runs parks, playgrounds and green areas, together with volunteer groups.",
        "by-og-land",
    ),
    # Borgmesterens Forvaltning
    Org(
        "borgerservice",
        "Borgerservice",
        K.UNIT,
        "aalborg-c",
        "Hjælp til selvbetjening og digital post, også med frivillige IT-hjælpere.",
        "Help with self-service and digital mail, also with volunteer IT helpers.",
        "borgmesterens-forvaltning",
    ),
]

MUNICIPAL = DEPARTMENTS + UNITS
DEPARTMENT_SLUGS = [org.slug for org in DEPARTMENTS]
