"""create_app(config=None) -> Flask: the only place things are wired together."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask

from bot.config import Settings, settings_from
from bot.content_state import ContentState
from bot.dispatcher import Dispatcher
from bot.line_gateway import LineGateway
from bot.redis_conn import RedisProvider
from bot.sessions import SessionStore


@dataclass
class Services:
    """What routes and CLI commands reach through app.extensions["rianru"]."""

    settings: Settings
    redis: RedisProvider
    content: ContentState
    gateway: LineGateway
    dispatcher: Dispatcher

    def sessions(self, prefix: str = "") -> SessionStore:
        """A session store on the shared Redis (prefix separates preview sessions from LINE ones)."""
        return SessionStore(self.redis.client(), prefix or "rianru:", self.settings.session_ttl_s)


def create_app(config: Mapping[str, str] | None = None, *, watch: bool = True) -> Flask:
    """Build the app from the environment (overridden by `config`); loads content before returning."""
    settings = settings_from(config)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = Flask(__name__, instance_path=str(settings.instance_path))
    app.config.update(SECRET_KEY=settings.secret_key, SESSION_COOKIE_HTTPONLY=True, MAX_CONTENT_LENGTH=2 * 1024 * 1024,
                      SESSION_COOKIE_SAMESITE="Lax", JSON_AS_ASCII=False)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    content = ContentState(settings.content_dir, settings.instance_path)
    content.load_initial()
    if watch:
        content.watch(settings.content_poll_s)
    redis_provider = RedisProvider(settings.redis_url, settings.instance_path)
    gateway = LineGateway(settings.channel_access_token, settings.line_api_base_url, settings.line_timeout_s)
    services = Services(settings, redis_provider, content, gateway, dispatcher=None)  # type: ignore[arg-type]
    services.dispatcher = Dispatcher(content, services.sessions, gateway)
    app.extensions["rianru"] = services

    from bot.cli import register_cli
    from routes import health, preview, webhook

    app.register_blueprint(health.bp)
    app.register_blueprint(webhook.bp)
    app.register_blueprint(preview.bp)
    register_cli(app)
    return app
