"""Hand-written tasks for older people, children and young people (see `opportunities.py`)."""

from frivillig.catalog.demo.opportunities import EN_DA, en, opp

OLDER = [
    opp(
        "nibe-besoegsvenner",
        "aeldre",
        "nibe",
        "Besøgsven for ældre i Nibe",
        "Mange ældre i Nibe og oplandet savner nogen at drikke kaffe og snakke med. Som "
        "besøgsven kommer du hos den samme person en gang om ugen, og I finder selv ud af, om "
        "I vil gå en tur, spille kort eller bare snakke. Vi holder et introduktionsmøde og "
        "mødes til kaffe med de andre besøgsvenner hver anden måned.",
        "Ældre i Nibe, der sidder meget alene",
        hours=4,
        min_age=18,
        suits_seniors=True,
        offers_training=True,
        covers_expenses=True,
        offers_insurance=True,
        is_urgent=True,
    ),
    opp(
        "plejecenter-fjordglimt",
        "aeldre",
        "nibe",
        "Café-vært på Plejecenter Fjordglimt",
        "Caféen på Fjordglimt er stedet, hvor beboere, pårørende og naboer mødes om "
        "eftermiddagen. Du brygger kaffe, dækker op og sætter dig gerne ned til en snak. "
        "Personalet står for plejen, så du kan bruge tiden på hyggen.",
        "Beboerne på plejecentret og deres pårørende",
        hours=6,
        suits_seniors=True,
        wheelchair_accessible=True,
        covers_expenses=True,
        offers_insurance=True,
    ),
    opp(
        "plejecenter-aaparken",
        "aeldre sundhed",
        "aalborg-c",
        "Gåtur-ven på Plejecenter Åparken",
        "Flere beboere på Åparken kan ikke gå en tur alene, men elsker at komme ud. Du tager "
        "en beboer med rundt om søen eller en tur i byen, i det tempo beboeren kan. Du får en "
        "kort introduktion til kørestole og rollatorer, inden du starter.",
        "Beboere på plejecentret, der ikke kan gå ture alene",
        hours=4,
        suits_young=True,
        suits_seniors=True,
        offers_training=True,
        offers_insurance=True,
        languages=EN_DA,
        **en(
            "Walking buddy at Åparken care home",
            "Several residents at Åparken cannot go for a walk on their own but love getting "
            "out. You take a resident around the lake or into town at their own pace. You get "
            "a short introduction to wheelchairs and walkers before you start.",
            "Care home residents who cannot go for walks alone",
        ),
    ),
    opp(
        "telefonvennerne-nord",
        "aeldre",
        None,
        "Telefonven for ældre – ring hjemmefra",
        "Du ringer til en ældre borger på et fast tidspunkt hver uge og taler om løst og fast. "
        "Opgaven kan klares hjemmefra, og det eneste, du skal have, er en telefon og lyst til "
        "at lytte. Vi matcher dig med en person, du har noget til fælles med.",
        "Ensomme ældre i hele kommunen",
        hours=2,
        is_flexible_location=True,
        suits_seniors=True,
        wheelchair_accessible=True,
        offers_training=True,
    ),
    opp(
        "plejecenter-havblik",
        "aeldre kultur",
        "hals",
        "Højtlæser på Plejecenter Havblik",
        "Kan du lide at læse højt? Hver torsdag samles en lille gruppe beboere på Havblik til "
        "noveller, digte og avisens lokalnyt. Du vælger selv teksterne, gerne med et lokalt "
        "islæt.",
        "Beboere på plejecentret, som ikke længere kan læse selv",
        hours=4,
        suits_seniors=True,
        wheelchair_accessible=True,
    ),
    opp(
        "aeldre-sammen-vodskov",
        "aeldre",
        "vodskov",
        "Chauffør til seniorernes indkøbstur",
        "Hver tirsdag kører vi en gruppe ældre fra Vodskov og Vester Hassing til indkøb og en "
        "kop kaffe bagefter. Du kører foreningens minibus og giver en hånd med poserne. "
        "Kørekort til almindelig bil er nok.",
        "Ældre uden bil i Vodskov og omegn",
        hours=8,
        requires_driving_licence=True,
        min_age=21,
        suits_seniors=True,
        covers_expenses=True,
        offers_insurance=True,
    ),
    opp(
        "plejecenter-engbo",
        "aeldre",
        "noerresundby",
        "Cykelpilot på Plejecenter Engbo",
        "Plejecentret har en cykeltaxa, og den står alt for tit stille. Som cykelpilot tager "
        "du en eller to beboere med på tur langs fjorden. Du får et kort kursus i at køre "
        "cyklen sikkert, og du bestemmer selv, hvor ofte du kører.",
        "Beboere på Engbo, der savner at komme ud",
        hours=4,
        offers_training=True,
        offers_insurance=True,
        suits_young=True,
        languages=EN_DA,
        **en(
            "Rickshaw pilot at Engbo care home",
            "The care home has a rickshaw that stands still far too often. As a pilot you "
            "take one or two residents for a ride along the fjord. You get a short course in "
            "riding it safely, and you decide how often you ride.",
            "Residents at Engbo who miss getting outside",
        ),
    ),
    opp(
        "seniornetvaerk-sydoest",
        "aeldre idraet-og-fritid",
        "storvorde",
        "Hjælper til seniordans i Storvorde",
        "Hver onsdag danser 30 seniorer linedance og folkedans i forsamlingshuset. Vi mangler "
        "en, der vil stå for musikken, tage imod ved døren og lave kaffe i pausen.",
        "Seniorer i Storvorde, Mou og Kongerslev",
        hours=6,
        suits_seniors=True,
    ),
    opp(
        "plejecenter-lindebo",
        "aeldre",
        "svenstrup-j",
        "Besøgsven med hund på Lindebo",
        "Har du en rolig hund, der elsker at blive klappet? Beboerne på Lindebo lyser op, "
        "når der kommer en hund på besøg. Hunden skal kunne tåle mange mennesker og være "
        "vaccineret, og vi hjælper med en lille prøve inden start.",
        "Beboere på plejecentret",
        hours=3,
        suits_families=True,
        suits_seniors=True,
    ),
    opp(
        "aktivitetscenter-vejgaard",
        "aeldre laering-og-lektiehjaelp",
        "vejgaard",
        "IT-hjælper i seniorcaféen i Vejgaard",
        "Mange ældre vil gerne kunne videoringe til børnebørnene, bruge MitID og læse digital "
        "post. Du hjælper én ad gangen ved caféens borde, og du behøver ikke være ekspert, "
        "bare tålmodig.",
        "Hjemmeboende ældre, der vil lære at bruge mobil og computer",
        hours=4,
        suits_young=True,
        suits_seniors=True,
        skills="tålmodighed, IT",
    ),
    opp(
        "paaroerendenetvaerket",
        "sundhed aeldre",
        "aalborg-soe-gug",
        "Vært i pårørendecaféen for demens",
        "Hver anden tirsdag mødes pårørende til mennesker med demens til kaffe og "
        "erfaringsudveksling. Du tager imod, sørger for kaffen og hjælper samtalen i gang. "
        "Det er en fordel, hvis du selv har været pårørende.",
        "Pårørende til mennesker med demens",
        hours=5,
        suits_seniors=True,
        offers_training=True,
    ),
]

CHILDREN_AND_YOUNG = [
    opp(
        "poter-og-boeger",
        "boern kultur laering-og-lektiehjaelp",
        "noerresundby",
        "Læsehundefører på Nørresundby Bibliotek",
        "Børn, der synes, det er svært at læse, tør ofte godt læse højt for en hund. Du og din "
        "hund kommer på biblioteket en lørdag formiddag om måneden, og et barn læser højt i 20 "
        "minutter ad gangen. Hunden skal bestå vores lille test.",
        "Børn i 2.–4. klasse, der synes, det er svært at læse",
        hours=3,
        requires_child_certificate=True,
        suits_families=True,
    ),
    opp(
        "fritidscenter-noerresundby",
        "boern unge",
        "noerresundby",
        "Værkstedsfrivillig i Fritidscenter Nørresundby",
        "I fritidscentrets værksted bygger børnene sæbekassebiler, fuglekasser og hvad de "
        "ellers finder på. Du hjælper med værktøjet og giver gode råd. Personalet har "
        "ansvaret for børnene, du bidrager med dine hænder og din erfaring.",
        "Børn og unge i fritidscentret",
        hours=6,
        requires_child_certificate=True,
        suits_seniors=True,
        skills="træ, værktøj",
    ),
    opp(
        "ulsted-spejdergruppe",
        "boern groenne-omraader",
        "ulsted",
        "Spejderleder i Ulsted",
        "Vi mødes hver tirsdag i spejderhytten og tager på weekendtur et par gange om året. "
        "Som leder planlægger du møder sammen med de andre ledere, og du får et lederkursus, "
        "hvis du vil. Du behøver ikke selv have været spejder.",
        "Spejdere fra 6 til 12 år",
        hours=10,
        min_age=18,
        requires_child_certificate=True,
        offers_training=True,
        offers_insurance=True,
        suits_families=True,
    ),
    opp(
        "gandrup-svoemmeklub",
        "boern idraet-og-fritid",
        "gandrup",
        "Hjælpetræner i svømmeskolen i Gandrup",
        "Vores svømmeskole for de mindste har fået ventelister. Du står i vandet sammen med "
        "træneren og hjælper børnene med at turde dykke og flyde. Vi betaler dit "
        "livredderkursus.",
        "Børn fra 4 til 8 år",
        hours=6,
        min_age=15,
        requires_child_certificate=True,
        offers_training=True,
        suits_young=True,
        is_urgent=True,
    ),
    opp(
        "unge-hjaelper-unge",
        "unge sundhed",
        "aalborg-c",
        "Samtaleven for unge",
        "Nogle unge har brug for at tale med en, der ikke er forælder, lærer eller "
        "behandler. Du mødes med en ung over en kop kaffe eller en gåtur hver anden uge. "
        "Du får supervision og et kursus i den svære samtale.",
        "Unge mellem 15 og 25 år, der føler sig ensomme",
        hours=4,
        min_age=20,
        offers_training=True,
        languages=EN_DA,
        **en(
            "Conversation buddy for young people",
            "Some young people need to talk with someone who is not a parent, teacher or "
            "therapist. You meet a young person for coffee or a walk every other week. You "
            "get supervision and a course in handling difficult conversations.",
            "Young people aged 15 to 25 who feel lonely",
        ),
    ),
    opp(
        "ungdomsklubben-vestbjerg",
        "unge",
        "vestbjerg",
        "Ung-til-ung frivillig i Vestbjerg",
        "Er du mellem 18 og 25 og god til at snakke med yngre teenagere? I ungdomsklubben "
        "hjælper du med turneringer, madklub og ture. Du er et forbillede, ikke en "
        "voksen med regler.",
        "Unge fra 13 til 18 år",
        hours=8,
        min_age=18,
        requires_child_certificate=True,
        suits_young=True,
    ),
    opp(
        "boligselskabet-engtoften",
        "unge integration",
        "aalborg-oest",
        "Mentor for unge i Aalborg Øst",
        "Som mentor hjælper du en ung i gang med uddannelse eller fritidsjob. I mødes et par "
        "timer hver anden uge og arbejder med de mål, den unge selv sætter. Vi matcher dig "
        "ud fra jeres interesser.",
        "Unge mellem 14 og 20 år i boligområdet",
        hours=4,
        min_age=21,
        offers_training=True,
        languages="dansk, engelsk, arabisk",
        **en(
            "Mentor for young people in Aalborg East",
            "As a mentor you help a young person get started with education or a part-time "
            "job. You meet for a couple of hours every other week and work on the goals the "
            "young person sets. We match you based on your interests.",
            "Young people aged 14 to 20 in the housing area",
        ),
    ),
    opp(
        "lektiecafeen-aalborg-oest",
        "laering-og-lektiehjaelp boern unge",
        "aalborg-oest",
        "Lektiehjælper i matematik og engelsk",
        "Vi har masser af elever, der har brug for hjælp til matematik og engelsk. Du sidder "
        "med ved bordene en eftermiddag om ugen og hjælper dem, der rækker hånden op. Du skal "
        "ikke undervise, bare forklare en ekstra gang.",
        "Skoleelever fra 4. til 10. klasse",
        hours=8,
        requires_child_certificate=True,
        suits_young=True,
        languages=EN_DA,
        skills="matematik, engelsk",
        **en(
            "Homework helper in maths and English",
            "Many pupils need help with maths and English. You sit at the tables one "
            "afternoon a week and help those who raise their hand. You do not have to teach, "
            "just explain things one more time.",
            "Pupils in years 4 to 10",
        ),
    ),
    opp(
        "gistrup-skole",
        "laering-og-lektiehjaelp boern",
        "gistrup",
        "Læseven for indskolingen på Gistrup Skole",
        "To formiddage om måneden læser du med elever, der har brug for lidt ekstra øvelse. "
        "Læreren udvælger bøgerne, og du giver ro og opmærksomhed.",
        "Elever i 1.–3. klasse",
        hours=3,
        requires_child_certificate=True,
        suits_seniors=True,
    ),
]
