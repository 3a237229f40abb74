"""Hand-written tasks in integration, nature, emergency preparedness and large events (see
`opportunities.py`)."""

from frivillig.catalog.demo.opportunities import EN_DA, en, on, opp

INTEGRATION_NATURE_SAFETY = [
    opp(
        "velkommen-i-aalborg",
        "integration",
        "aalborg-c",
        "Mentor for nytilkomne familier",
        "Du bliver mentor for en familie, der lige er kommet til Aalborg. I mødes et par "
        "gange om måneden, og du hjælper med alt fra breve og skole til at finde en "
        "forening. Mange mentorfamilier bliver venner for livet.",
        "Flygtninge og nytilkomne familier",
        hours=6,
        offers_training=True,
        covers_expenses=True,
        languages="dansk, engelsk, arabisk, ukrainsk",
        **en(
            "Mentor for newly arrived families",
            "You become a mentor for a family that has just arrived in Aalborg. You meet a "
            "few times a month and help with everything from letters and school to finding "
            "a club. Many mentor families become friends for life.",
            "Refugees and newly arrived families",
        ),
    ),
    opp(
        "sprogvenner-nord",
        "integration laering-og-lektiehjaelp",
        "noerresundby",
        "Vært i sprogcaféen i Nørresundby",
        "I sprogcaféen øver nytilkomne dansk over en kop te. Du sætter samtalen i gang med "
        "et spil eller et emne og retter forsigtigt. Det vigtigste er, at du kan lide at "
        "snakke.",
        "Voksne, der er ved at lære dansk",
        hours=4,
        suits_seniors=True,
        languages=EN_DA,
        **en(
            "Host at the language café in Nørresundby",
            "At the language café newcomers practise Danish over a cup of tea. You start the "
            "conversation with a game or a topic and correct gently. Most of all, you enjoy "
            "talking.",
            "Adults learning Danish",
        ),
    ),
    opp(
        "velkommen-i-aalborg",
        "integration idraet-og-fritid",
        "aalborg-oest",
        "Cykellærer for voksne kvinder",
        "Mange kvinder har aldrig lært at cykle. Sammen med en instruktør lærer du dem at "
        "cykle på en lukket bane, og til sidst tager vi en tur i trafikken sammen.",
        "Voksne kvinder, der vil lære at cykle",
        hours=4,
        offers_insurance=True,
        suits_seniors=True,
    ),
    opp(
        "beboerhuset-lindholm",
        "integration socialt-udsatte",
        "lindholm",
        "Kok til fællesspisning i Lindholm",
        "Torsdagens fællesspisning samler 80 beboere fra hele verden. Du laver mad sammen med "
        "to andre, og menuen skifter mellem køkkener fra beboernes hjemlande.",
        "Beboere i Lindholm, især familier og enlige",
        hours=6,
        suits_families=True,
    ),
    opp(
        "integration-og-sprog",
        "integration",
        "aalborg-oest",
        "Jobmakker for nytilkomne",
        "Du hjælper en nytilkommen med at skrive ansøgninger, øve jobsamtaler og forstå "
        "dansk arbejdsliv. Din egen erfaring fra arbejdsmarkedet er det vigtigste, du "
        "bidrager med.",
        "Nytilkomne, der søger arbejde",
        hours=4,
        offers_training=True,
        languages=EN_DA,
        **en(
            "Job buddy for newcomers",
            "You help a newcomer write applications, practise job interviews and understand "
            "Danish working life. Your own experience of working life is what matters most.",
            "Newcomers looking for work",
        ),
    ),
    opp(
        "lindholm-naturlaug",
        "groenne-omraader",
        "lindholm",
        "Naturplejer på engene i Lindholm",
        "Vi slår enge, fjerner invasive planter og reparerer stier. Arbejdsdagene er den "
        "første lørdag i måneden, og vi slutter altid med bål og kaffe.",
        "Planter, dyr og alle, der går tur i området",
        hours=5,
        suits_families=True,
        suits_seniors=True,
    ),
    opp(
        "hals-strandrensere",
        "groenne-omraader",
        "hals",
        "Strandrydning i Hals",
        "Vi samler affald på strækningen fra havnen mod syd. Tag familien med, vi har "
        "handsker, poser og gribetænger. Bagefter sorterer vi fundene og indberetter dem.",
        "Havmiljøet og alle, der bruger stranden",
        kind="event",
        on=on(4, 17),
        hours=3,
        suits_families=True,
        suits_young=True,
        languages=EN_DA,
        **en(
            "Beach clean-up in Hals",
            "We collect litter along the coast from the harbour heading south. Bring the "
            "family: we have gloves, bags and litter pickers. Afterwards we sort what we "
            "found and report it.",
            "The marine environment and everyone who uses the beach",
        ),
    ),
    opp(
        "nibe-naturplejeforening",
        "groenne-omraader",
        "nibe",
        "Fårepasser på strandengene",
        "Vores får holder strandengene lysåbne. Du tilser dyrene en eller to gange om ugen, "
        "tjekker vand og hegn og giver besked, hvis noget er galt.",
        "Naturen på strandengene ved Nibe",
        hours=6,
        suits_seniors=True,
    ),
    opp(
        "aastiens-naturvenner",
        "groenne-omraader",
        "vejgaard",
        "Affaldssamler langs Åstien",
        "Én gang om måneden går vi stien igennem med poser og gribetænger. Det tager to timer, "
        "og du kan tage børnene med.",
        "Alle, der bruger stien",
        hours=2,
        suits_families=True,
        suits_young=True,
    ),
    opp(
        "park-og-natur",
        "groenne-omraader",
        "aalborg-c",
        "Parkvært i byens parker",
        "Som parkvært er du kommunens øjne i parkerne. Du melder om ødelagte bænke, samler "
        "lidt affald og hjælper turister med vej. Du vælger selv dine ruter.",
        "Alle, der bruger byens parker",
        hours=4,
        suits_seniors=True,
        languages=EN_DA,
        **en(
            "Park host in the city's parks",
            "As a park host you are the municipality's eyes in the parks. You report broken "
            "benches, pick up some litter and help tourists find their way. You choose your "
            "own routes.",
            "Everyone who uses the city's parks",
        ),
    ),
    opp(
        "naturskolen-frejlev",
        "groenne-omraader boern",
        "frejlev",
        "Haveven i skolehaverne i Frejlev",
        "Skoleklasserne dyrker grøntsager fra april til oktober. Du hjælper med at vande i "
        "ferierne og viser børnene, hvordan man luger og høster.",
        "Skolebørn fra 3. klasse",
        hours=6,
        requires_child_certificate=True,
        suits_seniors=True,
    ),
    opp(
        "vodskov-kratlaug",
        "groenne-omraader",
        "vodskov",
        "Træplantning i Vodskov Krat",
        "Vi planter 2.000 træer på en dag. Vi sørger for spader, frokost og vejledning, du "
        "sørger for gummistøvlerne.",
        "Naturen og fremtidens skovgæster",
        kind="event",
        on=on(3, 13),
        hours=5,
        suits_families=True,
        suits_young=True,
    ),
    opp(
        "limfjordens-frivillige-beredskab",
        "beredskab",
        "aalborg-oest",
        "Frivillig i beredskabet – støtteenheden",
        "Når stormen rammer eller vandet stiger, rykker vores frivillige ud med sandsække, "
        "pumper og forplejning. Du får en grunduddannelse på tre weekender og øver med os "
        "en aften om måneden.",
        "Borgere, der rammes af storm, oversvømmelse og brand",
        hours=6,
        min_age=18,
        offers_training=True,
        offers_insurance=True,
        covers_expenses=True,
        is_urgent=True,
    ),
    opp(
        "limfjordens-frivillige-beredskab",
        "beredskab",
        "aalborg-oest",
        "Forplejningsholdet i det frivillige beredskab",
        "Lange indsatser kræver mad og varme drikke. Forplejningsholdet laver mad i vores "
        "feltkøkken og kører det ud til indsatsstedet.",
        "Indsatsmandskab og evakuerede borgere",
        hours=4,
        min_age=18,
        offers_training=True,
        offers_insurance=True,
        requires_driving_licence=True,
    ),
    opp(
        "limfjordens-frivillige-beredskab",
        "beredskab",
        "hals",
        "Stormflodsberedskab i Hals",
        "Hals ligger udsat, når vandet presses ind i fjorden. Vi opbygger en lokal gruppe, "
        "der kan lægge sandsække og hjælpe ældre med at sikre deres huse.",
        "Borgere i Hals og ved kysten",
        hours=3,
        min_age=18,
        offers_training=True,
        offers_insurance=True,
    ),
    opp(
        "limfjordens-frivillige-beredskab",
        "beredskab",
        "aalborg-c",
        "Radiooperatør i det frivillige beredskab",
        "Du holder forbindelsen mellem holdene i felten og kommandostationen. Vi uddanner dig "
        "i radiokommunikation, og du øver med os en aften om måneden.",
        "Indsatsmandskabet og borgere i nød",
        hours=4,
        min_age=18,
        offers_training=True,
        languages=EN_DA,
        **en(
            "Radio operator in the volunteer emergency corps",
            "You keep the teams in the field in touch with the command post. We train you in "
            "radio communication, and you train with us one evening a month.",
            "Emergency crews and people in need",
        ),
    ),
]


EVENTS = [
    opp(
        "karneval-i-aalborg",
        "store-arrangementer kultur",
        "aalborg-c",
        "Festivalfrivillig ved Karneval i Aalborg (demo)",
        "Bliv en del af holdet bag weekendens store karneval. Du kan stå i en bod, guide "
        "gæsterne, hjælpe ved scenerne eller sørge for, at optoget kommer sikkert igennem. "
        "Du får en t-shirt, forplejning og en fest med de andre frivillige bagefter.",
        "Karnevalets gæster og byens borgere",
        kind="event",
        on=on(5, 21),
        until=on(5, 22),
        hours=12,
        min_age=16,
        suits_young=True,
        offers_insurance=True,
        is_urgent=True,
        languages=EN_DA,
        **en(
            "Festival volunteer at Karneval i Aalborg (demo)",
            "Join the team behind the weekend's big carnival. You can work at a stall, guide "
            "guests, help at the stages or make sure the parade gets through safely. You get "
            "a T-shirt, meals and a party with the other volunteers afterwards.",
            "Carnival guests and the city's residents",
        ),
    ),
    opp(
        "karneval-i-aalborg",
        "store-arrangementer groenne-omraader",
        "aalborg-c",
        "Oprydning efter karnevallet",
        "Søndag morgen efter karnevallet gør vi byen ren igen. Vi mødes kl. 8, og du er "
        "færdig til frokost.",
        "Byens borgere",
        kind="one_off",
        on=on(5, 23),
        hours=4,
        suits_families=True,
        suits_young=True,
        languages=EN_DA,
        **en(
            "Clean-up after the carnival",
            "On the Sunday morning after the carnival we clean the city up again. We meet at "
            "8 and you are done by lunch.",
            "The city's residents",
        ),
    ),
    opp(
        "nordjysk-foerstehjaelpskorps",
        "store-arrangementer sundhed",
        "aalborg-c",
        "Samarit ved karnevallet",
        "Har du et gyldigt førstehjælpsbevis? Så har vi brug for dig i vores førstehjælpstelte "
        "under karnevallet.",
        "Karnevalets gæster",
        kind="event",
        on=on(5, 22),
        hours=8,
        min_age=18,
        offers_training=True,
        skills="førstehjælp",
    ),
    opp(
        "sulsted-borgerforening",
        "store-arrangementer boern",
        "sulsted",
        "Hjælpere til sommerfesten i Sulsted",
        "Sommerfesten har hoppeborg, lotteri og grill. Vi mangler hjælpere til boderne og til "
        "børnenes skattejagt.",
        "Familier i Sulsted og omegn",
        kind="event",
        on=on(6, 12),
        hours=5,
        suits_families=True,
        suits_young=True,
    ),
    opp(
        "hals-havnedage",
        "store-arrangementer",
        "hals",
        "Frivillig ved Hals Havnedage",
        "I tre dage summer havnen af musik, sejlads og madboder. Du kan hjælpe med "
        "parkering, information eller i barerne.",
        "Gæster og borgere i Hals",
        kind="event",
        on=on(7, 16),
        until=on(7, 18),
        hours=10,
        min_age=18,
    ),
    opp(
        "tylstrup-borgerforening",
        "store-arrangementer",
        "tylstrup",
        "Sankthans i Tylstrup: bålhold og kaffebod",
        "Vi tænder bålet ved sødammen og serverer kaffe og kage. Vi mangler et par hænder til "
        "at bygge bålet og stå i boden.",
        "Alle i Tylstrup og omegn",
        kind="event",
        on=on(6, 23),
        hours=5,
        suits_families=True,
    ),
    opp(
        "nibe-boldklub",
        "store-arrangementer sundhed",
        "nibe",
        "Løbsfrivillig ved Nibe Motionsløb",
        "Langs ruten skal der stå frivillige ved vandposterne og i krydsene. Du er med fra "
        "morgenstunden, og vi slutter med fællesspisning.",
        "Løbere og publikum",
        kind="event",
        on=on(8, 28),
        hours=6,
        suits_young=True,
        suits_seniors=True,
    ),
    opp(
        "vestbjerg-borgerhus",
        "store-arrangementer kultur",
        "vestbjerg",
        "Julemarked i Vestbjerg Borgerhus",
        "Borgerhuset fyldes med boder, æbleskiver og julesang. Vi mangler hjælpere til "
        "opstilling fredag og til caféen lørdag.",
        "Borgere i Vestbjerg",
        kind="event",
        on=on(11, 27),
        hours=6,
        suits_families=True,
        suits_seniors=True,
    ),
    opp(
        "gandrup-byfest",
        "store-arrangementer",
        "gandrup",
        "Teltvagt ved Gandrup Byfest",
        "Byfesten varer tre dage, og teltet skal have voksne frivillige i døren og i baren. "
        "Vagterne er på fire timer.",
        "Gæsterne ved byfesten",
        kind="event",
        on=on(8, 6),
        until=on(8, 8),
        hours=8,
        min_age=18,
    ),
]
