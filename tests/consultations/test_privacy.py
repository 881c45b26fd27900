"""No personal data on public surfaces: masked comment text, no names, phones, e-mails or
Zalo ids anywhere in the public JSON; staff see the original."""

from __future__ import annotations

import json

from consultations import service
from feedback.service import Identity

CONSENT = {"purpose": "Gửi kết quả tiếp thu", "policy_version": "2026-01"}
SECRETS = ("Nguyễn Thị Mai", "Mai", "0912 345 678", "0912345678", "+84912345678",
           "mai.nguyen@example.vn", "079201001234", "8471230012345678901", "app-77781234",
           "Trần Văn Bảo", "0987 654 321")
# ("name" is allowed: public bodies, units, are named.)
FORBIDDEN_KEYS = {"author", "author_name", "phone", "email", "zalo_user_id",
                  "zalo_app_user_id", "consent", "channel", "hidden", "tags"}


def _keys(value, found=None):
    found = set() if found is None else found
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            _keys(inner, found)
    elif isinstance(value, list):
        for inner in value:
            _keys(inner, found)
    return found


def test_public_surfaces_carry_no_personal_data(frozen, consult, client, world):
    cid = consult.published()["id"]
    frozen.advance(days=1)
    consult.comment(cid, author={"name": "Nguyễn Thị Mai", "phone": "0912 345 678",
                                 "email": "mai.nguyen@example.vn"}, consent=CONSENT,
                    anonymous=False,
                    body="Tôi là Nguyễn Thị Mai, số nhà 12 kiệt 5, CCCD 079201001234. "
                         "Gọi 0912 345 678 hoặc mai.nguyen@example.vn. Chị Mai đề nghị "
                         "mở rộng lối đi.")
    service.comment(cid, {"section": 1, "anonymous": True,
                          "body": "Mã Zalo của tôi 8471230012345678901, ông Trần Văn Bảo "
                                  "số 0987 654 321 cũng đồng ý."},
                    identity=Identity(zalo_user_id="8471230012345678901",
                                      zalo_app_user_id="app-77781234"), channel="zalo")
    frozen.advance(days=7)
    consult.act(f"/{cid}/responses", expect=201, comment_ids=[
        c["id"] for c in consult.get(f"/{cid}/comments")["items"]],
        decision="explained", body="Lối đi đã được quy định tối thiểu 1,5 mét.")
    consult.act(f"/{cid}/summary", who="leader", summary="Giải trình về lối đi.")

    surfaces = {
        "list": client.get(f"/api/v1/units/{world.commune}/consultations"),
        "detail": client.get(f"/api/v1/consultations/{cid}"),
        "comments": client.get(f"/api/v1/consultations/{cid}/comments"),
        "section": client.get(f"/api/v1/consultations/{cid}/comments?section=1"),
        "notices": client.get(f"/api/v1/units/{world.commune}/notices"),
    }
    for name, response in surfaces.items():
        assert response.status_code == 200, (name, response.json)
        raw = response.get_data(as_text=True)
        text = json.dumps(response.json, ensure_ascii=False)
        for secret in SECRETS:
            assert secret not in raw and secret not in text, (name, secret)
        assert not (_keys(response.json) & FORBIDDEN_KEYS), name

    bodies = [c["body"] for c in surfaces["comments"].json["items"]]
    assert bodies[0].startswith("Tôi là ***") and "mở rộng lối đi" in bodies[0]
    assert "ông ***" in bodies[1]

    staff = consult.get(f"/{cid}/comments")["items"]
    assert staff[0]["author"] == {"name": "Nguyễn Thị Mai", "phone": "+84912345678",
                                  "email": "mai.nguyen@example.vn"}
    assert "079201001234" in staff[0]["body"]
    assert staff[0]["consent"]["policy_version"] == "2026-01"
    assert staff[1]["author"] is None and staff[1]["has_zalo"] is True
