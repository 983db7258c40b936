"""Which pages an incremental build rewrites besides the ones it re-read.

Each page's cross-references are noted as it is read, so that when an article's title,
number, category or draft state changes, only the pages that show it are rewritten
(see rewrites.py), not every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

from fieldnotes.html.navigation import sidebar_sections
from fieldnotes.integrations.sphinx import docname_join
from fieldnotes.model.catalog import Catalog
from fieldnotes.model.rewrites import (
    later_pages_of,
    listings_with_changed_counts,
    pages_showing_changes,
    pages_with_changed_relations,
    referrers,
    relation_views,
)
from fieldnotes.routes import listing_page
from fieldnotes.state import site_state

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
        site_state(app.env).references[docname] = frozenset(keys)


#: What the previous build showed, compared with this build's in ``_pages_to_rewrite``.
_SEEN = ("relation_views", "titles", "sidebar_sections")


def _nav_key(catalog: Catalog) -> list[tuple]:
    return sorted((a.docname, a.title, a.number, a.category, a.draft, a.featured, a.tags)
                  for a in catalog.articles.values())


def _pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show another page's title or place which changed, though they were not re-read."""
    state = site_state(env)
    previous, catalog = state.take_previous_catalog(), state.catalog
    # Sphinx's own previous/next links and parents, every title, and the top of the sidebar,
    # kept for the next build.
    old_views, old_titles, old_sections = (state.data[key] for key in _SEEN)
    state.data.update(relation_views=relation_views(env.collect_relations()),
                      titles={doc: node.astext() for doc, node in env.titles.items()},
                      sidebar_sections=sidebar_sections(env))
    if previous is None or old_views is None or old_titles is None:
        return []
    if old_sections != state.data["sidebar_sections"]:
        # The home page's toctrees are the top of every page's sidebar.
        return sorted(env.found_docs)
    if app.config.fieldnotes_sidebar == "furo":
        # Furo's sidebar lists every article on every page.
        return sorted(env.found_docs) if _nav_key(previous) != _nav_key(catalog) else []
    titles = state.data["titles"]
    retitled = {doc for doc in old_titles.keys() | titles.keys() if old_titles.get(doc) != titles.get(doc)}
    pages = pages_showing_changes(previous, catalog, app.config.fieldnotes_categories,
                                  app.config.fieldnotes_show_drafts, state.references)
    pages |= pages_with_changed_relations(old_views, state.data["relation_views"], retitled)
    pages |= referrers(state.references, retitled)
    # A later page of a category or tag listing is read again only when its own cards change
    # (sources.py), but it shows its first page's sidebar and number of articles too.
    firsts = {doc for doc in pages if listing_page(doc)}
    firsts |= listings_with_changed_counts(previous, catalog, app.config.fieldnotes_show_drafts)
    pages |= later_pages_of(firsts, env.found_docs, app.config.root_doc)
    return sorted(pages & env.found_docs)
