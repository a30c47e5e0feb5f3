"""The rich menu's image, drawn by code: six labelled tiles on 2500×1686 in the bundled Sarabun (OFL) font."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pythainlp.tokenize import word_tokenize

WIDTH, HEIGHT = 2500, 1686
COLUMNS, ROWS = 3, 2
FONT = Path(__file__).resolve().parent / "fonts" / "Sarabun-Bold.ttf"  # SIL OFL 1.1, see fonts/LICENSE
MAX_BYTES = 1_000_000  # LINE refuses images over 1 MB


@dataclass(frozen=True)
class Tile:
    """One tap area as drawn: Thai label, English label, background colour and a simple drawn symbol."""

    label_th: str
    label_en: str
    colour: str
    symbol: str  # "search" | "pin" | "route" | "star" | "bell" | "help"


def bounds(index: int) -> tuple[int, int, int, int]:
    """(x, y, width, height) of tile `index` in a 3×2 grid; the last column and row take the leftover pixels."""
    col, row = index % COLUMNS, index // COLUMNS
    w, h = WIDTH // COLUMNS, HEIGHT // ROWS
    x, y = col * w, row * h
    return x, y, (WIDTH - x if col == COLUMNS - 1 else w), (HEIGHT - y if row == ROWS - 1 else h)


def wrap(text: str, font: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Lines no wider than `max_width`, broken only between Thai words (PyThaiNLP newmm) or at spaces."""
    lines: list[str] = []
    current = ""
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        trial = current + word
        if current and font.getlength(trial.strip()) > max_width:
            lines.append(current.strip())
            current = word.lstrip()
        else:
            current = trial
    if current.strip():
        lines.append(current.strip())
    return lines


def _symbol(draw: ImageDraw.ImageDraw, kind: str, cx: int, cy: int, r: int, background: str) -> None:
    white = "#FFFFFF"
    if kind == "search":
        draw.ellipse((cx - r, cy - r, cx + r * 0.6, cy + r * 0.6), outline=white, width=22)
        draw.line((cx + r * 0.45, cy + r * 0.45, cx + r * 1.1, cy + r * 1.1), fill=white, width=30)
    elif kind == "pin":
        draw.ellipse((cx - r, cy - r * 1.2, cx + r, cy + r * 0.8), fill=white)
        draw.polygon([(cx - r * 0.8, cy), (cx + r * 0.8, cy), (cx, cy + r * 1.3)], fill=white)
        draw.ellipse((cx - r * 0.35, cy - r * 0.55, cx + r * 0.35, cy + r * 0.15), fill=background)
    elif kind == "route":
        r = int(r * 0.8)
        points = [(cx - r, cy + r), (cx - r * 0.2, cy - r * 0.2), (cx + r * 0.3, cy + r * 0.4), (cx + r, cy - r)]
        draw.line(points, fill=white, width=24, joint="curve")
        for px, py in (points[0], points[-1]):
            draw.ellipse((px - 34, py - 34, px + 34, py + 34), fill=white)
    elif kind == "star":
        import math

        pts = [(cx + (r if i % 2 == 0 else r * 0.45) * math.sin(i * math.pi / 5),
                cy - (r if i % 2 == 0 else r * 0.45) * math.cos(i * math.pi / 5)) for i in range(10)]
        draw.polygon(pts, fill=white)
    elif kind == "bell":
        draw.pieslice((cx - r, cy - r, cx + r, cy + r), 180, 360, fill=white)
        draw.rectangle((cx - r, cy, cx + r, cy + r * 0.5), fill=white)
        draw.rectangle((cx - r * 1.2, cy + r * 0.5, cx + r * 1.2, cy + r * 0.7), fill=white)
        draw.ellipse((cx - r * 0.25, cy + r * 0.7, cx + r * 0.25, cy + r * 1.1), fill=white)
    else:  # help: a circled question mark drawn as text
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=white, width=22)
        font = ImageFont.truetype(str(FONT), int(r * 1.5))
        draw.text((cx, cy), "?", font=font, fill=white, anchor="mm")


def draw_menu(tiles: list[Tile]) -> bytes:
    """The PNG bytes of the whole menu (≤1 MB), tiles in reading order."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    thai = ImageFont.truetype(str(FONT), 150)
    english = ImageFont.truetype(str(FONT), 70)
    for index, tile in enumerate(tiles):
        x, y, w, h = bounds(index)
        draw.rectangle((x + 8, y + 8, x + w - 8, y + h - 8), fill=tile.colour)
        cx = x + w // 2
        _symbol(draw, tile.symbol, cx, y + int(h * 0.3), 120, tile.colour)
        lines = wrap(tile.label_th, thai, w - 120)
        top = y + int(h * 0.56)
        for n, line in enumerate(lines[:2]):
            draw.text((cx, top + n * 165), line, font=thai, fill="#FFFFFF", anchor="mm")
        draw.text((cx, top + min(len(lines), 2) * 165 - 20), tile.label_en, font=english, fill="#FFFFFFCC",
                  anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    data = out.getvalue()
    if len(data) > MAX_BYTES:
        raise ValueError(f"rich menu image is {len(data)} bytes; LINE allows {MAX_BYTES}")
    return data
