"""The published content under instance/published/: numbered versions, the CURRENT pointer, and the change log."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.catalog.loader import WATCHED
from bot.catalog.models import Catalog
from bot.publish.snapshot import read_snapshot, snapshot_data

POINTER = "CURRENT"
LOG = "log.jsonl"


@dataclass(frozen=True)
class Pointer:
    """What every worker serves: a version number, and the working files held back at their last good version."""

    version: int
    stale: dict[str, list[str]] = field(default_factory=dict)  # file → its errors
    source: str = ""  # digest of the working files last published or checked (auto-publish skips them)


def read_files(content_dir: Path) -> dict[str, bytes]:
    """Every content file under `content_dir` as {relative path: bytes} (the watched patterns only)."""
    files: dict[str, bytes] = {}
    for pattern in WATCHED:
        for path in sorted(content_dir.glob(pattern)):
            try:
                files[path.relative_to(content_dir).as_posix()] = path.read_bytes()
            except OSError:
                continue
    return files


def digest(files: dict[str, bytes]) -> str:
    """A short fingerprint of a set of files."""
    sha = hashlib.sha256()
    for rel in sorted(files):
        sha.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    return sha.hexdigest()[:16]


def write_files(files: dict[str, bytes], target: Path) -> None:
    """Write {relative path: bytes} under `target` (a folder named like the content folder)."""
    for rel, raw in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class PublishedStore:
    """Versions v000001/… each hold the published files (content/…), catalog.json and meta.json."""

    def __init__(self, instance_path: Path):
        self.root = instance_path / "published"
        self._thread_lock = threading.Lock()

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One publisher at a time across processes (flock) and threads."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self._thread_lock, open(self.root / ".lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def pointer_stamp(self) -> tuple[int, int] | None:
        """(mtime_ns, size) of the pointer: cheap to poll."""
        try:
            stat = (self.root / POINTER).stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def current(self) -> Pointer | None:
        """The published version and its held-back files, or None before the first publish."""
        try:
            data = json.loads((self.root / POINTER).read_text(encoding="utf-8"))
            return Pointer(int(data["version"]), {str(k): list(v) for k, v in data.get("stale", {}).items()},
                           str(data.get("source", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def version_dir(self, version: int) -> Path:
        """Where version `version` is kept."""
        return self.root / f"v{version:06d}"

    def files(self, version: int) -> dict[str, bytes]:
        """The files of a published version."""
        return read_files(self.version_dir(version) / "content")

    def catalog(self, version: int) -> Catalog | None:
        """The validated catalog of a published version (JSON: fast to load in every worker)."""
        return read_snapshot(self.version_dir(version) / "catalog.json")

    def versions(self) -> list[int]:
        """Every version kept, oldest first."""
        return sorted(int(p.name[1:]) for p in self.root.glob("v[0-9]*") if p.name[1:].isdigit())

    def history(self) -> list[dict[str, Any]]:
        """The change log, oldest first."""
        try:
            lines = (self.root / LOG).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]

    def set_stale(self, stale: dict[str, list[str]], source: str = "") -> None:
        """Record which working files are held back, and which working files were looked at (call under lock())."""
        pointer = self.current()
        if pointer is not None and (pointer.stale != stale or pointer.source != source):
            _atomic_write(self.root / POINTER, json.dumps({"version": pointer.version, "stale": stale,
                                                           "source": source}, ensure_ascii=False))

    def publish(self, files: dict[str, bytes], catalog: Catalog, entry: dict[str, Any],
                stale: dict[str, list[str]], source: str = "") -> dict[str, Any]:
        """Keep `files` as the next version, point every worker at it and log `entry` (call under lock())."""
        version = max(self.versions(), default=0) + 1
        final = self.version_dir(version)
        tmp = self.root / f".v{version:06d}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        write_files(files, tmp / "content")
        (tmp / "catalog.json").write_text(json.dumps(snapshot_data(catalog), ensure_ascii=False), encoding="utf-8")
        entry = {"id": version, "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "version": catalog.version, **entry}
        (tmp / "meta.json").write_text(json.dumps(entry, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, final)
        with open(self.root / LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        _atomic_write(self.root / POINTER, json.dumps({"version": version, "stale": stale, "source": source},
                                                      ensure_ascii=False))
        return entry
