"""The arithmetic, property by property: kroner and øre, the 20,000 km split, and that the
split over many claims never depends on how the km are cut into lines or claims."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from frivillig.expenses import money

KM = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("3000"), places=1)
RATE = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9.99"), places=2)
BEFORE = st.decimals(min_value=Decimal("0"), max_value=Decimal("40000"), places=1)


@given(BEFORE, KM)
def test_the_split_adds_up_and_respects_the_threshold(before, km):
    low, high = money.split_km(before, km)
    assert low + high == km
    assert low >= 0 and high >= 0
    assert before + low <= max(money.THRESHOLD_KM, before)
    if before >= money.THRESHOLD_KM:
        assert low == 0
    if before + km <= money.THRESHOLD_KM:
        assert high == 0


@given(st.lists(KM, min_size=1, max_size=40), BEFORE)
def test_cutting_the_driving_into_lines_never_changes_the_km_on_each_side(lines, before):
    low_total = high_total = Decimal(0)
    driven = before
    for km in lines:
        low, high = money.split_km(driven, km)
        low_total += low
        high_total += high
        driven += km
    low_once, high_once = money.split_km(before, sum(lines))
    assert (low_total, high_total) == (low_once, high_once)


@given(KM, KM, RATE, RATE)
def test_an_amount_is_whole_ore_and_never_more_than_at_the_higher_rate(low, high, r1, r2):
    rate_low, rate_high = max(r1, r2), min(r1, r2)
    amount = money.mileage(low, high, rate_low, rate_high)
    assert amount == amount.quantize(money.ORE)
    assert amount <= money.kr((low + high) * rate_low)
    assert amount >= money.kr((low + high) * rate_high)


@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=4))
def test_rounding_is_half_up_to_the_ore(value):
    rounded = money.kr(value)
    assert abs(rounded - value) <= Decimal("0.005")
    assert money.kr(Decimal("0.005")) == Decimal("0.01")
