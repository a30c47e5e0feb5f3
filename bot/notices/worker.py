"""The notices worker: RQ's Worker with its scheduler on the notices queue, planning event reminders daily."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from rq import Worker, get_current_job

from bot.catalog.loader import load_catalog
from bot.config import ConfigError, Settings, settings_from
from bot.notices import jobs, reminders
from bot.notices.runtime import Runtime
from bot.store.redis_server import RedisProvider

log = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")
PLAN_AT = time(0, 5)


def plan_reminders(rt: Runtime, settings: Settings) -> int:
    """Schedule reminders for the events in the content folder, and this planning again for tomorrow."""
    result = load_catalog(settings.content_dir)
    planned = reminders.plan(rt, result.catalog) if result.catalog is not None else []
    tomorrow = datetime.now(BANGKOK).date() + timedelta(days=1)
    at = datetime.combine(tomorrow, PLAN_AT, BANGKOK).astimezone(UTC)
    job_id = f"plan-reminders-{tomorrow:%Y%m%d}"
    if rt.client.exists(f"rq:job:{job_id}") == 0:
        jobs.queue(rt.client).enqueue_at(at, "bot.notices.worker.plan_job", job_id=job_id)
    return len(planned)


def plan_job() -> int:
    """The daily job: plan reminders for upcoming events."""
    job = get_current_job()
    assert job is not None
    settings = settings_from(None)
    return plan_reminders(Runtime.build(settings, job.connection), settings)


def main(argv: list[str] | None = None) -> int:
    """Run the worker (with RQ's scheduler) against REDIS_URL or the embedded Redis under instance/."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--burst", action="store_true", help="work until the queue is empty, then exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = settings_from(None)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    client = RedisProvider(settings.redis_url, settings.instance_path).client()
    if not args.burst:
        plan_reminders(Runtime.build(settings, client), settings)
    connection = jobs.rq_connection(client)  # `client` stays open: the embedded server lives while we do
    worker = Worker([jobs.queue(connection)], connection=connection)
    try:
        worker.work(with_scheduler=True, burst=args.burst, logging_level="INFO")
    finally:
        if connection is not client:  # so the embedded server's exit hook counts only real clients
            connection.connection_pool.disconnect()
    return 0


if __name__ == "__main__":
    sys.exit(main())
