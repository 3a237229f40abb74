import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from frivillig.organisations.cvr import CvrError, has_valid_checksum, normalize_cvr, validate_cvr

# Aalborg Kommune's own CVR number, and a textbook example: both pass modulus 11.
AALBORG = "29189420"


def test_it_accepts_a_real_cvr_number():
    assert normalize_cvr(AALBORG) == AALBORG
    assert normalize_cvr("12345674") == "12345674"


@pytest.mark.parametrize("typed", ["29 18 94 20", "29-18-94-20", "DK29189420", "dk 2918 9420 "])
def test_it_accepts_the_ways_people_write_it(typed):
    assert normalize_cvr(typed) == AALBORG


def test_it_uses_the_weights_2_7_6_5_4_3_2_1():
    # 2*2 + 9*7 + 1*6 + 8*5 + 9*4 + 4*3 + 2*2 + 0*1 = 165 = 15 * 11
    assert has_valid_checksum(AALBORG)
    assert not has_valid_checksum("29189421")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Write the CVR number."),
        ("1234567", "A CVR number has 8 digits; you wrote 7."),
        ("123456789", "A CVR number has 8 digits; you wrote 9."),
        ("1234567a", "A CVR number has only digits"),
        ("１２３４５６７４", "A CVR number has only digits"),  # full-width digits
        ("00000000", "00000000 is not a CVR number."),
        ("29189421", "29189421 is not a valid CVR number. Please check the digits."),
    ],
)
def test_it_says_what_is_wrong(typed, message):
    with translation.override("en"), pytest.raises(CvrError, match=message.replace(".", r"\.")):
        normalize_cvr(typed)


def test_it_catches_any_single_mistyped_digit():
    for position in range(8):
        for digit in "0123456789":
            typo = AALBORG[:position] + digit + AALBORG[position + 1 :]
            if typo != AALBORG:
                assert not has_valid_checksum(typo), typo


def test_it_works_as_a_form_validator():
    validate_cvr(AALBORG)
    with pytest.raises(ValidationError) as caught:
        validate_cvr("12345678")
    assert caught.value.code == "invalid_cvr"
