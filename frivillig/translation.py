"""Content in two languages: Danish is always there, English where someone wrote it."""

from django.utils.translation import get_language


def current_language() -> str:
    return (get_language() or "da")[:2]


def localized(obj, field: str) -> str:
    """`field_en` in English when it is filled in, otherwise the Danish `field_da`/`field`."""
    if current_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    danish = getattr(obj, f"{field}_da", None)
    return danish if danish is not None else getattr(obj, field)


def localized_language(obj, field: str) -> str:
    """The language the text from `localized` is in, so templates can mark it with lang=."""
    if current_language() == "en" and getattr(obj, f"{field}_en", ""):
        return "en"
    return "da"
