"""The cross-reference labels a project defines besides its articles' own, found without a build.

A new article's label is its file name without the number, so the scaffold refuses a slug that
one of these already names: Sphinx's built-in labels and every explicit MyST target
``(name)=`` in the project's sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldnotes.integrations.myst import target_parser
from fieldnotes.integrations.sphinx import discover_sources
from fieldnotes.model.reserved import SPHINX_LABELS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from markdown_it import MarkdownIt


def defined_labels(root: Path, exclude_patterns: Iterable[str] = ()) -> dict[str, str]:
    """Each label (lower case, as Sphinx stores it) with where it is defined."""
    labels = dict(SPHINX_LABELS)
    parser = target_parser()
    for path in discover_sources(root, ".md", exclude_patterns):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the build reports files it cannot read; no label can come from them
        for name, line in _targets(parser, text, 0):
            labels.setdefault(" ".join(name.split()).lower(), f"{path}:{line}")
    return labels


def _targets(parser: MarkdownIt, text: str, offset: int) -> Iterator[tuple[str, int]]:
    """MyST targets with their 1-based line, also inside directives (whose bodies MyST parses
    only later; a code directive's body is searched too, which at worst refuses a slug)."""
    for token in parser.parse(text):
        line = offset + (token.map[0] if token.map else 0)
        if token.type == "myst_target":
            yield token.content, line + 1
        elif token.type in ("fence", "colon_fence") and token.info.startswith("{"):
            yield from _targets(parser, token.content, line + 1)
