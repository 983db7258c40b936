"""Stable URLs: a page at each old address of a moved article, sending readers to the new one.

An article lists its old pages in front matter (``redirect_from``); ``fieldnotes_redirects`` in
conf.py maps any other old page to a page of the site. Each redirect page is a meta refresh
plus a link and a canonical link: no script, so the Content-Security-Policy holds.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.listings.directives import template_dirs
from fieldnotes.model.fields import OLD_PAGE
from fieldnotes.listings.render import make_environment, render
from fieldnotes.state import site_state
from fieldnotes.wholefiles import report_write_errors, write_whole

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def _conf_line(confdir: str, old: str) -> str:
    """conf.py and the line that names ``old`` (1 when it is set elsewhere)."""
    path = Path(confdir, "conf.py")
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    line = next((n for n, text in enumerate(lines, 1) if f'"{old}"' in text or f"'{old}'" in text), 1)
    return f"{path}:{line}"


def declared_redirects(app: Sphinx) -> dict[str, tuple[str, str]]:
    """Old page -> (new page, where it was declared as file:line)."""
    env = app.env
    found: dict[str, tuple[str, str]] = {}
    for old, new in app.config.fieldnotes_redirects.items():
        where = _conf_line(app.confdir, old)
        if not OLD_PAGE.match(str(old)):
            logger.warning(f"redirect from {old!r}: name a page inside the site, like "
                           "'articles/03-old-name'", location=where, type="fieldnotes",
                           subtype="redirect")
            continue
        found[str(old).removesuffix(".html")] = (str(new).removesuffix(".html"), where)
    for article in site_state(env).catalog.articles.values():
        where = f"{env.doc2path(article.docname)}:{article.lines.get('redirect_from', 1)}"
        for old in article.redirect_from:
            if old in found:
                logger.warning(f"'{old}' already redirects to '{found[old][0]}' ({found[old][1]}); "
                               "keep one of the two", location=where,
                               type="fieldnotes", subtype="redirect")
                continue
            found[old] = (article.docname, where)
    return found


def valid_redirects(app: Sphinx) -> dict[str, str]:
    """The redirects whose target is a page and whose old page is not; a warning for the rest."""
    docs = app.env.found_docs
    valid = {}
    for old, (new, where) in declared_redirects(app).items():
        if old in docs:
            problem = (f"redirect from '{old}', a page that exists: a redirect would replace it; "
                       "remove the redirect or that page")
        elif new not in docs:
            problem = (f"redirect from '{old}' to '{new}', which is no page of the site; "
                       "point it at an existing page, such as articles/03-a10-vs-a100")
        else:
            valid[old] = new
            continue
        logger.warning(problem, location=where, type="fieldnotes", subtype="redirect")
    return valid


def _favicon(app: Sphinx, old_uri: str) -> str:
    """The site's icon as the old page links it: a browser asks a page that names none for
    /favicon.ico, which the site does not have. Sphinx copies a local `html_favicon` into
    `_static` under its own name."""
    favicon = app.config.html_favicon or ""
    if not favicon or "://" in favicon:
        return favicon
    return posixpath.relpath(f"_static/{posixpath.basename(favicon)}",
                             posixpath.dirname(old_uri) or ".")


@report_write_errors("output")
def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
        return
    jinja = make_environment(template_dirs(app.srcdir, app.config))
    base = app.config.html_baseurl.rstrip("/") + "/"
    for old, new in valid_redirects(app).items():
        old_uri, new_uri = app.builder.get_target_uri(old), app.builder.get_target_uri(new)
        title = app.env.titles[new].astext() if new in app.env.titles else new
        page = render(jinja, "fieldnotes/redirect.html", language=app.config.language or "en",
                      title=title, canonical=base + new_uri, favicon=_favicon(app, old_uri),
                      target=posixpath.relpath(new_uri, posixpath.dirname(old_uri) or "."))
        target = Path(app.outdir, old_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_whole(target, page)


def setup_redirects(app: Sphinx) -> None:
    app.add_config_value("fieldnotes_redirects", {}, "env", types=[dict])
    # Checked and written on every build, a no-op one too, so a bad redirect fails each build
    # until it is fixed; once every page is written, a redirect never replaces one.
    app.connect("build-finished", _write)
