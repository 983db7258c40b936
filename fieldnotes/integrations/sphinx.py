"""Sphinx: the places the extension reaches past Sphinx's documented extension interface.

- ``leave_out``: a source that must not be read (not UTF-8, or a link out of the project) is
  dropped from ``env.found_docs`` and the sets ``env-get-outdated`` hands its handlers; Sphinx
  offers no event to exclude a file found on disk.
- ``own_label``: an article's label is written into the standard domain's ``labels`` and
  ``anonlabels``, as ``sphinx.ext.autosectionlabel`` does; there is no public method to add
  a label that points at a page's title.
- ``mark_reported``: the standard domain's ``warn-missing-reference`` handler runs after ours
  (every handler runs) and would add a bare "undefined label"; it only speaks for nodes whose
  ``reftype`` is ``ref``, so the node is marked as reported under another reftype.
- ``render_titles_once``: ``StandaloneHTMLBuilder.render_partial`` renders every parent, next
  and previous title on every page; an instance wrapper renders each text-only title once.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder

from fieldnotes.integrations import require

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.environment import BuildEnvironment


def leave_out(env: BuildEnvironment, docnames: Iterable[str], added: set[str],
              changed: set[str], removed: set[str]) -> None:
    """Neither read nor write ``docnames`` in this build (called from env-get-outdated)."""
    for docname in docnames:
        added.discard(docname)
        changed.discard(docname)
        env.found_docs.discard(docname)
        if docname in env.all_docs:
            removed.add(docname)


def own_label(env: BuildEnvironment, label: str, docname: str, title: str) -> None:
    """Point ``label`` at the top of ``docname``, titled ``title``."""
    std = env.domains.standard_domain
    std.anonlabels[label] = (docname, "")
    std.labels[label] = (docname, "", title)


def mark_reported(node: nodes.Element) -> None:
    """Keep the standard domain from repeating a missing-reference warning already given."""
    node["reftype"] = f"{node['reftype']}-reported"


def render_titles_once(builder: StandaloneHTMLBuilder) -> None:
    render_partial = builder.render_partial
    # Keyed by id; the cached node is kept and compared, so an id is never taken for another.
    rendered: dict[int, tuple[nodes.Node, dict[str, str]]] = {}

    def render_title_once(node: nodes.Node | None) -> dict[str, str]:
        if not (isinstance(node, nodes.title) and all(isinstance(c, nodes.Text) for c in node.children)):
            return render_partial(node)
        cached = rendered.get(id(node))
        if cached is None or cached[0] is not node:
            cached = rendered[id(node)] = (node, render_partial(node))
        return dict(cached[1])

    builder.render_partial = render_title_once


def contract() -> None:
    from sphinx.builders import Builder
    from sphinx.domains.std import StandardDomain, warn_missing_reference

    read = inspect.getsource(Builder.read)
    require("'env-get-outdated', self.env, added, changed, removed" in read
            and "docnames = sorted(added | changed)" in read,
            "sphinx", "Builder.read no longer reads the added and changed sets that "
            "env-get-outdated handlers receive, so leave_out may not keep a file unread")
    require(isinstance(StandardDomain.initial_data.get("labels"), dict)
            and isinstance(StandardDomain.initial_data.get("anonlabels"), dict), "sphinx",
            "the standard domain no longer keeps labels and anonlabels dicts")
    require("node['reftype'] != 'ref'" in inspect.getsource(warn_missing_reference), "sphinx",
            "the standard domain's warn-missing-reference handler no longer speaks only for "
            "reftype 'ref', so broken references may be reported twice")
    doc_context = inspect.getsource(StandaloneHTMLBuilder.get_doc_context)
    require("self.render_partial(" in doc_context, "sphinx", "StandaloneHTMLBuilder."
            "get_doc_context no longer renders titles through render_partial")
