"""Publishing from the preview: the officer's name (given at login or on the form) and the publish action."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, g, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from bot.publish.publisher import publish
from routes.admin_auth import csrf_ok, logged_in
from routes.preview.working import working_copy

NAME_KEY = "preview_officer"
MAX_NAME, MAX_NOTE = 60, 300


def name() -> str:
    """The officer's name for the change log, as given at login or on the last publish form."""
    value = session.get(NAME_KEY)
    return value if isinstance(value, str) else ""


def _clean(text: str | None, limit: int) -> str:
    return " ".join((text or "").split())[:limit]


def _remember_login_name() -> None:
    if request.endpoint == "preview.login" and request.method == "POST":
        g.officer_name = _clean(request.form.get("name"), MAX_NAME)


def _keep_login_name(response: Response) -> Response:
    """After a successful login (which starts a fresh session), keep the name it was given."""
    given = g.pop("officer_name", None)
    if given and request.endpoint == "preview.login" and response.status_code == 302 and logged_in():
        session[NAME_KEY] = given
    return response


def publish_now() -> ResponseReturnValue:
    """POST /preview/publish: publish the working copy (CSRF, logged in), then show the page with the result."""
    if not csrf_ok(request.form.get("csrf")) or not logged_in():
        return "missing or wrong CSRF token; reload the page", 400
    who = _clean(request.form.get("by"), MAX_NAME) or name()
    if not who:
        return redirect(url_for("preview.page", published="noname") + "#pv-publish")
    session[NAME_KEY] = who
    services = current_app.extensions["rianru"]
    outcome = publish(services.settings.content_dir, services.live.store, by=who,
                      note=_clean(request.form.get("note"), MAX_NOTE), action="publish")
    services.live.reload_if_changed()  # this worker serves it at once; the others within a poll
    working_copy(current_app.extensions)
    result = str(outcome.entry["id"]) if outcome.entry else ("held" if outcome.candidate and
                                                              not outcome.candidate.publishable else "none")
    return redirect(url_for("preview.page") + "?" + urlencode({"published": result}) + "#pv-publish")


def init(bp: Blueprint) -> None:
    """Attach the login-name hooks and the publish route to the preview blueprint."""
    bp.before_request(_remember_login_name)
    bp.after_request(_keep_login_name)
    bp.add_url_rule("/publish", "publish", publish_now, methods=["POST"])
