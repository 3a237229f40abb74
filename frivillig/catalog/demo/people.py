"""Fictional contact people, streets and phone numbers for the demo.

First and last names are common Danish names combined at random, so no real person is meant.
Phone numbers start with 1, a range Danish numbering reserves for short codes, so none of them
reaches a real subscriber; e-mail addresses are all @example.dk."""

import random

FIRST_NAMES = (
    "Anne",
    "Mette",
    "Hanne",
    "Susanne",
    "Lene",
    "Karin",
    "Birgitte",
    "Marianne",
    "Camilla",
    "Louise",
    "Sofie",
    "Ida",
    "Freja",
    "Maja",
    "Emma",
    "Line",
    "Trine",
    "Signe",
    "Helle",
    "Inge",
    "Jens",
    "Peter",
    "Lars",
    "Søren",
    "Henrik",
    "Thomas",
    "Michael",
    "Niels",
    "Anders",
    "Rasmus",
    "Mads",
    "Jonas",
    "Kasper",
    "Morten",
    "Ole",
    "Poul",
    "Bent",
    "Erik",
    "Frederik",
    "Jakob",
    "Ahmad",
    "Leila",
    "Yasmin",
    "Omar",
    "Nadia",
    "Mira",
    "Tobias",
)

LAST_NAMES = (
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Lund",
    "Holm",
    "Bak",
    "Skov",
    "Dahl",
    "Kjær",
    "Bech",
    "Vestergaard",
    "Nørgaard",
    "Krogh",
    "Østergaard",
)

# Street names that exist in many Danish towns, with house numbers chosen at random: they
# point at no particular building.
STREETS = (
    "Kirkevej",
    "Skolegade",
    "Stationsvej",
    "Møllebakken",
    "Engvej",
    "Fjordvej",
    "Havnegade",
    "Søndergade",
    "Nørregade",
    "Kastanjevej",
    "Bøgealle",
    "Lærkevej",
    "Birkevej",
    "Toften",
    "Vestergade",
    "Idrætsvej",
    "Parkvej",
    "Bakkedraget",
    "Markvej",
    "Åvej",
    "Strandvej",
    "Byvej",
    "Solvej",
    "Egevej",
    "Vængetvej",
)

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e"})


def ascii_lower(text: str) -> str:
    return text.lower().translate(_ASCII)


def person(rng: random.Random) -> tuple[str, str]:
    """A fictional name and its e-mail address."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    email = f"{ascii_lower(first)}.{ascii_lower(last)}@example.dk"
    return f"{first} {last}", email


def phone(rng: random.Random) -> str:
    return f"12 34 {rng.randint(10, 99)} {rng.randint(10, 99)}"


def address(rng: random.Random) -> str:
    return f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
