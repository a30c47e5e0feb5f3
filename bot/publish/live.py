"""The live content: the published version every worker serves, followed through its pointer, and auto-publish."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import click

from bot.catalog.loader import content_files, load_catalog
from bot.content import Content
from bot.publish import publisher
from bot.publish.store import PublishedStore

log = logging.getLogger(__name__)
# A file changed this recently may still be half-written with the same mtime; look once more next poll.
SETTLE_S = 2.0


class ContentUnavailable(Exception):
    """Nothing was ever published and the working files have errors: the bot cannot start."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("Content has errors and nothing was published yet:\n" + "\n".join(errors))


def _cli_tool() -> bool:
    """True inside a `flask` command other than `run`: a tool that reads content but must not publish it."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.info_name != "run"


class LiveContent:
    """Holds the published Content this worker serves; swaps it atomically when the pointer moves."""

    def __init__(self, content_dir: Path, instance_path: Path, auto_publish: bool = False):
        self.content_dir, self.instance_path, self.auto_publish = content_dir, instance_path, auto_publish
        self.store = PublishedStore(instance_path)
        self.current: Content | None = None
        self.version: int | None = None  # published version number being served
        self.status = "loading"  # ok | stale (some files held back at their last good version) | unavailable
        self.stale_files: dict[str, list[str]] = {}
        self.warnings: list[str] = []
        self.read_only = _cli_tool()  # CLI tools never publish by themselves
        self._seen_files: dict[str, tuple[int, int]] = {}
        self._seen_pointer: tuple[int, int] | None = None
        self._recheck = False
        self._lock = threading.Lock()
        self._stop = threading.Event()

    @property
    def errors(self) -> list[str]:
        """Every error of the held-back files."""
        return [error for errors in self.stale_files.values() for error in errors]

    def load_initial(self) -> None:
        """Serve the published version; publish the files first when nothing was published (or auto-publish)."""
        if self.read_only and self.store.current() is None:
            self._serve_working()
            return
        if not self.read_only and (self.auto_publish or self.store.current() is None):
            self._auto_publish(first=self.store.current() is None)
        self._follow()

    def _serve_working(self) -> None:
        """CLI tools before any publish: the working files, read-only (so `flask ask` works on a fresh clone)."""
        result = load_catalog(self.content_dir)
        self.warnings = [str(p) for p in result.warnings]
        if result.catalog is None:
            self.stale_files = {"-": [str(p) for p in result.errors]}
            self.status = "unavailable"
            return
        self.current, self.status = Content.build(result.catalog), "ok"

    def _auto_publish(self, first: bool = False) -> None:
        started = time.time()
        self._seen_files = content_files(self.content_dir)
        newest = max((mtime for mtime, _ in self._seen_files.values()), default=0) / 1e9
        self._recheck = 0 <= started - newest < SETTLE_S
        try:
            outcome = publisher.publish(self.content_dir, self.store, by="auto" if not first else "first start",
                                        action="auto" if not first else "initial")
        except Exception:  # a bug in a check must not stop the worker; it keeps serving what is published
            log.exception("publishing the content files failed")
            return
        candidate = outcome.candidate
        if first and self.store.current() is None and candidate is not None:
            raise ContentUnavailable([str(p) for p in candidate.working.errors])
        if candidate is not None and candidate.held:
            log.error("content files held back at their last good version:\n%s",
                      "\n".join(e for errors in candidate.held.values() for e in errors))

    def reload_if_changed(self) -> bool:
        """Auto-publish changed files (when on), then follow the pointer; True when a new version went live."""
        if self.auto_publish and not self.read_only:
            files = content_files(self.content_dir)
            if files != self._seen_files or self._recheck:
                self._auto_publish()
        return self._follow()

    def _follow(self) -> bool:
        """Serve the version the pointer names (loaded once per version), with its held-back files."""
        stamp = self.store.pointer_stamp()
        if stamp is not None and stamp == self._seen_pointer:
            return False
        with self._lock:
            pointer = self.store.current()
            if pointer is None:
                return False
            self._seen_pointer = stamp
            self.stale_files = pointer.stale
            self.status = "stale" if pointer.stale else "ok"
            if pointer.version == self.version:
                return False
            catalog = self.store.catalog(pointer.version)
            if catalog is None:
                log.error("published version %d is unreadable; still serving %s", pointer.version, self.version)
                return False
            try:
                content = Content.build(catalog)
            except Exception:  # a half-built index must never replace the good one
                log.exception("building content v%d failed", pointer.version)
                return False
            self.current, self.version = content, pointer.version  # one reference swap
        log.info("content v%d (%s) is live: %d venues, %d tours%s", pointer.version, catalog.version,
                 len(catalog.venues), len(catalog.tours),
                 f"; held back: {', '.join(sorted(pointer.stale))}" if pointer.stale else "")
        return True

    def watch(self, poll_s: float) -> threading.Thread | None:
        """Poll the pointer (and the files, with auto-publish) in a daemon thread; not in CLI tools."""
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
