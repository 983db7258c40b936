"""Where each listing lives: its docname, its source file, its feed, and the key that says
which articles it lists. The only module that spells ``categories/<slug>``, ``tags/<tag>``,
``page/<n>``, ``feeds/...`` or ``category:<slug>``; no Sphinx here.

A listing key is ``*`` (every article), ``category:<slug>`` or ``tag:<slug>``. A listing's
first page is the home page, ``categories/<slug>`` or ``tags/<tag>``; its later pages are
``page/<n>`` (the home page's), ``categories/<slug>/page/<n>`` and ``tags/<tag>/page/<n>``.
"""

from __future__ import annotations

import re

CATEGORIES, TAGS, PAGES = "categories", "tags", "page"
SERIES, AUTHORS, ARCHIVE = "series", "authors", "archive"
#: The folders of the pages the build writes (see listings.generated).
GENERATED_FOLDERS = (CATEGORIES, TAGS, PAGES, SERIES, AUTHORS, ARCHIVE)
TAGS_INDEX = f"{TAGS}/index"
#: Every published article by year and month, newest first.
ARCHIVE_PAGE = f"{ARCHIVE}/index"
SITE_FEED = "feeds/atom.xml"
EVERYTHING = "*"
_KIND_OF_FOLDER = {CATEGORIES: "category", TAGS: "tag"}
_LISTING_PAGE = re.compile(rf"({CATEGORIES}|{TAGS})/([\w-]+)(?:/{PAGES}/[0-9]+)?")
_LATER_PAGE = re.compile(rf"(?:(.+)/)?{PAGES}/([0-9]+)")


def category_docname(slug: str) -> str:
    """The generated page of one category."""
    return f"{CATEGORIES}/{slug}"


def tag_docname(slug: str) -> str:
    return f"{TAGS}/{slug}"


def series_docname(slug: str) -> str:
    """The generated page of one series: its parts in order."""
    return f"{SERIES}/{slug}"


def author_docname(slug: str) -> str:
    return f"{AUTHORS}/{slug}"


def series_key(slug: str) -> str:
    return f"series:{slug}"


def author_key(slug: str) -> str:
    return f"author:{slug}"


def category_key(slug: str) -> str:
    return f"category:{slug}"


def tag_key(slug: str) -> str:
    return f"tag:{slug}"


def key_parts(key: str) -> tuple[str, str]:
    """("*", ""), ("category", slug), ("tag", slug), ("series", slug) or ("author", slug)."""
    kind, _, value = key.partition(":")
    return kind, value


def listing_keys(category: str | None, tag: str | None) -> set[str]:
    """What a listing shows: one category's or one tag's articles, or every article."""
    keys = {category_key(category)} if category else set()
    keys |= {tag_key(tag)} if tag else set()
    return keys or {EVERYTHING}


def listing_docname(category: str | None, tag: str | None, root_doc: str) -> str:
    """The first page of a listing: its tag's page, its category's, or the home page."""
    if tag:
        return tag_docname(tag)
    return category_docname(category) if category else root_doc


def paged_docname(first: str, page: int, root_doc: str) -> str:
    """Page ``page`` (from 1) of the listing whose first page is ``first``."""
    if page == 1:
        return first
    return f"{PAGES}/{page}" if first == root_doc else f"{first}/{PAGES}/{page}"


def page_number(docname: str, root_doc: str) -> tuple[str, int]:
    """(the listing's first page, this page's number) of any page; 1 for a first page."""
    match = _LATER_PAGE.fullmatch(docname)
    if not match:
        return docname, 1
    return match.group(1) or root_doc, int(match.group(2))


def listing_page(docname: str) -> tuple[str, str] | None:
    """("categories" or "tags", slug) for a generated category or tag page, any of its later
    pages, or the tags index."""
    match = _LISTING_PAGE.fullmatch(docname)
    return (match.group(1), match.group(2)) if match else None


def is_listing(docname: str, root_doc: str) -> bool:
    """The home page and every generated page: category, tag, series, author and archive."""
    return docname == root_doc or docname.startswith(tuple(f"{folder}/" for folder in GENERATED_FOLDERS))


def tag_of_page(docname: str) -> str | None:
    """The tag a tag page (or a later page of it) lists; None for any other page, the tags
    index included."""
    listing = listing_page(docname)
    if listing and listing[0] == TAGS and docname != TAGS_INDEX:
        return listing[1]
    return None


def feed_path(kind: str, slug: str) -> str:
    """The feed of one category or tag ("category" or "tag")."""
    return f"feeds/{kind}/{slug}.xml"


def listing_feed(docname: str) -> str | None:
    """The feed of the articles a category, tag or author page lists."""
    folder, _, slug = docname.partition("/")
    if folder == AUTHORS and slug:
        return feed_path("author", slug)
    listing = listing_page(docname)
    if not listing or listing[1] == "index":
        return None
    return feed_path(_KIND_OF_FOLDER[listing[0]], listing[1])


def feed_paths(project: str, categories: dict[str, str], tags: dict[str, str],
               authors: dict[str, dict] | None = None) -> dict[str, tuple[str, str]]:
    """Feed file -> (title, listing key), for the whole site, each category, each tag and
    each author."""
    paths = {SITE_FEED: (project, EVERYTHING)}
    for slug, name in categories.items():
        paths[feed_path("category", slug)] = (f"{project}: {name}", category_key(slug))
    for slug, name in tags.items():
        paths[feed_path("tag", slug)] = (f"{project}: tagged {name}", tag_key(slug))
    for slug, person in (authors or {}).items():
        paths[feed_path("author", slug)] = (f"{project}: by {person['name']}", author_key(slug))
    return paths
