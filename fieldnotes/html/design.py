"""How pages look: category colours, the article's title block, listings without Sphinx's
previous/next footer, sphinx-design's assets only where used, and no pages for unused tags."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from sphinx.util import logging

from fieldnotes.building.wholefiles import report_write_errors, write_whole
from fieldnotes.html import colours
from fieldnotes.integrations import sphinx, sphinx_design
from fieldnotes.listings.directives import _ListingDirective
from fieldnotes.listings.render import initials
from fieldnotes.routes import is_listing, tag_of_page
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

CATEGORY_CSS = "fieldnotes-categories.css"


def checked_colours(config) -> dict[str, str]:
    """fieldnotes_category_colours, less (with a warning) entries that cannot be used."""
    usable = {}
    for slug, colour in config.fieldnotes_category_colours.items():
        if slug not in config.fieldnotes_categories or not colours.is_css_slug(slug):
            problem = f"'{slug}' is not a category in fieldnotes_categories"
        elif not colours.is_hex_colour(colour):
            problem = f"{colour!r} for '{slug}' is not a colour: write it as \"#rrggbb\""
        else:
            usable[slug] = colour
            continue
        logger.warning(f"fieldnotes_category_colours: {problem}", location="conf.py",
                       type="fieldnotes", subtype="config")
    return usable


def _add_category_css(app: Sphinx) -> None:
    """Write the category colours, and the web pages' layout rules (web-layout.css, among the
    theme's templates: an e-book's static files leave it out), as a stylesheet among the
    static files of an HTML build, when it changed."""
    if app.builder.format != "html":
        return
    folder = Path(app.doctreedir) / "fieldnotes-static"
    folder.mkdir(parents=True, exist_ok=True)
    layout = Path(__file__).parents[1] / "theme" / "templates" / "fieldnotes" / "web-layout.css"
    target = folder / CATEGORY_CSS
    text = colours.category_css(checked_colours(app.config))
    if app.builder.name != "epub":  # an e-book's CSS parser refuses :has()
        text += layout.read_text(encoding="utf-8")
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        write_whole(target, text)
    app.config.html_static_path.append(str(folder))
    app.add_css_file(CATEGORY_CSS)


def tags_in_use(app: Sphinx) -> set[str]:
    return {tag for article in site_state(app.env).catalog.published(app.config.fieldnotes_show_drafts)
            for tag in article.tags}


def _drop_unused_tag_pages(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """A tag that no listed article carries gets no page (and so no sitemap entry)."""
    used = tags_in_use(app)
    for docname in [d for d in env.found_docs if tag_of_page(d)]:
        if tag_of_page(docname) in used:
            continue
        sphinx.leave_out(env, [docname], added, changed, removed)
        if app.builder.format == "html":
            # Written by an earlier build, when the tag was in use.
            Path(app.outdir, app.builder.get_target_uri(docname)).unlink(missing_ok=True)
    return []


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    """Listings lose previous/next, pages lose unused sphinx-design assets, an article's title
    moves into its header (rendered by page.html with the byline and standfirst)."""
    context["fieldnotes_listing"] = is_listing(pagename, app.config.root_doc)
    if context["fieldnotes_listing"]:
        context["prev"] = context["next"] = None
    sphinx_design.drop_unused_assets(context, doctree)
    if context.get("fieldnotes_article") is None:
        return
    used = tags_in_use(app)
    context["fieldnotes_tag_links"] = [
        (name, href if href and href.rsplit("/", 1)[-1].removesuffix(".html") in used else None)
        for name, href in context.get("fieldnotes_tag_links", [])]
    author = app.config.fieldnotes_author
    context["fieldnotes_author_name"] = author.get("name", "")
    context["fieldnotes_author_initials"] = initials(author.get("name", ""))
    if app.builder.name == "html" and "body" in context:
        context["body"], context["fieldnotes_title_in_header"] = sphinx.take_page_title(
            context["body"])


@report_write_errors("output")
def _write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    """Crawlers may read every page but the search page's results, and find the sitemap (a
    missing file is an SEO fault). Rules are paths from the host's root: on Read the Docs the
    site lives under /<language>/<version>/."""
    if exception is not None or app.builder.name != "html":
        return
    site = app.config.html_baseurl.rstrip("/") + "/"
    results = urlsplit(site).path + "search.html?"
    write_whole(Path(app.outdir, "robots.txt"),
                f"User-agent: *\nDisallow: {results}\nAllow: /\nSitemap: {site}sitemap.xml\n")


class ListingHeaderDirective(_ListingDirective):
    """A category page's intro line, article count and subscribe link."""

    template = "listing-header.md.jinja"
    option_spec: ClassVar[dict] = dict(_ListingDirective.option_spec)

    def run(self):
        # The header names one category: without one there is nothing to draw.
        if self.options.get("category") is None:
            categories = ", ".join(self.config.fieldnotes_categories)
            logger.warning("fieldnotes-listing-header needs the category it heads, as "
                           f":category: <slug>, one of: {categories}",
                           location=self.get_location(), type="fieldnotes", subtype="listing")
            return []
        return super().run()

    def context(self, catalog, category):
        return {"name": self.config.fieldnotes_categories[category], "slug": category,
                "description": self.config.fieldnotes_category_descriptions.get(category, ""),
                "count": len(self.articles(catalog, category))}


def setup_design(app: Sphinx) -> None:
    app.add_directive("fieldnotes-listing-header", ListingHeaderDirective)
