"""The README's layout section lists every module with its docstring, so it cannot drift from the tree."""

from __future__ import annotations

from pathlib import Path

from scripts.layout import END, START, layout

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_layout_is_the_generated_one() -> None:
    text = README.read_text(encoding="utf-8")
    block = START + text.partition(START)[2].partition(END)[0] + END
    assert block == layout(), "run `python scripts/layout.py --write` and commit README.md"


def test_every_module_has_a_docstring() -> None:
    assert "(no docstring)" not in layout()
