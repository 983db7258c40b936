"""Which sources a build reads: the catalog is read first, once a build, from every article.

The whole site's front matter is parsed and checked here, in the main process and before any
document is read, so the rules that span files give the same answer whatever the read order
or ``-j``. A source that cannot be read safely is left out of the build; a page that lists
articles is read again when an article it shows changed.

The number of listing pages must be known before Sphinx looks for sources, so the catalog is
first built from the articles folder on disk when the builder starts; the build keeps that
catalog when Sphinx then finds the same article files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.building.run import build_run
from fieldnotes.conflines import conf_line
from fieldnotes.integrations import sphinx
from fieldnotes.listings.pagination import later_page_changed
from fieldnotes.model.catalog import Catalog, build_catalog
from fieldnotes.model.errors import shown
from fieldnotes.model.filenames import in_articles_dir, near_misses
from fieldnotes.model.links import files_under, unfollowed_links
from fieldnotes.model.reserved import reserved_slug
from fieldnotes.routes import author_key, listing_keys, page_number, series_key
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

def build_day(config) -> dt.date:
    """The day the build publishes up to: fieldnotes_today (checked in config.py), or today."""
    return dt.date.fromisoformat(config.fieldnotes_today) if config.fieldnotes_today else dt.date.today()


def _catalog(app: Sphinx, sources: dict[str, Path]) -> Catalog:
    config = app.config
    return build_catalog(sources, config.fieldnotes_categories, config.fieldnotes_tags,
                         root=Path(app.srcdir), articles_dir=config.fieldnotes_articles_dir,
                         today=build_day(config), series=config.fieldnotes_series,
                         authors=config.fieldnotes_authors)


def catalog_before_reading(app: Sphinx) -> Catalog:
    """The catalog of the article files on disk, before Sphinx has looked for sources."""
    srcdir, folder = Path(app.srcdir), app.config.fieldnotes_articles_dir.strip("/")
    excluded = sphinx.excluded_by(app.config.exclude_patterns)
    sources = {}
    for suffix in app.config.source_suffix:
        sources |= files_under(srcdir, folder, suffix, excluded)
    catalog = _catalog(app, sources)
    # Taken by the scan at env-get-outdated, when the sources on disk are still these.
    build_run(app).early = (sources, catalog)
    return catalog


def _leave_out_links(app: Sphinx, config: Config) -> None:
    """Sphinx follows links to folders as it looks for sources: each such link, and each link
    that leads nowhere, is left out of the build, and named."""
    for link in unfollowed_links(Path(app.srcdir), sphinx.excluded_by(config.exclude_patterns)):
        logger.warning(f"{link.path} {link.problem}", location=f"{Path(app.srcdir, link.path)}:1",
                       type="fieldnotes", subtype="link")
        config.exclude_patterns = [*config.exclude_patterns, link.path]


def _scan_articles(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Rebuild the catalog; pages that list articles are re-read when it changed."""
    folder = app.config.fieldnotes_articles_dir
    sources = {doc: Path(env.doc2path(doc)) for doc in env.found_docs if in_articles_dir(folder, doc)}
    run = build_run(app)
    early_sources, catalog = run.early or (None, None)
    run.early = None
    if catalog is None or early_sources != sources:
        catalog = _catalog(app, sources)
    for problem in catalog.problems:
        logger.warning(problem.message, location=f"{problem.path}:{problem.line}",
                       type="fieldnotes", subtype="frontmatter")
    for article in (a for a in catalog.articles.values() if a.scheduled):
        logger.info(f"{sources[article.docname]}:{article.lines.get('date', 1)}: scheduled for "
                    f"{article.date.isoformat()}: left out of every page, feed and index until a "
                    f"build on or after that day")
    _warn_unread_files(app, Path(app.srcdir, folder))
    _warn_reserved_settings(app)
    # Sphinx 9 reads sources strictly and would stop with a traceback on files that are not
    # UTF-8, and links out of the project must never be read: both are reported above, so
    # leave them out of this build until they are fixed.
    sphinx.leave_out(env, catalog.unreadable, added, changed, removed)
    if not app.config.fieldnotes_show_drafts:
        # Nothing of a scheduled article is written before its day, not even its own page.
        sphinx.leave_out(env, [a.docname for a in catalog.articles.values() if a.scheduled],
                         added, changed, removed)
    state = site_state(env)
    # The previous catalog is kept until env-get-updated, which compares the two to choose
    # the pages to rewrite.
    previous = state.replace_catalog(catalog)
    if previous is not None and previous.articles == catalog.articles:
        return []
    if previous is None:
        return sorted(doc for doc in state.listings if doc in env.found_docs)
    touched = _listings_touched(previous, catalog)
    # An article whose record changed while its file did not: its scheduled day came.
    due = {doc for doc, article in catalog.articles.items()
           if article.draft != getattr(previous.articles.get(doc), "draft", article.draft)}
    return sorted(due | {doc for doc, shown in state.listings.items()
                         if doc in env.found_docs and shown & touched
                         and _shows_change(doc, previous, catalog, app.config)})


def _warn_unread_files(app: Sphinx, folder: Path) -> None:
    """Files meant as articles that the build never reads, named on every build."""
    excluded = sphinx.excluded_by(app.config.exclude_patterns)
    suffixes = list(app.config.source_suffix)
    for path in near_misses(folder, suffixes):
        if excluded(path.relative_to(app.srcdir).as_posix()):
            continue
        logger.warning(f"{shown(path.name)} is never built: only '.md' files are articles; rename "
                       f"it to {shown(path.stem + '.md')}", location=f"{path}:1",
                       type="fieldnotes", subtype="frontmatter")


def _warn_reserved_settings(app: Sphinx) -> None:
    """A category or tag that takes the name of a page the site writes itself."""
    for setting in ("fieldnotes_categories", "fieldnotes_tags"):
        for slug in filter(reserved_slug, getattr(app.config, setting)):
            logger.warning(f"the slug {slug!r} in {setting} takes the name of "
                           f"{reserved_slug(slug)}, so its page could not be written: rename it",
                           location=conf_line(app.confdir, slug, setting), type="fieldnotes",
                           subtype="config")


def _shows_change(docname: str, previous: Catalog, catalog: Catalog, config) -> bool:
    """A later page of a listing is read again only when its own cards or page links changed
    (a title edit changes one page of each listing, not all of them); any other listing page
    whenever an article it lists changed."""
    _, page = page_number(docname, config.root_doc)
    return page == 1 or later_page_changed(docname, previous, catalog, config)


def _listings_touched(previous: Catalog, catalog: Catalog) -> set[str]:
    """The listings (see routes) that show an article added, removed or changed."""
    touched = {"*"}
    for docname in previous.articles.keys() | catalog.articles.keys():
        old, new = previous.articles.get(docname), catalog.articles.get(docname)
        if old != new:
            for article in (a for a in (old, new) if a is not None):
                touched |= listing_keys(article.category, None)
                touched |= {key for tag in article.tags for key in listing_keys(None, tag)}
                touched |= {series_key(article.series)} if article.series else set()
                touched |= {author_key(slug) for slug in article.authors}
    return touched


def articles_dir_problem(folder: object) -> str | None:
    """Why a fieldnotes_articles_dir value cannot be the articles folder, if it cannot."""
    if not isinstance(folder, str) or not folder.strip("/").strip():
        return "is empty"
    if folder.startswith("/") or ".." in Path(folder).parts:
        return "is outside the project"
    return None


def _check_articles_dir(app: Sphinx) -> None:
    """Articles are read from inside the project only: another folder would read (and
    publish) whatever Markdown lies there."""
    folder = app.config.fieldnotes_articles_dir
    problem = articles_dir_problem(folder)
    if problem:
        logger.warning(f"fieldnotes_articles_dir {folder!r} {problem}: name a folder inside the "
                       "project, like 'articles'; using 'articles'", location="conf.py",
                       type="fieldnotes", subtype="config")
        app.config.fieldnotes_articles_dir = "articles"
