"""Headers on every response: no server banner, HSTS over https, nosniff."""

from __future__ import annotations

from flask import Flask, Response, request

HSTS = "max-age=31536000; includeSubDomains"


def over_https() -> bool:
    """True when this request came over https (directly or via a proxy's X-Forwarded-Proto)."""
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.is_secure or forwarded == "https"


def _headers(response: Response) -> Response:
    response.headers["Server"] = "RianRu"  # no software or version banner (servers keep an app's own header)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if over_https():
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init(app: Flask) -> None:
    """Add the headers to every response of the app."""
    app.after_request(_headers)
