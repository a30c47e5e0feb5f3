"""What publishing the working files would serve: every valid file, and each broken file at its last good version."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bot.catalog.fact_age import FactAge
from bot.catalog.loader import LoadResult, load_catalog
from bot.catalog.problems import ContentProblem
from bot.publish.store import read_files, write_files


@dataclass
class Candidate:
    """The files to publish, their load result (a catalog when publishable), and the files held back with errors."""

    files: dict[str, bytes]
    result: LoadResult
    working: LoadResult  # the working files as they are: every problem, for officers
    held: dict[str, list[str]] = field(default_factory=dict)  # working file → its errors
    changed: list[str] = field(default_factory=list)  # files that differ from the published version

    @property
    def publishable(self) -> bool:
        """True when the candidate loads (some files may be held back)."""
        return self.result.catalog is not None


def file_of(problem: ContentProblem) -> str:
    """The content-relative file a problem is about ('content/venues/x.yaml' → 'venues/x.yaml')."""
    return problem.path.split("/", 1)[1] if "/" in problem.path else problem.path


def load_files(files: dict[str, bytes], name: str, fact_age: FactAge | None = None) -> LoadResult:
    """Load a set of files as if they were a content folder called `name` (so problems name the same paths)."""
    with tempfile.TemporaryDirectory(prefix="rianru-candidate-") as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        write_files(files, folder)
        return load_catalog(folder, fact_age=fact_age)


def build_candidate(content_dir: Path, published: dict[str, bytes] | None,
                    fact_age: FactAge | None = None) -> Candidate:
    """Working files with each broken file replaced by its published version (or left out when never published).

    A file is held back for its own errors, and also when the rest cannot load without its new version
    (e.g. a tour naming a venue that exists only in a held-back file); at worst everything stays published."""
    working = read_files(content_dir)
    result = load_catalog(content_dir, fact_age=fact_age)
    old = published or {}
    changed = sorted(k for k in working.keys() | old.keys() if working.get(k) != old.get(k))
    if result.catalog is not None:
        return Candidate(working, result, result, {}, changed)
    held: dict[str, list[str]] = {}
    for problem in result.errors:
        held.setdefault(file_of(problem), []).append(str(problem))
    attempt = result
    for _ in range(len(working) + 1):
        files = {k: v for k, v in working.items() if k not in held}
        files.update({k: old[k] for k in held if k in old})
        attempt = load_files(files, content_dir.name, fact_age)
        if attempt.catalog is not None:
            return Candidate(files, attempt, result, held, changed)
        more = {file_of(p): p for p in attempt.errors if file_of(p) not in held and file_of(p) in working}
        if not more:
            break
        for rel, problem in more.items():
            held.setdefault(rel, []).append(str(problem))
    held.update({k: held.get(k, ["ยังเผยแพร่ไม่ได้เพราะไฟล์อื่นมีข้อผิดพลาด (held back with the broken files)"])
                 for k in changed})
    return Candidate(dict(old), load_files(old, content_dir.name) if old else attempt, result, held, changed)
