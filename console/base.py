"""The console blueprint and what every page shares: the session guard, CSRF, headers,
sign-in and sign-out, error pages."""

from __future__ import annotations

import logging

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import validate_csrf
from marshmallow import ValidationError as SchemaError
from wtforms import ValidationError as CsrfError

from console import messages
from core.errors import AppError
from directory import sessions
from directory.models import StaffUser

log = logging.getLogger(__name__)

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static")

# Endpoints reachable without a session.
PUBLIC_ENDPOINTS = frozenset({"console.login", "console.static"})
# Endpoints allowed while a one-time password is still to be changed.
PASSWORD_ENDPOINTS = frozenset({"console.password", "console.logout"})

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class CsrfRefused(AppError):
    """A console form without a valid CSRF token (400)."""

    status_code = 400


def sign_in(user: StaffUser) -> None:
    """Start a fresh session for ``user`` (nothing from before sign-in survives)."""
    session.clear()
    g.pop("csrf_token", None)  # the token cached for this request belonged to the old session
    session.permanent = True
    session["sid"] = sessions.start(user)


def sign_out() -> None:
    """End the session, on the server too: the cookie is worthless afterwards."""
    token = session.get("sid")
    if token:
        sessions.end(token, "logout")
    session.clear()
    g.pop("csrf_token", None)


def _session_user() -> StaffUser | None:
    token = session.get("sid")
    if not token or not isinstance(token, str):
        return None
    found = sessions.check(token)
    if found.user is None:
        session.clear()
        g.session_ended = True
        flash(messages.SESSION_EXPIRED if found.ended in ("idle", "expired")
              else messages.SESSION_ENDED, "info")
    return found.user


def _check_csrf() -> None:
    origin = request.headers.get("Origin")
    if origin and origin != request.host_url.rstrip("/"):
        log.warning("console POST refused: foreign origin")
        raise CsrfRefused(messages.CSRF_FAILED)
    try:
        validate_csrf(request.form.get("csrf_token"))
    except CsrfError as exc:
        log.warning("console POST refused: %s", exc)
        raise CsrfRefused(messages.CSRF_FAILED) from None


@bp.context_processor
def _template_helpers():
    from console.filters import helpers

    return helpers()


@bp.before_request
def _guard():
    if request.endpoint == "console.static":
        return None
    # Flask-WTF caches the token on ``g``; an app context shared by several requests (tests,
    # CLI) must not hand one session's token to another.
    g.pop("csrf_token", None)
    g.pop("staff_user", None)
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        _check_csrf()
    user = _session_user()
    if user is None:
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if not g.pop("session_ended", False) and request.endpoint != "console.index":
            flash(messages.LOGIN_REQUIRED, "info")
        return redirect(url_for("console.login", next=request.full_path
                                if request.method == "GET" else None))
    g.staff_user = user
    if user.must_change_password and request.endpoint not in PASSWORD_ENDPOINTS:
        return redirect(url_for("console.password"))
    return None


@bp.after_request
def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "console.static":
        response.headers["Cache-Control"] = "no-store"
    return response


def error_page(status: int, text: str | None = None):
    """An HTML error page in the console's look."""
    return render_template("console/error.html", status=status,
                           title=messages.ERROR_TITLES.get(status, messages.ERROR_TITLES[400]),
                           text=text or messages.ERROR_TEXT.get(status,
                                                                messages.ERROR_TEXT[400])), status


@bp.errorhandler(AppError)
def _app_error(exc: AppError):
    if exc.status_code == 404:
        return error_page(404)
    return error_page(exc.status_code, exc.message)


@bp.errorhandler(SchemaError)
def _schema_error(exc: SchemaError):
    return error_page(400)
