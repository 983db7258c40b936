"""The generated pages that group articles otherwise than by category or tag: each series'
parts, each author's articles, and the archive by year and month.

Their whole listing is written into the generated source, so an edit that changes what one
shows changes its file, and Sphinx reads it again like any edited page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from fieldnotes.listings import render
from fieldnotes.model.people import authors_of
from fieldnotes.routes import ARCHIVE_PAGE, author_docname, author_key, series_docname, series_key

if TYPE_CHECKING:
    import jinja2

    from fieldnotes.model.catalog import Catalog
    from fieldnotes.model.frontmatter import Article


def archive_years(articles: list[Article]) -> list[dict]:
    """Years, newest first, each with its months, newest first, each with its articles,
    newest first (by date, then number)."""
    newest = sorted(articles, key=lambda a: (a.date, a.number), reverse=True)
    years = []
    for year, in_year in groupby(newest, key=lambda a: a.date.year):
        months = [{"name": dt.date(year, month, 1).strftime("%B"), "articles": list(in_month)}
                  for month, in_month in groupby(in_year, key=lambda a: a.date.month)]
        years.append({"year": year, "months": months})
    return years


def group_pages(jinja: jinja2.Environment, config, catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(docname, Markdown) of the archive and of each series' and author's page."""
    drafts = config.fieldnotes_show_drafts

    def listed(key: str) -> list[Article]:
        return catalog.listed({key}, drafts)

    common = {"categories": config.fieldnotes_categories,
              "site_url": config.html_baseurl.rstrip("/") + "/"}
    published = catalog.published(drafts)
    yield ARCHIVE_PAGE, render.render(jinja, "fieldnotes/archive-page.md.jinja",
                                      years=archive_years(published), **common)
    for slug, series in config.fieldnotes_series.items():
        if not listed(series_key(slug)):
            continue  # like a tag no article carries: no page until a part is published
        yield series_docname(slug), render.render(
            jinja, "fieldnotes/series-page.md.jinja", slug=slug, title=series["title"],
            description=series.get("description", ""), articles=listed(series_key(slug)),
            **common)
    for slug, author in authors_of(config.fieldnotes_authors).items():
        yield author_docname(slug), render.render(
            jinja, "fieldnotes/author-page.md.jinja", author=author,
            articles=listed(author_key(slug)), **common)
