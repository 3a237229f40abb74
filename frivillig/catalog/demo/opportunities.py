"""The shorthand the hand-written demo opportunities (the `tasks_*` modules) are written in:
one entry per task a coordinator would really post.

Each entry is the keyword arguments for `services.create_opportunity`, with shorthands the
loader expands: `organisation` and `place` are slugs, `areas` is a space-separated list of area
slugs, `hours` means hours a month for recurring tasks and hours in total otherwise, and `on`
(with optional `until`) is the date of a one-off task or event. Contact people, addresses and
the number of volunteers wanted are filled in by the loader when left out."""

from datetime import date


def on(month: int, day: int) -> date:
    # Fixed dates in 2027: the demo must look the same whenever it is loaded.
    return date(2027, month, day)


def opp(organisation, areas, place, title, description, target_group, **fields) -> dict:
    return {
        "organisation": organisation,
        "areas": areas,
        "place": place,
        "title": title,
        "description": description,
        "target_group": target_group,
        **fields,
    }


def en(title, description, target_group) -> dict:
    return {
        "title_en": title,
        "description_en": description,
        "target_group_en": target_group,
        "suits_english_speakers": True,
    }


EN_DA = "dansk, engelsk"
