"""One place per label: an explicit target ``(name)=`` may not take a label that another page
defines, whether another target, an article's file-name label or one of Sphinx's own.

Sphinx warns about a duplicate only while it reads the second document, and not at all when
``-j`` reads the two in different processes. Each document's targets are noted while it is read
(and merged from workers); the check runs in the main process once every document is read, on
every build, so the answer does not depend on the read order, ``-j`` or which documents
changed. Each document involved is named, so each is read again until the duplicate is gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging

from fieldnotes.integrations import sphinx
from fieldnotes.model.errors import shown
from fieldnotes.model.reserved import SPHINX_LABELS
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def explicit_targets(doctree: nodes.document) -> dict[str, int]:
    """Each label the document's explicit targets define, with its line."""
    # A target written just before a heading hands its name to the heading's section and
    # keeps a reference to it: the author's line is the target's.
    written_at = {target["refid"]: target.line for target in doctree.findall(nodes.target)
                  if target.get("refid") and target.line}
    found = {}
    for name, node in sphinx.label_nodes(doctree).items():
        line = next((written_at[i] for i in node["ids"] if i in written_at), None)
        line = line or get_source_line(node)[1]
        if line is None and node.children:
            line = get_source_line(node[0])[1]
        found[name] = line or 1
    return found


def _note_targets(app: Sphinx, doctree: nodes.document) -> None:
    site_state(app.env).targets[app.env.docname] = explicit_targets(doctree)


def _definitions(env: BuildEnvironment) -> dict[str, list[tuple[str, str, str | None]]]:
    """Label -> each (docname, place as file:line, how it is defined) that defines it."""
    state = site_state(env)
    found: dict[str, list[tuple[str, str, str | None]]] = {}
    for label, docname in state.catalog.label_owners.items():
        # The catalog refuses an article label that is one of Sphinx's own.
        if docname in env.found_docs and label not in SPHINX_LABELS:
            found.setdefault(label, []).append(
                (docname, f"{env.doc2path(docname)}:1", "its file name without the number"))
    for docname, targets in sorted(state.targets.items()):
        if docname not in env.found_docs:
            continue
        for label, line in targets.items():
            found.setdefault(label, []).append((docname, f"{env.doc2path(docname)}:{line}", None))
    return found


def _check_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    for label, places in sorted(_definitions(env).items()):
        builtin = SPHINX_LABELS.get(label)
        if len({docname for docname, _, _ in places}) < 2 and not builtin:
            continue
        for _, where, _ in places:
            others = [w + (f" ({h})" if h else "") for _, w, h in places if w != where]
            others += [builtin] if builtin else []
            logger.warning(f"duplicate label {shown(label)}: also defined by {', '.join(others)}; "
                           "rename one of them, a label names one place in the site",
                           location=where, type="fieldnotes", subtype="label")
    return []
