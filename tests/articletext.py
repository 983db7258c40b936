"""Reading article Markdown for the content tests: fences, runnable examples, plain prose."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})\s*(\w*)")
MARKER = re.compile(r"^\{\.(runnable|output)\}\s*$")


@dataclass
class Block:
    """One fenced block: where it starts, its language, the marker line before it, its text."""

    line: int
    lang: str
    marker: str | None
    text: str


@dataclass
class Runnable:
    """A `{.runnable}` Python block and the `{.output}` text block the article states for it."""

    path: Path
    line: int
    code: str
    expected: str


def split(path: Path) -> tuple[dict, str]:
    _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body


def blocks(body: str) -> list[Block]:
    """Every fenced block, with the attribute line directly above it (if it is a marker)."""
    lines, found, index = body.split("\n"), [], 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, start = opening.group(1), index
        index += 1
        while index < len(lines) and lines[index].strip() != fence:
            index += 1
        marker = MARKER.match(lines[start - 1]) if start else None
        found.append(Block(start + 1, opening.group(2), marker and marker.group(1),
                           "\n".join(lines[start + 1:index]) + "\n"))
        index += 1
    return found


def runnables(path: Path) -> list[Runnable]:
    """Pair each runnable block with the next output block; raise if the markup is wrong."""
    pairs, pending = [], None
    for block in blocks(split(path)[1]):
        if block.marker == "runnable":
            if block.lang != "python" or pending:
                raise ValueError(f"{path.name}:{block.line}: a runnable block must be python and "
                                 "follow the previous one's {.output} block")
            pending = block
        elif block.marker == "output":
            if block.lang != "text" or not pending:
                raise ValueError(f"{path.name}:{block.line}: an {{.output}} block must be text "
                                 "and follow a {.runnable} block")
            pairs.append(Runnable(path, pending.line, pending.text, block.text))
            pending = None
    if pending:
        raise ValueError(f"{path.name}:{pending.line}: runnable block without an {{.output}} block")
    return pairs


def prose(body: str) -> str:
    """The body without fenced code, inline code, quotations, headings, links' targets or markup."""
    lines, fence = [], None
    for line in body.split("\n"):
        opening = FENCE_OPEN.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            continue
        if fence is not None:
            fence = None if line.strip() == fence else fence
            continue
        if line.startswith(("#", "|", ">", "{.")):
            continue
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"`[^`\n]*`", " ", text)              # inline code and {ref} targets
    text = re.sub(r'"[^"\n]*"', " ", text)              # quotations
    text = re.sub(r"\{\{[^}]*\}\}", " ", text)          # shared figures
    return text


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'’%.+-]*[a-z0-9%+]|[a-z0-9]", text.lower())
