"""The live content: last good Content, its status, snapshot under instance/, and mtime-polling reload."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path

import click

from bot.catalog.keywords import Keywords
from bot.catalog.loader import LoadResult, content_files, load_catalog
from bot.catalog.models import Catalog, TourRoute, Venue
from bot.catalog.places import Places
from bot.catalog.problems import ContentProblem
from bot.content import Content

log = logging.getLogger(__name__)
SNAPSHOT = "content-snapshot.json"
# A file changed this recently may still be half-written with the same mtime; look once more next poll.
SETTLE_S = 2.0


class ContentUnavailable(Exception):
    """Content has errors and no last good snapshot exists: the bot cannot start."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("Content has errors and there is no last good snapshot:\n" + "\n".join(errors))


def _cli_tool() -> bool:
    """True inside a `flask` command other than `run`: a tool that reads content but must not publish it."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.info_name != "run"


class LiveContent:
    """Holds the Content being served; swaps it atomically when files change and validate."""

    def __init__(self, content_dir: Path, instance_path: Path):
        self.content_dir, self.instance_path = content_dir, instance_path
        self.current: Content | None = None
        self.status = "loading"  # ok | stale (serving older content; see errors) | unavailable
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.read_only = _cli_tool()  # CLI tools never overwrite the running server's snapshot
        self._seen_files: dict[str, tuple[int, int]] = {}
        self._recheck = False
        self._lock = threading.Lock()
        self._stop = threading.Event()

    @property
    def snapshot_path(self) -> Path:
        """Where the last good catalog is kept."""
        return self.instance_path / SNAPSHOT

    def load_initial(self) -> None:
        """Load the files; on errors fall back to the snapshot (stale), or raise ContentUnavailable."""
        with self._lock:
            if self._load():
                return
        catalog = self.read_snapshot()
        if catalog is not None:
            log.error("content has %d errors; serving the last good snapshot %s:\n%s", len(self.errors),
                      catalog.version, "\n".join(self.errors))
            self.current = Content.build(catalog)
            return
        if not self.read_only:
            raise ContentUnavailable(self.errors)
        self.status = "unavailable"  # let `flask content check` run and explain the errors

    def reload_if_changed(self) -> bool:
        """Reload when any content file was added, removed or modified; True when a new version went live."""
        files = content_files(self.content_dir)
        if files == self._seen_files and not self._recheck:
            return False
        with self._lock:
            return self._load()

    def _load(self) -> bool:
        """Validate the files and publish them when valid; else keep serving and mark stale."""
        started = time.time()
        self._seen_files = content_files(self.content_dir)
        newest = max((mtime for mtime, _ in self._seen_files.values()), default=0) / 1e9
        self._recheck = 0 <= started - newest < SETTLE_S
        try:
            result = load_catalog(self.content_dir)
        except Exception as exc:  # a bug in a check must not leave the watcher believing all is well
            log.exception("reading content failed")
            result = LoadResult(None, [ContentProblem(str(self.content_dir), 1, "-", "-", f"cannot load: {exc!r}")])
        self.warnings = [str(p) for p in result.warnings]
        if result.catalog is None:
            errors = [str(p) for p in result.errors]
            if self.current is not None and errors != self.errors:  # startup logs its own message
                log.error("content change rejected (%d errors); still serving %s:\n%s", len(errors),
                          self.current.catalog.version, "\n".join(errors))
            self.errors, self.status = errors, "stale"
            return False
        current = self.current.catalog.version if self.current else None
        if result.catalog.version == current:
            self.status, self.errors = "ok", []
            return False
        try:
            content = Content.build(result.catalog)
        except Exception as exc:  # a half-built index must never replace the good one
            log.exception("building content %s failed", result.catalog.version)
            self.errors, self.status = [f"content: index build failed: {exc!r}"], "stale"
            return False
        self.current, self.status, self.errors = content, "ok", []  # one reference swap
        self._write_snapshot(result.catalog)
        log.info("content %s is live (%d venues, %d tours, %d warnings; newest file changed %.1f s ago)",
                 result.catalog.version, len(result.catalog.venues), len(result.catalog.tours), len(self.warnings),
                 time.time() - newest)
        return True

    def watch(self, poll_s: float) -> threading.Thread | None:
        """Poll file mtimes in a daemon thread (each gunicorn worker runs its own); not in CLI tools."""
        if self.read_only:
            return None

        def loop() -> None:
            while not self._stop.wait(poll_s):
                try:
                    self.reload_if_changed()
                except Exception:  # a watcher that dies would silently freeze content
                    log.exception("content reload failed")

        thread = threading.Thread(target=loop, name="content-watcher", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """Stop the watcher."""
        self._stop.set()

    def _write_snapshot(self, catalog: Catalog) -> None:
        if self.read_only:
            return
        try:
            self.instance_path.mkdir(parents=True, exist_ok=True)
            tmp = self.snapshot_path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(json.dumps(snapshot_data(catalog), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.snapshot_path)
        except OSError:
            log.exception("could not save the content snapshot")

    def read_snapshot(self) -> Catalog | None:
        """The last good catalog saved under instance/, or None."""
        return read_snapshot(self.snapshot_path)


def snapshot_data(catalog: Catalog) -> dict:
    """The JSON-ready form of a catalog kept in instance/content-snapshot.json."""
    return {
        "version": catalog.version,
        "saved_at": time.time(),
        "venues": [v.model_dump(mode="json") for v in catalog.venues.values()],
        "tours": [t.model_dump(mode="json") for t in catalog.tours.values()],
        "places": catalog.places.model_dump(mode="json"),
        "keywords": catalog.keywords.model_dump(mode="json"),
    }


def read_snapshot(path: Path) -> Catalog | None:
    """The catalog saved at `path`, or None when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        venues = [Venue.model_validate(v) for v in data["venues"]]
        tours = [TourRoute.model_validate(t) for t in data["tours"]]
        return Catalog(venues={v.id: v for v in venues}, tours={t.id: t for t in tours},
                       places=Places.model_validate(data["places"]),
                       keywords=Keywords.model_validate(data["keywords"]), version=data["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
