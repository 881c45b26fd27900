"""The public Q&A page of a commune: server-rendered, indexable, searchable, linking each
answer's own page; only published answers of that commune."""

from __future__ import annotations

import html
import re

import pytest

from core.db import db
from directory.models import StaffUser
from feedback.answers import service as answers
from tests.open311.helpers import create_item


def _publish(world, title, question, answer, unit=None, leader="leader", category="ha-tang"):
    item = create_item(world, title=title, description=question, unit=unit, category=category,
                       actions=("accept", "assign", "start", "answer"), answer=answer)
    return answers.publish(item.id, db.session.get(StaffUser, world.staff_ids[leader]))


@pytest.fixture
def published(ctx, world):
    flooded = _publish(world, "Đường kiệt 3 ngập nước sau mưa",
                       "Đường kiệt 3 ngập nước mỗi khi mưa to.\nXe máy không qua được.",
                       "Phường đã nạo vét cống thoát nước trên đường.\n\nĐường đã hết ngập.")
    lamp = _publish(world, "Đèn đường hỏng ở kiệt 9", "Đèn đường kiệt 9 hỏng cả tuần nay.",
                    "Đã thay bóng đèn.", category="khac")
    elsewhere = _publish(world, "Đường ở Kim Long ngập nước", "Đường ngập nước sau mưa.",
                         "Đã khơi thông.", unit=world.other_commune, leader="other_leader",
                         category="khac")
    unpublished = create_item(world, title="Rác ở chợ chưa được thu gom",
                              description="Rác ở chợ để mấy ngày.",
                              actions=("accept", "assign", "start", "answer"))
    return {"flooded": flooded, "lamp": lamp, "elsewhere": elsewhere,
            "unpublished": unpublished}


def _links(body: str) -> list[str]:
    return re.findall(r'<h3><a href="([^"]+)">', body)


def test_list_is_indexable_and_links_every_answer(client, world, published):
    response = client.get(f"/answers/{world.commune}")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "public, max-age=60"
    body = response.get_data(as_text=True)
    assert "<title>Hỏi đáp – Phường Phú Xuân</title>" in body
    assert '<meta name="description" content="Câu hỏi, phản ánh của người dân' in body
    assert '<meta name="robots" content="index, follow">' in body
    assert f'<link rel="canonical" href="/answers/{world.commune}">' in body
    assert '<html lang="vi">' in body
    links = _links(body)
    flooded, lamp = published["flooded"], published["lamp"]
    assert links == [f"/answers/{world.commune}/{lamp.id}",
                     f"/answers/{world.commune}/{flooded.id}"]  # newest first
    assert "Đường ở Kim Long ngập nước" not in body  # another commune's
    assert "Rác ở chợ" not in body  # answered but not published
    assert "<script" not in body  # readable without JavaScript


def test_search_without_diacritics_and_by_category(client, world, published):
    body = client.get(f"/answers/{world.commune}?q=duong+ngap+nuoc").get_data(as_text=True)
    assert _links(body) == [f"/answers/{world.commune}/{published['flooded'].id}"]
    assert "Kết quả tìm kiếm cho “duong ngap nuoc”" in body
    assert 'value="duong ngap nuoc"' in body
    assert '<meta name="robots" content="noindex, follow">' in body
    body = client.get(f"/answers/{world.commune}?category=khac").get_data(as_text=True)
    assert _links(body) == [f"/answers/{world.commune}/{published['lamp'].id}"]
    assert '<option value="khac" selected>' in body
    body = client.get(f"/answers/{world.commune}?q=karaoke").get_data(as_text=True)
    assert _links(body) == [] and "Không tìm thấy câu hỏi – trả lời phù hợp." in body
    # A category the commune does not have, or a hostile query, is not an error.
    for query in ("category=khong-co", "q=%3Cscript%3Ealert(1)%3C/script%3E", "offset=abc"):
        response = client.get(f"/answers/{world.commune}?{query}")
        assert response.status_code == 200, query
        assert "<script>alert" not in response.get_data(as_text=True)


def test_answer_page_has_its_own_title_description_and_structured_data(client, world,
                                                                        published):
    flooded = published["flooded"]
    response = client.get(f"/answers/{world.commune}/{flooded.id}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert ("<title>Đường kiệt 3 ngập nước sau mưa – Hỏi đáp – Phường Phú Xuân</title>"
            in body)
    assert ('<meta name="description" content="Đường kiệt 3 ngập nước mỗi khi mưa to. Xe '
            'máy không qua được.">' in body)
    assert f'<link rel="canonical" href="/answers/{world.commune}/{flooded.id}">' in body
    assert 'itemtype="https://schema.org/QAPage"' in body
    assert "<p>Phường đã nạo vét cống thoát nước trên đường.</p><p>Đường đã hết ngập.</p>" in body
    assert re.search(r'<time itemprop="dateCreated" datetime="[0-9T:-]+\+07:00">Công khai lúc '
                     r'\d\d/\d\d/\d{4} \d\d:\d\d</time>', body)
    assert f'href="/answers/{world.commune}"' in body  # back to the list


def test_answer_under_another_commune_redirects_and_unknowns_are_readable_404s(
        client, world, published):
    elsewhere = published["elsewhere"]
    response = client.get(f"/answers/{world.commune}/{elsewhere.id}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(
        f"/answers/{world.other_commune}/{elsewhere.id}")
    for url in (f"/answers/{world.commune}/999999", "/answers/99999", "/answers/abc"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.mimetype == "text/html"
        body = html.unescape(response.get_data(as_text=True))
        assert "Không tìm thấy câu hỏi – trả lời hoặc đơn vị hành chính này." in body
        assert '<meta name="robots" content="noindex">' in body


def test_pages_of_results(client, world, ctx):
    ids = [_publish(world, f"Câu hỏi số {n} về cây xanh", f"Cây xanh ở tổ {n} đổ.",
                    "Đã xử lý.").id for n in range(23)]
    first = client.get(f"/answers/{world.commune}?q=cay+xanh").get_data(as_text=True)
    assert len(_links(first)) == 20
    next_url = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
    second = client.get(next_url).get_data(as_text=True)
    assert len(_links(second)) == 3 and 'rel="prev"' in second and 'rel="next"' not in second
    shown = {int(u.rsplit("/", 1)[1]) for u in _links(first) + _links(second)}
    assert shown == set(ids)
