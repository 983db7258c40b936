"""Which pages an incremental build rewrites besides the ones it re-read.

Each page's cross-references are noted as it is read, so that when an article's title,
number, category or draft state changes, only the pages that show it are rewritten
(see rewrites.py), not every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes
from sphinx.util import docname_join

from fieldnotes.catalog import Catalog
from fieldnotes.navigation import sidebar_sections
from fieldnotes.rewrites import (
    pages_showing_changes,
    pages_with_changed_relations,
    referrers,
    relation_views,
)

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def reference_keys(docname: str, target: str) -> set[str]:
    """Every label or docname a reference target may name, spelled as the catalog spells them."""
    bare = target.lstrip("#")
    return {target, bare.lower(), docname_join(docname, target)}


def _collect_references(app: Sphinx, doctree: nodes.document) -> None:
    """Note what this page cross-references: the page shows those titles."""
    docname = app.env.docname
    keys: set[str] = set()
    for node in doctree.findall(addnodes.pending_xref):
        target = node.get("reftarget")
        if target:
            keys |= reference_keys(docname, target)
    if keys:
        app.env.fieldnotes_references[docname] = frozenset(keys)
    else:
        app.env.fieldnotes_references.pop(docname, None)


def _nav_key(catalog: Catalog) -> list[tuple]:
    return sorted((a.docname, a.title, a.number, a.category, a.draft, a.featured, a.tags)
                  for a in catalog.articles.values())


def _pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show another page's title or place which changed, though they were not re-read."""
    previous: Catalog | None = env.__dict__.pop("fieldnotes_previous_catalog", None)
    catalog: Catalog = env.fieldnotes_catalog
    # Sphinx's own previous/next links and parents, and every title, kept for the next build.
    old_views: dict | None = getattr(env, "fieldnotes_relation_views", None)
    old_titles: dict | None = getattr(env, "fieldnotes_titles", None)
    env.fieldnotes_relation_views = relation_views(env.collect_relations())
    env.fieldnotes_titles = {doc: node.astext() for doc, node in env.titles.items()}
    old_sections = getattr(env, "fieldnotes_sidebar_sections", None)
    env.fieldnotes_sidebar_sections = sidebar_sections(env)
    if previous is None or old_views is None or old_titles is None:
        return []
    if old_sections != env.fieldnotes_sidebar_sections:
        # The home page's toctrees are the top of every page's sidebar.
        return sorted(env.found_docs)
    if app.config.fieldnotes_sidebar == "furo":
        # Furo's sidebar lists every article on every page.
        return sorted(env.found_docs) if _nav_key(previous) != _nav_key(catalog) else []
    retitled = {doc for doc in old_titles.keys() | env.fieldnotes_titles.keys()
                if old_titles.get(doc) != env.fieldnotes_titles.get(doc)}
    pages = pages_showing_changes(previous, catalog, app.config.fieldnotes_categories,
                                  app.config.fieldnotes_show_drafts, env.fieldnotes_references)
    pages |= pages_with_changed_relations(old_views, env.fieldnotes_relation_views, retitled)
    pages |= referrers(env.fieldnotes_references, retitled)
    return sorted(pages & env.found_docs)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.fieldnotes_references.pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in other.fieldnotes_references:
            env.fieldnotes_references[docname] = other.fieldnotes_references[docname]


def setup_incremental(app: Sphinx) -> None:
    # After the title collector, so references inside the title are seen too.
    app.connect("doctree-read", _collect_references)
    app.connect("env-get-updated", _pages_to_rewrite)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
