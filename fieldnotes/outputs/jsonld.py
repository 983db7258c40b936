"""schema.org structured data for articles and the author, as plain dicts."""

from __future__ import annotations

import datetime as dt

from fieldnotes.model.frontmatter import Article


def person(author: dict[str, str], site_url: str) -> dict:
    return {"@type": "Person", "name": author["name"], "jobTitle": author.get("role", ""),
            "url": site_url}


def blog_posting(article: Article, url: str, modified: dt.date, author: dict[str, str],
                 site_url: str, category_name: str, authors: list[dict] | None = None) -> dict:
    """``authors``: each author's Person (see ``person``), when the site names authors per
    article; otherwise the site's one author."""
    return {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "articleSection": category_name,
        "keywords": list(article.tags),
        "author": (authors[0] if len(authors) == 1 else authors) if authors
                  else person(author, site_url),
    }
