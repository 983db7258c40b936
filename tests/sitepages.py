"""Facts the browser tests look for, computed from the real site's sources and its build."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.util.matching import Matcher

from fieldnotes.model.catalog import build_catalog
from tests import siteconf
from tests.siteconf import REPO

MISSING_PATH = "no-such-page/"
# Every page type of the site; the browser tests visit each.
PAGE_TYPES = ["home", "category", "article", "tag", "tags-index", "search", "404", "genindex"]


def published_articles():
    """The articles a reader sees, in number order, as the extension orders them."""
    excluded = Matcher(siteconf.exclude_patterns)
    sources = {f"articles/{p.stem}": p for p in (REPO / "articles").glob("*.md")
               if not excluded(f"articles/{p.name}")}
    catalog = build_catalog(sources, siteconf.fieldnotes_categories, siteconf.fieldnotes_tags)
    return catalog.published(siteconf.fieldnotes_show_drafts)


def _main_text(page: Path) -> tuple[str, str]:
    """The page's title and the words of its main content, without code, title or header."""
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = html.select_one("article[role=main]")
    title = html.select_one("h1")
    for noise in main.select("pre, h1, .fn-article-header, .headerlink"):
        noise.decompose()
    return (title.get_text(" ", strip=True) if title else ""), main.get_text(" ", strip=True)


# Worked out once a run for each built site (reading every page takes a second): the tests
# that ask only read the site.
@functools.cache
def body_only_word(outdir: Path) -> tuple[str, str]:
    """A word that appears in exactly one page's body, an article's, and in no title at all."""
    words_by_page: dict[str, set[str]] = {}
    titles = set()
    for page in sorted(outdir.rglob("*.html")):
        name = page.relative_to(outdir).as_posix()
        if name in ("search.html", "genindex.html", "404.html"):
            continue
        title, text = _main_text(page)
        titles |= set(re.findall(r"[a-z]+", title.lower()))
        words_by_page[name] = set(re.findall(r"\b[a-z]{9,}\b", text.lower()))
    for page, words in sorted(words_by_page.items()):
        if not page.startswith("articles/"):
            continue
        others = set().union(*(w for p, w in words_by_page.items() if p != page))
        unique = sorted(words - others - titles)
        if unique:
            return unique[0], page
    raise AssertionError("no article has a word of its own: the search test needs one")


def page_paths(outdir: Path) -> dict[str, str]:
    """A URL path, relative to the site root, for each of PAGE_TYPES."""
    first_category = next(iter(siteconf.fieldnotes_categories))
    first_article = published_articles()[0]
    word, _ = body_only_word(outdir)
    paths = {"home": "index.html", "category": f"categories/{first_category}.html",
             "article": f"{first_article.docname}.html", "tag": f"tags/{first_article.tags[0]}.html",
             "tags-index": "tags/index.html", "search": f"search.html?q={word}",
             "404": MISSING_PATH, "genindex": "genindex.html"}
    assert list(paths) == PAGE_TYPES
    return paths
