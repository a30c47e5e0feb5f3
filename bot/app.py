"""create_app(config=None) -> Flask: the only place things are wired together."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask

from bot import session
from bot.config import Settings, settings_from
from bot.line import sdk as line_sdk
from bot.line.gateway import LineGateway
from bot.line.intake import EventQueue
from bot.line.worker import Dispatcher
from bot.logs import setup_logging
from bot.publish.live import LiveContent
from bot.runner import TurnRunner
from bot.store.recent import RecentEvents
from bot.store.redis_server import RedisProvider
from bot.store.stores import Stores
from bot.trip import TripRules

LINE_PREFIX = "rianru:"


@dataclass
class Services:
    """What routes and CLI commands reach through app.extensions["rianru"]."""

    settings: Settings
    redis: RedisProvider
    live: LiveContent
    gateway: LineGateway
    dispatcher: Dispatcher
    recent: RecentEvents | None = None
    queue: EventQueue | None = None

    def stores(self, prefix: str = "") -> Stores:
        """The stores on the shared Redis (prefix separates preview and CLI chats from LINE ones)."""
        settings = self.settings
        rules = TripRules(settings.trip_ttl_s, settings.checkin_radius_m, settings.checkin_approx_radius_m)
        return Stores.on(self.redis.client(), prefix or LINE_PREFIX, settings.session_ttl_s, rules)

    def runner(self, prefix: str = "") -> TurnRunner:
        """The one turn runner, on the live content and the stores under `prefix`."""
        return TurnRunner(lambda: self.live.current, lambda: self.stores(prefix))

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """True once every queued and in-process event is answered (tests, shutdown)."""
        queued = self.queue.wait_idle(timeout) if self.queue else True
        return self.dispatcher.wait_idle(timeout) and queued

    def close(self) -> None:
        """Stop background work: consumers finish the event in hand, in-process sends finish, no more reloads."""
        if self.queue:
            self.queue.stop()
        self.dispatcher.wait_idle(10)
        self.dispatcher.pool.shutdown(wait=True)
        self.live.stop()


def create_app(config: Mapping[str, str] | None = None, *, watch: bool = True) -> Flask:
    """Build the app from the environment (overridden by `config`); loads content before returning."""
    settings = settings_from(config)
    session.configure(location_valid_s=settings.location_valid_s)
    setup_logging(settings.log_format)
    app = Flask(__name__, instance_path=str(settings.instance_path))
    app.config.update(SECRET_KEY=settings.secret_key, SESSION_COOKIE_HTTPONLY=True, MAX_CONTENT_LENGTH=2 * 1024 * 1024,
                      SESSION_COOKIE_SAMESITE="Lax", JSON_AS_ASCII=False)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    live = LiveContent(settings.content_dir, settings.instance_path, settings.content_auto_publish)
    live.load_initial()
    if watch:
        live.watch(settings.content_poll_s)
    redis_provider = RedisProvider(settings.redis_url, settings.instance_path)
    gateway = LineGateway(settings.channel_access_token, settings.line_api_base_url, settings.line_timeout_s,
                          backoff_s=settings.line_retry_backoff_s, push_deadline_s=settings.line_push_deadline_s)
    services = Services(settings, redis_provider, live, gateway, dispatcher=None)  # type: ignore[arg-type]
    services.dispatcher = Dispatcher(services.runner(), gateway, busy_after_s=settings.event_busy_after_s)
    services.recent = RecentEvents(settings.replay_window_s)
    services.queue = EventQueue(redis_provider.client, LINE_PREFIX, services.recent, services.dispatcher.process,
                                settings.replay_window_s, settings.event_claim_idle_s,
                                threads=settings.event_threads, backlog_max=settings.event_backlog_max,
                                prepare=line_sdk.warm)
    app.extensions["rianru"] = services

    from bot.commands import register_cli
    from routes import admin, health, preview, security, webhook

    security.init(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(webhook.bp)
    app.register_blueprint(preview.bp)
    app.register_blueprint(admin.bp)
    register_cli(app)
    # Background work starts last, so that it does not compete with building the app.
    if settings.channel_secret and not live.read_only:  # CLI tools never consume LINE events
        # The consumers import line-bot-sdk (~1.5 s) first, after the app is built, before the first webhook needs it.
        services.queue.start()
        os.register_at_fork(after_in_child=services.queue.restart)  # gunicorn preload: threads do not survive fork
    return app
