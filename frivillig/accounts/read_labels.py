"""What each code in PersonalDataRead.what means, in words: one list for the back office's
read log and the central office's audit log alike."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

WHAT = {
    "application": _("Application"),
    "engagement": _("Volunteer (engagement)"),
    "roster": _("Event roster"),
    "shift": _("People on a shift"),
    "checkin": _("Check-in on the day"),
    "agreement": _("Agreement"),
    "qualifications": _("Qualifications"),
    "call-out": _("Call-out"),
    "expense claim": _("Expense claim"),
    "expense receipt": _("Expense receipt"),
    "expense statement": _("Yearly expense statement"),
    "expense export": _("Expense export"),
    "message thread": _("Conversation (messages)"),
}
API_PREFIX = "api:"


def what_label(code: str) -> str:
    if code.startswith(API_PREFIX):
        # The API writes "api:expense_claim" for what the back office calls "expense claim".
        inner = code.removeprefix(API_PREFIX).replace("_", " ")
        return gettext("%(what)s (via the API)") % {"what": WHAT.get(inner, inner)}
    return str(WHAT.get(code, code))
