"""Which pages show an article's metadata elsewhere, so must be rewritten when it changes.

Sphinx rewrites only the pages it re-read (Sphinx issue #5506); these pages were not re-read
but show another article's title or place. Pure functions over two catalogs, no Sphinx here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from fieldnotes.model.catalog import Catalog
from fieldnotes.model.frontmatter import label_for
from fieldnotes.model.related import related_by_docname, sharing_keys
from fieldnotes.model.window import sidebar_window
from fieldnotes.routes import category_docname, category_key, page_number, tag_docname, tag_key

#: What a link to an article shows: where it goes, and its number and title.
Link = tuple[str, int, str]


def sidebar_lists(catalog: Catalog, categories: Mapping[str, str],
                  include_drafts: bool) -> dict[str, list[Link]]:
    """Each category's articles as its pages' sidebars list them."""
    lists: dict[str, list[Link]] = {slug: [] for slug in categories}
    for article in catalog.published(include_drafts):
        lists.setdefault(article.category, []).append(
            (article.docname, article.number, article.title))
    return lists


def neighbours(catalog: Catalog, include_drafts: bool) -> dict[str, tuple[Link | None, Link | None]]:
    """Each article's previous and next links, along the numbers."""
    sequence = [(a.docname, a.number, a.title) for a in catalog.published(include_drafts)]
    padded = [None, *sequence, None]
    return {link[0]: (padded[i], padded[i + 2]) for i, link in enumerate(sequence)}


def pages_showing_changes(old: Catalog, new: Catalog, categories: Mapping[str, str],
                          include_drafts: bool,
                          references: Mapping[str, Set[str]]) -> set[str]:
    """Pages whose sidebar, previous/next links, series parts or reference texts differ
    between catalogs.

    ``references`` maps each page to the labels and docnames it cross-references.
    """
    pages: set[str] = set()
    old_lists = sidebar_lists(old, categories, include_drafts)
    new_lists = sidebar_lists(new, categories, include_drafts)
    for slug in old_lists.keys() | new_lists.keys():
        pages |= pages_with_changed_sidebars(slug, old_lists.get(slug, []), new_lists.get(slug, []))

    old_links, new_links = neighbours(old, include_drafts), neighbours(new, include_drafts)
    pages |= {doc for doc in old_links.keys() | new_links.keys()
              if old_links.get(doc) != new_links.get(doc)}
    # Each part of a series lists every part's title.
    pages |= {doc for doc in old.articles.keys() | new.articles.keys()
              if old.series_parts(doc, include_drafts) != new.series_parts(doc, include_drafts)}
    pages |= pages_with_changed_category_lists(old, new, include_drafts)

    def title(catalog: Catalog, docname: str) -> str | None:
        article = catalog.articles.get(docname)
        return article.title if article else None

    retitled = {doc for doc in old.articles.keys() | new.articles.keys()
                if title(old, doc) != title(new, doc)}
    return pages | referrers(references, retitled) | pages_with_changed_related(old, new, include_drafts)


def _category_lists(catalog: Catalog, include_drafts: bool) -> dict[str, tuple]:
    """Each article's "More in <category>" count and list, as html/meta.py shows them."""
    shown = {}
    for article in catalog.published(include_drafts):
        count, more = catalog.more_in_category(article.docname, include_drafts)
        shown[article.docname] = (count, [(o.docname, o.number, o.title) for o in more])
    return shown


def pages_with_changed_category_lists(old: Catalog, new: Catalog, include_drafts: bool) -> set[str]:
    """Articles whose "More in <category>" list or count changed (an article joined, left or
    was retitled in their category)."""
    old_lists, new_lists = _category_lists(old, include_drafts), _category_lists(new, include_drafts)
    return {doc for doc in old_lists.keys() | new_lists.keys() if old_lists.get(doc) != new_lists.get(doc)}


def pages_with_changed_sidebars(slug: str, old: list[Link], new: list[Link]) -> set[str]:
    """The category's pages whose window of its articles (see window.py) changed; an article
    that joined or left the category is re-read anyway."""
    if old == new:
        return set()
    in_old, in_new = {link[0] for link in old}, {link[0] for link in new}
    pages = in_old ^ in_new
    pages |= {doc for doc in in_old & in_new if sidebar_window(old, doc) != sidebar_window(new, doc)}
    if sidebar_window(old, None) != sidebar_window(new, None):
        pages.add(category_docname(slug))
    return pages


def listings_with_changed_counts(old: Catalog, new: Catalog, include_drafts: bool) -> set[str]:
    """The first pages of the category and tag listings whose number of articles changed:
    every page of such a listing states the number."""
    firsts = set()
    for catalog in (old, new):
        for article in catalog.articles.values():
            firsts.add((category_docname(article.category), category_key(article.category)))
            firsts |= {(tag_docname(tag), tag_key(tag)) for tag in article.tags}
    return {first for first, key in firsts
            if len(old.listed({key}, include_drafts)) != len(new.listed({key}, include_drafts))}


def later_pages_of(firsts: Set[str], docnames: Set[str], root_doc: str) -> set[str]:
    """The later pages (page 2 on) among ``docnames`` of the listings whose first pages are
    ``firsts``: they show their first page's sidebar and count, not only its cards."""
    found = set()
    for docname in docnames:
        first, page = page_number(docname, root_doc)
        if page > 1 and first in firsts:
            found.add(docname)
    return found


def pages_with_changed_related(old: Catalog, new: Catalog, include_drafts: bool) -> set[str]:
    """Articles whose related-articles list changed, or shows an article that changed.

    Only articles that share a category or a tag with a changed article can be affected, and
    only those are ranked again, against the articles they share something with.
    """
    changed = [a for doc in old.articles.keys() | new.articles.keys()
               for a in (old.articles.get(doc), new.articles.get(doc))
               if a is not None and old.articles.get(doc) != new.articles.get(doc)]
    if not changed:
        return set()
    keys = {key for a in changed for key in sharing_keys(a)}
    candidates = {a.docname for catalog in (old, new) for a in catalog.articles.values()
                  if keys.intersection(sharing_keys(a))}
    old_links = _related_links(old, include_drafts, candidates)
    new_links = _related_links(new, include_drafts, candidates)
    return {doc for doc in candidates if old_links.get(doc) != new_links.get(doc)}


def _related_links(catalog: Catalog, include_drafts: bool, docnames: Set[str]) -> dict[str, list]:
    """The related-articles links of ``docnames``, as html/meta.py shows them."""
    related = related_by_docname(catalog.published(include_drafts), docnames)
    return {doc: [(o.docname, o.number, o.title, o.category) for o in chosen]
            for doc, chosen in related.items()}


def referrers(references: Mapping[str, Set[str]], docnames: Set[str]) -> set[str]:
    """Pages that cross-reference any of ``docnames``, by docname or article label."""
    targets = {key for doc in docnames for key in (doc, label_for(doc))}
    return {doc for doc, refs in references.items() if refs & targets}


#: What Sphinx's previous/next links and breadcrumbs on a page point at.
RelationView = tuple[str | None, str | None, tuple[str, ...]]


def relation_views(relations: Mapping[str, Sequence[str | None]]) -> dict[str, RelationView]:
    """Each page's previous and next pages and its chain of parents, from Sphinx's relations."""
    views = {}
    for docname, (parent, prev, next_) in relations.items():
        chain: list[str] = []
        while parent and parent not in chain:
            chain.append(parent)
            parent = relations.get(parent, (None,))[0]
        views[docname] = (prev, next_, tuple(chain))
    return views


def pages_with_changed_relations(old: Mapping[str, RelationView], new: Mapping[str, RelationView],
                                 retitled: Set[str]) -> set[str]:
    """Pages (such as category pages) whose Sphinx previous/next links or parents changed,
    or point at a page whose title changed."""
    pages = {doc for doc in old.keys() | new.keys() if old.get(doc) != new.get(doc)}
    pages |= {doc for doc, (prev, next_, chain) in new.items() if retitled & {prev, next_, *chain}}
    return pages
