"""Pick related articles: shared tags first, then the same category."""

from __future__ import annotations

from collections.abc import Iterable

from fieldnotes.frontmatter import Article


def related_articles(article: Article, candidates: Iterable[Article], limit: int = 3) -> list[Article]:
    """Up to ``limit`` others, most shared tags first, then same category, then by number."""
    tags = set(article.tags)

    def rank(other: Article) -> tuple[int, int, int, str]:
        shared = len(tags & set(other.tags))
        return (-shared, other.category != article.category, other.number, other.docname)

    scored = [o for o in candidates if o.docname != article.docname
              and (tags & set(o.tags) or o.category == article.category)]
    return sorted(scored, key=rank)[:limit]
