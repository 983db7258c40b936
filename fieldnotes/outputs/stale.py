"""A page whose source is gone leaves the output too.

Sphinx forgets a removed source but keeps the page it wrote for it, so after a rename or a
deletion an incremental build would serve a page a clean build never writes. The documents
removed in this build are noted when Sphinx reports them and their pages deleted once the
build is over, before anything that writes into the output at the end (redirect pages may
take a removed page's place).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

WEB_BUILDERS = ("html", "dirhtml")


def _note_removed(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                  removed: set[str]) -> list[str]:
    site_state(env).data["removed"] = sorted(removed)
    return []


def _delete_removed_pages(app: Sphinx, exception: Exception | None) -> None:
    # Also after a failed build: the sources are gone whatever else went wrong.
    state = site_state(app.env)
    removed, state.data["removed"] = state.data.get("removed", []), []
    if app.builder.name not in WEB_BUILDERS:
        return
    for docname in removed:
        if docname not in app.env.found_docs:
            Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)
