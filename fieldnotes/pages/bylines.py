"""Authors by name: their settings checked, and each article's byline with a link to each
author's page. A site that sets only fieldnotes_author keeps its one-author byline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from fieldnotes.confline import setting_location
from fieldnotes.model.people import authors_of, check_authors
from fieldnotes.routes import author_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def check_authors_setting(app: Sphinx, config: Config) -> None:
    """A broken entry is reported and left out, so the build goes on without it."""
    problems = check_authors(config.fieldnotes_authors)
    for problem in problems:
        logger.warning(problem, location=setting_location(app.confdir, "fieldnotes_authors"),
                       type="fieldnotes", subtype="config")
    if problems:
        config.fieldnotes_authors = {} if not isinstance(config.fieldnotes_authors, dict) else {
            slug: value for slug, value in config.fieldnotes_authors.items()
            if not check_authors({slug: value})}


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    article = context.get("fieldnotes_article")
    if article is None or not article.authors:
        return
    people = authors_of(app.config.fieldnotes_authors)
    context["fieldnotes_bylines"] = [
        {"name": people[slug].name, "initials": people[slug].initials,
         "url": context["pathto"](author_docname(slug))} for slug in article.authors]


def setup_bylines(app: Sphinx) -> None:
    # {"slug": {"name": ..., "role": ..., "initials": ...}}: what an article's 'authors:' may name.
    app.add_config_value("fieldnotes_authors", {}, "env", types=[dict])
    app.connect("config-inited", check_authors_setting)
    # After pages/article.py, which hands the template the article.
    app.connect("html-page-context", _page_context, priority=560)
