"""Which unit a Mini App call is about: ``MINIAPP_UNITS`` maps a Mini App id to a unit
(the organization id the app sees is the unit's code), and ``x-organization-id`` names it
on every call after the first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app, request

import directory
from core.errors import NotFound, UserValueError
from directory.models import AdminUnit
from integrations.zalo.egov import messages

HEADER = "x-organization-id"


@dataclass(frozen=True)
class MiniApp:
    """One configured Mini App: its unit and what the app shows about it."""

    mini_app_id: str
    unit_code: str
    description: str = ""
    logo_url: str = ""
    official_accounts: list[dict[str, str]] = field(default_factory=list)


def _parse(mini_app_id: str, value: Any) -> MiniApp:
    if isinstance(value, (str, int)):
        return MiniApp(str(mini_app_id), str(value))
    if not isinstance(value, dict) or not value.get("unit"):
        raise ValueError(f"MINIAPP_UNITS[{mini_app_id!r}] needs a unit code")
    accounts = []
    for account in value.get("official_accounts") or []:
        if not isinstance(account, dict) or not account.get("oa_id"):
            raise ValueError(f"MINIAPP_UNITS[{mini_app_id!r}].official_accounts need an oa_id")
        accounts.append({"oa_id": str(account["oa_id"]), "name": str(account.get("name") or ""),
                         "logo_url": str(account.get("logo_url") or "")})
    return MiniApp(str(mini_app_id), str(value["unit"]), str(value.get("description") or ""),
                   str(value.get("logo_url") or ""), accounts)


def configured() -> list[MiniApp]:
    """Every configured Mini App (a malformed ``MINIAPP_UNITS`` raises ValueError)."""
    units = current_app.config.get("MINIAPP_UNITS") or {}
    if not isinstance(units, dict):
        raise ValueError("MINIAPP_UNITS must be an object {mini app id: unit}")
    return [_parse(key, value) for key, value in units.items()]


def by_mini_app(mini_app_id: str | None) -> tuple[MiniApp, AdminUnit]:
    """The configured Mini App and its unit, or 404."""
    for app in configured():
        if mini_app_id and app.mini_app_id == mini_app_id:
            return app, _unit(app.unit_code)
    raise NotFound(messages.UNKNOWN_MINI_APP)


def _unit(code: str) -> AdminUnit:
    try:
        return directory.get_unit(code)
    except NotFound:
        raise NotFound(messages.UNKNOWN_ORGANIZATION) from None


def of_request() -> AdminUnit:
    """The unit named by ``x-organization-id``; a unit no Mini App serves is refused. The
    articles call carries no header: with one configured unit, that one."""
    apps = configured()
    code = (request.headers.get(HEADER) or "").strip()
    if not code:
        codes = {app.unit_code for app in apps}
        if len(codes) == 1:
            return _unit(codes.pop())
        raise UserValueError(messages.ORGANIZATION_REQUIRED)
    if code not in {app.unit_code for app in apps}:
        raise NotFound(messages.UNKNOWN_ORGANIZATION)
    return _unit(code)
