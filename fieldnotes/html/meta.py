"""What a page tells readers and machines about itself: feed links, related articles, the
description and og: fields, and JSON-LD."""

from __future__ import annotations

import html
import subprocess
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from fieldnotes import routes
from fieldnotes.integrations import opengraph
from fieldnotes.outputs import jsonld
from fieldnotes.outputs.atomfeeds import feed_paths, last_modified, page_url, site_url
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from fieldnotes.model.catalog import Catalog
    from fieldnotes.model.frontmatter import Article

logger = logging.getLogger(__name__)


def _page_feeds(app: Sphinx, pagename: str, article: Article | None) -> list[tuple[str, str]]:
    wanted = [routes.SITE_FEED, routes.listing_feed(pagename)]
    if article:
        wanted.append(routes.feed_path("category", article.category))
    titles = feed_paths(app.config)
    return [(titles[path][0], site_url(app) + path) for path in wanted if path in titles]


def _listing_description(app: Sphinx, catalog: Catalog, pagename: str) -> str | None:
    """What a listing page lists, and which of its pages it is. Without it sphinxext-opengraph
    cuts the page text after escaping it, which can leave half a character reference."""
    first, page = routes.page_number(pagename, app.config.root_doc)
    if page == 1:
        return _first_page_description(app, catalog, pagename)
    if first == app.config.root_doc:
        return f"Page {page} of every article in {app.config.project}."
    description = _first_page_description(app, catalog, first)
    return f"Page {page}: {description}" if description else None


def _group_description(app: Sphinx, pagename: str) -> str | None:
    """What the archive, a series page or an author page holds."""
    project = app.config.project
    if pagename == routes.ARCHIVE_PAGE:
        return f"Every article in {project}, by year and month, newest first."
    folder, _, slug = pagename.partition("/")
    if folder == routes.SERIES and slug in app.config.fieldnotes_series:
        series = app.config.fieldnotes_series[slug]
        return series.get("description") or f"The series {series['title']} in {project}."
    if folder == routes.AUTHORS and slug in app.config.fieldnotes_authors:
        return f"Articles by {app.config.fieldnotes_authors[slug]['name']} in {project}."
    return None


def _first_page_description(app: Sphinx, catalog: Catalog, pagename: str) -> str | None:
    group = _group_description(app, pagename)
    if group:
        return group
    listing = routes.listing_page(pagename)
    if not listing:
        return None
    folder, slug = listing
    project = app.config.project
    if pagename == routes.TAGS_INDEX:
        return f"Every tag in {project}, with the articles under each."
    in_category = folder == routes.CATEGORIES
    names = app.config.fieldnotes_categories if in_category else app.config.fieldnotes_tags
    if slug not in names:
        return None
    key = routes.category_key(slug) if in_category else routes.tag_key(slug)
    count = len(catalog.listed({key}, app.config.fieldnotes_show_drafts))
    kind = "on" if in_category else "tagged"
    return f"{count} {'article' if count == 1 else 'articles'} {kind} {names[slug]} in {project}."


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    """Feed links on every page; related articles, meta and JSON-LD on articles."""
    if app.builder.format != "html":
        return
    catalog: Catalog = site_state(app.env).catalog
    article = catalog.articles.get(pagename)
    context["fieldnotes_feeds"] = _page_feeds(app, pagename, article)
    author = app.config.fieldnotes_author
    if pagename == app.config.root_doc:
        context["fieldnotes_jsonld"] = {"@context": "https://schema.org",
                                        **jsonld.person(author, site_url(app))}
    if context.get("meta") is not None:
        # A copy: the page's meta is Sphinx's stored metadata of the document itself.
        context["meta"] = dict(context["meta"])
    listing = _listing_description(app, catalog, pagename)
    if listing and opengraph.og_fields(context, {"og:description": listing}):
        context["metatags"] += f'\n<meta name="description" content="{html.escape(listing)}" />'
    if article is None:
        return
    categories = app.config.fieldnotes_categories
    context["fieldnotes_tag_links"] = [(app.config.fieldnotes_tags.get(t, t), context["pathto"](routes.tag_docname(t)))
                                       for t in article.tags]
    related = catalog.related(pagename, app.config.fieldnotes_show_drafts)
    context["fieldnotes_related"] = [
        {"title": other.title, "number": other.number, "category": categories[other.category],
         "category_slug": other.category,
         "url": context["pathto"](other.docname)}
        for other in related
    ]
    count, more = catalog.more_in_category(pagename, app.config.fieldnotes_show_drafts)
    context["fieldnotes_more_in_category"] = {
        "name": categories[article.category], "slug": article.category, "count": count,
        "url": context["pathto"](routes.category_docname(article.category)),
        "articles": [{"title": other.title, "number": other.number, "url": context["pathto"](other.docname)}
                     for other in more],
    } if count > 1 else None
    url = page_url(app, pagename)
    people = app.config.fieldnotes_authors
    persons = [jsonld.person(people[slug], page_url(app, routes.author_docname(slug)))
               for slug in article.authors]
    context["fieldnotes_jsonld"] = jsonld.blog_posting(
        article, url, last_modified(app, article), author, site_url(app), categories[article.category],
        persons)
    opengraph.og_fields(context, {"og:title": article.title, "og:description": article.summary,
                                  "og:type": "article"})
    byline = ", ".join(p["name"] for p in persons) or author["name"]
    context["metatags"] += (
        f'\n<meta name="description" content="{html.escape(article.summary)}" />'
        f'\n<meta name="author" content="{html.escape(byline)}" />'
    )


def _quiet_git_outside_checkout(app: Sphinx, config) -> None:
    """Outside a git checkout there are no dates to show, which is not worth a warning."""
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=app.srcdir,
                                capture_output=True, check=False).returncode == 0
    except FileNotFoundError:
        inside = False
    if not inside:
        config.suppress_warnings = [*config.suppress_warnings, "git.subprocess_error",
                                    "git.command_not_found"]


def _one_warning_for_a_missing_file(app: Sphinx, config) -> None:
    """A page's missing image or included file is reported by what names it, with its line;
    sphinx-last-updated-by-git's second report of it names no line (the subtype is the one
    its documentation says to suppress)."""
    config.suppress_warnings = [*config.suppress_warnings, "git.dependency_not_found"]
