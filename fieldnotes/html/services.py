"""Comments and analytics, when conf.py turns them on: the settings checked (a broken one is
reported and stays off) and the scripts handed to page.html."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from fieldnotes.conflines import setting_location
from fieldnotes.model import services

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def _check(app: Sphinx, config: Config) -> None:
    for name, check in (("fieldnotes_comments", services.check_comments),
                        ("fieldnotes_analytics", services.check_analytics)):
        problems = check(getattr(config, name))
        for problem in problems:
            logger.warning(problem, location=setting_location(app.confdir, name),
                       type="fieldnotes", subtype="config")
        if problems:
            setattr(config, name, {})


def service_origins(config: Config) -> services.Origins:
    return services.origins(config.fieldnotes_comments, config.fieldnotes_analytics)


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return  # an e-book runs no scripts from other hosts
    if app.config.fieldnotes_analytics:
        context["fieldnotes_analytics"] = services.analytics_script(app.config.fieldnotes_analytics)
    article = context.get("fieldnotes_article")
    if app.config.fieldnotes_comments and article is not None and not article.draft:
        context["fieldnotes_comments"] = services.comments_script(app.config.fieldnotes_comments)


def setup_services(app: Sphinx) -> None:
    # Both off by default: the site then makes no request to another host.
    app.add_config_value("fieldnotes_comments", {}, "html", types=[dict])
    app.add_config_value("fieldnotes_analytics", {}, "html", types=[dict])
