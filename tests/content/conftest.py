"""Helpers for content tests: plant a mistake in a copy of content/ and remember where it landed."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def replace_after(content: Path, rel: str, anchor: str | None, old: str, new: str) -> int:
    """Replace the first `old` after `anchor` in content/<rel>; return the 1-based line where `new` starts."""
    path = content / rel
    text = path.read_text(encoding="utf-8")
    start = text.index(anchor) if anchor else 0
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def set_field(content: Path, rel: str, item_id: str, key: str, value: str) -> int:
    """Set `key: value` on the venue `item_id` (a one-line field); return its line."""
    path = content / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"- id: {item_id}")
    for n in range(start, len(lines)):
        if lines[n].startswith(f"  {key}:"):
            lines[n] = f"  {key}: {value}"
            path.write_text("\n".join(lines), encoding="utf-8")
            return n + 1
    raise AssertionError(f"{key} not found under {item_id}")


def line_of(content: Path, rel: str, text: str) -> int:
    """The 1-based line of the first occurrence of `text` in content/<rel>."""
    body = (content / rel).read_text(encoding="utf-8")
    return body.count("\n", 0, body.index(text)) + 1


@pytest.fixture
def fixtures() -> Path:
    """tests/content/fixtures."""
    return FIXTURES


@pytest.fixture
def bare_content(tmp_path: Path) -> Path:
    """A content folder with places.yaml and keywords.yaml but no venues or tours yet."""
    from tests.conftest import CONTENT

    target = tmp_path / "bare" / "content"
    (target / "venues").mkdir(parents=True)
    (target / "tours").mkdir()
    for name in ("places.yaml", "keywords.yaml"):
        (target / name).write_bytes((CONTENT / name).read_bytes())
    return target
