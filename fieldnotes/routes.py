"""Where each listing lives: its docname, its source file, its feed, and the key that says
which articles it lists. The only module that spells ``categories/<slug>``, ``tags/<tag>``,
``feeds/...`` or ``category:<slug>``; no Sphinx here.

A listing key is ``*`` (every article), ``category:<slug>`` or ``tag:<slug>``.
"""

from __future__ import annotations

import re

CATEGORIES, TAGS = "categories", "tags"
#: The folders of the pages the build writes (see listings.generated).
GENERATED_FOLDERS = (CATEGORIES, TAGS)
TAGS_INDEX = f"{TAGS}/index"
SITE_FEED = "feeds/atom.xml"
EVERYTHING = "*"
_KIND_OF_FOLDER = {CATEGORIES: "category", TAGS: "tag"}
_LISTING_PAGE = re.compile(rf"({CATEGORIES}|{TAGS})/([\w-]+)")


def category_docname(slug: str) -> str:
    """The generated page of one category."""
    return f"{CATEGORIES}/{slug}"


def tag_docname(slug: str) -> str:
    return f"{TAGS}/{slug}"


def category_key(slug: str) -> str:
    return f"category:{slug}"


def tag_key(slug: str) -> str:
    return f"tag:{slug}"


def key_parts(key: str) -> tuple[str, str]:
    """("*", ""), ("category", slug) or ("tag", slug)."""
    kind, _, value = key.partition(":")
    return kind, value


def listing_keys(category: str | None, tag: str | None) -> set[str]:
    """What a listing shows: one category's or one tag's articles, or every article."""
    keys = {category_key(category)} if category else set()
    keys |= {tag_key(tag)} if tag else set()
    return keys or {EVERYTHING}


def listing_page(docname: str) -> tuple[str, str] | None:
    """("categories" or "tags", slug) for a generated category or tag page (or the tags index)."""
    match = _LISTING_PAGE.fullmatch(docname)
    return (match.group(1), match.group(2)) if match else None


def is_listing(docname: str, root_doc: str) -> bool:
    """The home page and the generated category and tag pages (and the tags index)."""
    return docname == root_doc or docname.startswith((f"{CATEGORIES}/", f"{TAGS}/"))


def tag_of_page(docname: str) -> str | None:
    """The tag a tag page lists; None for any other page, the tags index included."""
    if docname.startswith(f"{TAGS}/") and docname != TAGS_INDEX:
        return docname.removeprefix(f"{TAGS}/")
    return None


def feed_path(kind: str, slug: str) -> str:
    """The feed of one category or tag ("category" or "tag")."""
    return f"feeds/{kind}/{slug}.xml"


def listing_feed(docname: str) -> str | None:
    """The feed of the articles a category or tag page lists."""
    listing = listing_page(docname)
    if not listing or listing[1] == "index":
        return None
    return feed_path(_KIND_OF_FOLDER[listing[0]], listing[1])


def feed_paths(project: str, categories: dict[str, str], tags: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Feed file -> (title, listing key), for the whole site, each category and each tag."""
    paths = {SITE_FEED: (project, EVERYTHING)}
    for slug, name in categories.items():
        paths[feed_path("category", slug)] = (f"{project}: {name}", category_key(slug))
    for slug, name in tags.items():
        paths[feed_path("tag", slug)] = (f"{project}: tagged {name}", tag_key(slug))
    return paths
