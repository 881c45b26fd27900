"""Public Q&A pages: per unit, the published answers with search, and each answer's own
page. Server-rendered HTML for citizens and search engines; only published (masked) texts."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request

import directory
from core.clock import isoformat_local, to_local
from core.errors import NotFound
from core.extensions import limiter
from core.urls import public_url
from directory.models import AdminUnit
from feedback.answers import messages, service

pages = Blueprint("answers_pages", __name__, template_folder="templates",
                  static_folder="static", static_url_path="/answers/static")

PAGE_SIZE = 20
MAX_OFFSET = 1000
CACHE_CONTROL = "public, max-age=60"


def _when(value) -> str:
    return to_local(value).strftime("%d/%m/%Y %H:%M")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def _snippet(text: str, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _html(html: str, status: int = 200) -> Response:
    response = Response(html, status=status, mimetype="text/html")
    if status == 200:
        response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def _unit_or_404(code: str) -> AdminUnit | Response:
    try:
        return directory.get_unit(code)
    except NotFound:
        return _not_found()


def _not_found() -> Response:
    return _html(render_template("answers/not_found.html", m=messages), 404)


def _int_arg(name: str, default: int, hi: int) -> int:
    raw = request.args.get(name, "")
    return min(int(raw), hi) if raw.isdigit() and len(raw) < 7 else default


@pages.get("/answers/<unit_code>")
@limiter.limit(lambda: current_app.config["RATELIMIT_ANSWERS"])
def unit_answers(unit_code: str):
    """The unit's published questions and answers, newest first or matching ``q``."""
    unit = _unit_or_404(unit_code)
    if isinstance(unit, Response):
        return unit
    query = " ".join(request.args.get("q", "").split())[:200]
    categories = directory.categories_for_unit(unit)
    category = request.args.get("category", "")
    if category not in {c.code for c in categories}:
        category = ""
    offset = _int_arg("offset", 0, MAX_OFFSET)
    page = service.search(unit.code, category or None, query or None, PAGE_SIZE, offset)
    items = [{"answer": a, "url": public_url("answers_pages.answer_page",
                                              unit_code=a.unit_code, answer_id=a.id),
              "when": _when(a.published_at), "iso": isoformat_local(a.published_at),
              "snippet": _snippet(a.question, 240)}
             for a in page.items]
    args = {k: v for k, v in (("q", query), ("category", category)) if v}
    next_url = (public_url("answers_pages.unit_answers", unit_code=unit.code, **args,
                           offset=page.next_offset) if page.next_offset is not None else None)
    previous_url = (public_url("answers_pages.unit_answers", unit_code=unit.code, **args,
                               **({"offset": max(offset - PAGE_SIZE, 0)}
                                  if offset > PAGE_SIZE else {}))
                    if offset else None)
    html = render_template(
        "answers/list.html", m=messages, unit=unit, items=items, query=query,
        category=category, categories=categories, next_url=next_url,
        previous_url=previous_url, searching=bool(query or category),
        canonical=public_url("answers_pages.unit_answers", unit_code=unit.code),
        # Search results and later pages are not separate documents for search engines.
        index=not (query or category or offset))
    return _html(html)


@pages.get("/answers/<unit_code>/<int:answer_id>")
def answer_page(unit_code: str, answer_id: int):
    """One published question and its answer."""
    try:
        answer = service.get_public(answer_id)
    except NotFound:
        return _not_found()
    if answer.unit_code != unit_code:
        return redirect(public_url("answers_pages.answer_page", unit_code=answer.unit_code,
                                   answer_id=answer.id), 301)
    html = render_template(
        "answers/answer.html", m=messages, answer=answer, unit=answer.unit,
        category=answer.category,
        when=_when(answer.published_at), iso=isoformat_local(answer.published_at),
        question=_paragraphs(answer.question),
        reply=_paragraphs(answer.answer), description=_snippet(answer.question),
        canonical=public_url("answers_pages.answer_page", unit_code=answer.unit_code,
                             answer_id=answer.id),
        list_url=public_url("answers_pages.unit_answers", unit_code=answer.unit_code))
    return _html(html)
