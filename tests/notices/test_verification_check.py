"""Anyone can check a notice: by its verification code, or by pasting circulating text
(diacritics, case, punctuation and small edits ignored), on the page, the API and Zalo."""

from __future__ import annotations

import html as html_module
import re

from notices.verification import service

BODY = ("<p>Ủy ban nhân dân phường thông báo: từ ngày 10/12/2026, bà con đến nhận gạo hỗ trợ "
        "tại nhà văn hóa tổ dân phố 5, mang theo căn cước. Việc nhận gạo không mất phí.</p>")


def _publish(notices_api, **overrides):
    data = {"title": "Nhận gạo hỗ trợ tại nhà văn hóa tổ 5",
            "summary": "Bà con nhận gạo hỗ trợ từ ngày 10/12/2026, không mất phí.",
            "body": BODY}
    data.update(overrides)
    return notices_api.publish(**data)


def _verify(client, **body):
    return client.post("/api/v1/verify", json=body)


def test_published_notice_has_a_readable_code_on_its_public_json(client, notices_api, world):
    item = _publish(notices_api)
    public = client.get(f"/api/v1/notices/{item['id']}").json
    code = public["verification_code"]
    assert len(code) == 7 and code[3] == "-"
    assert set(code.replace("-", "")) <= set("23456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert item["verification_code"] == code
    assert public["links"]["verify"].endswith(f"/xac-minh/{code.replace('-', '')}")
    listed = notices_api.public(world.commune).json["items"][0]
    assert listed["verification_code"] == code and listed["signature"]["value"]


def test_a_genuine_code_finds_the_notice(client, notices_api):
    item = _publish(notices_api)
    code = client.get(f"/api/v1/notices/{item['id']}").json["verification_code"]
    typed = code.lower().replace("-", " ")
    answer = _verify(client, code=typed).json
    assert answer["found"] and answer["match"] == "code"
    assert answer["notice"]["id"] == item["id"]
    assert answer["notice"]["state"] == "current"
    assert answer["notice"]["signature"]["valid"] is True
    assert answer["verdict"] == "Đây là thông báo chính thức của Phường Phú Xuân."
    assert client.get("/api/v1/verify", query_string={"code": code}).json["found"]


def test_an_unknown_or_malformed_code(client):
    answer = _verify(client, code="ZZZ-999").json
    assert answer["found"] is False and "ZZZ-999" in answer["verdict"]
    bad = _verify(client, code="ABC-10O")
    assert bad.status_code == 422 and "6 ký tự" in bad.json["message"]
    assert _verify(client).status_code == 422


def test_pasted_genuine_text_with_small_changes_finds_it(client, notices_api, world):
    item = _publish(notices_api)
    _publish(notices_api, title="Lịch tiêm chủng tháng 12 tại trạm y tế",
             summary="Trạm y tế tiêm chủng mở rộng cho trẻ em vào sáng thứ Bảy.",
             body="<p>Phụ huynh đưa trẻ đến trạm y tế phường, mang sổ tiêm chủng.</p>")
    pasted = ("UY BAN NHAN DAN PHUONG THONG BAO - tu ngay 10/12/2026 ba con den nhan gao ho "
              "tro tai nha van hoa to dan pho 5, mang theo can cuoc!! Viec nhan gao khong mat "
              "phi")
    answer = _verify(client, text=pasted, unit_code=world.commune).json
    assert answer["found"] and answer["match"] == "exact_text"
    assert answer["notice"]["id"] == item["id"]
    edited = ("Ủy ban nhân dân phường thông báo: từ ngày 10/12/2026, bà con đến nhận gạo hỗ trợ "
              "tại nhà văn hoá tổ dân phố 5, mang theo căn cước công dân. Việc nhận gạo "
              "không mất phí ạ.")
    answer = _verify(client, text=edited).json
    assert answer["found"] and answer["match"] == "similar_text"
    assert answer["notice"]["id"] == item["id"]
    assert "công" in answer["differences"] or "dân" in answer["differences"]
    assert answer["report_url"] == f"/bao-tin-gia/{world.commune}"


def test_forged_text_matches_nothing_and_links_the_report_page(client, notices_api, world):
    _publish(notices_api)
    forged = ("UBND phường thông báo khẩn: toàn bộ hộ dân tổ 5 phải di dời trong đêm nay, "
              "nộp lệ phí 500.000 đồng mỗi hộ qua tài khoản cá nhân của cán bộ phường.")
    answer = _verify(client, text=forged, unit_code=world.commune).json
    assert answer["found"] is False and answer["notice"] is None
    assert answer["verdict"] == ("Không có thông báo nào của Phường Phú Xuân có nội dung này. "
                                 "Đây không phải thông báo chính thức của Phường Phú Xuân.")
    assert answer["report_url"] == f"/bao-tin-gia/{world.commune}"
    page = client.post("/xac-minh", data={"noi_dung": forged, "don_vi": world.commune})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # the report form opens with the checked text filled in
    assert f'href="/bao-tin-gia/{world.commune}?content=' in html
    link = re.search(r'href="(/bao-tin-gia/[^"]+)"', html).group(1)
    form = client.get(html_module.unescape(link)).get_data(as_text=True)
    assert "nộp lệ phí 500.000 đồng" in form
    assert "Không có thông báo nào của Phường Phú Xuân" in html


def test_another_units_notice_is_not_found_for_this_unit(client, notices_api, world):
    _publish(notices_api, author="other_officer", approver="other_leader")
    text = ("từ ngày 10/12/2026, bà con đến nhận gạo hỗ trợ tại nhà văn hóa tổ dân phố 5, "
            "mang theo căn cước")
    assert not _verify(client, text=text, unit_code=world.commune).json["found"]
    assert _verify(client, text=text, unit_code=world.other_commune).json["found"]
    assert _verify(client, text=text, unit_code=world.province).json["found"]


def test_short_text_is_refused(client):
    response = _verify(client, text="cắt điện")
    assert response.status_code == 422
    assert "ít nhất một câu" in response.json["message"]


def test_expired_notice_says_so(client, notices_api, frozen):
    item = _publish(notices_api, expires_at="2026-12-02T08:00:00+07:00")
    code = item["verification_code"]
    frozen.advance(days=2)
    answer = _verify(client, code=code).json
    assert answer["found"] and answer["notice"]["state"] == "expired"
    assert answer["notice"]["state_message"].startswith("Thông báo này đã hết hiệu lực từ")
    page = client.get(f"/xac-minh/{code}").get_data(as_text=True)
    assert "đã hết hiệu lực" in page


def test_withdrawn_notice_says_so(client, notices_api):
    item = _publish(notices_api)
    notices_api.act(item["id"], "withdraw", "leader", reason="Thông báo nhầm ngày")
    answer = _verify(client, code=item["verification_code"]).json
    assert answer["notice"]["state"] == "withdrawn"
    assert "đã bị thu hồi" in answer["notice"]["state_message"]
    text = ("từ ngày 10/12/2026, bà con đến nhận gạo hỗ trợ tại nhà văn hóa tổ dân phố 5, "
            "mang theo căn cước")
    by_text = _verify(client, text=text).json
    assert by_text["found"] and by_text["notice"]["state"] == "withdrawn"


def test_corrected_notice_points_to_the_version_in_force(client, notices_api):
    item = _publish(notices_api)
    draft = notices_api.act(item["id"], "correct", "officer", expect=201,
                            summary="Bà con nhận gạo hỗ trợ từ ngày 12/12/2026, không mất phí.")
    notices_api.act(draft["id"], "submit", "officer")
    newer = notices_api.act(draft["id"], "approve", "leader")
    assert newer["verification_code"] != item["verification_code"]
    answer = _verify(client, code=item["verification_code"]).json
    assert answer["notice"]["state"] == "superseded"
    assert answer["notice"]["replacement"]["verification_code"] == newer["verification_code"]


def test_notice_page_and_check_page(client, notices_api):
    item = _publish(notices_api)
    code = item["verification_code"]
    page = client.get(f"/xac-minh/{code.replace('-', '').lower()}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="vi">' in html
    assert code in html and "Nhận gạo hỗ trợ tại nhà văn hóa tổ 5" in html
    assert 'src="data:image/svg+xml' in html and "Mã QR mở trang xác minh" in html
    form = client.get("/xac-minh").get_data(as_text=True)
    assert '<label for="ma">' in form and '<label for="noi_dung">' in form
    result = client.get("/xac-minh", query_string={"ma": code}).get_data(as_text=True)
    assert "Đây là thông báo chính thức" in result
    assert client.get("/xac-minh/ZZZ999").status_code == 404
    assert client.get("/xac-minh/nothing").status_code == 404


def test_code_alphabet_has_no_lookalikes():
    for _ in range(200):
        code = service.new_code()
        assert not set(code) & set("01OILU") and len(code) == 6
    assert service.normalise_code(" abc-234 ") == "ABC234"
    assert service.normalise_code("ABC-23O") is None
