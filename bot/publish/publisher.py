"""Publish the working files (valid ones; broken ones stay at their last good version) or roll back to a version."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.catalog.diff import diff_catalogs
from bot.catalog.fact_age import FactAge
from bot.publish.candidate import Candidate, build_candidate
from bot.publish.store import PublishedStore, digest, read_files, write_files

log = logging.getLogger(__name__)
SUMMARY_LINES = 30  # diff lines kept in the change log; the count says how many there were


@dataclass
class Outcome:
    """What a publish did: the candidate, the diff against what citizens saw, and the log entry (None: nothing new)."""

    candidate: Candidate | None
    diff: list[str] = field(default_factory=list)
    entry: dict[str, Any] | None = None


def _changed(old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def _record(diff: list[str], files: list[str], **fields: Any) -> dict[str, Any]:
    return {**fields, "files": files, "changes": len(diff), "summary": diff[:SUMMARY_LINES]}


def preview(content_dir: Path, store: PublishedStore, fact_age: FactAge | None = None) -> Outcome:
    """What `publish` would do now, without doing it (check, diff, preview page)."""
    pointer = store.current()
    published = store.files(pointer.version) if pointer else None
    candidate = build_candidate(content_dir, published, fact_age)
    if not candidate.publishable or candidate.result.catalog is None:
        return Outcome(candidate)
    old = store.catalog(pointer.version) if pointer else None
    return Outcome(candidate, diff_catalogs(old, candidate.result.catalog))


def publish(content_dir: Path, store: PublishedStore, *, by: str, note: str = "", action: str = "publish",
            fact_age: FactAge | None = None) -> Outcome:
    """Publish every valid working file atomically (one pointer swap); broken files keep their last good version."""
    with store.lock():
        pointer = store.current()
        source = digest(read_files(content_dir))
        if action == "auto" and pointer is not None and pointer.source == source:
            return Outcome(None)  # another worker already published (or held back) exactly these files
        outcome = preview(content_dir, store, fact_age)
        candidate = outcome.candidate
        assert candidate is not None
        if candidate.result.catalog is None:
            store.set_stale(candidate.held, source)
            return outcome
        files = _changed(store.files(pointer.version) if pointer else {}, candidate.files)
        if pointer is not None and not files:
            store.set_stale(candidate.held, source)
            return outcome
        outcome.entry = store.publish(candidate.files, candidate.result.catalog, _record(
            outcome.diff, files, action=action, by=by, note=note, held=sorted(candidate.held)), candidate.held,
            source)
    log.info("published content v%d (%s) by %s: %d files, %d changes%s", outcome.entry["id"], action, by,
             len(files), len(outcome.diff), f"; held back: {', '.join(sorted(candidate.held))}" if candidate.held
             else "")
    return outcome


def rollback(store: PublishedStore, version: int, *, by: str, note: str = "",
             restore_into: Path | None = None) -> Outcome:
    """Publish an earlier version again as a new version (history stays linear); KeyError when it does not exist.

    `restore_into` also writes its files over the working folder (auto-publish, where the files are the live
    content: otherwise the next save would undo the rollback)."""
    with store.lock():
        catalog = store.catalog(version) if version in store.versions() else None
        if catalog is None:
            raise KeyError(version)
        files, pointer = store.files(version), store.current()
        old = store.catalog(pointer.version) if pointer else None
        diff = diff_catalogs(old, catalog)
        changed = _changed(store.files(pointer.version) if pointer else {}, files)
        entry = store.publish(files, catalog, _record(diff, changed, action="rollback", to=version, by=by,
                                                      note=note, held=[]), {})
        if restore_into is not None:
            for rel in set(read_files(restore_into)) - set(files):
                (restore_into / rel).unlink(missing_ok=True)
            write_files(files, restore_into)
    log.info("rolled content back to v%d as v%d by %s", version, entry["id"], by)
    return Outcome(None, diff, entry)

