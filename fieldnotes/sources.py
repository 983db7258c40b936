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
from weakref import WeakKeyDictionary

from sphinx.util import logging
from sphinx.util.matching import Matcher

from fieldnotes.integrations import sphinx
from fieldnotes.model.filenames import in_articles_dir
from fieldnotes.model.catalog import Catalog, build_catalog
from fieldnotes.listings.pagination import later_page_changed
from fieldnotes.routes import author_key, listing_keys, page_number, series_key
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

# The catalog built when the builder started, and the sources it was built from.
_EARLY: WeakKeyDictionary[Sphinx, tuple[dict[str, Path], Catalog]] = WeakKeyDictionary()


def build_day(config) -> dt.date:
    """The day the build publishes up to: fieldnotes_today, or the day it runs."""
    given = config.fieldnotes_today
    if given:
        try:
            return dt.date.fromisoformat(given)
        except (TypeError, ValueError):
            logger.warning(f"fieldnotes_today is {given!r}, not a date: give it as \"YYYY-MM-DD\", "
                           f"or \"\" for the day the build runs", location="conf.py",
                           type="fieldnotes", subtype="config")
    return dt.date.today()


def _catalog(app: Sphinx, sources: dict[str, Path]) -> Catalog:
    config = app.config
    return build_catalog(sources, config.fieldnotes_categories, config.fieldnotes_tags,
                         root=Path(app.srcdir), articles_dir=config.fieldnotes_articles_dir,
                         today=build_day(config), series=config.fieldnotes_series,
                         authors=config.fieldnotes_authors)


def catalog_before_reading(app: Sphinx) -> Catalog:
    """The catalog of the article files on disk, before Sphinx has looked for sources."""
    srcdir, folder = Path(app.srcdir), app.config.fieldnotes_articles_dir.strip("/")
    excluded = Matcher(app.config.exclude_patterns)
    sources = {}
    for suffix in app.config.source_suffix:
        for path in (srcdir / folder).rglob(f"*{suffix}"):
            relative = path.relative_to(srcdir).as_posix()
            if not excluded(relative):
                sources[relative.removesuffix(suffix)] = path
    catalog = _catalog(app, sources)
    _EARLY[app] = (sources, catalog)
    return catalog


def _scan_articles(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Rebuild the catalog; pages that list articles are re-read when it changed."""
    folder = app.config.fieldnotes_articles_dir
    sources = {doc: Path(env.doc2path(doc)) for doc in env.found_docs if in_articles_dir(folder, doc)}
    early_sources, catalog = _EARLY.pop(app, (None, None))
    if catalog is None or early_sources != sources:
        catalog = _catalog(app, sources)
    for problem in catalog.problems:
        logger.warning(problem.message, location=f"{problem.path}:{problem.line}",
                       type="fieldnotes", subtype="frontmatter")
    for article in (a for a in catalog.articles.values() if a.scheduled):
        logger.info(f"{sources[article.docname]}:{article.lines.get('date', 1)}: scheduled for "
                    f"{article.date.isoformat()}: left out of every page, feed and index until a "
                    f"build on or after that day")
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


def setup_sources(app: Sphinx) -> None:
    # "" publishes up to the day the build runs; a date previews the site as of that day.
    # No rebuild when it changes: the catalog is rebuilt every build, and an article whose
    # day came is read again by _scan_articles.
    app.add_config_value("fieldnotes_today", "", "", types=[str])
    # Front matter is read and validated here, once a build, for every article.
    app.connect("env-get-outdated", _scan_articles)
