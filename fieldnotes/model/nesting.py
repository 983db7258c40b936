"""How deep a Markdown source nests, found from its lines before any parser reads it.

The parsers recurse once per level: MyST parses each directive's content again, docutils
nests a node per rST indentation level, and past some hundreds of levels Python's recursion
limit stops the build with a traceback. markdown-it stops nesting at 20 token levels and then
silently drops the deeper text; a list level takes two of those (the list and its item), a
block quote one. So a source may nest block quotes, list items, directives and rST indentation
at most ``MAX_NESTING`` deep in all, which keeps every level markdown-it builds and far below
any recursion limit. The count errs low where Markdown is loose (lazy continuation lines), so
a source it refuses really is that deep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_NESTING = 8
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>[^\s`]*)")
_CLOSE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*$")
_QUOTE = re.compile(r"\s{0,3}>\s?")
_ITEM = re.compile(r"(?P<indent>\s*)(?P<marker>[-*+]|\d{1,9}[.)])(?:\s+|$)")
# Directives whose content is code or data, never Markdown: their lines are not containers.
VERBATIM = frozenset({"code-block", "code", "sourcecode", "code-cell", "literalinclude", "math",
                      "raw", "csv-table", "mermaid", "graphviz"})


@dataclass
class _Fence:
    char: str
    length: int
    kind: str  # "markdown", "rst" (eval-rst) or "verbatim"
    rst_indents: list[int] = field(default_factory=list)


def _width(text: str) -> int:
    return len(text.expandtabs(4))


def _open_fence(line: str) -> _Fence | None:
    match = _FENCE.match(line)
    if not match:
        return None
    fence, info = match["fence"], match["info"]
    braced = re.fullmatch(r"\{([\w:.+-]+)\}", info)
    if fence[0] == ":":
        bare = re.fullmatch(r"[\w-]+", info)
        if not (braced or bare):
            return None  # a line of colons, not a fence
        name = braced[1] if braced else info
    else:
        name = braced[1] if braced else None  # None: a code block
    if name is None or name in VERBATIM:
        kind = "verbatim"
    else:
        kind = "rst" if name == "eval-rst" else "markdown"
    return _Fence(fence[0], len(fence), kind)


def _containers(line: str, items: list[int]) -> int:
    """Block quotes and list items that hold this line; ``items`` holds the content column of
    each list item open before it, and is updated."""
    quotes = 0
    # Counting stops past the limit: a line of 100,000 '>' is refused as soon as it is too deep.
    while quotes <= MAX_NESTING and (match := _QUOTE.match(line)):
        quotes += 1
        line = line[match.end():]
    if not line.strip():
        return quotes + len(items)
    column = _width(line) - _width(line.lstrip())
    while items and column < items[-1]:
        items.pop()
    while quotes + len(items) <= MAX_NESTING and (match := _ITEM.match(line)):
        items.append(_width(line[:match.start("marker")]) + len(match["marker"]) + 1)
        line = " " * items[-1] + line[match.end():]
        if not line.strip():
            break
    return quotes + len(items)


def too_deep(text: str) -> tuple[int, int] | None:
    """``(line, depth)`` of the first line nested deeper than ``MAX_NESTING``, else ``None``."""
    fences: list[_Fence] = []
    items: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        top = fences[-1] if fences else None
        closing = _CLOSE.match(line)
        if top is not None and closing and closing["fence"][0] == top.char \
                and len(closing["fence"]) >= top.length:
            fences.pop()
            continue
        if top is not None and top.kind == "verbatim":
            continue
        if top is not None and top.kind == "rst":
            if line.strip():
                column = _width(line) - _width(line.lstrip())
                while top.rst_indents and column < top.rst_indents[-1]:
                    top.rst_indents.pop()
                if not top.rst_indents or column > top.rst_indents[-1]:
                    top.rst_indents.append(column)
            # The eval-rst block's own first column is no level of its own.
            depth = len(fences) + sum(max(len(f.rst_indents) - 1, 0) for f in fences)
        else:
            opened = _open_fence(line)
            depth = len(fences) + _containers(line, items)
            if opened is not None:
                fences.append(opened)
                depth += 1
        if depth > MAX_NESTING:
            return number, depth
    return None
