"""Demo activity totals for `seed_demo`: run last, after every other loader and the --scale
generators, so the overview and the statistics read closed months from the totals as in
production (where a nightly `refresh_activity` keeps them). No log-ins; loading twice changes
nothing."""

from frivillig.activity import services


def load() -> list:
    services.refresh()
    return []
