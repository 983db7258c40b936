"""Dates lost to a shallow clone: one warning that names the pages and gives the fix.

Read the Docs clones 50 commits deep. A page last changed before that has no commit in the
clone, so it has no "last updated" date, no dateModified in its JSON-LD and no lastmod in the
sitemap. sphinx-last-updated-by-git warns once a page, without the reason or the fix; its
warnings are replaced by this one, on every build until the history is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.integrations import sphinx_last_updated_by_git as git_dates
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
SHOWN = 10  # files named in the message; the rest are counted


def _date_again(app: Sphinx, env: BuildEnvironment) -> None:
    if git_dates.EXTENSION not in app.extensions:
        return
    # The pages the last build could not date, kept in the site state: each build dates them
    # again, so the warning stays until the history is fetched, and then they get their dates.
    git_dates.date_again(app, site_state(env).undated & env.found_docs)


def _report(app: Sphinx, env: BuildEnvironment) -> None:
    if git_dates.EXTENSION not in app.extensions:
        return
    undated = sorted(git_dates.watch_shallow_pages().take())
    site_state(env).note_undated(set(undated))
    if not undated:
        return
    files = [env.doc2path(doc, False) if doc in env.found_docs else doc for doc in undated]
    named = ", ".join(str(f) for f in files[:SHOWN])
    more = f" and {len(files) - SHOWN} more" if len(files) > SHOWN else ""
    logger.warning(
        f"the git clone is too shallow to date {len(files)} pages: {named}{more}. Their last "
        "change is older than the clone's oldest commit, so they show no 'last updated' date "
        "and the sitemap and JSON-LD leave their dates out. Fetch the whole history with "
        "`git fetch --unshallow` (.readthedocs.yaml does this in build.jobs.post_checkout; a CI "
        "checkout needs a full fetch, such as fetch-depth: 0)",
        type="fieldnotes", subtype="git-shallow")


def setup_git_dates(app: Sphinx) -> None:
    if git_dates.EXTENSION not in app.extensions:
        return
    git_dates.watch_shallow_pages().take()  # nothing from an earlier build in this process
