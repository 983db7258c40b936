"""The cross-reference labels a project defines besides its articles' own, found without a build.

A new article's label is its file name without the number, so the scaffold refuses a slug that
one of these already names: Sphinx's built-in labels and every explicit MyST target
``(name)=`` in the project's sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.project import Project
from sphinx.util.matching import Matcher

from fieldnotes.model.links import unfollowed_links

from fieldnotes.model.reserved import SPHINX_LABELS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from markdown_it import MarkdownIt


def defined_labels(root: Path, exclude_patterns: Iterable[str] = ()) -> dict[str, str]:
    """Each label (lower case, as Sphinx stores it) with where it is defined."""
    labels = dict(SPHINX_LABELS)
    project = Project(root, [".md"])
    # Sphinx's discovery follows links to folders, which can loop without end: leave them out,
    # as the build does (links.py).
    exclude_patterns = list(exclude_patterns)
    exclude_patterns += [link.path for link in unfollowed_links(root, Matcher(exclude_patterns))]
    parser = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)
    for docname in sorted(project.discover(exclude_patterns)):
        path = project.doc2path(docname, absolute=True)
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
