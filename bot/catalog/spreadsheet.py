"""The officers' spreadsheet (venues.csv): rows → venue data with row numbers, and venues → rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, TextIO

from bot.catalog.hours import hours_cell, parse_hours
from bot.catalog.models import Venue
from bot.catalog.problems import ContentProblem, did_you_mean
from bot.catalog.yaml_lines import LinedDocument

# The columns of the researched spreadsheet (shared/data/venues.csv); lists are joined by "|".
BASE_COLUMNS = ("id", "name_th", "name_en", "aliases", "type", "network", "province_th", "district_th",
                "address_th", "lat", "lon", "opening_hours", "phone", "website", "topics", "audience", "source")
# Structured fields the base columns cannot hold; `hours` and `sources` replace the free-text columns.
EXTRA_COLUMNS = ("location_precision", "hours", "closed_on_public_holidays", "hours_note_th", "image",
                 "sources", "note")
COLUMNS = BASE_COLUMNS + EXTRA_COLUMNS
LIST_FIELDS = ("aliases", "topics", "audience")
REQUIRED = ("id", "name_th", "type", "province_th")
# Either column may hold the value; the first is what export writes.
ALTERNATIVES = {"hours": "opening_hours", "sources": "source"}

_BOOL = {"true": True, "yes": True, "ใช่": True, "ปิด": True, "false": False, "no": False, "ไม่": False}


def sheet_reader(text: str, name: str, columns: tuple[str, ...], required: tuple[str, ...]
                 ) -> tuple[csv.DictReader, list[ContentProblem]]:
    """A CSV reader with lower-cased headers, and the problems of its header row (unknown or missing columns)."""
    problems: list[ContentProblem] = []
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = header
    for column in header:
        if column and column not in columns:
            problems.append(ContentProblem(name, 1, "-", column, "ไม่รู้จักคอลัมน์นี้ ข้อมูลในคอลัมน์จะหายไป "
                                                                  f"(unknown column){did_you_mean(column, columns)}"))
    problems += [ContentProblem(name, 1, "-", c, "ไม่มีคอลัมน์ที่ต้องมี (required column missing)")
                 for c in required if c not in header]
    return reader, problems


def read_rows(text: str, name: str) -> tuple[LinedDocument, list[ContentProblem]]:
    """Spreadsheet text → a document of venue dicts whose every path points at its CSV row line."""
    reader, problems = sheet_reader(text, name, COLUMNS, REQUIRED)
    doc = LinedDocument(data=[])
    line = reader.line_num + 1
    for row in reader:
        cells = {k: (v or "").strip() for k, v in row.items() if k in COLUMNS and isinstance(v, str | None)}
        if any(cells.values()):
            item, row_problems = _venue_data(cells, name, line)
            doc.lines[(len(doc.data),)] = line
            doc.data.append(item)
            problems += row_problems
            if any(str(v).strip() for v in row.get(None) or []):
                problems.append(ContentProblem(name, line, cells.get("id") or "-", "-",
                                               "แถวนี้มีช่องมากกว่าหัวตาราง ตรวจเครื่องหมาย , ในข้อความ "
                                               "(more cells than columns)"))
        line = reader.line_num + 1
    return doc, problems


def _venue_data(cells: dict[str, str], name: str, line: int) -> tuple[dict[str, Any], list[ContentProblem]]:
    item: dict[str, Any] = {}
    problems: list[ContentProblem] = []
    item_id = cells.get("id") or "-"
    for column, value in cells.items():
        if not value or column in ALTERNATIVES.values() or column in ALTERNATIVES:
            continue
        if column in LIST_FIELDS:
            item[column] = [part.strip() for part in value.split("|") if part.strip()]
        elif column == "closed_on_public_holidays":
            item[column] = _BOOL.get(value.lower(), value)
        else:
            item[column] = value
    for column, legacy in ALTERNATIVES.items():
        value, old = cells.get(column, ""), cells.get(legacy, "")
        if value and old:
            problems.append(ContentProblem(name, line, item_id, legacy, f"กรอกได้ช่องเดียว: {column} หรือ {legacy} "
                                                                        f"(fill in only one of {column}, {legacy})"))
        if column == "sources" and (value or old):
            item["sources"] = [s.strip() for s in (value.split("|") if value else old.split(" ; ")) if s.strip()]
        elif column == "hours" and (value or old):
            hours, notes, unreadable = parse_hours(value or old)
            item["hours"] = hours
            if notes:
                item["hours_note_th"] = " · ".join([*filter(None, [item.get("hours_note_th")]), *notes])
            for text in unreadable:
                problems.append(ContentProblem(name, line, item_id, "hours",
                                               f'อ่านเวลาเปิด "{text}" ไม่ได้ ใช้รูปแบบ "tue-sun 09:00-18:00" หรือ '
                                               f'"อังคาร–อาทิตย์ 09:00–18:00" (cannot read opening hours)'))
    return item, problems


def venue_row(venue: Venue) -> dict[str, str]:
    """One venue as a spreadsheet row (every field, nothing lost)."""
    data = venue.model_dump()
    row = {column: "" for column in COLUMNS}
    for key, value in data.items():
        if key in LIST_FIELDS or key == "sources":
            row[key] = "|".join(value)
        elif key == "hours":
            row[key] = hours_cell(venue.hours)
        elif isinstance(value, bool):
            row[key] = "true" if value else "false"
        elif value is not None:
            row[key] = str(value)
    return row


def write_rows(venues: list[Venue], target: TextIO | Path) -> None:
    """Write venues as CSV (UTF-8 with a byte-order mark, so Excel shows Thai) to a file or stream."""
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            write_rows(venues, handle)
        return
    writer = csv.DictWriter(target, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for venue in venues:
        writer.writerow(venue_row(venue))
