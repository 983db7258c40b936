"""Directives that draw listings from the catalog, through the Jinja templates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from fieldnotes.integrations.sphinx_design import reusing_cards
from fieldnotes.listings import pagination, render
from fieldnotes.routes import category_docname, listing_docname, listing_keys
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from fieldnotes.model.catalog import Catalog
    from fieldnotes.model.frontmatter import Article


def template_dirs(srcdir, config) -> list[Path]:
    return [Path(srcdir, d) for d in config.templates_path]


class _ListingDirective(SphinxDirective):
    """Render one template with the catalog and parse the Markdown it writes."""

    template: ClassVar[str]
    option_spec: ClassVar[dict] = {"category": directives.unchanged, "tag": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        category = self.options.get("category")
        categories = self.config.fieldnotes_categories
        if category is not None and category not in categories:
            raise self.error(f"unknown category {category!r}; use one of: {', '.join(categories)}")
        # This page shows these articles' metadata, so it is re-read when one of them changes.
        shown = listing_keys(category, self.options.get("tag"))
        site_state(self.env).listings.setdefault(self.env.docname, set()).update(shown)
        jinja = render.make_environment(template_dirs(self.env.srcdir, self.config))
        template = jinja.get_template(f"fieldnotes/{self.template}")
        self.env.note_dependency(template.filename)
        values = {"categories": categories, "author": self.config.fieldnotes_author,
                  "site_url": self.config.html_baseurl.rstrip("/") + "/"}
        values.update(self.context(site_state(self.env).catalog, category))
        return self.render_to_nodes(template, values)

    def render_to_nodes(self, template, values: dict) -> list[nodes.Node]:
        return self.parse_text_to_nodes(template.render(values))

    def context(self, catalog: Catalog, category: str | None) -> dict:
        raise NotImplementedError

    def articles(self, catalog: Catalog, category: str | None) -> list[Article]:
        drafts = self.config.fieldnotes_show_drafts
        if category:
            return catalog.in_category(category, drafts)
        return catalog.published(drafts)


class CardsDirective(_ListingDirective):
    """The numbered card grid: every article, or one category's or tag's, one page of it at a
    time (``:page:``, from 1), with links to the listing's other pages."""

    template = "cards.md.jinja"
    option_spec: ClassVar[dict] = {**_ListingDirective.option_spec, "exclude-featured": directives.flag,
                                   "page": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        grid = super().run()
        shown = self._shown(site_state(self.env).catalog)
        pages = pagination.page_count(len(shown), self.config.fieldnotes_page_size)
        if pages == 1:
            return grid
        category, tag = self.options.get("category"), self.options.get("tag")
        first = listing_docname(category, tag, self.config.root_doc)
        name = (self.config.fieldnotes_tags.get(tag, tag) if tag
                else self.config.fieldnotes_categories[category] if category else "all articles")
        return [*grid, pagination.page_links(self.env.docname, first, pages, self.config.root_doc,
                                             f"Pages of {name}")]

    def _shown(self, catalog: Catalog) -> list[Article]:
        """Every article of the listing, on all of its pages."""
        return pagination.listing_articles(
            catalog, self.options.get("category"), self.options.get("tag"),
            include_drafts=self.config.fieldnotes_show_drafts,
            exclude_featured="exclude-featured" in self.options)

    def render_to_nodes(self, template, values: dict) -> list[nodes.Node]:
        # The grid's template includes each card's: an edit to either re-reads the listings.
        self.env.note_dependency(template.environment.get_template("fieldnotes/card.md.jinja").filename)
        # An article's card shows on several listings: it is parsed once, then copied.
        with reusing_cards(self.env):
            return super().render_to_nodes(template, values)

    def context(self, catalog, category):
        page = self.options.get("page", 1)
        # A category's own listing: its cards need not name it.
        return {"articles": pagination.page_slice(self._shown(catalog), page,
                                                  self.config.fieldnotes_page_size),
                "listed_category": category}


class FeaturedDirective(_ListingDirective):
    """The wide card of each featured article."""

    template = "featured.md.jinja"

    def context(self, catalog, category):
        return {"articles": [a for a in self.articles(catalog, category) if a.featured]}


class BannerDirective(_ListingDirective):
    """The author banner with the article count."""

    template = "banner.md.jinja"

    def context(self, catalog, category):
        articles = self.articles(catalog, category)
        counts = {slug: sum(a.category == slug for a in articles) for slug in self.config.fieldnotes_categories}
        return {"count": len(articles),
                "category_counts": [(slug, n) for slug, n in counts.items() if n]}


class TagsDirective(_ListingDirective):
    """The tags index: each tag with a published article, and how many it has."""

    template = "tags.md.jinja"

    def context(self, catalog, category):
        published = self.articles(catalog, None)
        counts = [(tag, name, sum(tag in a.tags for a in published))
                  for tag, name in sorted(self.config.fieldnotes_tags.items(), key=lambda t: t[1].lower())]
        return {"tags": [t for t in counts if t[2]]}


class ToctreeDirective(_ListingDirective):
    """A hidden toctree: the category pages, or one category's articles."""

    template = "toctree.md.jinja"
    option_spec: ClassVar[dict] = {**_ListingDirective.option_spec, "caption": directives.unchanged}

    def context(self, catalog, category):
        if category:
            docnames = [a.docname for a in self.articles(catalog, category)]
        else:
            docnames = [category_docname(slug) for slug in self.config.fieldnotes_categories]
        return {"docnames": docnames, "caption": self.options.get("caption")}


def setup_directives(app) -> None:
    app.add_directive("fieldnotes-cards", CardsDirective)
    app.add_directive("fieldnotes-featured", FeaturedDirective)
    app.add_directive("fieldnotes-banner", BannerDirective)
    app.add_directive("fieldnotes-toctree", ToctreeDirective)
    app.add_directive("fieldnotes-tags", TagsDirective)
