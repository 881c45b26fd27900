"""Zalo's e-government Mini App template (``Zalo-MiniApp/zaui-egovernment``) on this
backend: its routes, shapes and ``{"err", "message", "data"}`` envelope, as a facade over
the existing services (no second copy of intake, look-up or masking).

Mounted at ``MINIAPP_EGOV_PREFIX`` (empty by default: the template calls its routes at the
root of ``VITE_BASE_URL``). It lives with the Zalo integration because every call is about a
Zalo user Zalo vouches for. CORS (Flask-CORS, on this blueprint only) lets the Mini App
runtime's origins and ``MINIAPP_ALLOWED_ORIGINS`` call it.
"""

from __future__ import annotations

from flask import Flask

# The Mini App runtime serves apps from these origins (and their subdomains).
RUNTIME_ORIGINS = ("https://h5.zdn.vn", "https://zalo.me",
                   r"^https://([a-z0-9-]+\.)+zdn\.vn$", r"^https://([a-z0-9-]+\.)+zalo\.me$")
ALLOWED_HEADERS = ("Authorization", "Content-Type", "x-organization-id")


def origins(app: Flask) -> list[str]:
    """Origins allowed to call the facade from a browser."""
    extra = app.config.get("MINIAPP_ALLOWED_ORIGINS") or []
    if isinstance(extra, str):
        extra = [extra]
    return [*RUNTIME_ORIGINS, *(str(origin).rstrip("/") for origin in extra)]


def init_app(app: Flask) -> None:
    """Register the facade's blueprint under its prefix, with CORS for its routes only."""
    from flask_cors import CORS

    from integrations.zalo.egov import models, routes, units  # noqa: F401 - importing registers the models and routes

    with app.app_context():
        units.configured()  # a malformed MINIAPP_UNITS stops the start
    bp = routes.blueprint()
    CORS(bp, origins=origins(app), allow_headers=list(ALLOWED_HEADERS),
         methods=["GET", "POST", "OPTIONS"], max_age=600)
    prefix = (app.config.get("MINIAPP_EGOV_PREFIX") or "").rstrip("/")
    app.register_blueprint(bp, url_prefix=prefix or None)
