"""The municipality's default templates for individual agreements, in Danish and English. They
follow the strategy's chapter "Aftaler og forventninger": expectations both ways, volunteers
beside (never instead of) employees, and the right to stop at any time. Loaded by migration
0003 and put back by services.default_template if someone removed them."""

TEMPLATES = [
    {
        "name": "Standardaftale for frivillige",
        "language": "da",
        "introduction": (
            "Aftalen beskriver, hvad vi har aftalt om din frivillige indsats, og hvad vi kan "
            "forvente af hinanden. Den er ikke en ansættelseskontrakt."
        ),
        "training": "Du får en introduktion til opgaven og stedet, før du starter.",
        "expenses": (
            "Du kan få dækket udgifter til kørsel, telefon og lignende efter aftale med din "
            "kontaktperson og efter de gældende regler."
        ),
        "volunteer_expectations": (
            "At du møder op som aftalt eller siger til i god tid, hvis du ikke kan.\n"
            "At du følger stedets retningslinjer for sikkerhed og god omgang.\n"
            "At du siger til, hvis noget ikke fungerer for dig."
        ),
        "organisation_expectations": (
            "En fast kontaktperson, som du altid kan spørge.\n"
            "Introduktion og den oplæring, opgaven kræver.\n"
            "At vi lytter til dine idéer og inddrager dig i en åben og ligeværdig dialog.\n"
            "At vi anerkender din indsats."
        ),
        "confidentiality": (
            "Du har tavshedspligt om personlige forhold, du får kendskab til gennem opgaven. "
            "Tavshedspligten gælder også, når aftalen er slut."
        ),
        "child_certificate": (
            "Da opgaven indebærer kontakt med børn under 15 år, indhenter organisationen en "
            "børneattest med dit samtykke, før du starter. Vi noterer kun, at den er indhentet, "
            "og hvornår, aldrig dens indhold."
        ),
        "ending": "Sig til din kontaktperson, eller afslut aftalen under Min side.",
    },
    {
        "name": "Standard volunteer agreement",
        "language": "en",
        "introduction": (
            "This agreement describes what we have agreed about your volunteer work and what we "
            "can expect of each other. It is not a contract of employment."
        ),
        "training": "You get an introduction to the task and the place before you start.",
        "expenses": (
            "Expenses for driving, phone and the like can be covered as agreed with your "
            "contact person and under the rules that apply."
        ),
        "volunteer_expectations": (
            "That you come as agreed, or say so in good time if you cannot.\n"
            "That you follow the place's guidelines for safety and good conduct.\n"
            "That you tell us if something does not work for you."
        ),
        "organisation_expectations": (
            "A named contact person you can always ask.\n"
            "An introduction and the training the task needs.\n"
            "That we listen to your ideas and involve you in an open dialogue between equals.\n"
            "That we recognise your effort."
        ),
        "confidentiality": (
            "You must keep confidential any personal matters you learn about through the task, "
            "also after the agreement has ended."
        ),
        "child_certificate": (
            "Because the task involves contact with children under 15, the organisation "
            "obtains a child certificate (børneattest) with your consent before you start. Only "
            "the fact that it was obtained and the date are recorded, never its content."
        ),
        "ending": "Tell your contact person, or end the agreement on My page.",
    },
]
