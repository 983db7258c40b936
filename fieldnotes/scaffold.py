"""Create a new article file: the next free number, a slug, valid front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from fieldnotes.catalog import build_catalog
from fieldnotes.errors import unknown_category
from fieldnotes.filenames import slugify
from fieldnotes.placeholders import SKELETON
from fieldnotes.placeholders import SUMMARY as PLACEHOLDER_SUMMARY


class ScaffoldError(Exception):
    """A request the scaffold refuses, with the fix in the message."""


def new_article(articles_dir: Path, title: str, category: str, categories: dict[str, str],
                tags: dict[str, str] | None = None, today: dt.date | None = None) -> Path:
    """Write ``articles_dir/NN-slug.md`` as a draft and return its path."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError('the title is empty: give one, as in TITLE="How We Sized Our GPUs"')
    if category not in categories:
        raise ScaffoldError(unknown_category(category, categories))
    sources = {f"articles/{p.stem}": p for p in sorted(articles_dir.glob("*.md")) if p.name != "README.md"}
    catalog = build_catalog(sources, categories, tags)
    for article in catalog.articles.values():
        if article.title.casefold() == title.casefold():
            raise ScaffoldError(f"an article titled '{title}' already exists: "
                                f"{sources[article.docname]}; choose another title")
    number = max((a.number for a in catalog.articles.values()), default=0) + 1
    slug = slugify(title) or "article"
    path = articles_dir / f"{number:02d}-{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another title or move that file")
    front = yaml.safe_dump(
        {"title": title, "number": number, "category": category,
         "date": (today or dt.date.today()), "summary": PLACEHOLDER_SUMMARY,
         "tags": [], "draft": True},
        sort_keys=False, allow_unicode=True, width=1000,
    )
    path.write_text(f"---\n{front}---\n\n{SKELETON}", encoding="utf-8")
    return path
