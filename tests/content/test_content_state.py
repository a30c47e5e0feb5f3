"""Live content inside one process (auto-publish): changed, added, removed files; held-back broken files; restarts."""

from __future__ import annotations

import time
from pathlib import Path

import click
import pytest

from bot.catalog.loader import load_catalog
from bot.publish.live import ContentUnavailable, LiveContent
from tests.conftest import BEARER
from tests.content.conftest import replace_after

KK = "venues/khon-kaen.yaml"
OLD_NAME = "ศาลาไหมไทย (อาคารเฉลิมพระเกียรติ 60 พรรษา มหาราชินี)"
NEW_VENUE = """- id: yl-test-new
  name_th: สถานที่ใหม่ทดสอบ
  type: museum
  province_th: ยะลา
  lat: 6.54
  lon: 101.28
"""


PUBLISHED = Path("published")


def _state(content: Path, tmp_path: Path) -> LiveContent:
    state = LiveContent(content, tmp_path / "instance", auto_publish=True)
    state.load_initial()
    return state


def _break(content: Path) -> int:
    return replace_after(content, KK, "- id: kk-sala-mai-thai", "  type: museum", "  type: museum: oops")


def test_changed_added_and_removed_files_go_live(content_copy: Path, tmp_path: Path) -> None:
    state = _state(content_copy, tmp_path)
    assert state.status == "ok" and (tmp_path / "instance" / PUBLISHED / "CURRENT").exists()
    replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", "name_th: ศาลาไหมไทย ชื่อใหม่")
    assert state.reload_if_changed()
    assert state.current.catalog.venues["kk-sala-mai-thai"].name_th == "ศาลาไหมไทย ชื่อใหม่"
    (content_copy / "venues" / "zz-test.yaml").write_text(NEW_VENUE, encoding="utf-8")
    assert state.reload_if_changed() and "yl-test-new" in state.current.catalog.venues
    (content_copy / "venues" / "zz-test.yaml").unlink()
    assert state.reload_if_changed() and "yl-test-new" not in state.current.catalog.venues
    assert not state.reload_if_changed() and state.status == "ok"  # unchanged files: nothing to do


def test_a_broken_change_is_rejected_until_fixed(content_copy: Path, tmp_path: Path) -> None:
    state = _state(content_copy, tmp_path)
    good, versions = state.current, state.store.versions()
    line = _break(content_copy)
    assert not state.reload_if_changed()
    assert state.current is good and state.status == "stale"
    assert any(e.startswith(f"content/{KK}:{line}: ") for e in state.errors), state.errors
    assert list(state.stale_files) == [KK]
    assert state.store.versions() == versions  # only good content is published
    replace_after(content_copy, KK, None, "  type: museum: oops", "  type: museum")
    state.reload_if_changed()
    assert state.status == "ok" and state.errors == []


def test_startup_with_broken_files_serves_the_last_good_version(content_copy: Path, tmp_path: Path) -> None:
    version = _state(content_copy, tmp_path).current.catalog.version
    _break(content_copy)
    restarted = _state(content_copy, tmp_path)
    assert restarted.status == "stale" and restarted.current.catalog.version == version
    assert restarted.errors and "khon-kaen.yaml" in restarted.errors[0]


def test_startup_without_anything_publishable_refuses(content_copy: Path, tmp_path: Path) -> None:
    line = replace_after(content_copy, "places.yaml", None, "provinces:", "provinces: [")
    with pytest.raises(ContentUnavailable) as caught:
        _state(content_copy, tmp_path)
    assert f"content/places.yaml:{line}" in str(caught.value) or "places.yaml" in str(caught.value)


def test_first_start_with_a_broken_file_serves_every_other_file(content_copy: Path, tmp_path: Path) -> None:
    _break(content_copy)
    state = _state(content_copy, tmp_path)
    assert state.status == "stale" and KK in state.stale_files
    assert "kk-sala-mai-thai" not in state.current.catalog.venues  # never published: left out, not guessed
    assert "tk-bkk-centralworld" in state.current.catalog.venues
    assert not any(t.startswith("rt-kk-") for t in state.current.catalog.tours)  # its stops are held back too


def test_cli_tools_never_publish_and_still_start(content_copy: Path, tmp_path: Path) -> None:
    with click.Context(click.Command("content")):
        state = _state(content_copy, tmp_path)
        assert state.status == "ok" and not (tmp_path / "instance" / PUBLISHED).exists()
        assert state.watch(0.1) is None
        _break(content_copy)
        broken = _state(content_copy, tmp_path)
    assert broken.status == "unavailable" and broken.current is None and broken.errors


def test_the_watcher_notices_a_change(content_copy: Path, tmp_path: Path) -> None:
    state = _state(content_copy, tmp_path)
    state.watch(0.05)
    try:
        replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", "name_th: ชื่อจากตัวเฝ้าไฟล์")
        deadline = time.monotonic() + 5
        while state.current.catalog.venues["kk-sala-mai-thai"].name_th != "ชื่อจากตัวเฝ้าไฟล์":
            assert time.monotonic() < deadline, "the watcher did not reload"
            time.sleep(0.05)
    finally:
        state.stop()


def test_healthz_shows_stale_with_the_errors(content_copy: Path, make_app) -> None:
    app = make_app(CONTENT_DIR=str(content_copy), CONTENT_AUTO_PUBLISH="1")
    content, client = app.extensions["rianru"].live, app.test_client()
    assert client.get("/healthz", headers=BEARER).get_json()["content"]["status"] == "ok"
    served = len(load_catalog(content_copy).catalog.venues)
    assert served > 300
    line = _break(content_copy)
    content.reload_if_changed()
    body = client.get("/healthz", headers=BEARER).get_json()["content"]
    assert body["status"] == "stale" and body["venues"] == served, "the last good content (every venue) is still served"
    assert any(e.startswith(f"content/{KK}:{line}: ") for e in body["errors"])
    assert list(body["stale_files"]) == [KK]
