"""The site's state kept in Sphinx's environment, owned by one domain.

Sphinx pickles the environment between builds and merges what parallel readers found. A
domain is the documented owner of such state (as in ``sphinx.ext.todo``): ``clear_doc``
drops a document's entries when it is read again or removed, and ``merge_domaindata`` takes
a worker's entries for the documents that worker read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain
from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class SiteState(Domain):
    """Per-document facts that must outlive a build: which documents warned, and how often."""

    name = "fieldnotes"
    label = "Field Notes"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"warned": {}}

    @property
    def warned(self) -> dict[str, int]:
        """Docname -> warnings that named it since it was last read."""
        return self.data["warned"]

    def note_warning(self, docname: str) -> None:
        self.warned[docname] = self.warned.get(docname, 0) + 1

    def clear_doc(self, docname: str) -> None:
        self.warned.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # Adds, never drops: the main process may have noted a worker's warnings already.
        for docname in docnames & otherdata["warned"].keys():
            self.warned[docname] = max(self.warned.get(docname, 0), otherdata["warned"][docname])


def site_state(env: BuildEnvironment) -> SiteState:
    return env.domains[SiteState.name]


def setup_state(app: Sphinx) -> None:
    app.add_domain(SiteState)
