"""Search of published answers with Vietnamese text, on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import unicodedata

import pytest
import sqlalchemy as sa

from core.db import db
from core.text import fold
from directory.models import StaffUser
from feedback.answers import service as answers
from tests.dbutil import backend
from tests.open311.helpers import create_item

ITEMS = {
    "flood": ("Đường ngập nước sau mưa", "Đoạn đường Nguyễn Huệ ngập nước mỗi khi mưa lớn.",
              "Đã nạo vét cống thoát nước.", "ha-tang", None),
    "lamp": ("Den duong khong sang", "Cot den o kiet 5 khong sang mot tuan nay.",
             "Da thay bong moi.", "ha-tang", None),
    "tree": ("Cây xanh nghiêng", "Cây phượng trước chợ nghiêng ra lòng đường.",
             "Đã chằng chống cây.", "ha-tang", None),
    "scattered": ("Hỏi về lịch thu gom rác",
                  "Nhà tôi ở con đường nhỏ phía sau chợ. Tuần trước trời mưa, rác không được "
                  "thu gom. Xin hỏi khi nào có lịch mới? Ngoài ra khu này hay bị ngập, nước "
                  "chảy vào nhà.", "Lịch thu gom rác: thứ hai, tư, sáu.", "khac", None),
    "noise": ("Tiếng ồn karaoke", "Hát karaoke sau 22 giờ rất ồn.", "Đã nhắc nhở.",
              "an-ninh", None),
    "kimlong": ("Đường ngập nước ở Kim Long", "Đường Kim Long ngập sau mưa.",
                "Đã khơi thông.", "khac", "19774"),
}


@pytest.fixture
def published(ctx, world):
    leaders = {world.commune: db.session.get(StaffUser, world.staff_ids["leader"]),
               world.other_commune: db.session.get(StaffUser, world.staff_ids["other_leader"])}
    ids = {}
    for name, (title, question, answer, category, unit) in ITEMS.items():
        item = create_item(world, title=title, description=question, category=category,
                           unit=unit, actions=("accept", "assign", "start", "answer"),
                           answer=answer)
        ids[name] = answers.publish(item.id, leaders[unit or world.commune]).id
    return ids


def found(client, published, **params):
    response = client.get("/api/v1/answers", query_string=params)
    assert response.status_code == 200, response.json
    by_id = {v: k for k, v in published.items()}
    return [by_id[a["id"]] for a in response.json["items"]]


def test_unaccented_query_finds_accented_text(client, published):
    names = found(client, published, q="duong ngap nuoc")
    assert names[:2] == ["flood", "kimlong"] or names[:2] == ["kimlong", "flood"]
    assert "tree" not in names and "noise" not in names


def test_accented_query_finds_unaccented_text_and_d_with_stroke(client, published):
    assert found(client, published, q="đèn")[0] == "lamp"
    assert found(client, published, q="ĐÈN ĐƯỜNG")[0] == "lamp"
    assert "flood" in found(client, published, q="dUoNg NgẬp")


def test_nfd_input(client, published):
    query = unicodedata.normalize("NFD", "đường ngập nước")
    assert query != unicodedata.normalize("NFC", query)
    assert set(found(client, published, q=query)[:2]) == {"flood", "kimlong"}


def test_multi_word_queries_need_every_word(client, published):
    assert found(client, published, q="cay xanh nghieng") == ["tree"]
    assert found(client, published, q="karaoke 22 gio") == ["noise"]
    assert found(client, published, q="cây chợ")[0] == "tree"


def test_better_matches_rank_first(client, published, world):
    names = found(client, published, q="đường ngập nước", unit=world.commune)
    assert names[0] == "flood"
    assert names.index("flood") < names.index("scattered")


def test_filters_unit_category_and_paging(client, published, world):
    assert found(client, published, q="ngap", unit=world.other_commune) == ["kimlong"]
    assert set(found(client, published, unit=world.province)) == set(ITEMS)
    assert found(client, published, category="an-ninh") == ["noise"]
    first = client.get("/api/v1/answers?limit=4").json
    assert len(first["items"]) == 4 and first["next_offset"] == 4
    rest = client.get("/api/v1/answers?limit=4&offset=4").json
    assert len(rest["items"]) == 2 and rest["next_offset"] is None
    assert client.get("/api/v1/answers?unit=99999").status_code == 404
    assert client.get("/api/v1/answers?category=khong-co").status_code == 404
    assert client.get("/api/v1/answers?limit=500").status_code == 422
    assert client.get("/api/v1/answers?q=!!!").json["items"]  # no words: newest first


@pytest.mark.skipif(backend() != "postgresql",
                    reason="typo tolerance needs pg_trgm (PostgreSQL); FTS5 matches words")
def test_typo_is_tolerated_on_postgresql(client, published):
    assert found(client, published, q="duong ngapp nuoc")[:2] in (
        ["flood", "kimlong"], ["kimlong", "flood"])
    assert found(client, published, q="nghieeng cay xanh")[0] == "tree"


@pytest.mark.skipif(backend() != "postgresql", reason="the wrapper exists on PostgreSQL only")
def test_database_folding_agrees_with_core_text_fold(ctx):
    samples = ["Đường NGẬP nước", "Hòa hoà HOÀ", "Ướt sũng, ỗ gà!", "Quảng Trị Đông Hà",
               unicodedata.normalize("NFD", "Đèn đường hỏng"), "Nghĩa Đô Ỷ Lan"]
    for text in samples:
        folded = db.session.scalar(sa.select(sa.func.thongtin_unaccent(text)))
        assert " ".join(folded.split()) == fold(text), text
