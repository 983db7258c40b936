"""Hand MyST an article's front matter it can read safely: the checked title, on the same lines.

MyST loads front matter with ``yaml.safe_load`` while it reads a document, and that expands
YAML aliases without bound. The catalog has already read and checked every article
(``frontmatter.py``), so MyST gets only the title, which it turns into the page's H1, and
blank lines, so every line keeps its number in warnings. Nothing else reads an article's
``env.metadata`` from its front matter: the site reads the catalog.

Every page's text, an article's or not, is also kept within what its outputs and parsers can
hold: a control character that XML forbids would leave the feeds and the e-book unreadable,
so it is reported at its line and shown as U+FFFD; a page nested deeper than the parsers can
follow (``model/nesting.py``) is reported at the line and left empty, before any parser recurses.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.model.body import refused_characters, without_refused_characters
from fieldnotes.model.filenames import in_articles_dir, slug_of
from fieldnotes.model.frontmatter import split_front_matter
from fieldnotes.model.nesting import MAX_NESTING, too_deep
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

# A file full of control characters gets this many warnings, then one that counts the rest.
_MOST_REPORTED = 5
# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _yaml_string(text: str) -> str:
    """``text`` as one double-quoted YAML scalar that MyST renders as plain words."""
    markdown = _PUNCTUATION.sub(r"\\\1", text)
    quoted = json.dumps(markdown, ensure_ascii=False)
    return "".join(c if c.isprintable() else f"\\U{ord(c):08x}" for c in quoted)


def safe_front_matter(text: str, title: str) -> str:
    """``text`` with its front matter replaced by ``title`` and blank lines."""
    parts = split_front_matter(text)
    if parts is None:
        # No front matter for the catalog; make sure MyST sees none either.
        first, newline, rest = text.partition("\n")
        return newline + rest if first.startswith("-") else text
    yaml_text, _, body, _ = parts
    blank = len(yaml_text.splitlines())
    front = f"title: {_yaml_string(title)}\n" + "\n" * (blank - 1) if blank else ""
    return f"---\n{front}---\n{body}"


def _read_source(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    if in_articles_dir(app.config.fieldnotes_articles_dir, docname):
        article = site_state(app.env).catalog.articles.get(docname)
        # An article whose front matter was refused is built under its label until it is fixed.
        title = article.title if article else (slug_of(docname) or "untitled")
        text = safe_front_matter(text, title)
    source[0] = _within_bounds(docname, _printable(docname, text))


def _printable(docname: str, text: str) -> str:
    """The text with no character that breaks a feed or an e-book page; each line that held
    one is reported."""
    found = refused_characters(text)
    for line, char in found[:_MOST_REPORTED]:
        logger.warning(f"the control character U+{ord(char):04X} breaks the site's feeds and "
                       "e-book, which are XML: remove it (an editor shows it as a box or ^ "
                       "and a letter)", location=(docname, line), type="fieldnotes",
                       subtype="source")
    if len(found) > _MOST_REPORTED:
        logger.warning(f"{len(found) - _MOST_REPORTED} more lines hold control characters; "
                       "remove them all", location=(docname, found[_MOST_REPORTED][0]),
                       type="fieldnotes", subtype="source")
    return without_refused_characters(text) if found else text


def _within_bounds(docname: str, text: str) -> str:
    """The text, or only its front matter when it nests deeper than the parsers can follow."""
    deep = too_deep(text)
    if deep is None:
        return text
    line, _ = deep
    logger.warning(f"this line is nested more than {MAX_NESTING} levels deep (block quotes, "
                   "list items, directives and rST indentation, in all), deeper than the page "
                   "can be built: flatten it; the page is left empty until then",
                   location=(docname, line), type="fieldnotes", subtype="nesting")
    parts = split_front_matter(text)
    return text[:len(text) - len(parts[2])] if parts else ""
