"""Content problems in the officers' format `path:line: <id>: <field>: <message>` (Thai, English field)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.catalog.yaml_lines import LinedDocument


@dataclass(frozen=True)
class ContentProblem:
    """One error or warning about a content file."""

    path: str
    line: int
    item_id: str
    field: str
    message: str
    severity: str = "error"
    kind: str = ""  # for warnings: what sort (counted by `content check --summary`)

    def __str__(self) -> str:
        tag = "" if self.is_error else "คำเตือน (warning): "
        return f"{self.path}:{self.line}: {self.item_id}: {self.field}: {tag}{self.message}"

    @property
    def is_error(self) -> bool:
        """True when the problem blocks publishing."""
        return self.severity == "error"


@dataclass(frozen=True)
class Located:
    """A validated item with where it came from, so later checks can report at its lines."""

    item: Any
    path: str
    doc: LinedDocument
    base: tuple[Any, ...] = ()

    def line(self, *fields: Any) -> int:
        """The line of `fields` inside this item (or of the item itself)."""
        return self.doc.line_of((*self.base, *fields))

    def problem(self, fields: tuple[Any, ...], message: str, severity: str = "error", kind: str = "") -> ContentProblem:
        """A problem about `fields` of this item, at their line."""
        return ContentProblem(self.path, self.line(*fields), self.item.id, field_name(fields), message, severity,
                              kind)


def field_name(loc: tuple[Any, ...]) -> str:
    """Render a pydantic location like ('stops', 2, 'venue') as stops[2].venue."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "-"


def suggest(word: str, choices: list[str] | set[str]) -> str | None:
    """The closest choice to a misspelt word, when it is close enough to be a likely typo."""
    if not choices:
        return None
    best = process.extractOne(word, list(choices), scorer=Levenshtein.normalized_similarity, processor=None)
    if best and best[1] >= 0.6:
        return best[0]
    return None


def did_you_mean(word: str, choices: list[str] | set[str] | tuple[str, ...]) -> str:
    """' — หมายถึง "x" หรือไม่?' when a close choice exists, else ''."""
    hint = suggest(word, list(choices))
    return f' — หมายถึง "{hint}" หรือไม่?' if hint else ""


def _thai_message(err: dict[str, Any], allowed_fields: list[str]) -> str:
    kind, ctx, loc, given = err["type"], err.get("ctx") or {}, err["loc"], err.get("input")
    last = loc[-1] if loc else ""
    if kind == "missing":
        return "ต้องระบุช่องนี้ (required field missing)"
    if kind == "extra_forbidden":
        return f"ไม่รู้จักชื่อช่องนี้ (unknown field){did_you_mean(str(last), allowed_fields)}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (f"ค่า {given!r} ไม่อยู่ในค่าที่อนุญาต (not allowed; use one of: {', '.join(allowed)})"
                f"{did_you_mean(str(given), allowed)}")
    if kind in {"greater_than_equal", "less_than_equal"} and last in {"lat", "lon"}:
        return f"พิกัด {last}={given} อยู่นอกประเทศไทย (coordinates outside Thailand)"
    if kind in {"string_too_long", "too_long"} and isinstance(given, str):
        return (f"ข้อความยาว {len(given)} ตัวอักษร เกิน {ctx.get('max_length')} ซึ่ง LINE แสดงไม่หมด "
                f"(too long for where LINE shows it)")
    if kind == "too_long" and isinstance(given, list):
        return f"มี {len(given)} รายการ เกิน {ctx.get('max_length')} รายการที่ใช้ได้ (at most {ctx.get('max_length')} items)"
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = ctx.get("ge", ctx.get("le"))
        side = "ไม่น้อยกว่า" if kind == "greater_than_equal" else "ไม่เกิน"
        return f"ค่า {given!r} ต้อง{side} {bound} (must be {'≥' if kind == 'greater_than_equal' else '≤'} {bound})"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"ต้องเป็นจำนวนเต็ม (whole number expected), got {given!r}"
    if kind in {"string_too_short", "too_short"}:
        return "ต้องไม่ว่าง (must not be empty)"
    if kind == "string_pattern_mismatch":
        return "รหัสต้องเป็นตัวพิมพ์เล็กภาษาอังกฤษ ตัวเลข และขีด เช่น kk-sala-mai-thai (id format)"
    if kind in {"float_parsing", "float_type"}:
        return f"ต้องเป็นตัวเลข (number expected), got {given!r}"
    if kind == "string_type" and last in {"open", "close", "time"}:
        return f"เวลาต้องอยู่ในเครื่องหมายคำพูด เช่น '10:00' (quote times), got {given!r}"
    if kind == "string_type":
        return f"ต้องเป็นข้อความ (text expected), got {given!r}"
    if kind == "list_type":
        return "ต้องเป็นรายการ (a YAML list expected)"
    if kind in {"bool_type", "bool_parsing"}:
        return "ต้องเป็น true หรือ false (true/false expected)"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "ต้องเป็นชุดข้อมูลแบบ key: value (a mapping expected)"
    message = str(err.get("msg", "")).removeprefix("Value error, ")
    return message if kind == "value_error" else f"ค่าไม่ถูกต้อง (invalid value): {message}"


# pydantic adds schema names (union members, validators) to error locations; officers need only field names
_SCHEMA_PREFIXES = ("function-", "literal[", "nullable[", "list[", "dict[")
_SCHEMA_NAMES = {"str", "float", "int", "bool"}


def _is_schema_part(part: Any) -> bool:
    return isinstance(part, str) and (part in _SCHEMA_NAMES or part.startswith(_SCHEMA_PREFIXES))


def problems_from(exc: ValidationError, doc: LinedDocument, base: tuple[Any, ...], rel_path: str,
                  item_id: str, allowed_fields: list[str]) -> list[ContentProblem]:
    """Turn a pydantic ValidationError for the item at `base` into ContentProblems with lines."""
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not _is_schema_part(p))
        line = doc.line_of(base if err["type"] == "missing" else (*base, *loc))
        problems.append(ContentProblem(rel_path, line, item_id, field_name(loc),
                                       _thai_message(dict(err), allowed_fields)))
    return problems
