"""Settings read from the environment (or a mapping in tests), validated all at once."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bot.trip import CHECKIN_APPROX_RADIUS_M, CHECKIN_RADIUS_M, TRIP_TTL_S

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTICE_VARIABLES = ("ADMIN_LINE_USER_ID", "NOTICE_ATTEMPTS", "NOTICE_BACKOFF_S", "NOTICE_MAX_WAIT_S", "NOTICE_LOCK_S",
                    "NOTICE_VALIDATE", "NOTICE_DAILY_CAP", "REMINDER_DAYS_BEFORE", "REMINDER_AT")

VARIABLES = (
    "LINE_CHANNEL_SECRET",
    "LINE_CHANNEL_ACCESS_TOKEN",
    "LINE_API_BASE_URL",
    "REDIS_URL",
    "CONTENT_DIR",
    "ADMIN_TOKEN",
    "SECRET_KEY",
    "SESSION_TTL_S",
    "LOCATION_VALID_S",
    "PORT",
    "INSTANCE_PATH",
    "CONTENT_POLL_S",
    "LINE_TIMEOUT_S",
    "TRIP_TTL_S",
    "CHECKIN_RADIUS_M",
    "CHECKIN_APPROX_RADIUS_M",
    *NOTICE_VARIABLES,
    "CONTENT_AUTO_PUBLISH",
    "CONTENT_FACT_MAX_AGE_YEARS",
    "HOST",
    "REPLAY_WINDOW_S",
    "EVENT_CLAIM_IDLE_S",
    "EVENT_BACKLOG_MAX",
    "EVENT_BUSY_AFTER_S",
    "EVENT_THREADS",
    "LOG_FORMAT",
    "LINE_PUSH_DEADLINE_S",
    "LINE_RETRY_BACKOFF_S",
)
BUSY_AFTER_MAX_S = 40.0  # well inside the 50 s in which bot/line/gateway.py still uses a reply token
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
MIN_TOKEN_LENGTH = 24
MIN_TOKEN_DISTINCT = 10
TOKEN_HINT = 'make one with: python -c "import secrets; print(secrets.token_urlsafe(32))"'  # noqa: S105 (a hint)


class ConfigError(Exception):
    """Raised once with every invalid variable listed."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Invalid configuration:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class NoticeSettings:
    """How notices are sent: retries, the send lock, LINE validation, reminders and the daily cap."""

    admin_line_user_id: str | None = None
    attempts: int = 5
    backoff_s: float = 1.0
    max_wait_s: float = 60.0
    lock_s: float = 120.0
    validate_with_line: bool = False
    daily_cap: int = 2
    reminder_days_before: int = 1
    reminder_at: str = "09:00"

    @classmethod
    def from_env(cls, env: Mapping[str, str], problems: list[str]) -> NoticeSettings:
        """Read the NOTICE_*/REMINDER_* variables, adding any problem to `problems`."""
        validate = env.get("NOTICE_VALIDATE", "0").strip().lower()
        if validate not in {"0", "1", "true", "false", "yes", "no"}:
            problems.append(f"NOTICE_VALIDATE: must be 0 or 1, got {validate!r}")
        at = env.get("REMINDER_AT", "09:00")
        hh, _, mm = at.partition(":")
        if not (hh.isdigit() and mm.isdigit() and int(hh) < 24 and int(mm) < 60 and len(mm) == 2):
            problems.append(f"REMINDER_AT: must be HH:MM (Asia/Bangkok), got {at!r}")
        return cls(
            admin_line_user_id=env.get("ADMIN_LINE_USER_ID"),
            attempts=_positive_int(env, "NOTICE_ATTEMPTS", 5, problems),
            backoff_s=_positive_float(env, "NOTICE_BACKOFF_S", 1.0, problems),
            max_wait_s=_positive_float(env, "NOTICE_MAX_WAIT_S", 60.0, problems),
            lock_s=_positive_float(env, "NOTICE_LOCK_S", 120.0, problems),
            validate_with_line=validate in {"1", "true", "yes"},
            daily_cap=_positive_int(env, "NOTICE_DAILY_CAP", 2, problems),
            reminder_days_before=_positive_int(env, "REMINDER_DAYS_BEFORE", 1, problems),
            reminder_at=at,
        )


@dataclass(frozen=True)
class Settings:
    """Validated configuration of one app instance."""

    channel_secret: str | None
    channel_access_token: str | None
    line_api_base_url: str | None
    redis_url: str | None
    content_dir: Path
    admin_token: str | None
    secret_key: str
    session_ttl_s: int
    location_valid_s: int
    port: int
    instance_path: Path
    content_poll_s: float
    line_timeout_s: float
    trip_ttl_s: int = TRIP_TTL_S
    checkin_radius_m: int = CHECKIN_RADIUS_M
    checkin_approx_radius_m: int = CHECKIN_APPROX_RADIUS_M
    notices: NoticeSettings = NoticeSettings()
    content_auto_publish: bool = False
    fact_max_age_years: int = 3
    host: str = "127.0.0.1"
    replay_window_s: int = 3600
    event_claim_idle_s: float = 60.0
    event_backlog_max: int = 2000
    event_busy_after_s: float = 20.0
    event_threads: int = 3
    log_format: str = "json"
    line_push_deadline_s: float = 20.0
    line_retry_backoff_s: float = 0.5

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Build settings from an environment-like mapping; raise ConfigError listing every problem."""
        env = {k: str(v) for k, v in environ.items() if k in VARIABLES and v is not None and str(v) != ""}
        problems: list[str] = []

        base_url = env.get("LINE_API_BASE_URL")
        if base_url is not None and not _is_http_url(base_url):
            problems.append(f"LINE_API_BASE_URL: not an http(s) URL: {base_url!r}")
        redis_url = env.get("REDIS_URL")
        if redis_url is not None and urlparse(redis_url).scheme not in {"redis", "rediss", "unix"}:
            problems.append(f"REDIS_URL: must start with redis://, rediss:// or unix://: {redis_url!r}")
        ttl = _positive_int(env, "SESSION_TTL_S", 1800, problems)
        location_valid = _positive_int(env, "LOCATION_VALID_S", 1800, problems)
        port = _positive_int(env, "PORT", 8000, problems)
        if port > 65535:
            problems.append(f"PORT: must be 1–65535, got {port}")
        poll = _positive_float(env, "CONTENT_POLL_S", 2.0, problems)
        line_timeout = _positive_float(env, "LINE_TIMEOUT_S", 5.0, problems)
        trip_ttl = _positive_int(env, "TRIP_TTL_S", TRIP_TTL_S, problems)
        radius = _positive_int(env, "CHECKIN_RADIUS_M", CHECKIN_RADIUS_M, problems)
        approx_radius = _positive_int(env, "CHECKIN_APPROX_RADIUS_M", CHECKIN_APPROX_RADIUS_M, problems)
        fact_age = _positive_int(env, "CONTENT_FACT_MAX_AGE_YEARS", 3, problems)
        auto_publish = env.get("CONTENT_AUTO_PUBLISH", "0")
        if auto_publish not in ("0", "1"):
            problems.append(f"CONTENT_AUTO_PUBLISH: must be 0 or 1, got {auto_publish!r}")

        content_dir = Path(env.get("CONTENT_DIR", str(PROJECT_ROOT / "content")))
        if not content_dir.is_absolute():
            content_dir = (Path.cwd() / content_dir).resolve()
        if not content_dir.is_dir():
            problems.append(f"CONTENT_DIR: not a directory: {str(content_dir)!r}")
        instance_path = Path(env.get("INSTANCE_PATH", str(PROJECT_ROOT / "instance"))).resolve()
        notices = NoticeSettings.from_env(env, problems)
        host = env.get("HOST", "127.0.0.1")
        replay = _positive_int(env, "REPLAY_WINDOW_S", 3600, problems)
        claim_idle = _positive_float(env, "EVENT_CLAIM_IDLE_S", 60.0, problems)
        backlog_max = _positive_int(env, "EVENT_BACKLOG_MAX", 2000, problems)
        busy_after = _positive_float(env, "EVENT_BUSY_AFTER_S", 20.0, problems)
        event_threads = _positive_int(env, "EVENT_THREADS", 3, problems)
        if busy_after > BUSY_AFTER_MAX_S:  # later, the reply token may be too old to answer even "busy"
            problems.append(f"EVENT_BUSY_AFTER_S: at most {BUSY_AFTER_MAX_S:g} s, got {busy_after:g}")
        push_deadline = _positive_float(env, "LINE_PUSH_DEADLINE_S", 20.0, problems)
        retry_backoff = _positive_float(env, "LINE_RETRY_BACKOFF_S", 0.5, problems)
        log_format = env.get("LOG_FORMAT", "json")
        if log_format not in {"json", "text"}:
            problems.append(f"LOG_FORMAT: must be json or text, got {log_format!r}")
        problems.extend(admin_token_problems(env.get("ADMIN_TOKEN"), bool(env.get("LINE_CHANNEL_SECRET")), host))

        if problems:
            raise ConfigError(problems)
        return cls(
            channel_secret=env.get("LINE_CHANNEL_SECRET"),
            channel_access_token=env.get("LINE_CHANNEL_ACCESS_TOKEN"),
            line_api_base_url=base_url.rstrip("/") if base_url else None,
            redis_url=redis_url,
            content_dir=content_dir,
            admin_token=env.get("ADMIN_TOKEN"),
            secret_key=env.get("SECRET_KEY") or _instance_secret(instance_path),
            session_ttl_s=ttl,
            location_valid_s=location_valid,
            port=port,
            instance_path=instance_path,
            content_poll_s=poll,
            line_timeout_s=line_timeout,
            trip_ttl_s=trip_ttl,
            checkin_radius_m=radius,
            checkin_approx_radius_m=approx_radius,
            notices=notices,
            content_auto_publish=auto_publish == "1",
            fact_max_age_years=fact_age,
            host=host,
            replay_window_s=replay,
            event_claim_idle_s=claim_idle,
            event_backlog_max=backlog_max,
            event_busy_after_s=busy_after,
            event_threads=event_threads,
            log_format=log_format,
            line_push_deadline_s=push_deadline,
            line_retry_backoff_s=retry_backoff,
        )


def settings_from(config: Mapping[str, str] | None) -> Settings:
    """Settings from os.environ, overridden key by key by `config` when given."""
    merged: dict[str, str] = dict(os.environ)
    if config:
        merged.update({k: v for k, v in config.items() if v is not None})
    return Settings.from_env(merged)


def beyond_loopback(host: str) -> bool:
    """True when a bind host (or host:port, or a comma-separated list) reaches beyond this machine."""
    for part in host.split(","):
        name = part.strip()
        if name.startswith("unix:") or not name:
            continue
        if name.startswith("["):
            name = name[: name.index("]") + 1] if "]" in name else name
        elif name.count(":") == 1:
            name = name.split(":")[0]
        if name not in LOOPBACK_HOSTS:
            return True
    return False


def admin_token_problems(token: str | None, has_line_secret: bool, host: str) -> list[str]:
    """Why ADMIN_TOKEN is not acceptable here: missing where it must be set, or too weak wherever it is set."""
    if not token:
        if has_line_secret or beyond_loopback(host):
            why = "LINE_CHANNEL_SECRET is set" if has_line_secret else f"the server binds beyond loopback ({host})"
            return [f"ADMIN_TOKEN: required because {why}; {TOKEN_HINT}"]
        return []
    if len(token) < MIN_TOKEN_LENGTH or len(set(token)) < MIN_TOKEN_DISTINCT:
        return [f"ADMIN_TOKEN: too weak (needs at least {MIN_TOKEN_LENGTH} characters, {MIN_TOKEN_DISTINCT} of them "
                f"different); {TOKEN_HINT}"]
    return []


def _is_http_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in {"http", "https"} and bool(parsed.netloc)


def _positive_int(env: Mapping[str, str], name: str, default: int, problems: list[str]) -> int:
    return _positive(env, name, default, int, "an integer", problems)


def _positive_float(env: Mapping[str, str], name: str, default: float, problems: list[str]) -> float:
    return _positive(env, name, default, float, "a number", problems)


def _positive(env: Mapping[str, str], name: str, default: Any, cast: Callable[[str], Any], kind: str,
              problems: list[str]) -> Any:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = cast(raw)
    except ValueError:
        problems.append(f"{name}: not {kind}: {raw!r}")
        return default
    if not value > 0:
        problems.append(f"{name}: must be positive, got {value}")
    return value


def _instance_secret(instance_path: Path) -> str:
    """Read or create the generated Flask secret under instance/ (kept across restarts)."""
    path = instance_path / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    instance_path.mkdir(parents=True, exist_ok=True)
    tmp = instance_path / f"secret_key.{os.getpid()}.tmp"
    tmp.write_text(secrets.token_hex(32))
    os.chmod(tmp, 0o600)
    try:
        os.link(tmp, path)  # atomic create-if-absent: two workers starting together agree on one key
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text().strip()
