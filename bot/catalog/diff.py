"""What citizens would see change between two catalogs: items added, removed, renamed, fields changed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from bot.catalog.models import Catalog, TourRoute, Venue

INTERNAL = ("sources", "note")  # never shown to citizens
MAX_VALUE = 80


def _show(value: Any) -> str:
    if isinstance(value, list):
        text = " | ".join(_show(v) for v in value)
    elif isinstance(value, dict):
        text = " ".join(str(v) for v in value.values() if v is not None)
    else:
        text = "-" if value is None or value == "" else str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def _field_changes(old: BaseModel, new: BaseModel) -> tuple[list[str], list[str]]:
    """(citizen-facing changes as 'field: old → new', names of internal fields that changed)."""
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    shown, internal = [], []
    for key in type(new).model_fields:
        if before.get(key) == after.get(key) or key in ("id", "name_th"):
            continue
        if key in INTERNAL:
            internal.append(key)
        else:
            shown.append(f"{key}: {_show(before.get(key))} → {_show(after.get(key))}")
    return shown, internal


def _diff_items(kind: str, old: dict[str, Venue] | dict[str, TourRoute],
                new: dict[str, Venue] | dict[str, TourRoute]) -> list[str]:
    lines: list[str] = []
    added = [i for i in new if i not in old]
    removed = [i for i in old if i not in new]
    by_name = {old[i].name_th: i for i in removed}
    for item_id in added:
        was = by_name.pop(new[item_id].name_th, None)
        if was is not None:
            removed.remove(was)
            lines.append(f"~ {kind} เปลี่ยนรหัส (id changed): {was} → {item_id} — {new[item_id].name_th} "
                         f"(ลิงก์และเส้นทางที่ใช้รหัสเดิมจะใช้ไม่ได้ / links to the old id stop working)")
        else:
            lines.append(f"+ {kind} ใหม่ (added): {item_id} — {new[item_id].name_th}")
    lines += [f"- {kind} ถูกลบ (removed): {i} — {old[i].name_th}" for i in removed]
    for item_id in (i for i in new if i in old):
        before, after = old[item_id], new[item_id]
        if before.name_th != after.name_th:
            lines.append(f'~ {kind} เปลี่ยนชื่อ (renamed): {item_id}: "{before.name_th}" → "{after.name_th}"')
        shown, internal = _field_changes(before, after)
        lines += [f"~ {kind} แก้ไข (changed): {item_id}: {change}" for change in shown]
        if internal and not shown and before.name_th == after.name_th:
            lines.append(f"  {kind} {item_id}: แก้เฉพาะช่องภายใน ประชาชนไม่เห็น (internal only: {', '.join(internal)})")
    return lines


def diff_catalogs(old: Catalog | None, new: Catalog) -> list[str]:
    """One readable line per change from `old` (e.g. the running snapshot) to `new` (the files)."""
    if old is None:
        old = Catalog(venues={}, tours={}, places=new.places, keywords=new.keywords)
    lines = _diff_items("venue", old.venues, new.venues) + _diff_items("tour", old.tours, new.tours)
    for name, before, after in (("places.yaml", old.places, new.places), ("keywords.yaml", old.keywords, new.keywords)):
        a, b = before.model_dump(mode="json"), after.model_dump(mode="json")
        changed = [key for key in type(after).model_fields if a.get(key) != b.get(key) and key != "sources"]
        if changed:
            lines.append(f"~ {name} แก้ไข (changed): {', '.join(changed)} — มีผลต่อการค้นหา (affects search)")
    return lines
