"""A share image drawn with Pillow alone: no Sphinx here, so the card drawing child process
(``cardworker``) starts in a few hundredths of a second instead of importing Sphinx.

Every mark is drawn once, as coverage on a grey canvas, and each band of the card (kicker,
title, footer) gets its own run of palette entries, its ink blended towards the paper: the
card is a palette PNG from the start, with no quantizing pass, which was a third of its time.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

SIZE = (1200, 630)
INK, PAPER, MUTED, RULE = "#111827", "#ffffff", "#4b5563", "#e5e7eb"
# Shades of each ink between full and paper: the text's antialiasing, as 64 colours gave it.
LEVELS = 16
_LEVEL_OF_COVERAGE = [value * (LEVELS - 1) // 255 for value in range(256)]
# The title's and the footer's bands: their shades follow the kicker's in the palette.
_TITLE_BAND, _FOOTER_BAND = (0, 160, SIZE[0], 500), (0, 530, SIZE[0], SIZE[1])
_RULE_ENTRY = 3 * LEVELS


# DejaVu Sans, shipped in the package: Pillow's own font has glyphs for ASCII alone, so a dash,
# a curly quote or an accented letter came out as a box. DejaVu covers the Latin, Greek and
# Cyrillic alphabets and common punctuation; other scripts and emoji still draw as boxes.
FONT_FILE = Path(__file__).resolve().parents[1] / "theme" / "fonts" / "DejaVuSans.ttf"


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), size)


def _pieces(draw: ImageDraw.ImageDraw, word: str, font, width: int) -> list[str]:
    """A word wider than the line, cut where it must be so that no part runs off the card."""
    pieces = [""]
    for char in word:
        if pieces[-1] and draw.textlength(pieces[-1] + char, font=font) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    # Composed: a letter and its combining accent become one glyph the font has.
    words = [piece for word in unicodedata.normalize("NFC", text).split()
             for piece in _pieces(draw, word, font, width)]
    for word in words:
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + " …", font=font) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += " …"
    return lines


def _shades(ink: str) -> list[int]:
    """LEVELS palette entries (RGB), from the ink to the paper."""
    full, paper = ImageColor.getrgb(ink), ImageColor.getrgb(PAPER)
    return [round(i + (p - i) * level / (LEVELS - 1))
            for level in range(LEVELS) for i, p in zip(full, paper)]


def draw_card(kicker: str, title: str, footer: str, colour: str) -> bytes:
    """The PNG: a colour band, the kicker in the colour, the title, and the footer."""
    coverage = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(coverage)
    draw.text((96, 84), kicker, font=_font(40), fill=0, stroke_width=1, stroke_fill=0)
    title_font = _font(72)
    for row, line in enumerate(_wrap(draw, title, title_font, SIZE[0] - 192, 3)):
        draw.text((96, 180 + row * 96), line, font=title_font, fill=0, stroke_width=1, stroke_fill=0)
    draw.text((96, 548), footer, font=_font(36), fill=0)
    card = coverage.point(_LEVEL_OF_COVERAGE)
    for band, box in enumerate((_TITLE_BAND, _FOOTER_BAND), start=1):
        card.paste(card.crop(box).point([v + band * LEVELS for v in range(256)]), box)
    shapes = ImageDraw.Draw(card)
    shapes.rectangle((0, 0, 28, SIZE[1]), fill=0)
    shapes.line((96, 520, SIZE[0] - 96, 520), fill=_RULE_ENTRY, width=3)
    card = card.convert("P") if card.mode != "P" else card
    card.putpalette(_shades(colour) + _shades(INK) + _shades(MUTED) + list(ImageColor.getrgb(RULE)))
    out = io.BytesIO()
    card.save(out, "PNG")
    return out.getvalue()
