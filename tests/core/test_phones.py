import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.phones import mask, to_e164


@pytest.mark.parametrize("raw", [
    "0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "(091) 234 5678",
    "+84912345678", "+84 912 345 678", "84912345678",
])
def test_usual_vietnamese_forms_become_e164(raw):
    assert to_e164(raw) == "+84912345678"


def test_landline_is_accepted():
    assert to_e164("024 3812 3456") == "+842438123456"


@pytest.mark.parametrize("raw", ["", "123", "01234567890", "0241234567", "1022", "abc",
                                 "0912345678" * 5])
def test_invalid_numbers_are_refused(raw):
    assert to_e164(raw) is None


def test_mask_keeps_only_the_edges():
    assert mask("+84912345678") == "+8491*****78"


@given(st.text(max_size=40))
def test_parsing_never_raises_and_is_stable(raw):
    result = to_e164(raw)
    if result is not None:
        assert result.startswith("+")
        assert to_e164(result) == result
