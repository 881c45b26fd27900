"""SMS texts: Vietnamese folded into the GSM alphabet, exact segment counts, and templates
fitted into the allowed number of parts without losing the tracking code."""

import pytest

from integrations.sms import compose, gsm
from tests.fakes.smpp_server import decode_gsm

CODE = "BA32-PECF"


# --- folding ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, folded", [
    ("Đường Lê Lợi ngập nước", "Duong Le Loi ngap nuoc"),
    ("Phản ánh đã được tiếp nhận", "Phan anh da duoc tiep nhan"),
    ("ĐỖ THỊ HẰNG, Ừ, ỹ", "DO THI HANG, U, y"),
    ("Hạn trả lời: 05/12/2026.", "Han tra loi: 05/12/2026."),
    ("“Ổ gà” – sâu 30° … ‘nguy hiểm’", '"O ga" - sau 30o ... \'nguy hiem\''),
    ("là, ở, về, được", "la, o, ve, duoc"),  # à and é are GSM letters, folded all the same
    ("Tab\there\u00a0nbsp", "Tab here nbsp"),
    ("emoji 👍 and 中文", "emoji ? and ??"),
])
def test_vietnamese_is_folded_into_the_gsm_alphabet(text, folded):
    assert gsm.to_gsm(text) == folded
    assert gsm.is_gsm(gsm.to_gsm(text))


def test_decomposed_input_folds_like_precomposed():
    decomposed = "Tie\u0302\u0301p nha\u0323\u0302n"  # "Tiếp nhận" typed with combining marks
    assert gsm.to_gsm(decomposed) == "Tiep nhan"


def test_gsm_encoding_round_trips_with_the_extension_table():
    text = "Gia [tham khao] {a|b} ~50€ ^ \\ @£$ §¿¡ Dong y"
    data = gsm.encode(text, gsm.GSM7)
    assert len(data) == gsm.length(text, gsm.GSM7) == len(text) + 9
    assert decode_gsm(data) == text


def test_unicode_mode_keeps_diacritics_only_when_needed():
    assert gsm.prepare("Đã tiếp nhận", unicode=True) == ("Đã tiếp nhận", gsm.UCS2)
    assert gsm.prepare("Da tiep nhan", unicode=True) == ("Da tiep nhan", gsm.GSM7)
    assert gsm.prepare("Đã tiếp nhận", unicode=False) == ("Da tiep nhan", gsm.GSM7)
    assert gsm.prepare("Cảm ơn 😀", unicode=True) == ("Cảm ơn ?", gsm.UCS2)


# --- counting -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, encoding, count", [
    ("", gsm.GSM7, 1),
    ("a" * 160, gsm.GSM7, 1),
    ("a" * 161, gsm.GSM7, 2),
    ("a" * 306, gsm.GSM7, 2),
    ("a" * 307, gsm.GSM7, 3),
    ("a" * 158 + "€", gsm.GSM7, 1),  # 160 septets
    ("a" * 159 + "€", gsm.GSM7, 2),  # 161 septets
    ("a" * 152 + "[" + "a" * 153, gsm.GSM7, 3),  # the escape pair is not split: 152 | [+151 | 2
    ("ố" * 70, gsm.UCS2, 1),
    ("ố" * 71, gsm.UCS2, 2),
    ("ố" * 134, gsm.UCS2, 2),
    ("ố" * 135, gsm.UCS2, 3),
    ("ố" * 66 + "😀", gsm.UCS2, 1),  # a surrogate pair: 68 units
    ("ố" * 66 + "😀" + "ố" * 3, gsm.UCS2, 2),  # 71 units; the pair starts part two
])
def test_segments_are_counted_exactly(text, encoding, count):
    assert gsm.segments(text, encoding) == count


def test_a_vietnamese_answer_costs_three_times_fewer_parts_without_diacritics():
    answer = ("Ủy ban nhân dân phường đã chỉ đạo đơn vị thi công vá ổ gà trên đường Lê Lợi, "
              "hoàn thành trong ngày 05/12/2026. Cảm ơn ông/bà đã phản ánh.")
    folded, encoding = gsm.prepare(answer)
    assert (encoding, gsm.segments(folded, encoding)) == (gsm.GSM7, 1)
    kept, encoding = gsm.prepare(answer, unicode=True)
    assert (encoding, gsm.segments(kept, encoding)) == (gsm.UCS2, 3)


def test_parts_carry_a_concatenation_header_and_stay_within_140_octets():
    text = gsm.to_gsm("Trả lời rất dài. " * 30)
    encoded = gsm.encode_parts(text, gsm.GSM7, reference=7)
    assert encoded.esm_class == gsm.UDHI and encoded.data_coding == 0
    assert len(encoded.parts) == gsm.segments(text, gsm.GSM7) == 4
    for seq, part in enumerate(encoded.parts, start=1):
        assert part[:6] == bytes((5, 0, 3, 7, 4, seq))
        assert len(part) - 6 <= 153  # septets; 6 + 153 × 7/8 packed = 140 octets
    assert "".join(decode_gsm(p[6:]) for p in encoded.parts) == text
    ucs2 = gsm.encode_parts("Ố" * 100, gsm.UCS2, reference=1)
    assert ucs2.data_coding == 8 and all(len(p) <= 140 for p in ucs2.parts)


# --- templates ----------------------------------------------------------------------------
RECEIPT = {"code": CODE, "tracking_code": "BA32PECF", "status": "received",
           "status_label": "Đã tiếp nhận", "office": "Phòng Kinh tế, Hạ tầng và Đô thị",
           "due": "05/12/2026", "text": "Phản ánh của bạn đã được tiếp nhận…"}


def test_receipt_template_carries_the_code_office_and_due_date():
    sms = compose.compose("feedback_receipt", RECEIPT)
    assert sms.text == ("Da tiep nhan phan anh, ma tra cuu BA32-PECF. Co quan xu ly: Phong Kinh "
                        "te, Ha tang va Do thi. Han tra loi: 05/12/2026.")
    assert (sms.encoding, sms.segments) == (gsm.GSM7, 1)


def test_a_long_answer_is_cut_to_the_limit_with_a_hint_and_the_code_kept():
    answer = "Đã cử tổ công tác kiểm tra hiện trường và xử lý dứt điểm. " * 20
    sms = compose.compose("feedback_answer", {**RECEIPT, "answer": answer}, max_segments=3)
    assert sms.segments == 3 and sms.encoding == gsm.GSM7
    assert sms.text.startswith("Phan anh BA32-PECF da co tra loi: Da cu to cong tac")
    assert sms.text.endswith("... Xem day du: tra cuu ma BA32-PECF.")
    assert len(sms.text) > 400  # the room is used
    cut = sms.text.split("...")[0]
    assert not cut.endswith(" ") and (cut + " ") in gsm.to_gsm(
        "Phản ánh BA32-PECF đã có trả lời: " + answer)  # cut at a whole word


def test_a_long_answer_in_unicode_fits_its_smaller_parts():
    answer = "Đã cử tổ công tác kiểm tra hiện trường và xử lý dứt điểm. " * 20
    sms = compose.compose("feedback_answer", {**RECEIPT, "answer": answer}, unicode=True,
                          max_segments=2)
    assert sms.encoding == gsm.UCS2 and sms.segments == 2
    assert sms.text.startswith("Phản ánh BA32-PECF đã có trả lời: Đã cử")
    assert sms.text.endswith("… Xem đầy đủ: tra cứu mã BA32-PECF.")


def test_a_short_answer_is_sent_whole():
    sms = compose.compose("feedback_answer", {**RECEIPT, "answer": "Đã vá xong ổ gà."})
    assert sms.text == "Phan anh BA32-PECF da co tra loi: Da va xong o ga."


def test_an_info_request_keeps_its_closing_line_when_the_question_is_cut():
    sms = compose.compose("feedback_info_request",
                          {**RECEIPT, "question": "Vị trí cụ thể ở đâu? " * 40}, max_segments=2)
    assert sms.segments == 2
    assert "BA32-PECF" in sms.text
    assert sms.text.endswith("... Vui long tra loi qua kenh da gui phan anh hoac lien he UBND."
                             " Xem day du: tra cuu ma BA32-PECF.")


@pytest.mark.parametrize("kind, extra, expected", [
    ("feedback_status", {"status_label": "Đang xử lý"}, "Phan anh BA32-PECF: Dang xu ly."),
    ("feedback_status", {"status_label": "Đã gộp", "target": "ZZ99-AAAA"},
     "Phan anh BA32-PECF duoc gop vao phan anh ZZ99-AAAA de xu ly chung; ket qua se tra loi "
     "theo ma ZZ99-AAAA."),
    ("feedback_extension", {"due": "20/12/2026"},
     "Phan anh BA32-PECF duoc gia han tra loi den ngay 20/12/2026."),
    ("feedback_answer", {"answer": "Đã xong.", "target": "ZZ99-AAAA"},
     "Phan anh BA32-PECF (gop vao ZZ99-AAAA) da co tra loi: Da xong."),
])
def test_each_feedback_kind_has_its_short_template(kind, extra, expected):
    assert compose.compose(kind, {**RECEIPT, **extra}).text == expected


def test_unknown_kinds_and_incomplete_payloads_send_the_payload_text():
    assert compose.compose("something_new", {"text": "Thông báo mới."}).text == "Thong bao moi."
    partial = {"code": CODE, "text": "Phản ánh BA32-PECF: đang xử lý."}  # no status_label
    assert compose.compose("feedback_status", partial).text == "Phan anh BA32-PECF: dang xu ly."
    privacy = {"request_code": "YC12-3456", "code": CODE, "status": "completed",
               "text": "Yêu cầu “Xóa dữ liệu cá nhân” (mã YC12-3456) đã được thực hiện."}
    assert compose.compose("privacy_request", privacy).text == (
        'Yeu cau "Xoa du lieu ca nhan" (ma YC12-3456) da duoc thuc hien.')


def test_a_long_consultation_summary_keeps_its_link():
    text = ("Kết quả tiếp thu ý kiến về dự thảo “Quy chế”: " + "Tiếp thu ý kiến. " * 60
            + "\nCảm ơn bạn đã góp ý. Xem đầy đủ: https://xa.example.vn/gop-y/12")
    sms = compose.compose("consultation_summary", {"text": text, "consultation_id": 12})
    assert sms.segments <= 3
    assert sms.text.endswith("...\nCam on ban da gop y. Xem day du: https://xa.example.vn/gop-y/12")
