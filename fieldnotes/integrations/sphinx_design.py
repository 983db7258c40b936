"""sphinx-design: the file names of its assets, and its grid-item-card directive.

sphinx-design adds its stylesheet and tab script to every page; a page without a design
element drops them by name (there is no setting to add them per page).

A listing's cards are parsed once a process for each distinct card: ``ReusedGridItemCard``
is sphinx-design's ``GridItemCardDirective`` (its ``run_with_defaults``, after its defaults are
applied), and hands out copies of the nodes it built for the same title, options and content,
with what ties them to a page (the document, the source and line, the ``pending_xref``'s
``refdoc`` that sphinx-design sets from the page being read) set to this page. Only the
listings ask for it (``reusing_cards``); a card written in an article is parsed as written.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx_design.grids import GridItemCardDirective

from fieldnotes.integrations import require

STYLESHEET, TAB_SCRIPT = "sphinx-design.min.css", "design-tabs.js"


def uses(doctree: nodes.document | None, prefix: str) -> bool:
    """Whether any element of the page carries a class starting with ``prefix``."""
    if doctree is None:
        return False
    return any(c.startswith(prefix) for node in doctree.findall(nodes.Element) for c in node["classes"])


def drop_unused_assets(context: dict[str, Any], doctree: nodes.document | None) -> None:
    if not uses(doctree, "sd-"):
        context["css_files"] = [c for c in context.get("css_files", [])
                                if not c.filename.endswith(STYLESHEET)]
    if not uses(doctree, "sd-tab"):
        context["script_files"] = [s for s in context.get("script_files", [])
                                   if not s.filename.endswith(TAB_SCRIPT)]


_REUSING = "fieldnotes-reusing-cards"
# Each build environment's cards, parsed once: (options, title, content) -> (nodes, line).
# Under -j each worker process fills its own while it reads its chunk of pages.
_PARSED: WeakKeyDictionary[BuildEnvironment, dict[tuple, tuple[list[nodes.Node], int]]] = (
    WeakKeyDictionary())


@contextmanager
def reusing_cards(env: BuildEnvironment) -> Iterator[None]:
    """While a listing parses its grid, cards seen before are copied, not parsed again."""
    env.temp_data[_REUSING] = True
    try:
        yield
    finally:
        env.temp_data.pop(_REUSING, None)


class ReusedGridItemCard(GridItemCardDirective):
    def run_with_defaults(self) -> list[nodes.Node]:
        if not self.env.temp_data.get(_REUSING):
            return super().run_with_defaults()
        key = (self.name, tuple(self.arguments), repr(sorted(self.options.items())),
               tuple(self.content))
        parsed = _PARSED.setdefault(self.env, {})
        if key not in parsed:
            built = super().run_with_defaults()
            # A copy is kept: what a page's transforms do to its own nodes stays there.
            parsed[key] = ([node.deepcopy() for node in built], self.lineno)
            return built
        kept, line = parsed[key]
        return [self._for_this_page(node.deepcopy(), self.lineno - line) for node in kept]

    def _for_this_page(self, copied: nodes.Node, line_shift: int) -> nodes.Node:
        document, source = self.state.document, self.state.document["source"]
        for node in copied.findall():
            if getattr(node, "_document", None) is not None:
                node.document = document
            if node.source is not None:
                node.source = source
            if node.line is not None:
                node.line += line_shift
            if isinstance(node, addnodes.pending_xref):
                node["refdoc"] = self.env.docname
        return copied


def reuse_parsed_cards(app, config) -> None:
    """Replace sphinx-design's card directive (a config-inited step: after every extension's
    setup, so after sphinx-design's own registration, whatever conf.py's order)."""
    app.add_directive("grid-item-card", ReusedGridItemCard, override=True)


def contract() -> None:
    import sphinx_design
    from sphinx_design import extension

    static = Path(sphinx_design.__file__).parent / "static"
    require((static / STYLESHEET).is_file() and (static / TAB_SCRIPT).is_file(), "sphinx-design",
            f"its assets are no longer named {STYLESHEET} and {TAB_SCRIPT}")
    added = inspect.getsource(extension)
    require(f'add_css_file("{STYLESHEET}")' in added and f'"{TAB_SCRIPT}"' in added, "sphinx-design",
            "it no longer adds its assets to every page under these names")
    require(callable(getattr(GridItemCardDirective, "run_with_defaults", None)), "sphinx-design",
            "GridItemCardDirective no longer builds its nodes in run_with_defaults")
    card_source = inspect.getsource(importlib.import_module("sphinx_design.cards"))
    require('"refdoc": inst.env.docname' in card_source, "sphinx-design",
            "a card's link no longer takes its page from refdoc alone")
