"""GET/POST /admin/notices: write or pick, choose the audience, preview the bubble and count, test, send, list."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from bot.notices import desk, events
from bot.notices.audiences import REGIONS
from routes.admin.gate import bp, runtime
from routes.admin_auth import csrf_ok, csrf_token
from routes.preview.render import render_message

NAME_KEY = "admin_name"
ACTIONS = ("preview", "test", "send")


def _catalog() -> Any:
    content = current_app.extensions["rianru"].live.current
    return content.catalog if content is not None else None


def _page(form: dict[str, str], draft: desk.Draft | None = None, message: str | None = None,
          status: int = 200) -> ResponseReturnValue:
    rt = runtime()
    catalog = _catalog()
    places = getattr(catalog, "places", None)
    rendered = [render_message(m) for m in draft.notice.messages] if draft and draft.notice else []
    return render_template(
        "admin/notices.html", csrf=csrf_token(), form=form, draft=draft, rendered=rendered, message=message,
        notices=rt.store.recent(30), audit=rt.audit.recent(30), events=events.all_events(catalog),
        provinces=[p.name_th for p in places.provinces] if places is not None else [], regions=REGIONS,
        name=session.get(NAME_KEY, "")), status


@bp.get("/notices")
def notices() -> ResponseReturnValue:
    """The notices page: the form, the list with live status, and the audit log."""
    done = request.args.get("done")
    return _page({}, message=f"บันทึกแล้ว: {done}" if done else None)


@bp.post("/notices")
def act() -> ResponseReturnValue:
    """preview (check, render, count), test (push to ADMIN_LINE_USER_ID) or send/schedule (a background job)."""
    form = {k: (request.form.get(k) or "").strip() for k in ("by", "text", "image", "event", "audience", "at")}
    if not csrf_ok(request.form.get("csrf")):
        return _page(form, message="แบบฟอร์มหมดอายุ ลองอีกครั้ง · The form expired, try again", status=400)
    action = request.form.get("action", "preview")
    if action not in ACTIONS:
        return _page(form, message="ไม่รู้จักคำสั่ง · unknown action", status=400)
    if not form["by"]:
        return _page(form, message="ใส่ชื่อผู้ส่งก่อน (บันทึกในประวัติ) · give your name for the audit log",
                     status=400)
    session[NAME_KEY] = form["by"][:60]
    rt = runtime()
    audience = "test:me" if action == "test" else form["audience"]
    draft = desk.prepare(rt, _catalog(), by=form["by"][:60], audience=audience, text=form["text"] or None,
                         image=form["image"] or None, event_id=form["event"] or None,
                         at=(form["at"] or None) if action == "send" else None)
    if action == "preview" or draft.problems:
        return _page(form, draft, status=422 if draft.problems else 200)
    notice = desk.submit(rt, draft)
    return redirect(url_for("admin.notices", done=notice.id))


@bp.post("/notices/<notice_id>/cancel")
def cancel(notice_id: str) -> ResponseReturnValue:
    """Cancel a queued or scheduled notice from the list."""
    if not csrf_ok(request.form.get("csrf")):
        return _page({}, message="แบบฟอร์มหมดอายุ ลองอีกครั้ง · The form expired, try again", status=400)
    notice = desk.cancel(runtime(), notice_id, session.get(NAME_KEY) or "admin page")
    if notice is None:
        return _page({}, message=f"ไม่พบประกาศ {notice_id}", status=404)
    return redirect(url_for("admin.notices", done=notice.id))


@bp.get("/notices/status.json")
def status() -> ResponseReturnValue:
    """Live status for the list: id → status, recipients, batches sent/all, error."""
    rt = runtime()
    rows = {}
    for n in rt.store.recent(30):
        sent = sum(1 for b in rt.store.batches(n.id) if b.state == "sent")
        rows[n.id] = {"status": n.status, "recipients": n.recipients, "sent": sent, "batches": n.batches,
                      "error": n.error}
    return jsonify(rows)
