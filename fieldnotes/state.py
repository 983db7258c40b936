"""The site's state kept in Sphinx's environment, owned by one domain.

Sphinx pickles the environment between builds and merges what parallel readers found. A
domain is the documented owner of such state (as in ``sphinx.ext.todo``): ``clear_doc``
drops a document's entries when it is read again or removed, and ``merge_domaindata`` takes
a worker's entries for the documents that worker read.

Two kinds of data live here. Per-document facts are noted while a document is read and merged
from workers. Whole-site facts (the catalog, and what the previous build showed) are computed
in the main process from every source, before documents are read or once they all are, so
they are the same whatever the read order or ``-j``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain
from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from fieldnotes.model.catalog import Catalog

logger = logging.getLogger(__name__)

#: Per-document stores: docname -> what that document's reading found.
PER_DOCUMENT = ("warned", "reading_minutes", "listings", "references", "diagrams", "targets")


class SiteState(Domain):
    """Every fact about the site that outlives a handler, and the only place they are kept."""

    name = "fieldnotes"
    label = "Field Notes"
    data_version = 4
    initial_data: ClassVar[dict[str, Any]] = {
        **{store: {} for store in PER_DOCUMENT},
        # Whole-site, computed in the main process (see the module docstring).
        "catalog": None, "previous_catalog": None,
        "relation_views": None, "titles": None, "sidebar_sections": None,
        # The documents this build removed, from env-get-outdated until build-finished.
        "removed": [],
        # The pages the last build could not date in a shallow clone (see ``undated``).
        "undated": set(),
    }

    @property
    def warned(self) -> dict[str, int]:
        """Docname -> warnings that named it since it was last read."""
        return self.data["warned"]

    @property
    def reading_minutes(self) -> dict[str, int]:
        return self.data["reading_minutes"]

    @property
    def listings(self) -> dict[str, set[str]]:
        """Docname -> the listing keys (see routes) whose articles the page shows."""
        return self.data["listings"]

    @property
    def references(self) -> dict[str, frozenset[str]]:
        """Docname -> every label or docname the page cross-references."""
        return self.data["references"]

    @property
    def diagrams(self) -> dict[str, bool]:
        """Docnames of the pages that hold a diagram."""
        return self.data["diagrams"]

    @property
    def targets(self) -> dict[str, dict[str, int]]:
        """Docname -> each label its explicit targets define, with its line."""
        return self.data["targets"]

    @property
    def catalog(self) -> Catalog:
        return self.data["catalog"]

    def replace_catalog(self, catalog: Catalog) -> Catalog | None:
        """Keep this build's catalog, and the last one until ``take_previous_catalog``."""
        previous = self.data["catalog"]
        self.data["catalog"], self.data["previous_catalog"] = catalog, previous
        return previous

    def take_previous_catalog(self) -> Catalog | None:
        """The previous build's catalog, once: it is not kept for the next build."""
        previous, self.data["previous_catalog"] = self.data["previous_catalog"], None
        return previous

    @property
    def undated(self) -> set[str]:
        """The pages the last build could not date in a shallow clone (checks/gitdates.py);
        each build dates them again. (An environment pickled before it was kept here has none.)"""
        return self.data.setdefault("undated", set())

    def note_undated(self, docnames: Set[str]) -> None:
        self.data["undated"] = set(docnames)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode) -> list:
        """It holds nothing to link to. Without this, MyST adds to every broken Markdown link
        a second warning, naming no line, that this domain cannot resolve links."""
        return []

    def note_warning(self, docname: str) -> None:
        self.warned[docname] = self.warned.get(docname, 0) + 1

    def clear_doc(self, docname: str) -> None:
        for store in PER_DOCUMENT:
            self.data[store].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for store in PER_DOCUMENT[1:]:
            theirs = otherdata[store]
            for docname in docnames & theirs.keys():
                self.data[store][docname] = theirs[docname]
        # Adds, never drops: the main process may have noted a worker's warnings already.
        for docname in docnames & otherdata["warned"].keys():
            self.warned[docname] = max(self.warned.get(docname, 0), otherdata["warned"][docname])


def site_state(env: BuildEnvironment) -> SiteState:
    return env.domains[SiteState.name]


def setup_state(app: Sphinx) -> None:
    app.add_domain(SiteState)
