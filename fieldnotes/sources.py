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

from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.util import logging
from sphinx.util.matching import Matcher

from fieldnotes.integrations import sphinx
from fieldnotes.model.filenames import in_articles_dir
from fieldnotes.model.catalog import Catalog, build_catalog
from fieldnotes.listings.pagination import later_page_changed
from fieldnotes.routes import listing_keys, page_number
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

# The catalog built when the builder started, and the sources it was built from.
_EARLY: WeakKeyDictionary[Sphinx, tuple[dict[str, Path], Catalog]] = WeakKeyDictionary()


def _catalog(app: Sphinx, sources: dict[str, Path]) -> Catalog:
    config = app.config
    return build_catalog(sources, config.fieldnotes_categories, config.fieldnotes_tags,
                         root=Path(app.srcdir), articles_dir=config.fieldnotes_articles_dir)


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
    # Sphinx 9 reads sources strictly and would stop with a traceback on files that are not
    # UTF-8, and links out of the project must never be read: both are reported above, so
    # leave them out of this build until they are fixed.
    sphinx.leave_out(env, catalog.unreadable, added, changed, removed)
    state = site_state(env)
    # The previous catalog is kept until env-get-updated, which compares the two to choose
    # the pages to rewrite.
    previous = state.replace_catalog(catalog)
    if previous is not None and previous.articles == catalog.articles:
        return []
    if previous is None:
        return sorted(doc for doc in state.listings if doc in env.found_docs)
    touched = _listings_touched(previous, catalog)
    return sorted(doc for doc, shown in state.listings.items()
                  if doc in env.found_docs and shown & touched
                  and _shows_change(doc, previous, catalog, app.config))


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


def setup_sources(app: Sphinx) -> None:
    # Before the generated pages are written from the articles on disk (listings.generated).
    app.connect("builder-inited", _check_articles_dir, priority=400)
    # Front matter is read and validated here, once a build, for every article.
    app.connect("env-get-outdated", _scan_articles)
