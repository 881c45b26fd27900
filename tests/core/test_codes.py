from hypothesis import given
from hypothesis import strategies as st

from core.codes import (
    ALPHABET,
    CODE_LENGTH,
    digest,
    display_code,
    new_public_id,
    new_tracking_code,
    normalise_tracking_code,
)


def test_codes_use_the_unambiguous_alphabet():
    for ch in "01ILOU":
        assert ch not in ALPHABET
    codes = {new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000  # random, not sequential: no collisions in a small sample
    assert all(len(c) == CODE_LENGTH and set(c) <= set(ALPHABET) for c in codes)


def test_every_position_of_a_code_takes_every_character():
    codes = [new_tracking_code() for _ in range(3000)]
    ids = [new_public_id() for _ in range(3000)]
    assert all(len(i) == CODE_LENGTH + 2 and set(i) <= set(ALPHABET) for i in ids)
    for sample in (codes, ids):
        for position in range(len(sample[0])):
            assert {code[position] for code in sample} == set(ALPHABET)


def test_people_can_type_codes_loosely():
    code = new_tracking_code()
    shown = display_code(code)
    assert normalise_tracking_code(shown.lower()) == code
    assert normalise_tracking_code(f" {shown[:4]} {shown[5:]} ") == code
    assert normalise_tracking_code("ABCD") is None
    assert normalise_tracking_code("ABCD-EFG0") is None  # 0 is not in the alphabet


@given(st.text(max_size=30))
def test_normalise_accepts_only_real_codes(raw):
    code = normalise_tracking_code(raw)
    if code is not None:
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)


def test_digest_is_sha256_hex():
    assert len(digest("x")) == 64 and digest("x") != digest("y")
