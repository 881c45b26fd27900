"""Chat input parsing: commands and names typed with or without diacritics."""

from __future__ import annotations

import pytest

from core.text import fold
from integrations.zalo import messages
from integrations.zalo.chat import _is, _number, _starts, match_units


@pytest.mark.parametrize("typed,rest", [
    ("tra cứu ABCD-EFGH", "abcd-efgh"), ("Tra cuu abcd efgh", "abcd efgh"),
    ("TRA CỨU", ""), ("tracuu ABCDEFGH", "abcdefgh"),
])
def test_lookup_command(typed, rest):
    assert _starts(fold(typed), messages.KW_LOOKUP) == rest


@pytest.mark.parametrize("typed", ["hủy", "Huy", "HỦY BỎ", "huy."])
def test_cancel(typed):
    assert _is(fold(typed), messages.KW_CANCEL)
    assert _starts(fold(typed), messages.KW_UNSUBSCRIBE) is None


@pytest.mark.parametrize("typed,rest", [
    ("hủy đăng ký", ""), ("huy dang ky Kim Long", "kim long"), ("Hủy đăng kí", ""),
])
def test_unsubscribe_is_not_cancel(typed, rest):
    assert _starts(fold(typed), messages.KW_UNSUBSCRIBE) == rest


@pytest.mark.parametrize("typed,expected", [("1", 1), ("số 2", 2), ("3.", 3), ("hai", None)])
def test_numbers(typed, expected):
    assert _number(typed) == expected


@pytest.mark.parametrize("typed", ["Phú Xuân", "phu xuan", "PHƯỜNG PHÚ XUÂN", "phuong phu xuan",
                                   "19753", "  Phu Xuan. "])
def test_commune_names_match_with_or_without_diacritics(ctx, world, typed):
    assert [u.code for u in match_units(typed)] == [world.commune]


def test_partial_commune_names_list_candidates(ctx, world):
    codes = [u.code for u in match_units("kim")]
    assert world.other_commune in codes


def test_province_code_is_not_a_commune(ctx, world):
    assert match_units(world.province) == []
