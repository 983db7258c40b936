"""Sphinx's HTML writer with the markup fixes the Nu HTML Checker asks for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

# ARIA 1.2 requires a level on role="heading"; 2 is the level ARIA 1.1 implied.
HEADING_LEVEL = "2"


class FieldNotesTranslator(HTML5Translator):
    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n",
                 empty: bool = False, **attributes: Any) -> str:
        # Sphinx writes toctree captions as <p role="heading"> with no aria-level
        # (sphinx-doc/sphinx#14030); add the level it has always implied.
        if str(attributes.get("ROLE", "")).lower() == "heading":
            attributes.setdefault("ARIA-LEVEL", HEADING_LEVEL)
        return super().starttag(node, tagname, suffix, empty, **attributes)


def setup_translator(app: Sphinx) -> None:
    for builder in ("html", "dirhtml"):
        app.set_translator(builder, FieldNotesTranslator, override=True)
