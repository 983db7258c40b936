"""Authors by name: their settings checked, and each article's byline with a link to each
author's page. A site that sets only fieldnotes_author keeps its one-author byline."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from fieldnotes.conflines import setting_location
from fieldnotes.model.people import authors_of, avatar_problem, check_authors
from fieldnotes.routes import AUTHORS, author_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def check_authors_setting(app: Sphinx, config: Config) -> None:
    """A broken entry is reported and left out, and a picture that may not be used is reported
    and replaced by the initials, so the build goes on without them."""
    authors = config.fieldnotes_authors
    problems = check_authors(authors)
    authors = {slug: value for slug, value in authors.items() if not check_authors({slug: value})
               } if isinstance(authors, dict) else {}
    for slug, value in list(authors.items()):
        problem = avatar_problem(Path(app.confdir), value["avatar"]) if "avatar" in value else None
        if problem:
            problems.append(f"fieldnotes_authors in conf.py: {slug!r}: {problem}")
            authors[slug] = {key: text for key, text in value.items() if key != "avatar"}
    for problem in problems:
        logger.warning(problem, location=setting_location(app.confdir, "fieldnotes_authors"),
                       type="fieldnotes", subtype="config")
    if problems:
        config.fieldnotes_authors = authors


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    people = authors_of(app.config.fieldnotes_authors)
    folder, _, slug = pagename.partition("/")
    if folder == AUTHORS and slug in people and people[slug].avatar:
        context["fieldnotes_author_avatar"] = context["pathto"](people[slug].avatar_output, 1)
    article = context.get("fieldnotes_article")
    if article is None or not article.authors:
        return
    context["fieldnotes_bylines"] = [
        {"name": people[slug].name, "initials": people[slug].initials,
         "avatar": people[slug].avatar and context["pathto"](people[slug].avatar_output, 1),
         "url": context["pathto"](author_docname(slug))} for slug in article.authors]


def _copy_avatars(app: Sphinx, exception: Exception | None) -> None:
    """Each author's picture, checked at config-inited, into the output under its slug."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    for author in authors_of(app.config.fieldnotes_authors).values():
        if author.avatar:
            source, target = Path(app.confdir, author.avatar), Path(app.outdir, author.avatar_output)
            if not target.is_file() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def setup_bylines(app: Sphinx) -> None:
    # {"slug": {"name": ..., "role": ..., "initials": ...}}: what an article's 'authors:' may name.
    app.add_config_value("fieldnotes_authors", {}, "env", types=[dict])
