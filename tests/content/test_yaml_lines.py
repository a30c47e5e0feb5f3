"""Content files are read once, quickly; the lines officers see are the same as a full lined parse gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.yaml_lines import _from_nodes, load_lined
from bot.catalog.yaml_read import YamlSyntaxError
from tests.conftest import CONTENT

SHIPPED = sorted(CONTENT.rglob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(CONTENT)))
def test_a_shipped_file_reads_the_same_quickly_as_node_by_node(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    quick, full = load_lined(text), _from_nodes(text)
    assert quick.data == full.data
    assert quick.duplicates == full.duplicates == []
    for item_path, line in quick.item_lines.items():  # the lines known without a second parse
        assert full.line_of(item_path) == line, item_path
    paths = [p for p in full.lines if len(p) > 1]
    assert [quick.line_of(p) for p in paths] == [full.line_of(p) for p in paths]  # a field's line: parsed again


def test_an_item_and_its_id_have_lines_without_a_second_parse() -> None:
    doc = load_lined("# venues\n- id: a-one\n  name_th: หนึ่ง\n\n-   name_th: สอง\n    id: b-two\n")
    assert (doc.line_of((0,)), doc.line_of((0, "id")), doc.line_of((1,)), doc.line_of((1, "id"))) == (2, 2, 5, 6)
    assert doc.source is not None  # nothing asked for a field's line yet
    assert doc.line_of((1, "name_th")) == 5
    assert doc.source is None


def test_a_duplicate_field_is_reported_at_its_second_line() -> None:
    doc = load_lined("- id: a-one\n  name_th: หนึ่ง\n  type: museum\n  name_th: สอง\n")
    assert doc.duplicates == [((0, "name_th"), 4)]
    assert doc.data == [{"id": "a-one", "name_th": "สอง", "type": "museum"}]


def test_plain_values_resolve_as_before_and_times_stay_text() -> None:
    doc = load_lined("a: 10:00\nb: 2026-01-02\nc: 12\nd: 1.5\ne: yes\nf: ~\ng: '7'\nh: 12\ni: 0x1F\n")
    assert doc.data == {"a": "10:00", "b": "2026-01-02", "c": 12, "d": 1.5, "e": True, "f": None, "g": "7", "h": 12,
                        "i": "0x1F"}


def test_anchors_and_aliases_still_load_node_by_node_with_every_line() -> None:
    doc = load_lined("base: &b {days: mon, open: '09:00'}\nother: *b\n")
    assert doc.data == {"base": {"days": "mon", "open": "09:00"}, "other": {"days": "mon", "open": "09:00"}}
    assert doc.line_of(("other",)) == 2


def test_a_syntax_error_names_its_line_and_column() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_lined("- id: a-one\n  name_th: [หนึ่ง\n  type: museum\n")
    assert (caught.value.line, caught.value.column) == (3, 7)
