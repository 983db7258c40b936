"""Pick related articles: shared tags first, then the same category."""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping, Set

from fieldnotes.model.frontmatter import Article
from fieldnotes.routes import category_key, tag_key


def related_articles(article: Article, candidates: Iterable[Article], limit: int = 3,
                     tag_sets: Mapping[str, frozenset[str]] | None = None) -> list[Article]:
    """Up to ``limit`` others, most shared tags first, then same category, then by number.
    ``tag_sets`` (docname -> its tags) spares building each candidate's set again."""
    def tags_of(other: Article) -> frozenset[str]:
        return tag_sets[other.docname] if tag_sets else frozenset(other.tags)

    tags = tags_of(article)

    def rank(other: Article) -> tuple[int, bool, int, str]:
        shared = len(tags & tags_of(other))
        return (-shared, other.category != article.category, other.number, other.docname)

    scored = (o for o in candidates if o.docname != article.docname
              and (o.category == article.category or not tags.isdisjoint(tags_of(o))))
    # The same as sorted(...)[:limit], without sorting a popular tag's hundreds of articles.
    return heapq.nsmallest(limit, scored, key=rank)


def more_in_category(article: Article, published: Iterable[Article], shown: Set[str] = frozenset(),
                     limit: int = 5) -> list[Article]:
    """Up to ``limit`` other articles of ``article``'s category among ``published``, those
    nearest it by number, in number order: "More in <category>" under the article. Articles
    the page already ``shown`` (its related articles) are not offered twice."""
    others = [o for o in published if o.category == article.category
              and o.docname != article.docname and o.docname not in shown]
    nearest = heapq.nsmallest(limit, others, key=lambda o: (abs(o.number - article.number), o.number, o.docname))
    return sorted(nearest, key=lambda o: (o.number, o.docname))


def sharing_keys(article: Article) -> list[str]:
    """What another article must share with this one to be related to it."""
    return [category_key(article.category), *(tag_key(t) for t in article.tags)]


def related_by_docname(published: list[Article],
                       docnames: Collection[str] | None = None) -> dict[str, list[Article]]:
    """``related_articles`` of each published article, or of those in ``docnames``.

    Only articles sharing a key can be related, so each is ranked against those alone: the
    same lists, without comparing every pair of a thousand articles.
    """
    buckets: dict[str, list[Article]] = {}
    for article in published:
        for key in sharing_keys(article):
            buckets.setdefault(key, []).append(article)
    tag_sets = {article.docname: frozenset(article.tags) for article in published}
    related = {}
    for article in published:
        if docnames is None or article.docname in docnames:
            candidates = {o.docname: o for key in sharing_keys(article) for o in buckets[key]}
            related[article.docname] = related_articles(article, candidates.values(),
                                                        tag_sets=tag_sets)
    return related
