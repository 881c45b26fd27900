"""The OpenAPI viewer's assets: Swagger UI from the pinned ``swagger-ui-bundle`` package,
served by the app so ``/api/docs`` works without internet (no CDN)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, send_from_directory
from werkzeug.exceptions import NotFound

assets = Blueprint("docs_assets", __name__)

OWN = Path(__file__).parent / "static" / "docs"
# Only what the viewer page loads (no source maps, no demo pages of the package).
BUNDLE_FILES = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "favicon-16x16.png", "favicon-32x32.png"}
MAX_AGE = 7 * 24 * 3600


def bundle_dir() -> Path:
    """Where the installed package keeps Swagger UI's files."""
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


@assets.get("/api/docs/assets/<name>")
def asset(name: str):
    """One file of the viewer: ours (its start script) or Swagger UI's."""
    if (OWN / name).is_file():
        return send_from_directory(OWN, name, max_age=MAX_AGE)
    if name not in BUNDLE_FILES:
        raise NotFound()
    return send_from_directory(bundle_dir(), name, max_age=MAX_AGE)
