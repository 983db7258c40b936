"""Stable URLs: a page at each old address of a moved article, sending readers to the new one.

An article lists its old pages in front matter (``redirect_from``); ``fieldnotes_redirects`` in
conf.py maps any other old page to a page of the site. Each redirect page is a meta refresh
plus a link and a canonical link: no script, so the Content-Security-Policy holds.

A redirect page never replaces another file of the output: the pages are written once every
other page is, and a redirect from any page the build rendered or any file it did not write as a
redirect is refused. The pages it wrote are recorded next to the environment, so a redirect
that is dropped takes its page along, as a clean build would.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.building.run import build_run
from fieldnotes.building.wholefiles import report_write_errors, write_whole
from fieldnotes.conflines import conf_line
from fieldnotes.listings.directives import template_dirs
from fieldnotes.listings.render import make_environment, render
from fieldnotes.model.fields import OLD_PAGE
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The redirect pages the last build wrote, kept next to the environment.
STUBS_FILE = "fieldnotes-redirects.json"


def declared_redirects(app: Sphinx) -> dict[str, tuple[str, str]]:
    """Old page -> (new page, where it was declared as file:line). An old page declared more
    than once is refused at each place: which of them was meant is not for the build to guess."""
    env = app.env
    declared: dict[str, list[tuple[str, str]]] = {}
    for old, new in app.config.fieldnotes_redirects.items():
        where = conf_line(app.confdir, old)
        if not OLD_PAGE.match(str(old)):
            logger.warning(f"redirect from {old!r}: name a page inside the site, like "
                           "'articles/03-old-name'", location=where, type="fieldnotes",
                           subtype="redirect")
            continue
        declared.setdefault(str(old).removesuffix(".html"), []).append(
            (str(new).removesuffix(".html"), where))
    for article in site_state(env).catalog.articles.values():
        where = f"{env.doc2path(article.docname)}:{article.lines.get('redirect_from', 1)}"
        for old in article.redirect_from:
            declared.setdefault(old, []).append((article.docname, where))
    found = {}
    for old, places in declared.items():
        places = list(dict.fromkeys(places))  # one article listing a page twice means it once
        if len(places) == 1:
            found[old] = places[0]
            continue
        for new, where in places:
            others = ", ".join(f"to '{n}' ({w})" for n, w in places if (n, w) != (new, where))
            logger.warning(f"'{old}' is declared a redirect more than once, also {others}; "
                           "keep one of them", location=where, type="fieldnotes",
                           subtype="redirect")
    return found


def valid_redirects(app: Sphinx, built: Set[str]) -> dict[str, tuple[str, str]]:
    """Old page -> (new page, where declared) for the redirects whose target is a page and
    whose old page is none the build renders (``built``); a warning for the rest."""
    docs = app.env.found_docs
    valid = {}
    for old, (new, where) in declared_redirects(app).items():
        if old in docs or old in built:
            _refuse(old, app.builder.get_target_uri(old), where)
        elif new not in docs:
            logger.warning(f"redirect from '{old}' to '{new}', which is no page of the site; "
                           "point it at an existing page, such as articles/03-a10-vs-a100",
                           location=where, type="fieldnotes", subtype="redirect")
        else:
            valid[old] = (new, where)
    return valid


def _refuse(old: str, uri: str, where: str) -> None:
    logger.warning(f"redirect from '{old}', a page the build writes ({uri}): a redirect would "
                   "replace it; remove the redirect or that page", location=where,
                   type="fieldnotes", subtype="redirect")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest(path: Path) -> str | None:
    try:
        return _sha256(path.read_bytes())
    except OSError:
        return None


def _stubs_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STUBS_FILE


def _written_stubs(app: Sphinx) -> dict[str, list[str]]:
    """The redirect pages the last build wrote: output path -> digests of what it may have
    written there."""
    try:
        saved = json.loads(_stubs_file(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict):
        return {}
    return {str(uri): [str(d) for d in digests] for uri, digests in saved.items()
            if isinstance(digests, list)}


def _favicon(app: Sphinx, old_uri: str) -> str:
    """The site's icon as the old page links it: a browser asks a page that names none for
    /favicon.ico, which the site does not have. Sphinx copies a local `html_favicon` into
    `_static` under its own name."""
    favicon = app.config.html_favicon or ""
    if not favicon or "://" in favicon:
        return favicon
    return posixpath.relpath(f"_static/{posixpath.basename(favicon)}",
                             posixpath.dirname(old_uri) or ".")


def _note_page(app: Sphinx, pagename: str, templatename: str, context, doctree) -> None:
    """Every page the builder renders, its own (search, genindex) and other extensions' (404)
    besides the documents: the main process renders all but documents."""
    build_run(app).written.add(pagename)


@report_write_errors("output")
def _write(app: Sphinx, exception: Exception | None) -> None:
    run = build_run(app)
    built, run.written = run.written, set()
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
        return
    jinja = make_environment(template_dirs(app.srcdir, app.config))
    base = app.config.html_baseurl.rstrip("/") + "/"
    before = _written_stubs(app)
    pages = {}
    for old, (new, where) in valid_redirects(app, built).items():
        old_uri, new_uri = app.builder.get_target_uri(old), app.builder.get_target_uri(new)
        title = app.env.titles[new].astext() if new in app.env.titles else new
        page = render(jinja, "fieldnotes/redirect.html", language=app.config.language or "en",
                      title=title, canonical=base + new_uri, favicon=_favicon(app, old_uri),
                      target=posixpath.relpath(new_uri, posixpath.dirname(old_uri) or "."))
        page = page.encode()
        # Any other file there is someone else's: a copied or extra file, an author's, or
        # one of ours since replaced. Ours is one a redirect wrote, or this very page.
        path = Path(app.outdir, old_uri)
        ours = [*before.get(old_uri, []), _sha256(page)]
        if path.exists() and _digest(path) not in ours:
            _refuse(old, old_uri, where)
            continue
        pages[old_uri] = page
    written = {uri: [_sha256(page)] for uri, page in pages.items()}
    # Noted before any is written: a build stopped half-way still knows every page it may
    # have written, so the next build neither takes them for an author's nor leaves them.
    _save_stubs(app, {uri: before.get(uri, []) + written.get(uri, [])
                      for uri in before.keys() | written.keys()})
    for uri, page in pages.items():
        target = Path(app.outdir, uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_whole(target, page)
    # A redirect no longer declared leaves no page behind, as a clean build would; a file is
    # deleted only while it is still exactly what a redirect wrote.
    for uri in before.keys() - written.keys():
        path = Path(app.outdir, uri)
        if _digest(path) in before[uri]:
            path.unlink()
    _save_stubs(app, written)


def _save_stubs(app: Sphinx, stubs: dict[str, list[str]]) -> None:
    _stubs_file(app).parent.mkdir(parents=True, exist_ok=True)
    write_whole(_stubs_file(app), json.dumps(stubs, indent=0, sort_keys=True))
