"""The live content: last good Library, its status, snapshot under instance/, and mtime-polling reload."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path

from bot.catalog import Catalog, TourRoute, Venue
from bot.content_loader import content_files, load_catalog
from bot.keywords import Keywords
from bot.library import Library
from bot.places import Places

log = logging.getLogger(__name__)
SNAPSHOT = "content-snapshot.json"


class ContentUnavailable(Exception):
    """Content has errors and no last good snapshot exists: the bot cannot start."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("Content has errors and there is no last good snapshot:\n" + "\n".join(errors))


class ContentState:
    """Holds the Library being served; swaps it atomically when files change and validate."""

    def __init__(self, content_dir: Path, instance_path: Path):
        self.content_dir, self.instance_path = content_dir, instance_path
        self.library: Library | None = None
        self.status = "loading"
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self._seen_files: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()

    @property
    def snapshot_path(self) -> Path:
        """Where the last good catalog is kept."""
        return self.instance_path / SNAPSHOT

    def load_initial(self) -> None:
        """Load the files; on errors fall back to the snapshot (stale), or raise ContentUnavailable."""
        self._seen_files = content_files(self.content_dir)
        result = load_catalog(self.content_dir)
        self.warnings = [str(p) for p in result.warnings]
        if result.catalog is not None:
            self._publish(result.catalog)
            return
        self.errors = [str(p) for p in result.errors]
        catalog = self.read_snapshot()
        if catalog is None:
            raise ContentUnavailable(self.errors)
        log.error("content has %d errors; serving the last good snapshot %s", len(self.errors), catalog.version)
        self.library, self.status = Library.build(catalog), "stale"

    def reload_if_changed(self) -> bool:
        """Reload when any content file was added, removed or modified; True when a new version went live."""
        files = content_files(self.content_dir)
        if files == self._seen_files:
            return False
        with self._lock:
            self._seen_files = files
            result = load_catalog(self.content_dir)
            self.warnings = [str(p) for p in result.warnings]
            if result.catalog is None:
                self.errors, self.status = [str(p) for p in result.errors], "stale"
                log.error("content change rejected (%d errors); still serving %s:\n%s", len(self.errors),
                          self.library.catalog.version if self.library else "-", "\n".join(self.errors))
                return False
            self._publish(result.catalog)
            log.info("content %s is live", result.catalog.version)
            return True

    def watch(self, poll_s: float) -> threading.Thread:
        """Poll file mtimes in a daemon thread (each gunicorn worker runs its own)."""
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

    def _publish(self, catalog: Catalog) -> None:
        library = Library.build(catalog)
        self.library, self.status, self.errors = library, "ok", []  # one reference swap
        self._write_snapshot(catalog)

    def _write_snapshot(self, catalog: Catalog) -> None:
        data = {
            "version": catalog.version,
            "saved_at": time.time(),
            "venues": [v.model_dump(mode="json") for v in catalog.venues.values()],
            "tours": [t.model_dump(mode="json") for t in catalog.tours.values()],
            "places": catalog.places.model_dump(mode="json"),
            "keywords": catalog.keywords.model_dump(mode="json"),
        }
        try:
            self.instance_path.mkdir(parents=True, exist_ok=True)
            tmp = self.snapshot_path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.snapshot_path)
        except OSError:
            log.exception("could not save the content snapshot")

    def read_snapshot(self) -> Catalog | None:
        """The last good catalog saved under instance/, or None."""
        try:
            data = json.loads(self.snapshot_path.read_text(encoding="utf-8"))
            venues = [Venue.model_validate(v) for v in data["venues"]]
            tours = [TourRoute.model_validate(t) for t in data["tours"]]
            return Catalog(venues={v.id: v for v in venues}, tours={t.id: t for t in tours},
                           places=Places.model_validate(data["places"]),
                           keywords=Keywords.model_validate(data["keywords"]), version=data["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
