"""Content problems in the officers' format `path:line: <id>: <field>: <message>` (Thai, English field)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.yaml_lines import LinedDocument


@dataclass(frozen=True)
class ContentProblem:
    """One error or warning about a content file."""

    path: str
    line: int
    item_id: str
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.item_id}: {self.field}: {self.message}"


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


def _thai_message(err: dict[str, Any], allowed_fields: list[str]) -> str:
    kind, ctx, loc = err["type"], err.get("ctx") or {}, err["loc"]
    if kind == "missing":
        return "ต้องระบุช่องนี้ (required field missing)"
    if kind == "extra_forbidden":
        hint = suggest(str(loc[-1]), allowed_fields)
        tail = f' — หมายถึง "{hint}" หรือไม่?' if hint else ""
        return f"ไม่รู้จักชื่อช่องนี้ (unknown field){tail}"
    if kind == "literal_error":
        return f"ค่า {err.get('input')!r} ไม่อยู่ในค่าที่อนุญาต (allowed: {ctx.get('expected', '')})"
    if kind in {"greater_than_equal", "less_than_equal"} and loc and loc[-1] in {"lat", "lon"}:
        return f"พิกัด {err.get('input')} อยู่นอกประเทศไทย (coordinates outside Thailand)"
    if kind == "string_too_long":
        return f"ข้อความยาวเกิน {ctx.get('max_length')} ตัวอักษร ซึ่ง LINE แสดงไม่หมด (too long for LINE)"
    if kind in {"string_too_short", "too_short"}:
        return "ต้องไม่ว่าง (must not be empty)"
    if kind == "string_pattern_mismatch":
        return "รหัสต้องเป็นตัวพิมพ์เล็กภาษาอังกฤษ ตัวเลข และขีด เช่น kk-sala-mai-thai (id format)"
    if kind in {"float_parsing", "float_type"}:
        return f"ต้องเป็นตัวเลข (number expected), got {err.get('input')!r}"
    if kind in {"string_type"}:
        return f"ต้องเป็นข้อความ (text expected), got {err.get('input')!r}"
    if kind in {"list_type"}:
        return "ต้องเป็นรายการ (a YAML list expected)"
    if kind in {"bool_type", "bool_parsing"}:
        return "ต้องเป็น true หรือ false (true/false expected)"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "ต้องเป็นชุดข้อมูลแบบ key: value (a mapping expected)"
    message = str(err.get("msg", "")).removeprefix("Value error, ")
    return f"ค่าไม่ถูกต้อง (invalid value): {message}"


def problems_from(exc: ValidationError, doc: LinedDocument, base: tuple[Any, ...], rel_path: str,
                  item_id: str, allowed_fields: list[str]) -> list[ContentProblem]:
    """Turn a pydantic ValidationError for the item at `base` into ContentProblems with lines."""
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal["))))
        line = doc.line_of(base if err["type"] == "missing" else (*base, *loc))
        problems.append(ContentProblem(rel_path, line, item_id, field_name(loc),
                                       _thai_message(err, allowed_fields)))
    return problems
