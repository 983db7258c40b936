"""sphinx-last-updated-by-git: each page's last commit, for feeds, JSON-LD and the sitemap.

Its documented interface is the ``last_updated`` template variable, which exists only while
a page is written, as formatted text. Feeds and the sitemap are written once every page is,
and list pages this build did not write, so they read the commit times it keeps in
``env.git_last_updated`` (docname -> (timestamp or None, show source link)).

In a shallow clone it drops the date of each page whose last change is older than the clone,
with a warning per page that says neither why nor what to do. Those warnings are taken from
its logger here (``ShallowPages``), so that the build says it once, with the fix.
"""

from __future__ import annotations

import inspect
import logging
from typing import TYPE_CHECKING

from fieldnotes.integrations import UpstreamChanged, require

if TYPE_CHECKING:
    from sphinx.application import Sphinx

EXTENSION = "sphinx_last_updated_by_git"


def commit_time(app: Sphinx, docname: str) -> int | None:
    """The Unix time of the page's last commit; None outside git or without the extension."""
    if EXTENSION not in app.extensions:
        return None
    times = getattr(app.env, "git_last_updated", None)
    if not isinstance(times, dict):
        raise UpstreamChanged(f"{EXTENSION} changed: it no longer keeps env.git_last_updated. "
                              "Update fieldnotes/integrations/ for the new version")
    stamp = (times.get(docname) or (None,))[0]
    return None if stamp is None else int(stamp)


class ShallowPages(logging.Filter):
    """Holds back the extension's per-page 'too shallow' warnings, keeping their pages."""

    def __init__(self) -> None:
        super().__init__()
        self.docnames: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if (getattr(record, "type", None), getattr(record, "subtype", None)) != ("git", "too_shallow"):
            return True
        self.docnames.add(str(getattr(record, "location", "")))
        return False

    def take(self) -> set[str]:
        taken, self.docnames = self.docnames, set()
        return taken


def watch_shallow_pages() -> ShallowPages:
    """The filter on the extension's logger (one a process: every build shares it)."""
    logger = logging.getLogger("sphinx." + EXTENSION)
    for existing in logger.filters:
        if isinstance(existing, ShallowPages):
            return existing
    shallow = ShallowPages()
    logger.addFilter(shallow)
    return shallow


def date_again(app: Sphinx, docnames: set[str]) -> None:
    """Have the extension look up these pages' dates again in this build: it dates only the
    pages a build reads, so a page left undated by a shallow clone would stay undated, and
    unreported, in every later build that does not read it, even once the history is there."""
    times = getattr(app.env, "git_last_updated", None)
    if isinstance(times, dict):
        for docname in docnames & times.keys():
            times[docname] = None


def contract() -> None:
    import sphinx_last_updated_by_git as package

    source = inspect.getsource(package)
    require("env.git_last_updated[docname] = timestamp, show_sourcelink" in source, EXTENSION,
            "it no longer stores (timestamp, show_sourcelink) in env.git_last_updated")
    require("logger = getLogger(__name__)" in source and "location=docname" in source
            and "type='git', subtype='too_shallow'" in source, EXTENSION,
            "it no longer warns of a page dated beyond a shallow clone through its module's "
            "logger as git.too_shallow at the page's docname")
    require("if data is not None:\n            continue  # No need to update this source file"
            in source, EXTENSION, "a page whose env.git_last_updated entry is None is no longer "
            "dated again at env-updated")
