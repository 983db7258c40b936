"""Readers' features on the Sphinx side: feeds, related articles, meta tags, JSON-LD."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from fieldnotes import feeds, jsonld
from fieldnotes.integrations.sphinx_last_updated_by_git import commit_time
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from fieldnotes.catalog import Catalog
    from fieldnotes.frontmatter import Article

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
    """Feed file -> (title, the listing key of what it holds), for the whole site, each
    category and each tag."""
    paths = {"feeds/atom.xml": (config.project, "*")}
    for slug, name in config.fieldnotes_categories.items():
        paths[f"feeds/category/{slug}.xml"] = (f"{config.project}: {name}", f"category:{slug}")
    for slug, name in config.fieldnotes_tags.items():
        paths[f"feeds/tag/{slug}.xml"] = (f"{config.project}: tagged {name}", f"tag:{slug}")
    return paths


def _listing_page(pagename: str) -> tuple[str, str] | None:
    """("categories" or "tags", slug) for a generated category or tag page (or the tags index)."""
    match = re.fullmatch(r"(categories|tags)/([\w-]+)", pagename)
    return (match.group(1), match.group(2)) if match else None


def _page_feeds(app: Sphinx, pagename: str, article: Article | None) -> list[tuple[str, str]]:
    wanted = ["feeds/atom.xml"]
    listing = _listing_page(pagename)
    if listing and listing[1] != "index":
        kind = "category" if listing[0] == "categories" else "tag"
        wanted.append(f"feeds/{kind}/{listing[1]}.xml")
    if article:
        wanted.append(f"feeds/category/{article.category}.xml")
    titles = feed_paths(app.config)
    return [(titles[path][0], site_url(app) + path) for path in wanted if path in titles]


def _listing_description(app: Sphinx, catalog: Catalog, pagename: str) -> str | None:
    """What a category or tag page lists. Without it sphinxext-opengraph cuts the page text
    after escaping it, which can leave half a character reference (invalid HTML)."""
    listing = _listing_page(pagename)
    if not listing:
        return None
    folder, slug = listing
    project = app.config.project
    if folder == "tags" and slug == "index":
        return f"Every tag in {project}, with the articles under each."
    names = app.config.fieldnotes_categories if folder == "categories" else app.config.fieldnotes_tags
    if slug not in names:
        return None
    key = f"category:{slug}" if folder == "categories" else f"tag:{slug}"
    count = len(catalog.listed({key}, app.config.fieldnotes_show_drafts))
    kind = "on" if folder == "categories" else "tagged"
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
    if listing and context.get("meta") is not None:
        context["meta"]["og:description"] = html.escape(listing, quote=False)
        context["metatags"] += f'\n<meta name="description" content="{html.escape(listing)}" />'
    if article is None:
        return
    categories = app.config.fieldnotes_categories
    context["fieldnotes_tag_links"] = [(app.config.fieldnotes_tags.get(t, t), context["pathto"](f"tags/{t}"))
                                       for t in article.tags]
    context["fieldnotes_related"] = [
        {"title": other.title, "number": other.number, "category": categories[other.category],
         "category_slug": other.category,
         "url": context["pathto"](other.docname)}
        for other in catalog.related(pagename, app.config.fieldnotes_show_drafts)
    ]
    url = page_url(app, pagename)
    context["fieldnotes_jsonld"] = jsonld.blog_posting(
        article, url, last_modified(app, article), author, site_url(app), categories[article.category])
    # sphinxext-opengraph reads og: overrides from the page's metadata and escapes only quotes.
    meta = context.get("meta")
    if meta is not None:
        meta["og:title"] = html.escape(article.title, quote=False)
        meta["og:description"] = html.escape(article.summary, quote=False)
        meta["og:type"] = "article"
    context["metatags"] += (
        f'\n<meta name="description" content="{html.escape(article.summary)}" />'
        f'\n<meta name="author" content="{html.escape(author["name"])}" />'
    )


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
        if not listed and key.startswith("tag:"):
            target.unlink(missing_ok=True)  # a tag no published article carries has no feed
            continue
        chosen = [entries[a.docname] for a in feeds.newest_first(listed, app.config.fieldnotes_feed_length)]
        if key.startswith("tag:"):
            chosen = [feeds.summary_only(entry) for entry in chosen]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feeds.atom_feed(
            title=title, feed_url=site_url(app) + path, site_url=site_url(app),
            author=app.config.fieldnotes_author["name"], entries=chosen))


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


def setup_readers(app: Sphinx) -> None:
    app.connect("config-inited", _quiet_git_outside_checkout)
    app.add_config_value("fieldnotes_feed_content", "full", "html", types=[str])
    app.add_config_value("fieldnotes_feed_length", 20, "html", types=[int])
    # Before sphinxext-opengraph (priority 500), which reads the og: fields set here.
    app.connect("html-page-context", _page_context, priority=400)
    app.connect("build-finished", _write_feeds)
