"""Sphinx's HTML writer with the markup fixes the Nu HTML Checker asks for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

# ARIA 1.2 requires a level on role="heading"; 2 is the level ARIA 1.1 implied.
HEADING_LEVEL = "2"
# Code scrolls sideways on a narrow screen: a keyboard user must be able to reach it to scroll.
FOCUSABLE_PRE = '<pre tabindex="0">'
# Code stays out of the search index: its excerpts are to be prose a reader can scan.
SEARCH_IGNORED = "data-pagefind-ignore"
SEARCH_IGNORED_VALUE = "all"


class FieldNotesTranslator(HTML5Translator):
    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n",
                 empty: bool = False, **attributes: Any) -> str:
        # Sphinx writes toctree captions as <p role="heading"> with no aria-level
        # (sphinx-doc/sphinx#14030); add the level it has always implied.
        # docutils lower-cases attribute names when it writes them, whatever case Sphinx used.
        given = {name.lower(): value for name, value in attributes.items()}
        if str(given.get("role", "")).lower() == "heading" and "aria-level" not in given:
            attributes["aria-level"] = HEADING_LEVEL
        if tagname == "pre":  # a literal block that is not highlighted
            attributes.setdefault("TABINDEX", "0")
            attributes[SEARCH_IGNORED] = SEARCH_IGNORED_VALUE
        if tagname == "div" and str(given.get("class", "")).startswith("highlight-"):
            attributes[SEARCH_IGNORED] = SEARCH_IGNORED_VALUE  # a highlighted code block
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:
            # Pygments writes the highlighted block's <pre> itself, with no attributes.
            self.body[start:] = [part.replace("<pre>", FOCUSABLE_PRE) for part in self.body[start:]]


def setup_translator(app: Sphinx) -> None:
    for builder in ("html", "dirhtml"):
        app.set_translator(builder, FieldNotesTranslator, override=True)
