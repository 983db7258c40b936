"""The last bound on parsing: a page the Markdown parser cannot follow is a warning, never a
traceback.

``model/nesting.py`` refuses block nesting past its limit before parsing; inline markup nests
without a line to count it by (a run of hundreds of interleaved ``*a _b`` pairs is emphasis
hundreds deep), and MyST's syntax tree and docutils then recurse once a level, past Python's
limit, and Sphinx's pickling of the tree does too. MyST's parser is wrapped, through Sphinx's
documented ``add_source_parser``: a page whose tree is deeper than ``MAX_TREE_DEPTH``, or that
exhausts the stack while it is parsed, is reported at its line (or the line that holds the most
inline markup) and built empty until it is fixed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from fieldnotes.integrations.myst import MystParserBase
from fieldnotes.model.frontmatter import split_front_matter

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

_INLINE_MARKUP = re.compile(r"[*_\[\]`]")
# Levels of a page's tree, sections and lists included: real pages stay under 20, and Sphinx
# saves each tree with pickle, which recurses several frames a level.
MAX_TREE_DEPTH = 50


def busiest_line(text: str) -> int:
    """The line with the most inline markup characters: the likeliest to nest too deep."""
    counts = [len(_INLINE_MARKUP.findall(line)) for line in text.split("\n")]
    return counts.index(max(counts)) + 1 if counts else 1


def too_deep_node(document: nodes.document) -> nodes.Node | None:
    """The first node nested deeper than ``MAX_TREE_DEPTH``, found without recursing."""
    stack = [(document, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            return node
        stack.extend((child, depth + 1) for child in reversed(node.children)
                     if isinstance(child, nodes.Element))
    return None


def _dismantle(document: nodes.document) -> None:
    stack = list(document.children)
    document.children = []
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Element):
            stack.extend(node.children)
            node.children = []
    for table in (document.ids, document.nameids, document.nametypes, document.substitution_defs,
                  document.substitution_names):
        table.clear()


def _line_of(node: nodes.Node) -> int | None:
    while node is not None and node.line is None:
        node = node.parent
    return None if node is None else node.line


class BoundedMystParser(MystParserBase):
    def parse(self, inputstring: str, document: nodes.document) -> None:
        try:
            super().parse(inputstring, document)
            deep = too_deep_node(document)
            line = None if deep is None else _line_of(deep)
        except RecursionError:
            deep, line = document, None
        if deep is None:
            return
        # What was built is partial, or too deep to keep: it is taken apart (the document's
        # id tables still point into it, and pickling it would recurse as deep), and the page
        # is parsed again from its front matter alone (its title), so MyST's later steps find
        # their state.
        _dismantle(document)
        parts = split_front_matter(inputstring)
        super().parse(inputstring[:len(inputstring) - len(parts[2])] if parts else "", document)
        logger.warning("this page nests inline markup (emphasis, links, roles) deeper than "
                       "the build can follow, around this line: write it plainer; the page "
                       "is left empty until then",
                       location=(document.settings.env.docname, line or busiest_line(inputstring)),
                       type="fieldnotes", subtype="nesting")


def setup_bounded_parse(app: Sphinx) -> None:
    app.add_source_parser(BoundedMystParser, override=True)
