"""The line reader for venue files gives exactly what the YAML parser gives, or steps aside for it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.catalog.writer import dump_venues
from bot.catalog.yaml_lines import _from_nodes
from bot.catalog.yaml_plain import PlainRead
from bot.catalog.yaml_read import YamlSyntaxError
from tests.conftest import CONTENT

VENUE_FILES = sorted((CONTENT / "venues").glob("*.yaml"))
SYNTHETIC = """- id: syn-000001
  name_th: ห้องสมุดประชาชนบ้าน ตำบลนาดี
  type: library
  lat: 8.14342
  lon: 98.83618
  topics: [ธรรมชาติ, เกษตร]
  audience: []
  hours: [{days: tue-sun, open: '08:30', close: '16:30'}]
- id: syn-000002  # a comment
  name_th: 'it''s quoted'
  name_en: "Double"
  phone:
  sources:

    - https://example.org/a#b
    - coordinates from a survey
  hours:
    - days: mon-fri
      open: '09:00'
      close: '17:00'
    - days: sat
      open: '10:00'
      close: '12:00'
"""


def _same_as_the_parser(text: str) -> PlainRead:
    plain, full = PlainRead(text), _from_nodes(text)
    assert plain.ok
    assert plain.data == full.data
    assert full.duplicates == []
    assert {path: full.line_of(path) for path in plain.item_lines} == plain.item_lines
    return plain


@pytest.mark.parametrize("path", VENUE_FILES, ids=lambda p: p.name)
def test_every_shipped_venue_file_is_read_by_lines_as_the_parser_reads_it(path: Path) -> None:
    _same_as_the_parser(path.read_text(encoding="utf-8"))


def test_flow_lists_quotes_comments_and_block_lists_read_as_the_parser_reads_them() -> None:
    plain = _same_as_the_parser(SYNTHETIC)
    assert plain.item_lines == {(0,): 1, (0, "id"): 1, (1,): 9, (1, "id"): 9}
    assert plain.data[1]["phone"] is None and plain.data[1]["name_th"] == "it's quoted"


def test_what_the_writer_writes_is_read_by_lines(content_copy: Path) -> None:
    from bot.catalog.loader import load_catalog

    catalog = load_catalog(content_copy).catalog
    assert catalog is not None
    _same_as_the_parser(dump_venues(list(catalog.venues.values())))


@pytest.mark.parametrize("text", [
    "- id: a\n  name_th: one\n    two\n",  # a value over two lines
    "- id: a\n  name_th: |\n    text\n",  # a block scalar
    "- id: a\n  id: b\n",  # a repeated key: the parser reports it
    "- id: a\n  name_th: x\r\n",  # a carriage return
    "- id: a\n  name_th: x\u2028y\n",  # a line separator libyaml breaks lines at
    "- id: a\n  name_th: &n x\n",  # an anchor
    "- id: a\n  name_th: \"esc\\u0041\"\n",  # an escape
    "- id: a\n  topics:\n  - flat\n",  # a list at the key's own indent
    "- id: a\n  name_th: x\n    - y\n",  # a list item under a key that has a value
    "- id: a\n  name_th: a: b\n",  # a mapping inside a plain value
    "- id: a\n  topics: [a, [b]]\n",  # nested flow lists
    "id: a\n",  # not a list of venues
    "---\n- id: a\n",  # a document marker
])
def test_anything_else_is_left_to_the_parser(text: str) -> None:
    assert not PlainRead(text).ok


_PIECES = [*":#-'\"[]{},&*!|>%@` ?\t\r\x85\u2028\ufeff", ": ", " #", "- ", "  ", "''", "\n", "\n  ", "\n    - ",
           "\n      ", "yes", "null", "~", "1.5", "08:30", "1e3", ".5", "-1", "\n- ", "---"]


def test_randomly_damaged_files_either_read_as_the_parser_reads_them_or_go_to_it() -> None:
    rnd = random.Random(14)
    sources = [p.read_text(encoding="utf-8") for p in VENUE_FILES[:20]] + [SYNTHETIC]
    accepted = 0
    for _ in range(1500):
        lines = rnd.choice(sources).split("\n")
        for _ in range(rnd.randint(1, 3)):
            i = rnd.randrange(len(lines))
            if rnd.random() < 0.7:
                at = rnd.randint(0, len(lines[i]))
                lines[i] = lines[i][:at] + rnd.choice(_PIECES) + lines[i][at:]
            else:
                lines.insert(i, lines[rnd.randrange(len(lines))])
        text = "\n".join(lines)
        if PlainRead(text).ok:
            accepted += 1
            try:
                _same_as_the_parser(text)
            except YamlSyntaxError as exc:
                raise AssertionError(f"read by lines, refused by the parser: {exc}\n{text}") from exc
    assert accepted > 100
