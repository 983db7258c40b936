"""Hand MyST an article's front matter it can read safely: the checked title, on the same lines.

MyST loads front matter with ``yaml.safe_load`` while it reads a document, and that expands
YAML aliases without bound. The catalog has already read and checked every article
(``frontmatter.py``), so MyST gets only the title, which it turns into the page's H1, and
blank lines, so every line keeps its number in warnings. Nothing else reads an article's
``env.metadata`` from its front matter: the site reads the catalog.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from fieldnotes.model.filenames import in_articles_dir, slug_of
from fieldnotes.model.frontmatter import split_front_matter
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

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
    if not in_articles_dir(app.config.fieldnotes_articles_dir, docname):
        return
    article = site_state(app.env).catalog.articles.get(docname)
    # An article whose front matter was refused is built under its label until it is fixed.
    title = article.title if article else (slug_of(docname) or "untitled")
    source[0] = safe_front_matter(source[0], title)


def setup_safe_source(app: Sphinx) -> None:
    # Before MyST parses the document; the catalog was built at env-get-outdated.
    app.connect("source-read", _read_source)
