"""Security headers, request ids and masked logs."""

import logging

import pytest

from core.logs import mask


def test_api_responses_carry_the_base_headers(client):
    response = client.get("/api/v1/units")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Content-Security-Policy"] == ("default-src 'none'; "
                                                           "frame-ancestors 'none'")
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_only_over_https(client):
    response = client.get("/healthz", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_errors_carry_the_headers_too(client):
    response = client.get("/khong-co")
    assert response.status_code == 404 and response.headers["X-Content-Type-Options"] == "nosniff"


def test_board_framing_follows_configuration(client, app, world):
    response = client.get(f"/board/{world.commune}")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    app.config["BOARD_FRAME_ANCESTORS"] = ["https://xaphuxuan.gov.vn"]
    try:
        response = client.get(f"/board/{world.commune}")
    finally:
        app.config["BOARD_FRAME_ANCESTORS"] = None
    assert "frame-ancestors https://xaphuxuan.gov.vn" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers


def test_notices_fast_path_carries_the_headers(client, world):
    url = f"/api/v1/units/{world.commune}/notices"
    client.get(url)
    cached = client.get(url)  # second answer may come from the WSGI fast path
    assert cached.headers["X-Content-Type-Options"] == "nosniff"
    assert cached.headers["X-Frame-Options"] == "DENY"


def test_request_id_is_echoed_or_made(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers[
        "X-Request-ID"] == "abc-123"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id <x>"}).headers["X-Request-ID"]
    assert len(made) == 32


@pytest.mark.parametrize("text,secret", [
    ("gọi 0912 345 678 nhé", "345"), ("phone=+84912345678&x=1", "912345678"),
    ("email an.nguyen@gmail.com", "an.nguyen"), ("Authorization: Bearer abc.DEF-123", "DEF"),
    ('{"refresh_token": "rt-999"}', "rt-999"), ("?token=s3cr3t", "s3cr3t"),
])
def test_mask(text, secret):
    assert secret not in mask(text)


def test_log_records_are_masked_for_every_handler(app, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("citizen %s wrote from %s", "0905123456", "a@b.vn")
    assert "0905123456" not in caplog.text and "a@b.vn" not in caplog.text
    assert "***phone***" in caplog.text
