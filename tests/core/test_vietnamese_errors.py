"""Field errors read as correct Vietnamese (no marshmallow English defaults, "đúng 5 ký tự"
for a fixed length), and the lookup names its two proofs as the widget does."""

from __future__ import annotations

import re

from marshmallow import fields, validate

from core.schemas import BaseSchema, length
from feedback import messages as feedback_messages

ENGLISH = re.compile(r"\b(Not a valid|Must be|Length must|Shorter than|Longer than|"
                     r"Missing data|Unknown field|Field may not)\b")


def _messages(errors) -> list[str]:
    if isinstance(errors, dict):
        return [m for v in errors.values() for m in _messages(v)]
    if isinstance(errors, list):
        return [m for v in errors for m in _messages(v)]
    return [errors]


def test_submit_errors_are_vietnamese(submit):
    response = submit(unit_code="123", reporter={"name": "Lan", "email": "khong-phai-email"})
    assert response.status_code == 422
    errors = response.json["errors"]
    assert errors["unit_code"] == ["Phải có đúng 5 ký tự."]
    assert errors["reporter"]["email"] == ["Địa chỉ email không hợp lệ."]
    assert not [m for m in _messages(errors) if ENGLISH.search(m)]


def test_marshmallow_default_messages_are_translated():
    class Probe(BaseSchema):
        email = fields.Email()
        url = fields.Url()
        code = fields.String(validate=length(5, 5))
        short = fields.String(validate=validate.Length(max=3))
        exact = fields.String(validate=validate.Length(equal=4))
        some = fields.String(validate=validate.Length(min=2))
        tags = fields.List(fields.String(), validate=validate.Length(max=2))
        count = fields.Integer(validate=validate.Range(min=1))
        kind = fields.String(validate=validate.OneOf(["a", "b"]))
        pattern = fields.String(validate=validate.Regexp(r"^\d+$"))

    errors = Probe().validate({"email": "x", "url": "y", "code": "abc", "short": "abcd",
                               "exact": "ab", "some": "a", "tags": ["a", "b", "c"],
                               "count": 0, "kind": "z", "pattern": "x"})
    assert errors == {
        "email": ["Địa chỉ email không hợp lệ."],
        "url": ["Địa chỉ URL không hợp lệ."],
        "code": ["Phải có đúng 5 ký tự."],
        "short": ["Tối đa 3 ký tự."],
        "exact": ["Phải có đúng 4 ký tự."],
        "some": ["Cần ít nhất 2 ký tự."],
        "tags": ["Tối đa 2 mục."],
        "count": ["Giá trị phải từ 1 trở lên."],
        "kind": ["Giá trị phải là một trong: a, b."],
        "pattern": ["Giá trị không đúng định dạng."],
    }


def test_lookup_without_a_proof_names_code_and_phone_or_the_token(client, submit):
    code = submit().json["tracking_code"]
    response = client.get(f"/api/v1/feedback/{code}")
    assert response.status_code == 422
    message = response.json["message"]
    assert message == feedback_messages.OWNERSHIP_REQUIRED
    assert "mã tra cứu kèm số điện thoại" in message and "mã bí mật để tra cứu" in message
    assert response.json["errors"] == {"phone": [message], "token": [message]}


def test_lookup_with_a_wrong_proof_names_both_proofs(client, submit):
    code = submit().json["tracking_code"]
    for query in ("phone=0987654321", "token=sai"):
        response = client.get(f"/api/v1/feedback/{code}?{query}")
        assert response.status_code == 404
        assert response.json["message"] == (
            "Không tìm thấy phản ánh. Vui lòng kiểm tra mã tra cứu và số điện thoại đã dùng "
            "khi gửi phản ánh, hoặc mã bí mật để tra cứu.")
    response = client.get("/api/v1/feedback/ZZZZ-ZZZZ?phone=0912345678")
    assert response.json["message"] == feedback_messages.LOOKUP_NOT_FOUND
