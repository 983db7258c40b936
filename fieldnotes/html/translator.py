"""Sphinx's HTML writer with the markup fixes the Nu HTML Checker and axe ask for."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from docutils import nodes

from fieldnotes.html.scrollboxes import PageBoxNames, box_kind, drop_copied_ids
from fieldnotes.integrations import sphinx

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# ARIA 1.2 requires a level on role="heading"; 2 is the level ARIA 1.1 implied.
HEADING_LEVEL = "2"
# An inline code token up to this long stays on one line (about 235 px of monospace at the
# site's code size, inside a 320 px phone's column); a longer one may break anywhere.
LONGEST_UNBROKEN_TOKEN = 30


def _mark_long_token(part: str) -> str:
    opening, closing = '<span class="pre">', "</span>"
    if not (part.startswith(opening) and part.endswith(closing)):
        return part
    token = html.unescape(part[len(opening):-len(closing)])
    if len(token) <= LONGEST_UNBROKEN_TOKEN:
        return part
    return '<span class="pre fn-long-token">' + part[len(opening):]


def is_empty_header(entry: nodes.entry) -> bool:
    return isinstance(entry.parent.parent, nodes.thead) and not entry.astext().strip()


# Code stays out of the search index: its excerpts are to be prose a reader can scan.
SEARCH_IGNORED = "data-pagefind-ignore"
SEARCH_IGNORED_VALUE = "all"


class FieldNotesTranslator(sphinx.HTMLTranslatorBase):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._box_names = PageBoxNames()  # a translator writes one page

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
        if tagname == "div" and (kind := box_kind(node)):
            # Done here, not in visit_container: sphinx-design replaces the container's visitor.
            drop_copied_ids(node)
            attributes.update({"TABINDEX": "0", "ROLE": "region",
                               "ARIA-LABEL": self._box_names.name(node, kind)})
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def visit_entry(self, node: nodes.entry) -> None:
        super().visit_entry(node)
        if is_empty_header(node):
            # An empty header names no column (the corner over a row-header column): a plain
            # cell, so that assistive technology does not announce a header with no words.
            self.body[-1] = "<td" + self.body[-1].removeprefix("<th")
            self.context[-1] = "</td>\n"

    def visit_Text(self, node: nodes.Text) -> None:
        start = len(self.body)
        super().visit_Text(node)
        if self.protect_literal_text:
            # Sphinx wraps each token of inline code in <span class="pre">, which the site
            # keeps on one line: a token too long for a phone's line is marked to wrap.
            self.body[start:] = [_mark_long_token(part) for part in self.body[start:]]

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:
            self.body[start:] = [sphinx.focusable_code(part) for part in self.body[start:]]


def setup_translator(app: Sphinx) -> None:
    for builder in ("html", "dirhtml"):
        # Documented: https://www.sphinx-doc.org/en/master/extdev/appapi.html#sphinx.application.Sphinx.set_translator
        app.set_translator(builder, FieldNotesTranslator, override=True)
