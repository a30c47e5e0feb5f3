"""load_catalog(dir): read every content file, validate it, and report all problems at once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.catalog import Catalog, TourRoute, Venue
from bot.content_problems import ContentProblem, problems_from, suggest
from bot.keywords import Keywords
from bot.places import Places
from bot.yaml_lines import LinedDocument, YamlSyntaxError, load_lined


@dataclass
class LoadResult:
    """A catalog when the files are valid, and every problem found (errors and warnings)."""

    catalog: Catalog | None
    problems: list[ContentProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[ContentProblem]:
        """Problems that block publishing."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[ContentProblem]:
        """Problems worth a look that do not block publishing."""
        return [p for p in self.problems if p.severity == "warning"]


def content_files(content_dir: Path) -> dict[str, float]:
    """Every content file with its modification time (what live reload watches)."""
    files: dict[str, float] = {}
    for pattern in ("venues/*.yaml", "tours/*.yaml", "events/*.yaml", "places.yaml", "keywords.yaml"):
        for path in sorted(content_dir.glob(pattern)):
            try:
                files[str(path)] = path.stat().st_mtime_ns
            except FileNotFoundError:
                continue
    return files


class _Reader:
    def __init__(self, content_dir: Path):
        self.dir = content_dir
        self.problems: list[ContentProblem] = []
        self.digest = hashlib.sha256()

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.dir.parent))
        except ValueError:
            return str(path)

    def read(self, path: Path) -> LinedDocument | None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problems.append(ContentProblem(self.rel(path), 1, "-", "-", f"อ่านไฟล์ไม่ได้ (cannot read): {exc}"))
            return None
        self.digest.update(self.rel(path).encode() + b"\0" + raw)
        try:
            return load_lined(raw.decode("utf-8"))
        except UnicodeDecodeError:
            self.problems.append(ContentProblem(self.rel(path), 1, "-", "-",
                                                "ไฟล์ต้องบันทึกเป็น UTF-8 (file must be UTF-8)"))
        except YamlSyntaxError as exc:
            self.problems.append(ContentProblem(
                self.rel(path), exc.line, "-", "-",
                f"รูปแบบ YAML ผิดที่คอลัมน์ {exc.column} (YAML syntax error, column {exc.column}): {exc.problem}"))
        return None

    def model(self, cls: type[BaseModel], data: Any, doc: LinedDocument, base: tuple, path: Path,
              item_id: str) -> Any:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(problems_from(exc, doc, base, self.rel(path), item_id, list(cls.model_fields)))
            return None

    def error(self, path: Path, line: int, item_id: str, fld: str, message: str, severity: str = "error"):
        self.problems.append(ContentProblem(self.rel(path), line, item_id, fld, message, severity))


def load_catalog(content_dir: Path) -> LoadResult:
    """Load and validate every file under `content_dir`; the catalog is None when any error exists."""
    reader = _Reader(content_dir)
    venues, venue_lines = _load_venues(reader)
    tours = _load_tours(reader, venues)
    places = _load_single(reader, "places.yaml", Places)
    keywords = _load_single(reader, "keywords.yaml", Keywords) or (None if reader.problems else Keywords())
    if places is not None:
        _check_provinces(reader, venues, venue_lines, places)
    errors = [p for p in reader.problems if p.severity == "error"]
    if errors or places is None or keywords is None:
        return LoadResult(None, reader.problems)
    catalog = Catalog(venues=venues, tours=tours, places=places, keywords=keywords,
                      version=reader.digest.hexdigest()[:12], files=content_files(content_dir))
    return LoadResult(catalog, reader.problems)


def _load_venues(reader: _Reader) -> tuple[dict[str, Venue], dict[str, tuple[Path, int]]]:
    venues: dict[str, Venue] = {}
    where: dict[str, tuple[Path, int]] = {}
    for path in sorted((reader.dir / "venues").glob("*.yaml")):
        doc = reader.read(path)
        if doc is None or doc.data is None:
            continue
        if not isinstance(doc.data, list):
            reader.error(path, 1, "-", "-", "ไฟล์สถานที่ต้องเป็นรายการ (a list of venues, each starting with '- id:')")
            continue
        for i, item in enumerate(doc.data):
            item_id = str(item.get("id", f"#{i + 1}")) if isinstance(item, dict) else f"#{i + 1}"
            venue = reader.model(Venue, item, doc, (i,), path, item_id)
            if venue is None:
                continue
            if venue.id in venues:
                first_path, first_line = where[venue.id]
                reader.error(path, doc.line_of((i, "id")), venue.id, "id",
                             f"รหัสซ้ำกับ {reader.rel(first_path)}:{first_line} (duplicate id)")
                continue
            venues[venue.id] = venue
            where[venue.id] = (path, doc.line_of((i, "id")))
    return venues, where


def _load_tours(reader: _Reader, venues: dict[str, Venue]) -> dict[str, TourRoute]:
    tours: dict[str, TourRoute] = {}
    for path in sorted((reader.dir / "tours").glob("*.yaml")):
        doc = reader.read(path)
        if doc is None or doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            reader.error(path, 1, path.stem, "-", "ไฟล์เส้นทางต้องเป็นชุดข้อมูลเดียว (one tour route per file)")
            continue
        tour = reader.model(TourRoute, doc.data, doc, (), path, str(doc.data.get("id", path.stem)))
        if tour is None:
            continue
        if tour.id in tours or tour.id in venues:
            reader.error(path, doc.line_of(("id",)), tour.id, "id", "รหัสซ้ำ (duplicate id)")
            continue
        for i, stop in enumerate(tour.stops):
            if stop.venue is not None and stop.venue not in venues:
                hint = suggest(stop.venue, set(venues))
                tail = f' — หมายถึง "{hint}" หรือไม่?' if hint else ""
                reader.error(path, doc.line_of(("stops", i, "venue")), tour.id, f"stops[{i}].venue",
                             f'ไม่พบสถานที่รหัส "{stop.venue}" (unknown venue id){tail}')
        tours[tour.id] = tour
    return tours


def _load_single(reader: _Reader, name: str, cls: type[BaseModel]) -> Any:
    path = reader.dir / name
    if not path.exists():
        if cls is Places:
            reader.error(path, 1, "-", "-", "ไม่พบไฟล์ (file missing)")
        return None
    doc = reader.read(path)
    if doc is None:
        return None
    return reader.model(cls, doc.data or {}, doc, (), path, name.removesuffix(".yaml"))


def _check_provinces(reader: _Reader, venues: dict[str, Venue], where: dict[str, tuple[Path, int]],
                     places: Places) -> None:
    names = [p.name_th for p in places.provinces]
    for venue in venues.values():
        if venue.province_th not in names:
            path, line = where[venue.id]
            hint = suggest(venue.province_th, names)
            tail = f' — หมายถึง "{hint}" หรือไม่?' if hint else ""
            reader.error(path, line, venue.id, "province_th",
                         f'ไม่รู้จักจังหวัด "{venue.province_th}" (unknown province){tail}')
