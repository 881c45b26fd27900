"""Contract tests: every Open311 GeoReport v2 endpoint, JSON (schema-validated) and XML."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.clock import now
from core.db import db
from feedback.models import Feedback
from feedback.open311 import keys, questions
from feedback.open311.models import Open311Submission
from tests.open311.helpers import W3C_LOCAL, create_item, parse_xml, validate, xml_records

BASE = "/open311/v2"
FORMATS = ("json", "xml")


def errors_of(response, fmt):
    """The Open311 error list of a response, in either format."""
    if fmt == "json":
        assert response.mimetype == "application/json"
        body = response.get_json()
        assert isinstance(body, list)
        return body
    assert response.mimetype == "text/xml"
    root = parse_xml(response.data)
    assert root.tag == "errors"
    return [{"code": int(r["code"]), "description": r["description"]}
            for r in xml_records(root, "error")]


def assert_error(response, fmt, status):
    assert response.status_code == status, response.data
    errors = errors_of(response, fmt)
    assert errors and all(e["code"] == status and e["description"] for e in errors)
    return errors


def requests_of(response, fmt, schema=True):
    """Requests of a response, validated (JSON) or parsed back (XML)."""
    assert response.status_code == 200, response.data
    if fmt == "json":
        body = response.get_json()
        assert isinstance(body, list)
        if body and schema:
            validate(body, "requests.json")
        return body
    root = parse_xml(response.data)
    assert root.tag == "service_requests"
    return xml_records(root, "request")


# --- discovery ----------------------------------------------------------------------------
def test_discovery_json(client, app, monkeypatch):
    body = client.get(f"{BASE}/discovery.json").get_json()
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    # No trusted origin configured: the link is relative, never the request's Host (issue
    # 17, finding 12); PUBLIC_BASE_URL makes it absolute.
    assert endpoint["url"] == "/open311/v2"
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://thongtin.hue.gov.vn")
    (endpoint,) = client.get(f"{BASE}/discovery.json").get_json()["endpoints"]
    assert endpoint["url"] == "https://thongtin.hue.gov.vn/open311/v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["type"] in ("production", "test")


def test_discovery_xml(client):
    root = parse_xml(client.get(f"{BASE}/discovery.xml").data)
    assert root.tag == "discovery"
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml",
                                                                    "application/json"]


# --- services -----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_services_of_a_commune(client, world, fmt):
    response = client.get(f"{BASE}/services.{fmt}?jurisdiction_id={world.other_commune}")
    assert response.status_code == 200
    if fmt == "json":
        services = response.get_json()
        validate(services, "services.json")
    else:
        root = parse_xml(response.data)
        assert root.tag == "services"
        services = xml_records(root, "service")
    codes = {s["service_code"] for s in services}
    assert {"ha-tang", "an-ninh", "khac", "rieng-kim-long"} <= codes
    assert all(s["type"] == "realtime" for s in services)
    elsewhere = client.get(f"{BASE}/services.{fmt}?jurisdiction_id={world.commune}")
    assert "rieng-kim-long" not in elsewhere.data.decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_jurisdiction_is_404(client, fmt):
    assert_error(client.get(f"{BASE}/services.{fmt}?jurisdiction_id=99999"), fmt, 404)
    assert_error(client.get(f"{BASE}/requests.{fmt}?jurisdiction_id=abc"), fmt, 404)


def test_empty_parameter_counts_as_absent(client):
    response = client.get(f"{BASE}/services.json?jurisdiction_id=")
    assert response.status_code == 200
    assert "rieng-kim-long" not in {s["service_code"] for s in response.get_json()}


@pytest.fixture
def road_question(ctx):
    return questions.set_question(
        "ha-tang", "loai-su-co", "Loại sự cố", "singlevaluelist", True, 1,
        [{"key": "o-ga", "name": "Ổ gà"}, {"key": "ngap", "name": "Ngập nước"}])


def test_service_definition_json(client, road_question):
    services = client.get(f"{BASE}/services.json").get_json()
    assert {s["service_code"]: s["metadata"] for s in services}["ha-tang"] is True
    body = client.get(f"{BASE}/services/ha-tang.json").get_json()
    validate(body, "service-definition.json")
    (attribute,) = body["attributes"]
    assert attribute["code"] == "loai-su-co" and attribute["required"] is True
    assert attribute["values"] == [{"key": "o-ga", "name": "Ổ gà"},
                                   {"key": "ngap", "name": "Ngập nước"}]


def test_service_definition_xml(client, road_question):
    root = parse_xml(client.get(f"{BASE}/services/ha-tang.xml").data)
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "ha-tang"
    attribute = root.find("attributes/attribute")
    assert attribute.findtext("datatype") == "singlevaluelist"
    assert attribute.findtext("required") == "true"
    assert [v.findtext("key") for v in attribute.findall("values/value")] == ["o-ga", "ngap"]


def test_service_without_questions_has_empty_definition(client):
    body = client.get(f"{BASE}/services/an-ninh.json").get_json()
    validate(body, "service-definition.json")
    assert body == {"service_code": "an-ninh", "attributes": []}


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_service_is_404(client, world, fmt):
    assert_error(client.get(f"{BASE}/services/khong-co.{fmt}"), fmt, 404)
    # A commune-only category is unknown in another commune.
    assert_error(client.get(
        f"{BASE}/services/rieng-kim-long.{fmt}?jurisdiction_id={world.commune}"), fmt, 404)


# --- requests: GET ------------------------------------------------------------------------
@pytest.fixture
def items(ctx, world):
    """One open, one answered (open), one closed and one refused item."""
    return {
        "open": create_item(world, title="Ổ gà", description="Ổ gà sâu trước chợ Đông Ba."),
        "answered": create_item(world, actions=("accept", "assign", "start", "answer")),
        "closed": create_item(world, category="an-ninh",
                              description="Tụ tập gây ồn ào ban đêm ở kiệt 3.",
                              actions=("accept", "assign", "start", "answer", "close"),
                              answer="Công an phường đã nhắc nhở."),
        "refused": create_item(world, category="khac", description="Đề nghị sửa giờ làm việc.",
                               actions=("refuse",), refuse_reason="Không thuộc thẩm quyền xã."),
    }


def code(item):
    return item.public_id


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_list_maps_fields(client, items, fmt):
    found = {r["service_request_id"]: r for r in requests_of(
        client.get(f"{BASE}/requests.{fmt}"), fmt)}
    assert set(found) == {code(i) for i in items.values()}
    opened, answered = found[code(items["open"])], found[code(items["answered"])]
    closed, refused = found[code(items["closed"])], found[code(items["refused"])]
    assert [r["status"] for r in (opened, answered, closed, refused)] == [
        "open", "open", "closed", "closed"]
    assert answered["status_notes"] == "Đã vá ổ gà, cảm ơn bạn."
    assert refused["status_notes"] == "Không thuộc thẩm quyền xã."
    assert opened["agency_responsible"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert closed["agency_responsible"] == "Công an phường Phú Xuân"
    assert opened["service_code"] == "ha-tang"
    assert opened["service_name"] == "Hạ tầng, giao thông"
    assert opened["description"] == "Ổ gà sâu trước chợ Đông Ba."
    for record in found.values():
        for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
            assert W3C_LOCAL.match(record[field]), record[field]
    item = items["open"]
    assert opened["expected_datetime"] == item.due_at.astimezone(
        __import__("core.clock", fromlist=["LOCAL_TZ"]).LOCAL_TZ).replace(
        microsecond=0).isoformat()
    # rounded to about 100 m: staff did not publish the place as exact (issue 17, finding 2)
    assert float(opened["lat"]) == pytest.approx(16.464)
    assert float(opened["long"]) == pytest.approx(107.591)


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_filters(client, items, fmt):
    def ids(query):
        return {r["service_request_id"] for r in requests_of(
            client.get(f"{BASE}/requests.{fmt}?{query}"), fmt)}

    assert ids("status=closed") == {code(items["closed"]), code(items["refused"])}
    assert ids("status=open") == {code(items["open"]), code(items["answered"])}
    assert ids("status=open,closed") == {code(i) for i in items.values()}
    assert ids("service_code=an-ninh,khac") == {code(items["closed"]),
                                               code(items["refused"])}
    # service_request_id (comma list) overrides every other filter
    wanted = f"{code(items['open'])},{items['closed'].public_id.lower()}"
    assert ids(f"service_request_id={wanted}&status=closed&service_code=khac") == {
        code(items["open"]), code(items["closed"])}
    assert ids("jurisdiction_id=19774") == set()
    assert ids("jurisdiction_id=46") == {code(i) for i in items.values()}


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_default_window_is_90_days(client, ctx, items, fmt):
    old = items["open"]
    old.created_at = now() - timedelta(days=120)
    db.session.commit()
    default = {r["service_request_id"] for r in requests_of(
        client.get(f"{BASE}/requests.{fmt}"), fmt)}
    assert code(old) not in default and code(items["closed"]) in default
    start = (now() - timedelta(days=150)).date().isoformat()
    end = (now() - timedelta(days=100)).date().isoformat()
    within = {r["service_request_id"] for r in requests_of(
        client.get(f"{BASE}/requests.{fmt}?start_date={start}&end_date={end}"), fmt)}
    assert within == {code(old)}


def test_requests_dates_with_offsets(client, items):
    moment = (now() - timedelta(hours=1)).astimezone(
        __import__("core.clock", fromlist=["LOCAL_TZ"]).LOCAL_TZ).replace(microsecond=0)
    # "+07:00" left unencoded arrives as " 07:00" and is still understood.
    raw = moment.isoformat()
    encoded = raw.replace("+", "%2B")
    for value in (raw, encoded):
        assert len(requests_of(client.get(f"{BASE}/requests.json?start_date={value}"),
                               "json")) == 4
    assert requests_of(client.get(f"{BASE}/requests.json?end_date={encoded}"), "json") == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("query", ["start_date=hôm-qua", "end_date=2026-13-45",
                                   "start_date=2026-11-20&end_date=2026-11-01",
                                   "status=pending", "page=0", "page_size=5000",
                                   "page=abc"])
def test_bad_query_parameters_are_400(client, query, fmt):
    assert_error(client.get(f"{BASE}/requests.{fmt}?{query}"), fmt, 400)


def test_page_and_page_size(client, items):
    first = requests_of(client.get(f"{BASE}/requests.json?page_size=3"), "json")
    second = requests_of(client.get(f"{BASE}/requests.json?page_size=3&page=2"), "json")
    assert len(first) == 3 and len(second) == 1
    everything = requests_of(client.get(f"{BASE}/requests.json"), "json")
    assert [r["service_request_id"] for r in first + second] == [
        r["service_request_id"] for r in everything]


@pytest.mark.parametrize("fmt", FORMATS)
def test_extensions_add_detailed_status_and_timeline(client, items, fmt):
    path = f"{BASE}/requests/{code(items['answered'])}.{fmt}?extensions=true"
    response = client.get(path)
    if fmt == "json":
        (record,) = requests_of(response, fmt)
        extended, notes = record["extended_attributes"], record["notes"]
    else:
        request = parse_xml(response.data).find("request")
        extended = {e.tag: e.text for e in request.find("extended_attributes")}
        notes = [{e.tag: e.text for e in note} for note in request.findall("notes/note")]
    assert extended["detailed_status"] == "answered"
    assert extended["detailed_status_label"] == "Đã trả lời"
    assert [n["type"] for n in notes] == ["created", "accept", "assign", "start", "answer"]
    assert notes[-1]["description"] == "Đã vá ổ gà, cảm ơn bạn."
    assert all(W3C_LOCAL.match(n["datetime"]) for n in notes)
    plain = client.get(path.replace("?extensions=true", "")).data.decode()
    assert "extended_attributes" not in plain
    assert '"notes"' not in plain and "<notes>" not in plain


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_request_is_a_list_of_one(client, items, fmt):
    records = requests_of(client.get(f"{BASE}/requests/{code(items['closed'])}.{fmt}"), fmt)
    assert [r["service_request_id"] for r in records] == [code(items["closed"])]
    assert records[0]["status"] == "closed"


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_request_is_404(client, items, fmt):
    assert_error(client.get(f"{BASE}/requests/ABCD-EFGH.{fmt}"), fmt, 404)
    assert_error(client.get(f"{BASE}/requests/khong-phai-ma.{fmt}"), fmt, 404)
    assert_error(client.get(
        f"{BASE}/requests/{code(items['open'])}.{fmt}?jurisdiction_id=19774"), fmt, 404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_paths_and_formats_answer_in_open311_format(client, fmt):
    assert_error(client.get(f"{BASE}/khong-co.{fmt}"), fmt, 404)
    assert_error(client.put(f"{BASE}/requests.{fmt}"), fmt, 404)
    response = client.get(f"{BASE}/requests.html")
    assert response.status_code == 404 and parse_xml(response.data).tag == "errors"


# --- requests: POST -----------------------------------------------------------------------
def post_form(world, key, **overrides):
    form = {"api_key": key, "jurisdiction_id": world.commune, "service_code": "an-ninh",
            "lat": "16.4637", "long": "107.5909",
            "description": "Nhóm thanh niên rú ga xe máy sau 23 giờ ở kiệt 7."}
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


def created_of(response, fmt):
    assert response.status_code == 201, response.data
    if fmt == "json":
        (created,) = response.get_json()
    else:
        root = parse_xml(response.data)
        assert root.tag == "service_requests"
        (created,) = xml_records(root, "request")
    return created


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_creates_feedback_through_the_intake(client, ctx, world, open311_key, fmt):
    response = client.post(f"{BASE}/requests.{fmt}", data=post_form(world, open311_key))
    assert response.mimetype in ("application/json", "text/xml")
    created = created_of(response, fmt)
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.public_id == created["service_request_id"]))
    assert item.channel == "open311" and item.status == "received"
    assert item.is_anonymous and item.reporter_phone is None
    assert item.office_id == world.office_police
    assert "Công an phường Phú Xuân" in created["service_notice"]
    link = db.session.scalar(sa.select(Open311Submission).where(
        Open311Submission.feedback_id == item.id))
    assert link.token == created["token"]
    assert keys.authenticate(open311_key).id == link.key_id
    # tokens/<id> gives the request id back, in both formats
    for token_fmt in FORMATS:
        # (a token answer is not a full request: no schema for it)
        records = requests_of(client.get(f"{BASE}/tokens/{created['token']}.{token_fmt}"),
                              token_fmt, schema=False)
        assert records == [{"token": created["token"],
                            "service_request_id": created["service_request_id"]}]
    # and the new request is visible at once
    assert requests_of(client.get(
        f"{BASE}/requests/{created['service_request_id']}.{fmt}"), fmt)


def test_post_attributes_are_checked_and_kept(client, ctx, world, open311_key, road_question):
    form = post_form(world, open311_key, service_code="ha-tang",
                     description="Ổ gà lớn giữa đường trước trường.")
    assert_error(client.post(f"{BASE}/requests.json", data=form), "json", 400)  # required
    bad = {**form, "attribute[loai-su-co]": "khong-co"}
    assert_error(client.post(f"{BASE}/requests.json", data=bad), "json", 400)
    unknown = {**form, "attribute[loai-su-co]": "o-ga", "attribute[khac]": "x"}
    assert_error(client.post(f"{BASE}/requests.json", data=unknown), "json", 400)
    good = {**form, "attribute[loai-su-co]": "o-ga"}
    created = created_of(client.post(f"{BASE}/requests.json", data=good), "json")
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.public_id == created["service_request_id"]))
    assert item.description.endswith("Thông tin bổ sung:\n- Loại sự cố: Ổ gà")
    link = db.session.scalar(sa.select(Open311Submission).where(
        Open311Submission.feedback_id == item.id))
    assert link.attributes == {"loai-su-co": "o-ga"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_without_or_with_bad_key_is_403(client, ctx, world, open311_key, fmt):
    before = db.session.scalar(sa.select(sa.func.count(Feedback.id)))
    assert_error(client.post(f"{BASE}/requests.{fmt}",
                             data=post_form(world, None)), fmt, 403)
    assert_error(client.post(f"{BASE}/requests.{fmt}",
                             data=post_form(world, "o311_khong-dung")), fmt, 403)
    key = keys.authenticate(open311_key)
    keys.revoke_key(key.id)
    errors = assert_error(client.post(f"{BASE}/requests.{fmt}",
                                      data=post_form(world, open311_key)), fmt, 403)
    assert "thu hồi" in errors[0]["description"]
    # a commune key cannot submit elsewhere
    _, other = keys.create_key("Đối tác", world.commune)
    assert_error(client.post(f"{BASE}/requests.{fmt}", data=post_form(
        world, other, jurisdiction_id=world.other_commune)), fmt, 403)
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == before


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("change", [
    {"service_code": "khong-co"}, {"service_code": None}, {"description": None},
    {"lat": None, "long": None}, {"lat": "bac"}, {"lat": "200"},
    {"jurisdiction_id": "46"}, {"first_name": "An"},
])
def test_post_bad_input_is_400(client, ctx, world, open311_key, change, fmt):
    before = db.session.scalar(sa.select(sa.func.count(Feedback.id)))
    assert_error(client.post(f"{BASE}/requests.{fmt}",
                             data=post_form(world, open311_key, **change)), fmt, 400)
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == before


def test_post_address_string_is_enough(client, world, open311_key):
    form = post_form(world, open311_key, lat=None, long=None,
                     address_string="Chợ Đông Ba, phường Phú Xuân")
    created_of(client.post(f"{BASE}/requests.json", data=form), "json")


def test_contact_data_only_with_a_consent_collecting_key(client, ctx, world, open311_key,
                                                         consent_key):
    contact = {"first_name": "Nguyễn Văn", "last_name": "Bình", "phone": "0912 345 678",
               "email": "binh@example.vn"}
    errors = assert_error(client.post(f"{BASE}/requests.json",
                                      data=post_form(world, open311_key, **contact)), "json", 400)
    assert "đồng ý" in errors[0]["description"]
    created = created_of(client.post(f"{BASE}/requests.json",
                                     data=post_form(world, consent_key, **contact)), "json")
    item = db.session.scalar(sa.select(Feedback).where(
        Feedback.public_id == created["service_request_id"]))
    assert (item.reporter_name, item.reporter_phone, item.reporter_email) == (
        "Nguyễn Văn Bình", "+84912345678", "binh@example.vn")
    assert item.consent["policy_version"] == "2026-01"
    assert "Cổng dịch vụ có đồng ý" in item.consent["purpose"]
    assert not item.is_anonymous
    bad_phone = post_form(world, consent_key, **{**contact, "phone": "123"})
    errors = assert_error(client.post(f"{BASE}/requests.json", data=bad_phone), "json", 400)
    assert errors[0]["description"].startswith("phone:")


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_token_is_404(client, fmt):
    assert_error(client.get(f"{BASE}/tokens/khong-co.{fmt}"), fmt, 404)


def test_app_error_handlers_do_not_touch_the_rest_of_the_api(client):
    body = client.get("/api/v1/units/99999/categories").get_json()
    assert body["code"] == 404 and "message" in body
