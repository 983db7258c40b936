"""Pick related articles: shared tags first, then the same category."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from fieldnotes.model.frontmatter import Article
from fieldnotes.routes import category_key, tag_key


def related_articles(article: Article, candidates: Iterable[Article], limit: int = 3) -> list[Article]:
    """Up to ``limit`` others, most shared tags first, then same category, then by number."""
    tags = set(article.tags)

    def rank(other: Article) -> tuple[int, int, int, str]:
        shared = len(tags & set(other.tags))
        return (-shared, other.category != article.category, other.number, other.docname)

    scored = [o for o in candidates if o.docname != article.docname
              and (tags & set(o.tags) or o.category == article.category)]
    return sorted(scored, key=rank)[:limit]


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
    related = {}
    for article in published:
        if docnames is None or article.docname in docnames:
            candidates = {o.docname: o for key in sharing_keys(article) for o in buckets[key]}
            related[article.docname] = related_articles(article, candidates.values())
    return related
