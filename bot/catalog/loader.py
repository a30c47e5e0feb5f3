"""load_catalog(dir): read every content file, validate it, and report all problems at once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.catalog.checks import check_keywords, check_tours, check_venues
from bot.catalog.events import Event, check_events
from bot.catalog.fact_age import FactAge, check_fact_age
from bot.catalog.keywords import Keywords
from bot.catalog.models import Catalog, TourRoute, Venue
from bot.catalog.places import Places
from bot.catalog.problems import ContentProblem, Located, field_name, problems_from
from bot.catalog.yaml_lines import LinedDocument, YamlSyntaxError, load_lined
from bot.heap import collector_paused

WATCHED = ("venues/*.yaml", "tours/*.yaml", "events/*.yaml", "places.yaml", "keywords.yaml")
_RAW_ID = re.compile(r"^\s*(?:-\s+)?id:\s*['\"]?([a-z0-9][a-z0-9-]*)", re.MULTILINE)


@dataclass
class LoadResult:
    """A catalog when the files are valid, and every problem found (errors and warnings)."""

    catalog: Catalog | None
    problems: list[ContentProblem] = field(default_factory=list)
    where: dict[str, tuple[str, int]] = field(default_factory=dict)  # venue or tour id → (path, line)

    @property
    def errors(self) -> list[ContentProblem]:
        """Problems that block publishing."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[ContentProblem]:
        """Problems worth a look that do not block publishing."""
        return [p for p in self.problems if not p.is_error]


def content_files(content_dir: Path) -> dict[str, tuple[int, int]]:
    """Every content file with its modification time and size (what live reload watches)."""
    files: dict[str, tuple[int, int]] = {}
    for pattern in WATCHED:
        for path in sorted(content_dir.glob(pattern)):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            files[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return files


class _Reader:
    def __init__(self, content_dir: Path):
        self.dir = content_dir
        self.problems: list[ContentProblem] = []
        self.digest = hashlib.sha256()
        self.first_seen: dict[str, str] = {}  # id → "path:line", valid or not, so duplicates always show
        self.known_ids: set[str] = set()  # ids seen even in invalid files, so stops do not cascade

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.dir.parent))
        except ValueError:
            return str(path)

    def read(self, path: Path) -> LinedDocument | None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.error(self.rel(path), 1, "-", "-", f"อ่านไฟล์ไม่ได้ (cannot read): {exc}")
            return None
        self.digest.update(self.rel(path).encode() + b"\0" + raw)
        try:
            doc = load_lined(raw.decode("utf-8"))
        except UnicodeDecodeError:
            self.error(self.rel(path), 1, "-", "-", "ไฟล์ต้องบันทึกเป็น UTF-8 (file must be UTF-8)")
            return None
        except YamlSyntaxError as exc:
            self.known_ids.update(_RAW_ID.findall(raw.decode("utf-8", "replace")))
            self.error(self.rel(path), exc.line, "-", "-",
                       f"รูปแบบ YAML ผิดที่บรรทัด {exc.line} คอลัมน์ {exc.column} — ตรวจการย่อหน้า เครื่องหมาย : "
                       f"และเครื่องหมายคำพูด (YAML syntax error, line {exc.line} column {exc.column}): {exc.problem}")
            return None
        for fields, line in doc.duplicates:
            self.error(self.rel(path), line, "-", field_name(fields),
                       "ช่องนี้ซ้ำในรายการเดียวกัน ระบบจะใช้ค่าสุดท้ายเท่านั้น (duplicate field)")
        return doc

    def model(self, cls: type[BaseModel], doc: LinedDocument, base: tuple, rel: str, item_id: str,
              partial: dict[str, Located] | None = None) -> Any:
        """The validated item, or None with every problem recorded (also those hidden behind the first ones)."""
        data = doc.data
        for key in base:
            data = data[key]
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(problems_from(exc, doc, base, rel, item_id, list(cls.model_fields)))
            rest = _without_bad_fields(cls, data, exc)
        if rest is not None:  # checks that need the whole item (lat with lon, province) still run on the rest
            try:
                item = cls.model_validate(rest)
            except ValidationError as exc:
                self.problems.extend(p for p in problems_from(exc, doc, base, rel, item_id, list(cls.model_fields))
                                     if not p.message.startswith("ต้องระบุช่องนี้"))
                item = _quietly(cls, {k: v for k, v in rest.items() if k not in _PAIRED})
            if item is not None and partial is not None:
                partial[item_id] = Located(item, rel, doc, base)
        return None

    def error(self, rel: str, line: int, item_id: str, fld: str, message: str) -> None:
        self.problems.append(ContentProblem(rel, line, item_id, fld, message))

    def claim(self, item_id: str, rel: str, line: int) -> bool:
        """Record where an id is defined; False (and an error here) when an earlier item has it."""
        self.known_ids.add(item_id)
        if item_id in self.first_seen:
            self.error(rel, line, item_id, "id", f"รหัสซ้ำกับ {self.first_seen[item_id]} — รหัสต้องไม่ซ้ำกันทุกไฟล์ "
                                                 f"(duplicate id)")
            return False
        self.first_seen[item_id] = f"{rel}:{line}"
        return True


def _quietly(cls: type[BaseModel], data: dict[str, Any]) -> Any:
    try:
        return cls.model_validate(data)
    except ValidationError:
        return None


_STAND_INS = {"type": "other", "name_th": "-"}
_PAIRED = {"lat": "lon", "lon": "lat"}


def _without_bad_fields(cls: type[BaseModel], data: Any, exc: ValidationError) -> dict[str, Any] | None:
    """The item with its invalid top-level fields dropped, to find further problems; None when nothing is left."""
    if not isinstance(data, dict):
        return None
    bad = {err["loc"][0] for err in exc.errors() if err["loc"]}
    bad |= {_PAIRED[name] for name in bad if name in _PAIRED}  # an invalid lat must not read as a lone lon
    if not bad or not bad.isdisjoint({"id"}):
        return None
    rest = {k: v for k, v in data.items() if k not in bad and k in cls.model_fields}
    for name in bad:  # a required field gets a harmless stand-in, so the other checks run at all
        info = cls.model_fields.get(str(name))
        if info is not None and info.is_required():
            if name not in _STAND_INS:
                return None
            rest[str(name)] = _STAND_INS[str(name)]
    return rest


def load_catalog(content_dir: Path, venue_docs: list[tuple[str, LinedDocument]] | None = None,
                 event_docs: list[tuple[str, LinedDocument]] | None = None, fact_age: FactAge | None = None
                 ) -> LoadResult:
    """Load and validate every file under `content_dir`; the catalog is None when any error exists.

    `venue_docs` / `event_docs` (name, document) replace venues/*.yaml / events/*.yaml, e.g. imported rows;
    `fact_age` also warns about hours and phone numbers whose source is older than its limit."""
    with collector_paused():
        return _load(content_dir, venue_docs, event_docs, fact_age)


def _load(content_dir: Path, venue_docs: list[tuple[str, LinedDocument]] | None,
          event_docs: list[tuple[str, LinedDocument]] | None, fact_age: FactAge | None) -> LoadResult:
    reader = _Reader(content_dir)
    places = (_load_single(reader, "places.yaml", Places) or (None,))[0]
    keywords = _load_single(reader, "keywords.yaml", Keywords)
    venues: dict[str, Located] = {}
    partial: dict[str, Located] = {}  # invalid venues minus their bad fields: checked for the rest of their problems
    if venue_docs is None:
        # One file at a time, its plain data dropped once validated: all files' data at once (~3 KB a venue) left
        # the heap fragmented after loading 100k venues, doubling the resident memory the catalog needs.
        for path in sorted((content_dir / "venues").glob("*.yaml")):
            if (doc := reader.read(path)) is not None:
                _add_venues(reader, reader.rel(path), doc, venues, partial)
                doc.data = None
    else:
        for rel, doc in venue_docs:
            _add_venues(reader, rel, doc, venues, partial)
    venue_ids_seen = set(reader.known_ids)  # including invalid venues, so their stops do not cascade
    tours = _load_tours(reader)
    events = _load_events(reader, event_docs)
    if places is not None:
        reader.problems.extend(check_venues({**partial, **venues}, places))
    if fact_age is not None:
        reader.problems.extend(check_fact_age(venues, fact_age))
    reader.problems.extend(check_tours(tours, set(venues), venue_ids_seen, places))
    reader.problems.extend(check_events(events, venue_ids_seen, places))
    if keywords is not None:
        reader.problems.extend(check_keywords(*keywords, reader.rel(content_dir / "keywords.yaml")))
    where = {k: (v.path, v.line()) for k, v in {**venues, **tours}.items()}
    if any(p.is_error for p in reader.problems) or places is None or keywords is None:
        return LoadResult(None, reader.problems, where)
    catalog = Catalog(venues={k: v.item for k, v in venues.items()}, tours={k: t.item for k, t in tours.items()},
                      places=places, keywords=keywords[0],
                      events=tuple(sorted((e.item for e in events.values()), key=lambda e: e.id)),
                      version=reader.digest.hexdigest()[:12])
    return LoadResult(catalog, reader.problems, where)


def _add_venues(reader: _Reader, rel: str, doc: LinedDocument, venues: dict[str, Located],
                partial: dict[str, Located]) -> None:
    if doc.data is None:
        return
    if not isinstance(doc.data, list):
        reader.error(rel, 1, "-", "-", "ไฟล์สถานที่ต้องเป็นรายการ แต่ละแห่งขึ้นต้นด้วย '- id:' (a list of venues)")
        return
    for i, item in enumerate(doc.data):
        item_id = str(item.get("id") or f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        if isinstance(item, dict) and item.get("id") and not reader.claim(item_id, rel, doc.line_of((i, "id"))):
            reader.model(Venue, doc, (i,), rel, item_id)  # its other problems too, not only the duplicate id
            continue
        venue = reader.model(Venue, doc, (i,), rel, item_id, partial)
        if venue is not None:
            venues[venue.id] = Located(venue, rel, doc, (i,))


def _load_events(reader: _Reader, docs: list[tuple[str, LinedDocument]] | None) -> dict[str, Located]:
    events: dict[str, Located] = {}
    if docs is None:
        paths = sorted((reader.dir / "events").glob("*.yaml"))
        docs = [(reader.rel(p), doc) for p in paths if (doc := reader.read(p)) is not None]
    for rel, doc in docs:
        if doc.data is None:
            continue
        if not isinstance(doc.data, list):
            reader.error(rel, 1, "-", "-", "ไฟล์กิจกรรมต้องเป็นรายการ แต่ละรายการขึ้นต้นด้วย '- id:' (a list of events)")
            continue
        for i, item in enumerate(doc.data):
            item_id = str(item.get("id") or f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
            if isinstance(item, dict) and item.get("id") and not reader.claim(item_id, rel, doc.line_of((i, "id"))):
                continue
            event = reader.model(Event, doc, (i,), rel, item_id)
            if event is not None:
                events[event.id] = Located(event, rel, doc, (i,))
    return events


def _load_tours(reader: _Reader) -> dict[str, Located]:
    tours: dict[str, Located] = {}
    for path in sorted((reader.dir / "tours").glob("*.yaml")):
        doc, rel = reader.read(path), reader.rel(path)
        if doc is None or doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            reader.error(rel, 1, path.stem, "-", "ไฟล์เส้นทางต้องมีเส้นทางเดียว แบบ key: value (one tour per file)")
            continue
        item_id = str(doc.data.get("id") or path.stem)
        if doc.data.get("id") and not reader.claim(item_id, rel, doc.line_of(("id",))):
            continue
        tour = reader.model(TourRoute, doc, (), rel, item_id)
        if tour is not None:
            tours[tour.id] = Located(tour, rel, doc)
    return tours


def _load_single(reader: _Reader, name: str, cls: type[BaseModel]) -> tuple[Any, LinedDocument] | None:
    path, rel = reader.dir / name, reader.rel(reader.dir / name)
    if not path.exists():
        if cls is Places:
            reader.error(rel, 1, "-", "-", "ไม่พบไฟล์ places.yaml (file missing)")
            return None
        return cls(), LinedDocument({})
    doc = reader.read(path)
    if doc is None:
        return None
    doc.data = doc.data or {}
    model = reader.model(cls, doc, (), rel, name.removesuffix(".yaml"))
    return None if model is None else (model, doc)
