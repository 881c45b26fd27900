"""Categories in Vietnamese alphabetical order with "Lĩnh vực khác" last: in the API (and so
the widget and the chat), Open311's service list and the console's forms."""

from __future__ import annotations

import re

import pytest

import directory
from core.text import vietnamese_sort_key
from tests.console.conftest import console  # noqa: F401 - pytest fixtures

EXTRA = (("dat-dai-t", "Đất đai"), ("dan-so-t", "Dân số"), ("y-te-t", "Y tế"),
         ("an-uong-t", "Ăn uống"), ("o-nhiem-t", "Ô nhiễm"), ("ong-t", "Ong mật"))
EXPECTED = ["An ninh, trật tự", "Ăn uống", "Dân số", "Đất đai", "Hạ tầng, giao thông",
            "Ong mật", "Ô nhiễm", "Y tế", "Lĩnh vực khác"]


@pytest.fixture
def more_categories(ctx):
    for code, name in EXTRA:
        directory.create_category(code, name)


def test_sort_key_follows_the_vietnamese_alphabet():
    words = ["Y tế", "đá", "da", "dạ", "dà", "Ăn", "an", "Âm", "ơi", "ôi", "oi", "ư", "u"]
    assert sorted(words, key=vietnamese_sort_key) == [
        "an", "Ăn", "Âm", "da", "dà", "dạ", "đá", "oi", "ôi", "ơi", "u", "ư", "Y tế"]


def test_api_lists_categories_alphabetically_other_last(client, world, more_categories):
    names = [c["name"] for c in client.get(f"/api/v1/units/{world.commune}/categories").json]
    assert names == EXPECTED


def test_open311_services_alphabetically_other_last(client, more_categories):
    services = client.get("/open311/v2/services.json").get_json()
    assert [s["service_name"] for s in services] == EXPECTED


def test_console_queue_filter_alphabetically_other_last(console, more_categories):
    html = console("leader").get("/console/").get_data(as_text=True)
    select = html[html.index('<select name="category">'):]
    select = select[:select.index("</select>")]
    names = re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', select)
    assert [n for n in names if n != "Riêng Kim Long"] == EXPECTED
