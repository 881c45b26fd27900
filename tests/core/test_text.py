import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from core.text import clean, clean_line, fold, search_terms


def test_fold_strips_vietnamese_marks_and_d_stroke():
    assert fold("Đường NGẬP nước") == "duong ngap nuoc"
    assert fold("đèn") == fold("den") == "den"
    assert fold("Hòa") == fold("Hoà") == "hoa"  # both tone placements


def test_fold_handles_nfd_input():
    nfd = unicodedata.normalize("NFD", "Phường Phú Xuân")
    assert fold(nfd) == "phuong phu xuan"


def test_clean_is_nfc_without_control_characters():
    nfd = unicodedata.normalize("NFD", "Rác\x00 thải\x07 ")
    assert clean(nfd) == "Rác thải"
    assert unicodedata.is_normalized("NFC", clean(nfd))
    assert clean_line("a \n\t b") == "a b"


def test_search_terms_drop_punctuation():
    assert search_terms("  Đèn-đường, HỎNG! ") == ["den", "duong", "hong"]


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese_letters(text):
    once = fold(text)
    assert fold(once) == once
    assert "đ" not in once and "Đ" not in once


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
                        "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ "))
def test_fold_of_vietnamese_text_is_plain_ascii(text):
    assert fold(text).isascii()
    assert fold(text) == fold(text.upper())
