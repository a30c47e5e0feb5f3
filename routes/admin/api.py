"""JSON API under /admin/api: check, send, schedule, list, show, cancel and resend notices; the audit log."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue

from bot.notices import desk
from routes.admin.gate import bp, runtime


def _catalog() -> Any:
    content = current_app.extensions["rianru"].live.current
    return content.catalog if content is not None else None


def _by(payload: dict[str, Any] | None = None) -> str:
    name = (payload or {}).get("by") or request.headers.get("X-Admin-Name") or "api"
    return str(name)[:60]


@bp.get("/api/notices")
def api_list() -> ResponseReturnValue:
    """The latest notices (newest first) and the audit log."""
    rt = runtime()
    limit = min(max(request.args.get("limit", 50, type=int) or 50, 1), 500)
    return jsonify(notices=[desk.describe(rt, n) for n in rt.store.recent(limit)], audit=rt.audit.recent(limit))


@bp.post("/api/notices")
def api_create() -> ResponseReturnValue:
    """{text | event, image?, audience, at?, dry_run?, by?}: 200 dry run, 422 problems, 202 queued or scheduled."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return jsonify(error="expected a JSON object: {text | event, audience, at?, dry_run?, by?}"), 400
    fields = {k: payload.get(k) for k in ("text", "image", "event", "audience", "at")}
    if any(v is not None and not isinstance(v, str) for v in fields.values()):
        return jsonify(error="text, image, event, audience and at must be strings"), 400
    rt = runtime()
    draft = desk.prepare(rt, _catalog(), by=_by(payload), audience=fields["audience"] or "", text=fields["text"],
                         image=fields["image"], event_id=fields["event"], at=fields["at"])
    if draft.problems:
        return jsonify(draft.as_dict()), 422
    if payload.get("dry_run"):
        return jsonify(draft.as_dict())
    notice = desk.submit(rt, draft)
    return jsonify({**draft.as_dict(), "notice": desk.describe(rt, notice)}), 202


@bp.get("/api/notices/<notice_id>")
def api_show(notice_id: str) -> ResponseReturnValue:
    """One notice with its batches, counts, LINE request ids, errors and audit entries."""
    rt = runtime()
    notice = rt.store.get(notice_id)
    if notice is None:
        return jsonify(error=f"no notice {notice_id!r}"), 404
    return jsonify(desk.describe(rt, notice))


@bp.post("/api/notices/<notice_id>/cancel")
def api_cancel(notice_id: str) -> ResponseReturnValue:
    """Cancel a queued or scheduled notice (409 when it already went out)."""
    rt = runtime()
    notice = desk.cancel(rt, notice_id, _by(request.get_json(silent=True)))
    if notice is None:
        return jsonify(error=f"no notice {notice_id!r}"), 404
    return jsonify(desk.describe(rt, notice)), 200 if notice.status == "cancelled" else 409


@bp.post("/api/notices/<notice_id>/resend")
def api_resend(notice_id: str) -> ResponseReturnValue:
    """Queue a failed or interrupted notice again (only batches LINE has not accepted go out)."""
    rt = runtime()
    notice = desk.resend(rt, notice_id, _by(request.get_json(silent=True)))
    if notice is None:
        return jsonify(error=f"no notice {notice_id!r}"), 404
    return jsonify(desk.describe(rt, notice)), 202 if notice.status == "queued" else 409


@bp.get("/api/audit")
def api_audit() -> ResponseReturnValue:
    """The audit log, newest first."""
    limit = min(max(request.args.get("limit", 100, type=int) or 100, 1), 1000)
    return jsonify(audit=runtime().audit.recent(limit))
