"""The site's Atom feeds: the whole site, each category and each tag in use.

Each article's content is the body of the page the build wrote, less its title.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes import routes
from fieldnotes.integrations.sphinx_last_updated_by_git import commit_time
from fieldnotes.outputs import feeds
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from fieldnotes.model.frontmatter import Article

logger = logging.getLogger(__name__)

BODY_START, BODY_END = "<!-- fieldnotes:body -->", "<!-- /fieldnotes:body -->"


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
    return routes.feed_paths(config.project, config.fieldnotes_categories, config.fieldnotes_tags)


def _article_body(app: Sphinx, docname: str) -> str:
    """The rendered body of a built article, with the H1 and its permalink dropped."""
    # The file the builder wrote, not its URL: a URL quotes spaces and non-ASCII letters.
    text = Path(app.builder.get_outfilename(docname)).read_text(encoding="utf-8")
    body = text.split(BODY_START, 1)[-1].split(BODY_END, 1)[0]
    body = re.sub(r"<h1>.*?</h1>", "", body, count=1, flags=re.S)
    return re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body, flags=re.S).strip()


def _write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """Atom feeds for the site, each category and each tag used, capped at the newest
    fieldnotes_feed_length articles; tag feeds carry summaries only; drafts never appear."""
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    catalog: Catalog = site_state(app.env).catalog
    articles = catalog.published(include_drafts=False)
    full = app.config.fieldnotes_feed_content == "full"
    entries = {}
    for article in articles:
        url = page_url(app, article.docname)
        published = dt.datetime.combine(article.date, dt.time(), dt.timezone.utc)
        updated = dt.datetime.combine(last_modified(app, article), dt.time(), dt.timezone.utc)
        entries[article.docname] = feeds.Entry(
            id=feeds.tag_uri(site_url(app), article.date, article.label),
            title=article.title, url=url, published=published, updated=updated,
            summary=article.summary,
            categories=(app.config.fieldnotes_categories[article.category], *article.tags),
            content_html=feeds.absolutize(_article_body(app, article.docname), url) if full else None,
        )
    for path, (title, key) in feed_paths(app.config).items():
        listed = catalog.listed({key}, include_drafts=False)
        target = outdir / path
        kind, _ = routes.key_parts(key)
        if not listed and kind == "tag":
            target.unlink(missing_ok=True)  # a tag no published article carries has no feed
            continue
        chosen = [entries[a.docname] for a in feeds.newest_first(listed, app.config.fieldnotes_feed_length)]
        if kind == "tag":
            chosen = [feeds.summary_only(entry) for entry in chosen]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feeds.atom_feed(
            title=title, feed_url=site_url(app) + path, site_url=site_url(app),
            author=app.config.fieldnotes_author["name"], entries=chosen))


def setup_atom_feeds(app: Sphinx) -> None:
    app.add_config_value("fieldnotes_feed_content", "full", "html", types=[str])
    app.add_config_value("fieldnotes_feed_length", 20, "html", types=[int])
    app.connect("build-finished", _write_feeds)
