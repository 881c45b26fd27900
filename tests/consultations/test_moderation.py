"""Moderation (hide with a reason, kept for the record), tags, answers to groups, summary."""

from __future__ import annotations

import pytest

from consultations import messages


@pytest.fixture
def opened(frozen, consult):
    """An open consultation with three comments (two on article 2, one on the whole draft)."""
    cid = consult.published()["id"]
    frozen.advance(days=1)
    ids = [consult.comment(cid)["id"],
           consult.comment(cid, body="Đồ chửi bậy, lũ ăn hại! Đề nghị bỏ quy chế.")["id"],
           consult.comment(cid, section=None, body="Cần công khai mức thu phí vỉa hè.")["id"]]
    return cid, ids


def _public_ids(consult, cid, **params):
    return [c["id"] for c in consult.public(f"/consultations/{cid}/comments", **params)["items"]]


def test_hide_with_a_reason_keeps_the_comment(opened, consult):
    cid, (good, abusive, general) = opened
    missing = consult.act(f"/comments/{abusive}/hide", expect=422, reason="   ")
    assert "reason" in missing["errors"]
    hidden = consult.act(f"/comments/{abusive}/hide", reason="Lời lẽ xúc phạm")
    assert hidden["status"] == "hidden"
    assert hidden["hidden"]["reason"] == "Lời lẽ xúc phạm" and hidden["hidden"]["by"] == "officer"
    assert consult.act(f"/comments/{abusive}/hide", expect=409,
                       reason="Lần nữa")["message"] == messages.ALREADY_HIDDEN

    # gone from every public surface and count, kept for staff with the reason
    assert _public_ids(consult, cid) == [good, general]
    assert _public_ids(consult, cid, section=2) == [good]
    assert _public_ids(consult, cid, section=0) == [general]
    detail = consult.public(f"/consultations/{cid}")
    assert detail["comment_count"] == 2
    assert [s["comment_count"] for s in detail["sections"]] == [0, 1, 0]
    assert detail["whole_draft_comment_count"] == 1
    staff = consult.get(f"/{cid}/comments")
    assert [c["id"] for c in staff["items"]] == [good, abusive, general]
    assert consult.get(f"/{cid}/comments", status="hidden")["items"][0]["body"].startswith("Đồ")

    # put back; the last hiding stays on record
    restored = consult.act(f"/comments/{abusive}/restore", who="leader")
    assert restored["status"] == "published" and restored["hidden"]["reason"] == "Lời lẽ xúc phạm"
    assert _public_ids(consult, cid) == [good, abusive, general]
    consult.act(f"/comments/{abusive}/restore", expect=409)


def test_moderation_roles_and_scope(opened, consult):
    _, (good, _, _) = opened
    consult.act(f"/comments/{good}/hide", who="viewer", expect=403, reason="Không được")
    consult.act(f"/comments/{good}/hide", who="other_officer", expect=404, reason="Không thấy")
    consult.act(f"/comments/{good}/hide", who="other_province_admin", expect=404, reason="Không")
    consult.act(f"/comments/{good}/hide", who="province_admin", reason="Trùng lặp")
    consult.act("/comments/999999/hide", expect=404, reason="Không có")


def test_tags_filter_and_count(opened, consult):
    cid, (good, abusive, general) = opened
    tagged = consult.act(f"/comments/{good}/tags", method="put",
                         tags=["Lối đi", "lối đi ", "xe lăn"])
    assert tagged["tags"] == ["lối đi", "xe lăn"]
    consult.act(f"/comments/{general}/tags", method="put", tags=["phí"])
    consult.act(f"/comments/{abusive}/tags", method="put", tags=["lối đi"])
    assert consult.act(f"/comments/{abusive}/tags", method="put", tags=[])["tags"] == []
    assert [c["id"] for c in consult.get(f"/{cid}/comments", tag="Lối đi")["items"]] == [good]
    stats = consult.get(f"/{cid}/statistics")
    assert stats["by_tag"] == [{"tag": "lối đi", "count": 1}, {"tag": "phí", "count": 1},
                               {"tag": "xe lăn", "count": 1}]
    assert "tags" in consult.act(f"/comments/{good}/tags", method="put", expect=422,
                                 tags=["x" * 41])["errors"]


def test_answer_a_group_then_publish_the_summary(opened, frozen, consult):
    cid, (good, abusive, general) = opened
    response = consult.act(f"/{cid}/responses", expect=201, comment_ids=[good, general, good],
                           decision="accepted",
                           body="Tiếp thu: lối đi tối thiểu nâng lên 2 mét; mức phí sẽ công khai.")
    assert response["comment_ids"] == [good, general]
    assert response["decision_label"] == "Tiếp thu"
    other = consult.published(title="Dự thảo khác để kiểm tra nhóm ý kiến")["id"]
    refused = consult.act(f"/{other}/responses", expect=422, comment_ids=[good],
                          decision="accepted", body="Sai dự thảo")
    assert refused["message"] == messages.COMMENTS_OTHER.format(ids=good)
    assert consult.get(f"/{cid}/comments", unanswered=True)["items"][0]["id"] == abusive
    listed = consult.get(f"/{cid}/responses")["items"]
    assert [r["comment_ids"] for r in listed] == [[good, general]]
    public = consult.public(f"/consultations/{cid}/comments")["items"]
    assert public[0]["response"]["body"].startswith("Tiếp thu: lối đi")
    assert public[1]["response"] is None

    frozen.advance(days=7)
    consult.act(f"/{cid}/summary", expect=403, summary="Cán bộ không được công bố.")
    consult.act(f"/{cid}/summary", who="other_leader", expect=404, summary="Không thấy.")
    summary = "Đã tiếp thu 2 ý kiến về lối đi và mức phí; 1 ý kiến không phù hợp."
    published = consult.act(f"/{cid}/summary", who="leader", summary=summary)
    assert published["status"] == "summary_published" and published["summary"] == summary
    detail = consult.public(f"/consultations/{cid}")
    assert detail["summary"]["text"] == summary
    assert [r["decision"] for r in detail["summary"]["responses"]] == ["accepted"]
    assert consult.act(f"/{cid}/summary", who="leader", expect=409,
                       summary="Lần hai")["message"] == messages.SUMMARY_DONE
