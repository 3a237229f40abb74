"""The municipality's shared qualification types: (kind, name, English name, recheck months,
description). Loaded by migration 0003 and put back by qualifications.shared_type if removed."""

# The municipality's shared types. A child certificate is rechecked every two years unless an
# organisation's policy says otherwise (the strategy's guidance; the law sets no interval).
SHARED = [
    (
        "child_certificate",
        "Børneattest",
        "Child certificate",
        24,
        "Organisationen indhenter attesten med dit samtykke, når du skal være sammen med børn "
        "under 15 år. Vi noterer kun, at den er indhentet og hvornår, aldrig dens indhold.",
    ),
    (
        "first_aid",
        "Førstehjælpskursus",
        "First aid course",
        24,
        "Et gyldigt førstehjælpskursus, fx fra Dansk Førstehjælpsråd.",
    ),
    ("driving_licence", "Kørekort (kategori B)", "Driving licence (category B)", None, ""),
    (
        "food_hygiene",
        "Hygiejnebevis",
        "Food hygiene certificate",
        None,
        "Til opgaver med tilberedning eller servering af mad.",
    ),
]
