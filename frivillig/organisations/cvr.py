"""CVR numbers, the Danish business register's eight-digit numbers for companies and associations.

The last digit is a check digit: with the weights 2, 7, 6, 5, 4, 3, 2, 1 the weighted sum of the
eight digits is divisible by 11 (modulus 11, as published by Erhvervsstyrelsen). The check
catches every single mistyped digit and most swapped neighbours, so a typo is caught on the form
rather than by the central office days later. It cannot tell whether the number is registered:
that needs a look-up in the register, which is the office's job when it reviews a request.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
# What people paste: "12 34 56 78", "12-34-56-78", "DK12345678" (the EU VAT form).
_SEPARATORS = re.compile(r"[\s.\-]")


class CvrError(ValueError):
    """Not a CVR number; the message says what is wrong, for the user."""


def has_valid_checksum(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11 == 0


def normalize_cvr(value: str) -> str:
    """The eight digits of `value`, or CvrError with a message that says what to fix."""
    cleaned = _SEPARATORS.sub("", value or "")
    if cleaned[:2].upper() == "DK":
        cleaned = cleaned[2:]
    if not cleaned:
        raise CvrError(_("Write the CVR number."))
    if not cleaned.isascii() or not cleaned.isdigit():
        raise CvrError(_("A CVR number has only digits, for example 12345674."))
    if len(cleaned) != len(WEIGHTS):
        raise CvrError(
            _("A CVR number has 8 digits; you wrote %(count)d.") % {"count": len(cleaned)}
        )
    if cleaned == "0" * len(WEIGHTS):
        raise CvrError(_("00000000 is not a CVR number."))
    if not has_valid_checksum(cleaned):
        raise CvrError(
            _("%(cvr)s is not a valid CVR number. Please check the digits.") % {"cvr": cleaned}
        )
    return cleaned


def validate_cvr(value: str) -> None:
    """The same check as a Django validator, for forms."""
    try:
        normalize_cvr(value)
    except CvrError as error:
        raise ValidationError(str(error), code="invalid_cvr") from error
