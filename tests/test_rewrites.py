"""Which pages show a changed article: the rewrite set after an edit, without Sphinx."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from fieldnotes.building.incremental import reference_keys
from fieldnotes.model.catalog import Catalog
from fieldnotes.model.frontmatter import Article
from fieldnotes.model.rewrites import (
    later_pages_of,
    listings_with_changed_counts,
    neighbours,
    pages_showing_changes,
    pages_with_changed_category_lists,
    pages_with_changed_relations,
    relation_views,
    sidebar_lists,
)

CATEGORIES = {"open-source": "Open Source", "gpu-compute": "GPU & Compute", "production": "Production"}


def article(number: int, category: str, **changes) -> Article:
    record = Article(f"articles/{number:02d}-a{number}", f"Article {number}", number, category,
                     dt.date(2026, 1, number), "Summary.")
    return dataclasses.replace(record, **changes)


def catalog(*articles: Article) -> Catalog:
    return Catalog(articles={a.docname: a for a in articles})


# 1 and 4 in open-source, 2 and 5 in gpu-compute, 3 and 6 in production.
BEFORE = [article(n, ("open-source", "gpu-compute", "production")[(n - 1) % 3]) for n in range(1, 7)]


def changed(index: int, **changes) -> Catalog:
    after = list(BEFORE)
    after[index] = dataclasses.replace(after[index], **changes)
    return catalog(*after)


def rewrite(after: Catalog, references=None, drafts=False) -> set[str]:
    return pages_showing_changes(catalog(*BEFORE), after, CATEGORIES, drafts, references or {})


def test_sidebar_lists_follow_categories_and_numbers():
    lists = sidebar_lists(catalog(*reversed(BEFORE)), CATEGORIES, include_drafts=False)
    assert list(lists) == list(CATEGORIES)
    assert [link[1] for link in lists["gpu-compute"]] == [2, 5]


def test_neighbours_skip_drafts_unless_shown():
    with_draft = changed(2, draft=True)
    links = neighbours(with_draft, include_drafts=False)
    assert "articles/03-a3" not in links
    assert links["articles/02-a2"][1][0] == "articles/04-a4"
    assert neighbours(with_draft, include_drafts=True)["articles/02-a2"][1][0] == "articles/03-a3"
    assert links["articles/01-a1"][0] is None and links["articles/06-a6"][1] is None


def test_title_edit_reaches_its_category_neighbours_and_referrers():
    references = {"articles/06-a6": reference_keys("articles/06-a6", "a2"),
                  "articles/03-a3": reference_keys("articles/03-a3", "/articles/04-a4")}
    pages = rewrite(changed(1, title="Article 2, renamed"), references)
    assert pages == {
        "categories/gpu-compute", "articles/02-a2", "articles/05-a5",  # its category's sidebar
        "articles/01-a1", "articles/03-a3",  # previous and next show its title
        "articles/06-a6",  # cross-references it by label
    }


def test_relative_doc_reference_counts():
    references = {"articles/06-a6": reference_keys("articles/06-a6", "02-a2")}
    assert "articles/06-a6" in rewrite(changed(1, title="Renamed"), references)


def test_category_move_rewrites_both_categories_but_not_the_neighbours():
    pages = rewrite(changed(1, category="production"))
    assert pages == {"categories/gpu-compute", "categories/production", "articles/02-a2",
                     "articles/05-a5", "articles/03-a3", "articles/06-a6"}


def test_renumbering_rewrites_old_and_new_neighbours():
    pages = rewrite(changed(0, number=7))
    # Old neighbours: 2 lost its previous. New: 6 gained a next. The category list reorders.
    assert {"articles/02-a2", "articles/06-a6", "categories/open-source",
            "articles/04-a4"} <= pages
    assert "articles/05-a5" not in pages


@pytest.mark.parametrize("changes", [{"summary": "Another."}, {"featured": True},
                                     {"date": dt.date(2025, 1, 1)}])
def test_listing_only_fields_rewrite_nothing_beyond_the_listings(changes):
    # Listing pages are re-read, so they are written anyway; no other page shows these fields.
    assert rewrite(changed(1, **changes)) == set()


def test_becoming_a_draft_leaves_sidebar_and_sequence():
    pages = rewrite(changed(2, draft=True))
    assert {"categories/production", "articles/06-a6", "articles/02-a2", "articles/04-a4"} <= pages
    assert rewrite(changed(2, draft=True), drafts=True) == set()


def test_removed_article_rewrites_its_referrers():
    references = {"articles/01-a1": reference_keys("articles/01-a1", "a6")}
    pages = rewrite(catalog(*BEFORE[:-1]), references)
    assert {"articles/01-a1", "articles/05-a5", "categories/production", "articles/03-a3"} <= pages


def test_relation_views_follow_parents_to_the_root():
    relations = {"index": [None, None, "categories/a"], "categories/a": ["index", "index", "x"],
                 "x": ["categories/a", "categories/a", None]}
    assert relation_views(relations)["x"] == ("categories/a", None, ("categories/a", "index"))


def test_changed_or_retitled_relations_are_rewritten():
    old = {"categories/b": ("articles/03", "articles/05", ("index",)),
           "categories/c": ("articles/06", None, ("index",))}
    moved = {**old, "categories/b": ("articles/04", "articles/05", ("index",))}
    assert pages_with_changed_relations(old, moved, set()) == {"categories/b"}
    assert pages_with_changed_relations(old, old, {"articles/06"}) == {"categories/c"}
    assert pages_with_changed_relations(old, old, {"articles/99"}) == set()


def test_related_articles_that_show_a_changed_article_are_rewritten():
    tagged = [dataclasses.replace(a, tags=("gpu",)) if a.number in (1, 3) else a for a in BEFORE]
    before = catalog(*tagged)
    after = catalog(*[dataclasses.replace(a, title="Renamed") if a.number == 3 else a for a in tagged])
    pages = pages_showing_changes(before, after, CATEGORIES, False, {})
    # Article 1 (open-source) lists 3 (production) as related through their shared tag.
    assert "articles/01-a1" in pages
    assert "articles/05-a5" not in pages
    untagged = catalog(*[dataclasses.replace(a, tags=()) if a.number == 3 else a for a in tagged])
    assert "articles/01-a1" in pages_showing_changes(before, untagged, CATEGORIES, False, {})


def test_a_listing_whose_count_changed_is_found_by_its_first_page():
    tagged = [dataclasses.replace(a, tags=("gpu",)) for a in BEFORE]
    added = catalog(*tagged, article(7, "gpu-compute", tags=("gpu",)))
    assert listings_with_changed_counts(catalog(*tagged), added, False) == {
        "categories/gpu-compute", "tags/gpu"}
    moved = catalog(*tagged[:1], dataclasses.replace(tagged[1], category="production"), *tagged[2:])
    assert listings_with_changed_counts(catalog(*tagged), moved, False) == {
        "categories/gpu-compute", "categories/production"}
    retitled = catalog(dataclasses.replace(tagged[0], title="New"), *tagged[1:])
    assert listings_with_changed_counts(catalog(*tagged), retitled, False) == set()
    drafted = catalog(dataclasses.replace(tagged[0], draft=True), *tagged[1:])
    assert listings_with_changed_counts(catalog(*tagged), drafted, False) == {
        "categories/open-source", "tags/gpu"}
    assert listings_with_changed_counts(catalog(*tagged), drafted, True) == set()


def test_later_pages_of_a_listing_are_found_from_its_first_page():
    docs = {"index", "page/2", "categories/gpu-compute", "categories/gpu-compute/page/2",
            "categories/gpu-compute/page/3", "categories/production/page/2", "tags/gpu/page/2"}
    assert later_pages_of({"categories/gpu-compute", "tags/gpu"}, docs, "index") == {
        "categories/gpu-compute/page/2", "categories/gpu-compute/page/3", "tags/gpu/page/2"}
    assert later_pages_of({"index"}, docs, "index") == {"page/2"}


def test_a_retitled_article_further_down_more_in_its_category_rewrites_the_page_showing_it():
    # "More in <category>" leaves out the page's related articles, so it reaches further than
    # the five nearest: a title there changing must rewrite the page too.
    before = catalog(*(article(n, "gpu-compute") for n in range(1, 13)))
    first = "articles/01-a1"
    nearest = sorted((a for a in before.articles.values() if a.docname != first),
                     key=lambda a: a.number)[:5]
    _, more = before.more_in_category(first)
    further = [a for a in more if a not in nearest]
    assert further  # the related articles took some of the nearest five
    after = catalog(*(dataclasses.replace(a, title="Renamed") if a == further[-1] else a
                      for a in before.articles.values()))
    assert first in pages_with_changed_category_lists(before, after, False)


def test_an_article_joining_a_large_category_rewrites_every_page_that_counts_it():
    # Twelve in one category: a page's sidebar shows a window of them, unchanged far from the
    # newcomer, but "More in <category>" under every article counts them all.
    before = [article(n, "gpu-compute") for n in range(1, 14) if n != 7]
    after = catalog(*before, article(7, "gpu-compute"))
    assert {a.docname for a in before} <= pages_showing_changes(catalog(*before), after, CATEGORIES, False, {})
