"""The site's Atom feeds: the whole site, each category, each tag in use and each author with
a published article.

Each article's content is its page's body, less its title, rendered from the article's
resolved doctree by the HTML builder's own translator, for the articles a full-text feed holds.
A rendered body is kept in the doctree folder with the modification time of the page it was
rendered for, and rendered again only when that page was written again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from fieldnotes import routes
from fieldnotes.building.kept import keep, kept_path, load_kept
from fieldnotes.building.wholefiles import digest_of, report_write_errors, write_whole
from fieldnotes.integrations.sphinx import absolute_urls, page_body
from fieldnotes.integrations.sphinx_last_updated_by_git import commit_time
from fieldnotes.outputs import feeds
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from fieldnotes.model.catalog import Catalog
    from fieldnotes.model.frontmatter import Article

logger = logging.getLogger(__name__)

def site_url(app: Sphinx) -> str:
    return app.config.html_baseurl.rstrip("/") + "/"


def page_url(app: Sphinx, docname: str) -> str:
    return site_url(app) + app.builder.get_target_uri(docname)


def last_modified(app: Sphinx, article: Article) -> dt.date:
    """The last commit that touched the article, or its date outside a git checkout."""
    stamp = commit_time(app, article.docname)
    if stamp is None:
        return article.date
    return max(article.date, dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date())


def feed_paths(config) -> dict[str, tuple[str, str]]:
    """Feed file -> (title, the listing key of what it holds)."""
    return routes.feed_paths(config.project, config.fieldnotes_categories, config.fieldnotes_tags,
                             config.fieldnotes_authors)


def _article_body(app: Sphinx, docname: str) -> str:
    """The body of an article's page, rendered from its doctree, without the H1."""
    # Resolving and rendering a page again repeats the warnings its own write already gave.
    with logging.suppress_logging():
        doctree = app.env.get_and_resolve_doctree(docname, app.builder, tags=app.builder.tags)
        top = next(doctree.findall(nodes.section), None)
        if top is not None and isinstance(top[0], nodes.title):
            top.remove(top[0])
        return page_body(app.builder, docname, doctree).strip()


def _page_stamp(app: Sphinx, docname: str) -> str | None:
    return digest_of(app.builder.get_outfilename(docname))


def _entry(app: Sphinx, article: Article) -> feeds.Entry:
    """An article's entry, with its summary and without content."""
    published = dt.datetime.combine(article.date, dt.time(), dt.timezone.utc)
    updated = dt.datetime.combine(last_modified(app, article), dt.time(), dt.timezone.utc)
    return feeds.Entry(
        id=feeds.tag_uri(site_url(app), article.date, article.label),
        title=article.title, url=page_url(app, article.docname), published=published,
        updated=updated, summary=article.summary,
        categories=(app.config.fieldnotes_categories[article.category], *article.tags),
        authors=tuple(app.config.fieldnotes_authors[slug]["name"] for slug in article.authors))


@report_write_errors("output")
def _write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """Atom feeds for the site, each category and each tag used, capped at the newest
    fieldnotes_feed_length articles; tag feeds carry summaries only; drafts never appear."""
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    catalog: Catalog = site_state(app.env).catalog
    entries = {a.docname: _entry(app, a) for a in catalog.published(include_drafts=False)}
    full = app.config.fieldnotes_feed_content == "full"

    kept, rendered = load_kept(kept_path(app, "feed-bodies"), {}), {}

    @cache  # an article is in several feeds; only those in a full-text feed are rendered
    def with_content(docname: str) -> feeds.Entry:
        entry, stamp = entries[docname], _page_stamp(app, docname)
        kept_stamp, body = kept.get(docname, (None, None))
        if body is None or stamp is None or kept_stamp != stamp:
            body = _article_body(app, docname)
        rendered[docname] = (stamp, body)
        return replace(entry, content_html=absolute_urls(body, entry.url))

    for path, (title, key) in feed_paths(app.config).items():
        listed = catalog.listed({key}, include_drafts=False)
        target = outdir / path
        kind, value = routes.key_parts(key)
        if not listed and kind == "tag":
            target.unlink(missing_ok=True)  # a tag no published article carries has no feed
            continue
        newest = feeds.newest_first(listed, app.config.fieldnotes_feed_length)
        if full and kind != "tag":
            chosen = [with_content(a.docname) for a in newest]
        else:
            chosen = [entries[a.docname] for a in newest]
        target.parent.mkdir(parents=True, exist_ok=True)
        author = (app.config.fieldnotes_authors[value]["name"] if kind == "author"
                  else app.config.fieldnotes_author["name"])
        write_whole(target, feeds.atom_feed(
            title=title, feed_url=site_url(app) + path, site_url=site_url(app),
            author=author, entries=chosen))
    keep(kept_path(app, "feed-bodies"), rendered)  # else the next build renders them again
