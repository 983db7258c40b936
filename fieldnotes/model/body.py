"""Rules on an article's body: one title only, and nothing unfinished in a published article."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fieldnotes.model import placeholders

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s|$)")


def _blocks(body: str, first_line: int) -> Iterator[tuple[int, int, str]]:
    """(line, heading level or 0 for other text, the line) of each non-blank line outside
    fenced code; a fenced block counts as text at its opening line."""
    fence = None
    for offset, line in enumerate(body.splitlines()):
        match = _FENCE.match(line)
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)[0] * len(match.group(1))
        if line.strip():
            heading = _HEADING.match(line) if not match else None
            yield first_line + offset, len(heading.group(1)) if heading else 0, line


def body_headings(body: str, first_line: int) -> list[int]:
    """Lines of level-one ATX headings in the body, ignoring fenced code."""
    return [line for line, level, _ in _blocks(body, first_line) if level == 1]


def unfinished(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, message) for the scaffold's opening paragraph and for each empty section."""
    found = []
    blocks = list(_blocks(body, first_line))
    for i, (line, level, text) in enumerate(blocks):
        if level == 0 and " ".join(text.split()) == placeholders.OPENING:
            found.append((line, "this is still the scaffold's opening placeholder: write the "
                          "opening paragraph, or keep 'draft: true'"))
        # A section is empty when the next block is a heading of its rank or higher, or the end.
        following = next((lvl for _, lvl, _ in blocks[i + 1 : i + 2]), None)
        if level >= 2 and (following is None or 0 < following <= level):
            found.append((line, f"the section '{text.strip()[:80]}' is empty: write it or "
                          "remove the heading, or keep 'draft: true'"))
    return found


# What XML 1.0 forbids (C0 controls but tab, newline and carriage return; lone surrogates;
# U+FFFE and U+FFFF), and DEL and the C1 controls, which no text means to hold: a feed or an
# e-book page holding one does not parse at all.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def refused_characters(text: str) -> list[tuple[int, str]]:
    """``(line, character)`` for the first refused character on each line that holds one."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _REFUSED.search(line)
        if match:
            found.append((number, match.group()))
    return found


def without_refused_characters(text: str) -> str:
    """``text`` with each refused character shown as U+FFFD, on the same lines."""
    return _REFUSED.sub(REPLACEMENT, text)
