"""Finding 2 (issue 17): masking catches the common forms of personal data and leaves
ordinary words alone, on every public surface; public coordinates are rounded unless staff
publish an exact place; staff-API answers are masked as the console's are; published Q&A
refuses the reporter's given name on its own.

The table of cases is ``tests/security/masking_cases.py``; it runs through
``privacy.masking.mask_personal_data`` and through every public surface that shows citizen
text: Open311 ``description`` and ``status_notes``, a published question through the
answers API, a published answer in the answers listing the widget's "Hỏi đáp" tab shows,
and a consultation's public comments.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Callable

import pytest

from core import clock
from privacy.masking import MASK, mask_personal_data
from tests.security.masking_cases import CASES, KEEP_CASES, MASK_CASES, ROUNDED, Case

CONSENT = {"purpose": "Tiếp nhận và trả lời phản ánh", "policy_version": "2026-01"}
PHONE = "0912 345 678"  # the reporter's phone: no case contains it


def check(case: Case, shown: str) -> None:
    """What the table says about ``case`` holds for the text a surface ``shown``."""
    for secret in case.secrets:
        assert secret not in shown, (case.id, secret, shown)
    for kept in case.kept:
        assert kept in shown, (case.id, kept, shown)
    if case in KEEP_CASES:
        assert MASK not in shown, (case.id, shown)
    else:
        assert MASK in shown, (case.id, shown)


def test_the_table_has_at_least_60_cases_of_both_kinds():
    assert len(CASES) >= 60
    assert len(MASK_CASES) >= 40 and len(KEEP_CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_finding_02_masking_function(case):
    shown = mask_personal_data(case.text, [case.name] if case.name else None)
    check(case, shown)
    if case in KEEP_CASES:
        assert shown == case.text


@pytest.mark.parametrize("id, text, expected", ROUNDED, ids=[r[0] for r in ROUNDED])
def test_finding_02_coordinates_in_text_are_rounded_to_100_m(id, text, expected):
    assert mask_personal_data(text) == expected


# --- every public surface ------------------------------------------------------------------------
def _description(case: Case) -> str:
    return f"{case.text}. Đề nghị xem xét."


class Surfaces:
    """Ways a citizen's text reaches the public; each returns what the public sees."""

    def __init__(self, client, world, staff_headers):
        self.client, self.world, self.headers = client, world, staff_headers

    def submit(self, case: Case, description: str) -> str:
        body = {"unit_code": self.world.commune, "category_code": "ha-tang",
                "title": "Phản ánh về hạ tầng", "description": description}
        if case.name:
            body |= {"reporter": {"name": case.name, "phone": PHONE}, "consent": CONSENT}
        else:
            body["anonymous"] = True
        response = self.client.post("/api/v1/feedback", json=body)
        assert response.status_code == 201, response.json
        return response.json["tracking_code"]

    def item_id(self, code: str) -> int:
        found = self.client.get("/api/v1/staff/feedback", headers=self.headers("leader"),
                                query_string={"q": code.replace("-", "")}).json["items"]
        if not found:
            found = self.client.get("/api/v1/staff/feedback",
                                    headers=self.headers("leader")).json["items"]
        return next(i["id"] for i in found if i["display_code"] == code
                    or i["tracking_code"] == code.replace("-", ""))

    def answer(self, code: str, text: str) -> int:
        item_id = self.item_id(code)
        for action, body in (("accept", {}), ("assign", {}), ("start", {}),
                             ("answer", {"answer": text})):
            response = self.client.post(f"/api/v1/staff/feedback/{item_id}/{action}",
                                        json=body, headers=self.headers("leader"))
            assert response.status_code == 200, response.json
        return item_id

    def publish(self, item_id: int) -> None:
        response = self.client.put(f"/api/v1/staff/feedback/{item_id}/publication", json={},
                                   headers=self.headers("leader"))
        assert response.status_code == 200, response.json

    def open311(self, code: str) -> dict:
        response = self.client.get(f"/open311/v2/requests/{public_id(code)}.json")
        assert response.status_code == 200, response.data
        return response.json[0]

    # the surfaces
    def open311_description(self, case: Case) -> str:
        return self.open311(self.submit(case, _description(case)))["description"]

    def open311_status_notes(self, case: Case) -> str:
        code = self.submit(case, "Đèn đường hỏng đã lâu, đề nghị sửa.")
        self.answer(code, _description(case))
        return self.open311(code)["status_notes"]

    def published_question(self, case: Case) -> str:
        code = self.submit(case, _description(case))
        self.publish(self.answer(code, "Đã sửa xong."))
        listing = self.client.get("/api/v1/answers", query_string={
            "unit": self.world.commune}).json["items"]
        return self.client.get(f"/api/v1/answers/{listing[0]['id']}").json["question"]

    def widget_answers_listing(self, case: Case) -> str:
        code = self.submit(case, "Đèn đường hỏng đã lâu, đề nghị sửa.")
        self.publish(self.answer(code, _description(case)))
        listing = self.client.get("/api/v1/answers", query_string={
            "limit": 10, "unit": self.world.commune}).json["items"]
        return listing[0]["answer"]

    def consultation_comment(self, case: Case) -> str:
        moment = clock.now()
        created = self.client.post(
            "/api/v1/staff/consultations", headers=self.headers("officer"), json={
                "title": "Dự thảo quy chế vỉa hè", "description": "Lấy ý kiến người dân.",
                "office_id": self.world.office_infra,
                "opens_at": (moment - timedelta(hours=1)).isoformat(),
                "closes_at": (moment + timedelta(days=9)).isoformat(),
                "sections": [{"title": "Phạm vi", "body": "Mọi tuyến phố."}]})
        assert created.status_code == 201, created.json
        cid = created.json["id"]
        announced = self.client.post(f"/api/v1/staff/consultations/{cid}/announce",
                                     headers=self.headers("officer"))
        assert announced.status_code == 200, announced.json
        approved = self.client.post(
            f"/api/v1/staff/notices/{announced.json['notice']['id']}/approve", json={},
            headers=self.headers("leader"))
        assert approved.status_code == 200, approved.json
        body = {"body": _description(case)}
        if case.name:
            body |= {"author": {"name": case.name, "phone": PHONE}, "consent": CONSENT}
        else:
            body["anonymous"] = True
        response = self.client.post(f"/api/v1/consultations/{cid}/comments", json=body)
        assert response.status_code == 201, response.json
        comments = self.client.get(f"/api/v1/consultations/{cid}/comments").json["items"]
        return comments[0]["body"]


SURFACES: dict[str, Callable[[Surfaces, Case], str]] = {
    "open311-description": Surfaces.open311_description,
    "open311-status-notes": Surfaces.open311_status_notes,
    "qa-api-question": Surfaces.published_question,
    "widget-qa-listing": Surfaces.widget_answers_listing,
    "consultation-comment": Surfaces.consultation_comment,
}


@pytest.fixture
def surfaces(client, world, staff_headers):
    return Surfaces(client, world, staff_headers)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("surface", list(SURFACES))
def test_finding_02_every_public_surface_masks_the_table(surfaces, surface, case):
    check(case, SURFACES[surface](surfaces, case))


def public_id(tracking_code: str) -> str:
    """The Open311 id of the item with this tracking code (never the code itself)."""
    import sqlalchemy as sa

    from core.db import db
    from feedback.models import Feedback

    return db.session.scalar(sa.select(Feedback.public_id).where(
        Feedback.tracking_code == tracking_code.replace("-", "")))


# --- public coordinates --------------------------------------------------------------------------
def test_finding_02_public_coordinates_are_rounded_unless_staff_publish_an_exact_place(
        surfaces, client, staff_headers):
    body = {"unit_code": surfaces.world.commune, "category_code": "ha-tang",
            "description": "Cây đổ chắn ngang đường, cần xử lý gấp.", "anonymous": True,
            "location": {"lat": 16.4637123, "lng": 107.5908661}}
    tracking = client.post("/api/v1/feedback", json=body).json["tracking_code"]
    code = public_id(tracking)
    for url in (f"/open311/v2/requests/{code}.json", "/open311/v2/requests.json"):
        (record,) = [r for r in client.get(url).json if r["service_request_id"] == code]
        assert (record["lat"], record["long"]) == (16.464, 107.591), url
    xml = client.get(f"/open311/v2/requests/{code}.xml").get_data(as_text=True)
    assert "<lat>16.464</lat>" in xml and "16.4637123" not in xml

    item_id = surfaces.answer(tracking, "Đã cắt cây và dọn đường.")
    leader = staff_headers("leader")
    published = client.put(f"/api/v1/staff/feedback/{item_id}/publication", json={},
                           headers=leader)
    assert published.json["exact_location"] is False
    assert client.get(f"/open311/v2/requests/{code}.json").json[0]["lat"] == 16.464

    published = client.put(f"/api/v1/staff/feedback/{item_id}/publication",
                           json={"exact_location": True}, headers=leader)
    assert published.status_code == 200 and published.json["exact_location"] is True
    record = client.get(f"/open311/v2/requests/{code}.json").json[0]
    assert (record["lat"], record["long"]) == (16.4637123, 107.5908661)
    # republishing without the flag keeps the staff's decision
    client.put(f"/api/v1/staff/feedback/{item_id}/publication", json={}, headers=leader)
    assert client.get(f"/open311/v2/requests/{code}.json").json[0]["lat"] == 16.4637123


# --- staff answers -------------------------------------------------------------------------------
ANSWER = ("Chào anh Tèo, đã sửa đèn. Liên hệ 0905/111/999 hoặc teo(at)gmail.com, "
          "số 12/3 Lê Lợi.")


def test_finding_02_staff_api_answers_are_masked_as_the_console_masks_them(surfaces, client,
                                                                             app):
    from tests.console.conftest import Console

    case = Case("answer", "Đèn đường hỏng trước nhà", name=TEO_NAME)
    api_code = surfaces.submit(case, "Đèn đường hỏng trước nhà, đề nghị sửa.")
    api_item = surfaces.answer(api_code, ANSWER)
    stored = client.get(f"/api/v1/staff/feedback/{api_item}",
                        headers=surfaces.headers("leader")).json["public_answer"]
    for secret in ("Tèo", "0905", "111/999", "teo(at)", "gmail", "12/3"):
        assert secret not in stored, secret
    assert "Lê Lợi" in stored
    assert surfaces.open311(api_code)["status_notes"] == stored

    console = Console(app.test_client())
    assert console.login("leader").status_code == 303
    console_code = surfaces.submit(case, "Đèn đường hỏng trước nhà, đề nghị sửa.")
    console_item = surfaces.item_id(console_code)
    page = f"/console/feedback/{console_item}"
    for action in ("accept", "assign", "start"):
        assert console.post(f"{page}/do/{action}", {}, page=page).status_code == 303
    preview = console.post(f"{page}/answer", {"answer": ANSWER}, page=page)
    assert preview.status_code == 200
    assert console.post(f"{page}/answer", {"answer": ANSWER, "confirm": "1"},
                        page=page).status_code == 303
    from_console = client.get(f"/api/v1/staff/feedback/{console_item}",
                              headers=surfaces.headers("leader")).json["public_answer"]
    assert from_console == stored  # one masking, whichever way the answer was written


# --- published Q&A -------------------------------------------------------------------------------
TEO_NAME = "Nguyễn Văn Tèo"


@pytest.mark.parametrize("edits", [
    {"answer": "Đã gọi cho Tèo và sửa xong."},
    {"answer": "Đã sửa xong, tèo đã xác nhận."},
    {"answer": "Đã sửa xong, TÈO đã xác nhận."},
    {"answer": "Đã sửa xong, anh Teo đã xác nhận."},
    {"title": "Tèo hỏi về đèn đường"},
    {"question": "Đèn hỏng, Văn Tèo hỏi khi nào sửa?"},
])
def test_finding_02_published_qa_refuses_the_reporters_given_name_on_its_own(
        surfaces, client, staff_headers, edits):
    case = Case("qa", "Tèo báo đèn hỏng", name=TEO_NAME)
    code = surfaces.submit(case, "Tèo báo đèn đường hỏng ở đầu kiệt.")
    item_id = surfaces.answer(code, "Đã sửa xong.")
    url = f"/api/v1/staff/feedback/{item_id}/publication"
    preview = client.get(url, headers=staff_headers("leader")).json
    assert preview["proposal"]["question"] == "*** báo đèn đường hỏng ở đầu kiệt."
    refused = client.put(url, json=edits, headers=staff_headers("leader"))
    assert refused.status_code == 422, refused.json
    assert set(refused.json["errors"]) == set(edits)
    assert not client.get("/api/v1/answers").json["items"]


def test_finding_02_published_qa_accepts_a_common_word_that_is_also_the_given_name(
        surfaces, client, staff_headers):
    case = Case("qa", "Đèn hỏng", name="Lê Văn An")
    item_id = surfaces.answer(surfaces.submit(case, "Đèn đường hỏng ở đầu kiệt."),
                              "Đã sửa xong.")
    published = client.put(f"/api/v1/staff/feedback/{item_id}/publication", json={
        "answer": "An toàn đã được bảo đảm: công an phường An Cựu đã đến, đèn đã sửa."},
        headers=staff_headers("leader"))
    assert published.status_code == 200, published.json
