"""An article's page: its title as written, its label, its reading time and its header."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from fieldnotes.html import typography
from fieldnotes.html.navigation import navigation_for
from fieldnotes.integrations import sphinx
from fieldnotes.model.filenames import in_articles_dir, label_for
from fieldnotes.routes import category_docname
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

WORDS_PER_MINUTE = 230


def _title_as_text(app: Sphinx, doctree: nodes.document) -> None:
    """Show the front matter title as written, with the quotes prose gets: MyST would read
    it as Markdown."""
    article = site_state(app.env).catalog.articles.get(app.env.docname)
    title = next(iter(doctree.findall(nodes.title)), None)
    if article is not None and title is not None:
        title.children = []
        title += nodes.Text(typography.curly(article.title, app.config))


def _collect_article(app: Sphinx, doctree: nodes.document) -> None:
    """Give each article its stable label and note its reading time."""
    env = app.env
    docname = env.docname
    if not in_articles_dir(app.config.fieldnotes_articles_dir, docname):
        return
    state = site_state(env)
    article = state.catalog.articles.get(docname)
    hidden = article is None or (article.draft and not app.config.fieldnotes_show_drafts)
    if hidden:
        # Built but in no toctree: a draft, or an article whose front matter was already
        # reported. 'orphan' avoids a second warning; 'nosearch' keeps it out of search.
        env.metadata[docname]["orphan"] = True
        env.metadata[docname]["nosearch"] = True
    titles = list(doctree.findall(nodes.title))
    title = titles[0].astext() if titles else docname
    label = label_for(docname)
    # The catalog, built once for the whole site, says which file owns a label (and reported
    # the others), so the answer does not depend on the order documents are read in.
    if state.catalog.label_owners.get(label) != docname:
        return
    sphinx.own_label(env, label, docname, title)
    words = len(doctree.astext().split())
    state.reading_minutes[docname] = max(1, round(words / WORDS_PER_MINUTE))


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    """Hand the article header its record, and point prev/next along the numbers."""
    state = site_state(app.env)
    article = state.catalog.articles.get(pagename)
    if article is None:
        return
    context["fieldnotes_article"] = article
    context["fieldnotes_curly"] = typography.typesetter(app.config)  # titles shown as prose
    context["fieldnotes_category_name"] = app.config.fieldnotes_categories[article.category]
    context["fieldnotes_category_url"] = context["pathto"](category_docname(article.category))
    context["fieldnotes_reading_minutes"] = state.reading_minutes.get(pagename, 1)
    navigation = navigation_for(app)
    links = navigation.neighbours(pagename) if navigation else None
    if links is not None:
        for key, other in zip(("prev", "next"), links):
            context[key] = other and {"link": context["pathto"](other[0]),
                                      "title": html.escape(f"{other[1]:02d} · {typography.curly(other[2], app.config)}")}
