"""More recurring kinds of task (culture, events, youth, health, driving, libraries); see
`templates.py` for how they are used."""

from frivillig.catalog.demo.templates import Template

TEMPLATES = [
    Template(
        "sprogcafe",
        "integration laering-og-lektiehjaelp",
        ("Sprogcafé-vært i {town}", "Snakkeven i sprogcaféen i {town}", "Dansk-sprogven i {town}"),
        (
            "I sprogcaféen øver nytilkomne dansk i et roligt tempo.",
            "Det er svært at lære dansk, når man ikke har nogen at tale med.",
            "Sprogcaféen i {town} er vokset, og vi mangler flere at snakke med.",
        ),
        (
            "Du sætter samtalen i gang med et spil, en avis eller et emne fra hverdagen.",
            "I snakker om alt fra vejret til jobsamtaler, og du retter forsigtigt.",
            "Du sidder ved et bord med tre-fire deltagere og en kande te.",
        ),
        (
            "Det vigtigste er, at du kan lide at snakke og lytte.",
            "Du kan komme hver uge eller hver anden, som det passer dig.",
            "Vi har materialer og idéer, du kan bruge.",
        ),
        ("Voksne, der er ved at lære dansk", "Nytilkomne i {town}"),
        (
            ("lindholm", "sprogvenner-nord"),
            ("aalborg-c", "sprogvenner-nord"),
            ("vejgaard", "sprogvenner-nord"),
            ("nibe", "nibe-bibliotek"),
            ("vodskov", "vodskov-bibliotek"),
            ("hals", "hals-bibliotek"),
        ),
        hours=(3, 4),
        fields={"suits_seniors": True},
        titles_en=(
            "Language café host in {town}",
            "Conversation buddy at the language café in {town}",
            "Danish language buddy in {town}",
        ),
        descriptions_en=(
            "At the language café newcomers practise Danish at a calm pace. You get the "
            "conversation going with a game, a newspaper or an everyday topic, and correct "
            "gently. Above all, you like talking and listening.",
        ),
        targets_en=("Adults learning Danish",),
        english_in=("aalborg-c",),
    ),
    Template(
        "kultur",
        "kultur",
        (
            "Frivillig til kulturaftener i {town}",
            "Arrangementshjælper på {org}",
            "Billet- og barfrivillig i {town}",
            "Kulturvært i {town}",
        ),
        (
            "Der er foredrag, koncerter eller filmaftener næsten hver måned.",
            "Kulturlivet i {town} lever, fordi frivillige giver en hånd.",
            "Vi har et travlt forår med mange arrangementer.",
        ),
        (
            "Du tager imod publikum, sælger billetter eller står i baren.",
            "Du hjælper med at stille stole op, lave kaffe og rydde op bagefter.",
            "Du kan også hjælpe med plakater og opslag på sociale medier.",
        ),
        (
            "Som frivillig oplever du arrangementerne gratis.",
            "Vi holder en frivilligfest hvert år.",
            "Du vælger selv, hvilke aftener du kan.",
        ),
        ("Publikum og foreningslivet i {town}", "Alle, der bruger kulturtilbuddene i {town}"),
        (
            ("hals", "kulturhus-hals-havn"),
            ("vestbjerg", "vestbjerg-borgerhus"),
            ("vejgaard", "vejgaard-kulturvaerksted"),
            ("aalborg-c", "hovedbiblioteket"),
            ("noerresundby", "noerresundby-bibliotek"),
            ("vodskov", "vodskov-bibliotek"),
            ("kongerslev", "kongerslev-lokalhistoriske-arkiv"),
            ("sulsted", "sulsted-borgerforening"),
            ("nibe", "kulturhuset-fjordlyset"),
        ),
        hours=(3, 4, 6),
        fields={"suits_young": True, "suits_seniors": True},
        titles_en=(
            "Volunteer for culture evenings in {town}",
            "Event helper at {org}",
            "Ticket and bar volunteer in {town}",
            "Culture host in {town}",
        ),
        descriptions_en=(
            "We hold concerts, talks and film evenings all year round. You welcome the "
            "audience, sell tickets or work the bar, and help set up and tidy away. As a "
            "volunteer you see the events for free.",
        ),
        targets_en=("Audiences and local clubs in {town}",),
        english_in=("vejgaard", "aalborg-c"),
    ),
    Template(
        "byfest",
        "store-arrangementer",
        (
            "Hjælper til byfesten i {town}",
            "Frivillig ved markedsdagen i {town}",
            "Sankthans i {town}: hjælpere søges",
            "Løbsfrivillig ved motionsløbet i {town}",
        ),
        (
            "Hvert år samles hele {town} til fest.",
            "Arrangementet trækker flere tusinde gæster til {town}.",
            "Uden frivillige ingen fest, så vi håber, du vil give en hånd.",
        ),
        (
            "Du kan stå i en bod, hjælpe med parkering eller være med til at stille op.",
            "Vi mangler folk til bar, grill, børneaktiviteter og oprydning.",
            "Vagterne er på tre-fire timer, så du også selv kan nyde dagen.",
        ),
        (
            "Alle frivillige får mad og en t-shirt.",
            "Tag en ven med, så er I på hold sammen.",
            "Efter festen er der frivilligfrokost.",
        ),
        ("Borgere og gæster i {town}", "Familier i {town} og omegn"),
        (
            ("klarup", "klarup-boldklub"),
            ("vadum", "vadum-idraetsforening"),
            ("gistrup", "gistrup-idraetsforening"),
            ("svenstrup-j", "svenstrup-boldklub"),
            ("storvorde", "storvorde-sportsforening"),
            ("ulsted", "ulsted-spejdergruppe"),
            ("sulsted", "sulsted-borgerforening"),
            ("tylstrup", "tylstrup-borgerforening"),
            ("frejlev", "fritid-og-idraet"),
            ("noerresundby", "fritid-og-idraet"),
        ),
        hours=(4, 6, 8),
        kind="event",
        fields={"suits_families": True, "suits_young": True},
    ),
    Template(
        "unge",
        "unge",
        (
            "Ungementor i {town}",
            "Frivillig i ungdomsklubben i {town}",
            "Aftenfrivillig for unge i {town}",
        ),
        (
            "Mange unge har brug for en voksen, der har tid og ikke dømmer.",
            "Vi vil gerne have flere voksne i klubben om aftenen.",
            "Unge i {town} efterlyser flere aktiviteter i fritiden.",
        ),
        (
            "Du hjælper med madklub, turneringer og ture.",
            "Du mødes med en ung et par timer hver anden uge og hjælper med de mål, den unge "
            "selv sætter.",
            "Du er en rollemodel og en at snakke med, ikke en ekstra pædagog.",
        ),
        (
            "Du får supervision og sparring undervejs.",
            "Du skal have lyst til at binde dig i mindst et halvt år.",
            "Personalet har ansvaret, og du bidrager med din tid og dine interesser.",
        ),
        ("Unge mellem 13 og 20 år i {town}", "Unge, der mangler en voksen at tale med"),
        (
            ("noerresundby", "fritidscenter-noerresundby"),
            ("aalborg-c", "unge-hjaelper-unge"),
            ("hasseris", "unge-hjaelper-unge"),
            ("aalborg-oest", "boligselskabet-engtoften"),
            ("klarup", "fritid-og-ungdom"),
            ("gandrup", "fritid-og-ungdom"),
            ("nibe", "fritid-og-ungdom"),
            ("hals", "fritid-og-ungdom"),
            ("vestbjerg", "ungdomsklubben-vestbjerg"),
        ),
        hours=(4, 6, 8),
        fields={"min_age": 18, "requires_child_certificate": True, "offers_training": True},
        titles_en=(
            "Youth mentor in {town}",
            "Volunteer at the youth club in {town}",
            "Evening volunteer for young people in {town}",
        ),
        descriptions_en=(
            "Many young people need an adult who has time and does not judge. You help with "
            "the cooking club, tournaments and trips, or meet one young person every other "
            "week. You get supervision along the way.",
        ),
        targets_en=("Young people aged 13 to 20 in {town}",),
        english_in=("noerresundby", "aalborg-c"),
    ),
    Template(
        "motion",
        "sundhed aeldre",
        (
            "Motionsven for ældre i {town}",
            "Instruktør for stolegymnastik i {town}",
            "Gå-makker i {town}",
        ),
        (
            "Motion i fællesskab holder både krop og humør i gang.",
            "Flere ældre i {town} vil gerne bevæge sig mere, men ikke alene.",
            "Vores motionshold har venteliste, fordi vi mangler en instruktør.",
        ),
        (
            "Du leder en halv times blid træning eller en gåtur i roligt tempo.",
            "Du får et kort kursus og et træningsprogram, du kan følge.",
            "Efter motionen drikker vi kaffe og snakker.",
        ),
        (
            "Du skal ikke være sportsudøver, bare glad for at bevæge dig.",
            "Holdet mødes en formiddag om ugen.",
            "Du kan dele opgaven med en anden frivillig.",
        ),
        ("Ældre i {town}, der vil holde sig i gang", "Seniorer og borgere i genoptræning"),
        (
            ("vejgaard", "gaa-sammen-aalborg"),
            ("aalborg-soe-gug", "gaa-sammen-aalborg"),
            ("lindholm", "gaa-sammen-aalborg"),
            ("frejlev", "sundhedscenter-vest"),
            ("hals", "hals-seniorforening"),
            ("kongerslev", "seniornetvaerk-sydoest"),
            ("sulsted", "sulsted-gymnastikforening"),
            ("vadum", "vadum-idraetsforening"),
            ("vester-hassing", "aeldre-sammen-vodskov"),
        ),
        hours=(2, 4),
        fields={"suits_seniors": True, "offers_training": True},
    ),
    Template(
        "koersel",
        "aeldre",
        (
            "Kørselsven for ældre i {town}",
            "Chauffør til lægebesøg og indkøb i {town}",
            "Frivillig chauffør i {town}",
        ),
        (
            "Bussen kører sjældent fra {town}, og mange ældre har ikke længere bil.",
            "Ældre uden bil har svært ved at komme til læge, frisør og indkøb.",
            "Vores kørselsordning er blevet populær, og vi mangler flere chauffører.",
        ),
        (
            "Du kører i din egen bil og får kørselsgodtgørelse efter statens takst.",
            "Du henter, kører og venter gerne, mens ærindet klares.",
            "Du siger selv ja til de ture, der passer dig.",
        ),
        (
            "Mange chauffører bliver gode venner med dem, de kører for.",
            "Vi har en kørselsplan, så du kan se turene i god tid.",
            "Du er forsikret under kørslen.",
        ),
        ("Ældre uden bil i {town}", "Ældre, der ikke kan tage bussen"),
        (
            ("hals", "hals-seniorforening"),
            ("nibe", "nibe-besoegsvenner"),
            ("mou", "seniornetvaerk-sydoest"),
            ("svenstrup-j", "seniorklubben-svenstrup"),
            ("tylstrup", "hjaelpende-haender-aalborg"),
            ("gandrup", "hjaelpende-haender-aalborg"),
        ),
        hours=(4, 6, 8),
        fields={
            "requires_driving_licence": True,
            "min_age": 21,
            "covers_expenses": True,
            "offers_insurance": True,
            "suits_seniors": True,
        },
    ),
    Template(
        "digital",
        "aeldre laering-og-lektiehjaelp",
        (
            "Digital hjælper på {org}",
            "IT-hjælper for seniorer i {town}",
            "Frivillig i IT-caféen i {town}",
        ),
        (
            "Mange borgere har svært ved digital post, MitID og netbank.",
            "IT-caféen i {town} er åben en eftermiddag om ugen.",
            "Flere og flere henvender sig for at få hjælp til mobil og computer.",
        ),
        (
            "Du hjælper én borger ad gangen med det, vedkommende gerne vil lære.",
            "Du viser, hvordan man videoringer, sender billeder og finder rundt på nettet.",
            "Du hjælper med at komme i gang, men logger aldrig ind for andre.",
        ),
        (
            "Du behøver ikke være ekspert, bare tålmodig.",
            "Du får et kort kursus i de mest almindelige spørgsmål.",
            "Opgaven passer godt til både studerende og pensionister.",
        ),
        ("Ældre og andre, der har svært ved det digitale", "Borgere i {town}"),
        (
            ("nibe", "nibe-bibliotek"),
            ("hals", "hals-bibliotek"),
            ("vodskov", "vodskov-bibliotek"),
            ("aalborg-c", "hovedbiblioteket"),
            ("noerresundby", "noerresundby-bibliotek"),
            ("aalborg-oest", "borgerservice"),
        ),
        hours=(2, 4),
        fields={
            "suits_young": True,
            "suits_seniors": True,
            "wheelchair_accessible": True,
            "skills": "IT, tålmodighed",
        },
        titles_en=(
            "Digital helper at {org}",
            "IT helper for seniors in {town}",
            "Volunteer at the IT café in {town}",
        ),
        descriptions_en=(
            "Many people find digital mail, online banking and smartphones hard. You help one "
            "person at a time with what they want to learn, and you never log in on their "
            "behalf. You do not need to be an expert, just patient.",
        ),
        targets_en=("Older people and others who find digital tools hard",),
        english_in=("aalborg-c",),
    ),
    Template(
        "hoejtlaesning",
        "boern kultur",
        (
            "Højtlæser for børn i {town}",
            "Læseven for børn i {town}",
            "Frivillig til børnenes læsestund i {town}",
        ),
        (
            "Børn, der bliver læst højt for, får lyst til selv at læse.",
            "Lørdagens læsestund for de mindste er blevet populær.",
            "Vi vil gerne have flere voksne, der læser med børnene.",
        ),
        (
            "Du læser højt for en lille gruppe børn og snakker om bøgerne bagefter.",
            "Du læser med et barn ad gangen, der har brug for ekstra øvelse.",
            "Du vælger bøgerne sammen med bibliotekaren eller læreren.",
        ),
        (
            "Du skal have en børneattest, som vi hjælper med at indhente.",
            "Du kan komme hver uge eller hver anden.",
            "Opgaven passer godt til bedsteforældre og studerende.",
        ),
        ("Børn fra 4 til 10 år i {town}", "Børn, der har brug for læsetræning"),
        (
            ("nibe", "nibe-bibliotek"),
            ("hals", "hals-bibliotek"),
            ("vodskov", "vodskov-bibliotek"),
            ("vadum", "vadum-skole"),
            ("kongerslev", "kongerslev-skole"),
            ("aalborg-c", "poter-og-boeger"),
        ),
        hours=(2, 3),
        fields={"requires_child_certificate": True, "suits_seniors": True},
    ),
]
