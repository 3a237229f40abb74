"""Small text helpers shared by the domain apps."""

from django.utils.text import slugify


def danish_slug(text: str, max_length: int = 80) -> str:
    """A URL slug that keeps Danish letters readable: 'Ældre på Øen' -> 'aeldre-paa-oeen'."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return slugify(text)[:max_length].strip("-")
