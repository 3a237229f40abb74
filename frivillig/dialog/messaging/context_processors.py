"""The signed-in person's number of unread conversations, for a badge in the navigation and
on Min side. Given to templates as a callable, which the template engine calls when the
variable is used: a page that does not show it costs nothing; one that does costs one query,
once per request however often the template asks."""

from frivillig.dialog.messaging.queries import (
    unread_count_for_organisation,
    unread_count_for_volunteer,
)

_CACHE = "_unread_message_count"
_ORGANISATION_CACHE = "_organisation_unread_message_count"


def unread_messages(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_message_count": 0, "organisation_unread_message_count": 0}

    def count() -> int:
        if not hasattr(request, _CACHE):
            setattr(request, _CACHE, unread_count_for_volunteer(user))
        return getattr(request, _CACHE)

    def organisation_count() -> int:
        # The back office's organisation (set by its access decorator), if this is its page.
        organisation = getattr(request, "organisation", None)
        if organisation is None:
            return 0
        if not hasattr(request, _ORGANISATION_CACHE):
            setattr(request, _ORGANISATION_CACHE, unread_count_for_organisation(organisation))
        return getattr(request, _ORGANISATION_CACHE)

    return {"unread_message_count": count, "organisation_unread_message_count": organisation_count}
