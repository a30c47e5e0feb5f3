"""Settings: every problem reported in one ConfigError, nothing required to start, a stable generated secret."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.app import create_app
from bot.config import VARIABLES, ConfigError, Settings
from tests.conftest import close_app


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No RianRu variable from the developer's shell or CI leaks into these tests."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_all_invalid_values_are_reported_together(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({
            "LINE_API_BASE_URL": "api.line.me/without-scheme",
            "SESSION_TTL_S": "half an hour",
            "PORT": "eighty",
            "INSTANCE_PATH": str(tmp_path),
        })
    problems = caught.value.problems
    assert len(problems) == 3, problems
    for name in ("LINE_API_BASE_URL", "SESSION_TTL_S", "PORT"):
        assert sum(p.startswith(name) for p in problems) == 1, (name, problems)
        assert name in str(caught.value)


@pytest.mark.parametrize(("name", "value"), [
    ("LINE_API_BASE_URL", "ftp://api.line.me"),
    ("LINE_API_BASE_URL", "http://"),
    ("REDIS_URL", "localhost:6379"),
    ("SESSION_TTL_S", "0"),
    ("SESSION_TTL_S", "-5"),
    ("SESSION_TTL_S", "1.5"),
    ("PORT", "70000"),
    ("PORT", "0"),
    ("CONTENT_POLL_S", "soon"),
    ("LINE_TIMEOUT_S", "0"),
    ("CONTENT_DIR", "/no/such/content/dir"),
    ("CONTENT_AUTO_PUBLISH", "yes"),
    ("CONTENT_FACT_MAX_AGE_YEARS", "0"),
])
def test_each_invalid_value_is_named(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({name: value, "INSTANCE_PATH": str(tmp_path)})
    assert [p.split(":")[0] for p in caught.value.problems] == [name]
    assert value in caught.value.problems[0]


def test_create_app_refuses_invalid_configuration_before_loading_anything(tmp_path: Path, clean_env: None) -> None:
    with pytest.raises(ConfigError) as caught:
        create_app({"INSTANCE_PATH": str(tmp_path), "SESSION_TTL_S": "x", "PORT": "y",
                    "LINE_API_BASE_URL": "nope"}, watch=False)
    assert len(caught.value.problems) == 3


def test_valid_values_are_used(tmp_path: Path) -> None:
    settings = Settings.from_env({
        "LINE_API_BASE_URL": "http://127.0.0.1:9999/", "SESSION_TTL_S": "600", "PORT": "8080",
        "LINE_TIMEOUT_S": "2.5", "REDIS_URL": "redis://localhost:6379/1", "INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "given", "UNRELATED": "ignored",
    })
    assert settings.line_api_base_url == "http://127.0.0.1:9999"
    assert (settings.session_ttl_s, settings.port, settings.line_timeout_s) == (600, 8080, 2.5)
    assert settings.secret_key == "given"


def test_empty_values_count_as_unset(tmp_path: Path) -> None:
    settings = Settings.from_env({"LINE_CHANNEL_SECRET": "", "PORT": "", "INSTANCE_PATH": str(tmp_path)})
    assert settings.channel_secret is None
    assert settings.port == 8000


def test_nothing_is_required_and_the_generated_secret_key_is_stable(tmp_path: Path, clean_env: None) -> None:
    instance = tmp_path / "instance"
    first = create_app({"INSTANCE_PATH": str(instance)}, watch=False)
    settings = first.extensions["rianru"].settings
    assert settings.channel_secret is None and settings.channel_access_token is None
    assert settings.redis_url is None  # embedded Redis, started only when first used
    key_file = instance / "secret_key"
    assert key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.test_client().post("/callback", data=b"{}").status_code == 503  # webhook off without a secret

    second = create_app({"INSTANCE_PATH": str(instance)}, watch=False)
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]
    assert not list(instance.glob("secret_key.*.tmp"))
    for app in (first, second):
        close_app(app)


def test_an_explicit_secret_key_wins(tmp_path: Path) -> None:
    settings = Settings.from_env({"SECRET_KEY": "from-env", "INSTANCE_PATH": str(tmp_path)})
    assert settings.secret_key == "from-env"
    assert not (tmp_path / "secret_key").exists()
