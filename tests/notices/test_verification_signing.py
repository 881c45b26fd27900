"""Signatures: each published version is signed with the deployment's Ed25519 key over a
canonical serialization; keys rotate and stay valid until they expire; CAP alerts carry an
XML signature that a standard library validates; a CLI verifies a notice file offline."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta

import pytest
from lxml import etree
from signxml import XMLVerifier
from signxml.exceptions import InvalidSignature

from core.db import db
from notices.verification import keys, signing, xmlsig
from notices.verification.models import SigningKey

ATOM = "{http://www.w3.org/2005/Atom}"
TT = "{urn:thongtin:verification:1}"
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"


def _key_set(client):
    response = client.get("/.well-known/thongtin-keys.json")
    assert response.status_code == 200
    return response.json


def _public(client, notice_id):
    return client.get(f"/api/v1/notices/{notice_id}").json


def test_published_version_is_signed_and_verifies_against_published_keys(client,
                                                                          notices_api):
    item = notices_api.publish()
    data = _public(client, item["id"])
    block = data["signature"]
    assert block["algorithm"] == "Ed25519" and block["format"] == "thongtin-notice/1"
    assert block["keys"].endswith("/.well-known/thongtin-keys.json")
    key_set = _key_set(client)
    assert key_set["signing_key"] == block["key_id"]
    published = key_set["keys"][0]
    assert set(published) == {"id", "algorithm", "public_key", "valid_from", "signs_until",
                              "expires_at", "cap_certificate"}
    assert signing.check_public(data, key_set["keys"]) == (True, "valid")


@pytest.mark.parametrize("field,change", [
    ("title", lambda v: v.replace("điện", "diện", 1)),
    ("body", lambda v: v.replace("bảo dưỡng", "bảo dưỡng.", 1)),
    ("expires_at", lambda v: "2027-01-01T00:00:00+07:00"),
    ("verification_code", lambda v: v[:-1] + ("A" if v[-1] != "A" else "B")),
])
def test_a_changed_character_fails_verification(client, notices_api, field, change):
    item = notices_api.publish()
    data = _public(client, item["id"])
    key_set = _key_set(client)["keys"]
    data[field] = change(data[field])
    assert signing.check_public(data, key_set) == (False, "bad_signature")


def test_key_rotation_keeps_old_signatures_valid_until_their_key_expires(
        client, notices_api, frozen, runner):
    old = notices_api.publish()
    old_data = _public(client, old["id"])
    old_key = old_data["signature"]["key_id"]
    frozen.advance(days=10)
    result = runner.invoke(args=["verification", "keys", "rotate"])
    assert result.exit_code == 0 and "Đã tạo khóa ký" in result.output
    new = notices_api.publish(title="Thông báo sau khi thay khóa")
    new_data = _public(client, new["id"])
    assert new_data["signature"]["key_id"] != old_key
    key_set = _key_set(client)
    assert [k["id"] for k in key_set["keys"]] == [new_data["signature"]["key_id"], old_key]
    old_entry = key_set["keys"][1]
    assert old_entry["signs_until"] is not None
    assert signing.check_public(old_data, key_set["keys"]) == (True, "valid")
    assert signing.check_public(new_data, key_set["keys"]) == (True, "valid")
    # Past the old key's expiry: its signatures no longer verify; the new key's still do.
    expiry = db.session.get(SigningKey, old_key).expires_at
    frozen.moment = expiry + timedelta(seconds=1)
    assert signing.check_public(old_data, key_set["keys"]) == (False, "key_expired")
    assert signing.check_public(new_data, key_set["keys"]) == (True, "valid")
    assert [k["id"] for k in _key_set(client)["keys"]] == [new_data["signature"]["key_id"]]


def test_expiring_a_compromised_key_ends_its_signatures(client, notices_api, runner):
    item = notices_api.publish()
    data = _public(client, item["id"])
    result = runner.invoke(args=["verification", "keys", "expire",
                                 data["signature"]["key_id"]])
    assert result.exit_code == 0
    assert signing.check_public(data, _key_set(client)["keys"]) == (False, "unknown_key")


def test_private_keys_are_files_with_mode_0600_never_rows_or_log_lines(
        app, client, notices_api, caplog):
    with caplog.at_level("DEBUG"):
        item = notices_api.publish()
    key_id = _public(client, item["id"])["signature"]["key_id"]
    directory = app.config["VERIFICATION_KEY_DIR"]
    for kind in ("ed25519", "ecdsa"):
        path = os.path.join(directory, f"{key_id}.{kind}.pem")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        with open(path, "rb") as fh:
            secret = fh.read()
        assert b"PRIVATE KEY" in secret
        assert secret.decode() not in caplog.text
    row = db.session.get(SigningKey, key_id)
    assert "PRIVATE" not in json.dumps(keys.describe(row)) + row.ecdsa_certificate


def test_private_keys_are_encrypted_with_a_passphrase(app, ctx):
    app.config["VERIFICATION_KEY_PASSPHRASE"] = "mot-cau-mat-khau-dai"
    try:
        row = keys.create()
        path = os.path.join(app.config["VERIFICATION_KEY_DIR"], f"{row.id}.ed25519.pem")
        with open(path, "rb") as fh:
            assert b"ENCRYPTED PRIVATE KEY" in fh.read()
        assert keys.private_ed25519(row.id).sign(b"x")
    finally:
        app.config["VERIFICATION_KEY_PASSPHRASE"] = None
        db.session.rollback()


def _emergency(notices_api):
    return notices_api.publish(title="Cảnh báo lũ trên sông Hương", priority="emergency",
                               category="disaster_incident", risk_level=3)


def test_cap_signature_validates_with_a_standard_xml_signature_library(
        client, notices_api, world):
    _emergency(notices_api)
    cap_url = notices_api.public(world.commune).json["items"][0]["links"]["cap"]
    document = client.get(cap_url).data
    root = etree.fromstring(document)
    assert root[-1].tag == "{http://www.w3.org/2000/09/xmldsig#}Signature"
    certificate = _key_set(client)["keys"][0]["cap_certificate"]
    verified = XMLVerifier().verify(document, x509_cert=certificate).signed_xml
    assert verified.findtext(f"{CAP}identifier") == root.findtext(f"{CAP}identifier")
    assert xmlsig.verify(document, certificate)
    assert client.get(cap_url).data == document  # the same bytes (and ETag) every time
    tampered = document.replace("Cảnh báo lũ".encode(), "Cảnh báo bão".encode())
    with pytest.raises(InvalidSignature):
        XMLVerifier().verify(tampered, x509_cert=certificate)


def test_atom_entries_carry_the_code_and_the_signature(client, notices_api, world):
    item = notices_api.publish()
    data = _public(client, item["id"])
    feed = etree.fromstring(client.get(f"/feeds/{world.commune}.atom").data)
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{TT}verification").get("code") == data["verification_code"]
    element = entry.find(f"{TT}signature")
    assert element.text == data["signature"]["value"]
    assert element.get("key_id") == data["signature"]["key_id"]
    related = [link.get("title") for link in entry.findall(f"{ATOM}link")]
    assert f"Mã xác minh {data['verification_code']}" in related


def test_cli_verifies_a_notice_file_offline(client, notices_api, runner, tmp_path):
    item = notices_api.publish()
    notice_file = tmp_path / "notice.json"
    keys_file = tmp_path / "keys.json"
    data = _public(client, item["id"])
    notice_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    keys_file.write_text(json.dumps(_key_set(client)), encoding="utf-8")
    result = runner.invoke(args=["verification", "verify-file", str(notice_file),
                                 "--keys", str(keys_file)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"HỢP LỆ: thông báo #{item['id']}")
    data["summary"] = data["summary"] + "!"
    notice_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["verification", "verify-file", str(notice_file),
                                 "--keys", str(keys_file)])
    assert result.exit_code == 1
    assert "KHÔNG HỢP LỆ: chữ ký không khớp với nội dung" in result.output


def test_keys_create_and_list(runner, ctx):
    result = runner.invoke(args=["verification", "keys", "create"])
    assert result.exit_code == 0
    again = runner.invoke(args=["verification", "keys", "create"])
    assert "Đã có khóa ký" in again.output
    listed = runner.invoke(args=["verification", "keys", "list"])
    assert "đang ký" in listed.output


def test_the_source_system_verifies_a_pushed_notice_before_accepting_it(client, notices_api,
                                                                        app):
    from radio import source

    item = notices_api.publish()
    with app.test_request_context():
        from notices.models import Notice

        notice = db.session.get(Notice, item["id"])
        payload = source.notice_payload(notice, None, 1)
    key_set = _key_set(client)["keys"]
    # What the province does on receipt (docs/source-system.md): verify, then accept.
    assert payload["verification_code"] == item["verification_code"]
    assert signing.check_public(payload["signed_notice"], key_set) == (True, "valid")
    payload["signed_notice"]["body"] += "<p>Nộp phí 200.000 đồng.</p>"
    assert signing.check_public(payload["signed_notice"], key_set)[0] is False


def test_unsigned_and_unknown_key(client, notices_api):
    item = notices_api.publish()
    data = _public(client, item["id"])
    assert signing.check_public({**data, "signature": None}, []) == (False, "unsigned")
    assert signing.check_public(data, []) == (False, "unknown_key")


def test_sign_missing_codes_and_signs_notices_published_before(client, notices_api, runner):
    from notices.models import Notice
    from notices.verification.models import NoticeSignature

    item = notices_api.publish()
    db.session.delete(db.session.get(NoticeSignature, item["id"]))
    db.session.get(Notice, item["id"]).verification_code = None
    db.session.commit()
    assert _public(client, item["id"])["signature"] is None
    result = runner.invoke(args=["verification", "sign-missing"])
    assert result.exit_code == 0 and result.output.strip() == "Đã ký 1 thông báo chưa có chữ ký."
    data = _public(client, item["id"])
    assert data["verification_code"] and data["signature"]
    assert signing.check_public(data, _key_set(client)["keys"]) == (True, "valid")
