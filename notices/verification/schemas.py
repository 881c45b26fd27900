"""Requests and answers of the verification API."""

from __future__ import annotations

from marshmallow import fields

from core.schemas import BaseSchema, length


class VerifyArgsSchema(BaseSchema):
    """A check: a verification code, or text that is circulating (and the unit, if known)."""

    code = fields.String(validate=length(1, 20), metadata={
        "description": "Mã xác minh in trên thông báo, ví dụ ABC-234"})
    text = fields.String(validate=length(1, 10000), metadata={
        "description": "Nội dung đang lan truyền, dán nguyên văn"})
    unit_code = fields.String(validate=length(2, 5), metadata={
        "description": "Mã xã, phường hoặc tỉnh (nếu biết)"})


class VerifiedSignatureSchema(BaseSchema):
    """The version's signature and whether it verifies against the published keys."""

    algorithm = fields.String()
    key_id = fields.String()
    value = fields.String()
    format = fields.String()
    keys = fields.String()
    valid = fields.Boolean()
    reason = fields.String()


class VerifiedUnitSchema(BaseSchema):
    """The issuing unit."""

    code = fields.String()
    name = fields.String()


class ReplacementSchema(BaseSchema):
    """The version in force of a corrected notice."""

    verification_code = fields.String()
    page_url = fields.String()


class VerifiedNoticeSchema(BaseSchema):
    """The genuine notice a check found (in any state)."""

    id = fields.Integer()
    version = fields.Integer()
    verification_code = fields.String()
    title = fields.String()
    summary = fields.String()
    text = fields.String()
    unit = fields.Nested(VerifiedUnitSchema)
    published_at = fields.String(allow_none=True)
    expires_at = fields.String(allow_none=True)
    ended_at = fields.String(allow_none=True)
    state = fields.String(metadata={"description": "current, expired, withdrawn, superseded"})
    state_message = fields.String()
    page_url = fields.String()
    pdf_url = fields.String()
    replacement = fields.Nested(ReplacementSchema, allow_none=True)
    signature = fields.Nested(VerifiedSignatureSchema, allow_none=True)


class VerifyResultSchema(BaseSchema):
    """The answer of a check."""

    found = fields.Boolean()
    match = fields.String(allow_none=True,
                          metadata={"description": "code, exact_text, similar_text"})
    verdict = fields.String()
    similarity = fields.Float(allow_none=True)
    differences = fields.List(fields.String())
    notice = fields.Nested(VerifiedNoticeSchema, allow_none=True)
    report_url = fields.String(allow_none=True)


class PublishedKeySchema(BaseSchema):
    """A published key generation."""

    id = fields.String()
    algorithm = fields.String()
    public_key = fields.String()
    valid_from = fields.String()
    signs_until = fields.String(allow_none=True)
    expires_at = fields.String()
    cap_certificate = fields.String()


class KeySetSchema(BaseSchema):
    """Every key whose signatures verify now."""

    format = fields.String()
    signing_key = fields.String(allow_none=True)
    keys = fields.List(fields.Nested(PublishedKeySchema))
