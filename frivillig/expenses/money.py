"""Kroner and øre. Every amount is a Decimal with two places, rounded half up (the usual
commercial rounding) once per line, never as a float."""

from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")
TENTH_KM = Decimal("0.1")
ZERO = Decimal("0.00")
# The state's mileage rate drops above 20,000 km a year with the same payer.
THRESHOLD_KM = Decimal("20000")


def kr(value) -> Decimal:
    return Decimal(value).quantize(ORE, rounding=ROUND_HALF_UP)


def km(value) -> Decimal:
    return Decimal(value).quantize(TENTH_KM, rounding=ROUND_HALF_UP)


def split_km(before: Decimal, distance: Decimal) -> tuple[Decimal, Decimal]:
    """How much of `distance` falls below and above the 20,000 km threshold, given `before`
    km already driven for this payer this year."""
    below = max(min(distance, THRESHOLD_KM - before), Decimal(0))
    return km(below), km(distance - below)


def mileage(km_low: Decimal, km_high: Decimal, rate_low: Decimal, rate_high: Decimal) -> Decimal:
    return kr(km_low * rate_low + km_high * rate_high)
