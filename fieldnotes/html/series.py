"""A series: its settings checked, and on each part's page "Part n of m" with links to the
other parts, in number order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from fieldnotes.conflines import setting_location
from fieldnotes.model.people import check_series
from fieldnotes.routes import series_docname
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def check_series_setting(app: Sphinx, config: Config) -> None:
    """A broken entry is reported and left out, so the build goes on without it."""
    problems = check_series(config.fieldnotes_series)
    for problem in problems:
        logger.warning(problem, location=setting_location(app.confdir, "fieldnotes_series"),
                       type="fieldnotes", subtype="config")
    if problems:
        config.fieldnotes_series = {} if not isinstance(config.fieldnotes_series, dict) else {
            slug: value for slug, value in config.fieldnotes_series.items()
            if not check_series({slug: value})}


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    found = site_state(app.env).catalog.series_parts(pagename, app.config.fieldnotes_show_drafts)
    if found is None or app.builder.name not in ("html", "dirhtml"):
        # The e-book holds no series pages: its parts follow each other in the spine anyway.
        return
    slug, links = found
    pathto = context["pathto"]
    context["fieldnotes_series"] = {
        "title": app.config.fieldnotes_series[slug]["title"],
        "url": pathto(series_docname(slug)),
        "position": [link[0] for link in links].index(pagename) + 1,
        "count": len(links),
        "parts": [{"title": title, "number": number, "url": pathto(docname),
                   "current": docname == pagename} for docname, number, title in links],
    }


def setup_series(app: Sphinx) -> None:
    # {"slug": {"title": ..., "description": ...}}: what an article's 'series:' may name.
    app.add_config_value("fieldnotes_series", {}, "env", types=[dict])
