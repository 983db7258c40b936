"""sphinx-last-updated-by-git: each page's last commit, for feeds, JSON-LD and the sitemap.

Its documented interface is the ``last_updated`` template variable, which exists only while
a page is written, as formatted text. Feeds and the sitemap are written once every page is,
and list pages this build did not write, so they read the commit times it keeps in
``env.git_last_updated`` (docname -> (timestamp or None, show source link)).
"""

from __future__ import annotations

import inspect
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


def contract() -> None:
    import sphinx_last_updated_by_git as package

    source = inspect.getsource(package)
    require("env.git_last_updated[docname] = timestamp, show_sourcelink" in source, EXTENSION,
            "it no longer stores (timestamp, show_sourcelink) in env.git_last_updated")
