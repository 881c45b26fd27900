"""``flask zalo connect|status|simulate``."""

from __future__ import annotations

import json
import secrets

import click
import httpx
from flask import current_app
from flask.cli import AppGroup

from core import clock
from core.clock import isoformat_local
from integrations.zalo import client, messages
from integrations.zalo.webhook import signature

zalo_cli = AppGroup("zalo", help="Kết nối Zalo Official Account.")


@zalo_cli.command("connect")
@click.argument("refresh_token")
def connect(refresh_token: str) -> None:
    """Lưu mã làm mới (refresh token) lấy từ trang quản lý OA và kiểm tra kết nối."""
    if not client.enabled():
        raise click.ClickException(messages.DISABLED)
    try:
        info = client.connect(refresh_token.strip())
    except client.ZaloError as exc:
        raise click.ClickException(messages.CLI_CONNECT_FAILED.format(
            error=f"{exc.code} {exc.message}")) from None
    click.echo(messages.CLI_CONNECTED.format(name=info.get("name", ""),
                                             oa_id=info.get("oa_id", ""),
                                             expires=isoformat_local(info["expires_at"])))


@zalo_cli.command("status")
def status() -> None:
    """Trạng thái kết nối Zalo."""
    click.echo(messages.CLI_STATUS.format(status=client.readiness()))


def build_event(text: str | None, user: str, event: str, image: str | None,
                location: tuple[float, float] | None, app_id: str) -> dict:
    """A webhook body shaped like Zalo's (reference/zalo.md §1)."""
    timestamp = str(int(clock.now().timestamp() * 1000))
    body: dict = {"app_id": app_id, "user_id_by_app": f"app-{user}", "event_name": event,
                  "timestamp": timestamp}
    if event in ("follow", "unfollow"):
        body.update(oa_id="oa", follower={"id": user}, source="oa_profile")
        return body
    body.update(sender={"id": user}, recipient={"id": "oa"})
    message: dict = {"msg_id": secrets.token_hex(16)}
    if event == "user_send_text":
        message["text"] = text or ""
    elif event == "user_send_image":
        message["attachments"] = [{"type": "image", "payload": {"url": image,
                                                                 "thumbnail": image}}]
        if text:
            message["text"] = text
    elif event == "user_send_location":
        lat, lng = location or (16.4637, 107.5909)
        message["attachments"] = [{"type": "location", "payload": {
            "coordinates": {"latitude": str(lat), "longitude": str(lng)}}}]
    elif event == "user_submit_info":
        body["info"] = {"name": text or "Nguyễn Văn A", "phone": "84912345678"}
    body["message"] = message
    return body


def sign(body: dict) -> tuple[bytes, str]:
    """Raw body and its ``X-ZEvent-Signature`` header, with the configured OA secret key."""
    raw = json.dumps(body, ensure_ascii=False).encode()
    mac = signature(str(body["app_id"]), raw, str(body["timestamp"]),
                    client.setting("ZALO_OA_SECRET_KEY"))
    return raw, f"mac={mac}"


@zalo_cli.command("simulate")
@click.argument("text", required=False)
@click.option("--user", default="U1000", show_default=True, help="Mã người dùng Zalo giả lập.")
@click.option("--image", default=None, help="Địa chỉ ảnh (ví dụ ảnh của máy chủ Zalo giả lập).")
@click.option("--location", default=None, help="Vị trí: vĩ độ,kinh độ.")
@click.option("--event", "event_name", default=None,
              type=click.Choice(["text", "image", "location", "follow", "unfollow",
                                 "submit_info"]))
@click.option("--url", default="http://127.0.0.1:5000/integrations/zalo/webhook",
              show_default=True)
def simulate(text, user, image, location, event_name, url) -> None:
    """Gửi một sự kiện Zalo có chữ ký tới ứng dụng đang chạy (thử trò chuyện bằng tay)."""
    if not client.enabled():
        raise click.ClickException(messages.DISABLED)
    event_name = event_name or ("image" if image else "location" if location else "text")
    coords = tuple(float(x) for x in location.split(",")) if location else None
    body = build_event(text, user, {"text": "user_send_text", "image": "user_send_image",
                                    "location": "user_send_location", "follow": "follow",
                                    "unfollow": "unfollow",
                                    "submit_info": "user_submit_info"}[event_name],
                       image, coords, client.setting("ZALO_APP_ID"))
    raw, header = sign(body)
    try:
        response = httpx.post(url, content=raw, timeout=10, headers={
            "Content-Type": "application/json", "X-ZEvent-Signature": header})
    except httpx.HTTPError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(messages.CLI_SIMULATE_SENT.format(event=body["event_name"],
                                                 status=response.status_code))
    current_app.logger.debug("simulated %s", body["event_name"])
