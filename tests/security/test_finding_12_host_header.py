"""Finding 12 (issue 17): absolute links in public JSON, Atom and CAP followed the request's
``Host`` header, so a forged Host put another site's address into responses that caches,
aggregators and commune websites pass on.

Links now come from ``PUBLIC_BASE_URL``; without it, from the request's host only when
Flask's ``TRUSTED_HOSTS`` lists it (other hosts get a 400); with neither, links are
root-relative (``core.urls``). Every public surface with links is read with a forged Host.
"""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta

import pytest

from core import clock
from tests.feedback.test_authorization_matrix import PNG
from tests.hardening.test_api_fuzz import error_shape_problems

EVIL = "evil.example"
BASE = "https://thongtin.hue.gov.vn"
URL = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""")


@pytest.fixture
def published(client, ctx, world, staff_headers):
    """Public things with links: a notice with an image, an emergency (CAP alert, audio for
    the radio), a consultation with an attachment, the privacy notice, Open311 discovery."""
    officer, leader = staff_headers("officer"), staff_headers("leader")
    ids = {}
    for key, extra in (("normal", {"category": "local_programmes"}),
                       ("emergency", {"category": "disaster_incident", "priority": "emergency",
                                      "risk_level": 3})):
        created = client.post("/api/v1/staff/notices", headers=officer, json={
            "title": "Cảnh báo ngập trên đường Lê Lợi", "summary": "Tránh đi qua đoạn ngập.",
            "body": "<p>Nước ngập sâu 40 cm.</p>", **extra})
        notice_id = created.json["id"]
        if key == "normal":
            image = client.post(f"/api/v1/staff/notices/{notice_id}/images", headers=officer,
                                data={"image": (io.BytesIO(PNG), "anh.png"), "alt": "Ảnh"},
                                content_type="multipart/form-data")
            assert image.status_code == 201, image.json
        client.post(f"/api/v1/staff/notices/{notice_id}/submit", headers=officer)
        approved = client.post(f"/api/v1/staff/notices/{notice_id}/approve", json={},
                               headers=leader)
        assert approved.status_code == 200, approved.json
        ids[key] = notice_id
    moment = clock.now()
    consultation = client.post("/api/v1/staff/consultations", headers=officer, json={
        "title": "Dự thảo quy chế vỉa hè", "description": "Lấy ý kiến người dân.",
        "office_id": world.office_infra, "opens_at": (moment - timedelta(hours=1)).isoformat(),
        "closes_at": (moment + timedelta(days=9)).isoformat(),
        "sections": [{"title": "Phạm vi", "body": "Mọi tuyến phố."}]}).json
    attached = client.post(f"/api/v1/staff/consultations/{consultation['id']}/attachments",
                           headers=officer, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(b"%PDF-1.4 du thao"), "du-thao.pdf")})
    assert attached.status_code == 201, attached.json
    announced = client.post(f"/api/v1/staff/consultations/{consultation['id']}/announce",
                            headers=officer).json
    client.post(f"/api/v1/staff/notices/{announced['notice']['id']}/approve", json={},
                headers=leader)
    ids["consultation"] = consultation["id"]
    return ids


def public_urls(world, ids, alert_id) -> list[str]:
    return [f"/api/v1/units/{world.commune}/notices", f"/api/v1/notices/{ids['normal']}",
            f"/api/v1/notices/{ids['emergency']}", f"/feeds/{world.commune}.atom",
            f"/feeds/{world.commune}/cap.atom", f"/cap/{alert_id}.xml",
            "/open311/v2/discovery.json", "/open311/v2/discovery.xml",
            "/api/v1/privacy-notice", f"/api/v1/units/{world.commune}/consultations",
            f"/api/v1/consultations/{ids['consultation']}"]


STAFF_URLS = ["/api/v1/staff/units/{code}/radio/programme",
              "/api/v1/staff/units/{code}/radio/programme.m3u",
              "/api/v1/staff/notices/{emergency}/audio"]


def _alert_id(client, world) -> int:
    feed = client.get(f"/feeds/{world.commune}/cap.atom").get_data(as_text=True)
    return int(re.search(r"/cap/(\d+)\.xml", feed).group(1))


def _read_all(client, world, published, staff_headers, **kwargs) -> dict[str, str]:
    bodies = {}
    urls = public_urls(world, published, _alert_id(client, world))
    for url in urls:
        response = client.get(url, **kwargs)
        assert response.status_code == 200, (url, response.data[:200])
        bodies[url] = response.get_data(as_text=True)
    for template in STAFF_URLS:
        url = template.format(code=world.commune, emergency=published["emergency"])
        response = client.get(url, headers=staff_headers("leader"), **kwargs)
        assert response.status_code == 200, (url, response.data[:200])
        bodies[url] = response.get_data(as_text=True)
    return bodies


def test_finding_12_a_forged_host_never_reaches_a_link(client, world, published, staff_headers):
    real = _read_all(client, world, published, staff_headers)
    forged = _read_all(client, world, published, staff_headers,
                       base_url=f"http://{EVIL}")
    for url, body in forged.items():
        assert EVIL not in body, url
    # the links are there, root-relative (no origin is configured or trusted)
    listing = json.loads(real[f"/api/v1/units/{world.commune}/notices"])
    links = [n["links"]["self"] for n in listing["items"]]
    assert links and all(link.startswith("/api/v1/notices/") for link in links)
    assert "<web>" not in real[f"/cap/{_alert_id(client, world)}.xml"]  # CAP wants absolute
    # the forged request was not cached for the real host, nor the other way round
    again = client.get(f"/api/v1/units/{world.commune}/notices").get_data(as_text=True)
    assert EVIL not in again


def test_finding_12_links_come_from_public_base_url(app, client, world, published,
                                                    staff_headers, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", BASE)
    forged = _read_all(client, world, published, staff_headers, base_url=f"http://{EVIL}")
    absolute = 0
    for url, body in forged.items():
        assert EVIL not in body, url
        for link in URL.findall(body):
            if "thongtin" in link or "localhost" in link:
                assert link.startswith(BASE), (url, link)
                absolute += 1
    assert absolute >= 10
    notice = json.loads(forged[f"/api/v1/notices/{published['normal']}"])
    assert notice["links"]["self"] == f"{BASE}/api/v1/notices/{published['normal']}"
    assert notice["images"][0]["url"].startswith(f"{BASE}/api/v1/notices/")
    cap = forged[f"/cap/{_alert_id(client, world)}.xml"]
    assert f"<web>{BASE}/api/v1/notices/{published['emergency']}</web>" in cap


def test_finding_12_trusted_hosts_refuse_other_hosts(app, client, world, published,
                                                     monkeypatch):
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", ["thongtin.hue.gov.vn", "localhost"])
    refused = client.get(f"/api/v1/notices/{published['normal']}", base_url=f"http://{EVIL}")
    assert refused.status_code == 400
    assert not error_shape_problems(400, refused.json)
    feed = client.get(f"/feeds/{world.commune}.atom", base_url=f"http://{EVIL}")
    assert feed.status_code == 400 and EVIL not in feed.get_data(as_text=True)
    trusted = client.get(f"/api/v1/notices/{published['normal']}",
                         base_url="https://thongtin.hue.gov.vn").json
    assert trusted["links"]["self"] == (
        f"https://thongtin.hue.gov.vn/api/v1/notices/{published['normal']}")
