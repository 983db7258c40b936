"""A broken cross-reference: one warning that says what to write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.integrations import sphinx
from fieldnotes.model.errors import did_you_mean
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def _explain_missing_reference(app: Sphinx, domain, node: nodes.Element) -> bool | None:
    """Replace Sphinx's bare 'undefined label' with one that says what to write."""
    kind, target = node.get("reftype"), node.get("reftarget", "")
    scheduled = _scheduled_article(app, kind, target)
    if scheduled is not None:
        logger.warning(f"{{{kind}}} reference to '{target}', which is scheduled for "
                       f"{scheduled.date.isoformat()} and not published yet: link to it from "
                       "that day on, or schedule this article for that day too",
                       location=node, type="ref", subtype=kind)
        sphinx.mark_reported(node)
        return True
    if kind == "ref":
        known = list(app.env.domains.standard_domain.anonlabels)
    elif kind == "doc":
        known = sorted(app.env.found_docs)
    else:
        return None
    hint = did_you_mean(target.lstrip("/"), known)
    logger.warning(f"broken {{{kind}}} reference to '{target}': {hint}an article's label is its "
                   "file name without the number, as in {ref}`a10-vs-a100`",
                   location=node, type="ref", subtype=kind)
    # Every handler of this event runs, so mark the node as reported: the standard
    # domain's handler, which runs after this one, only repeats warnings for 'ref'.
    sphinx.mark_reported(node)
    return True


def _scheduled_article(app: Sphinx, kind: str, target: str):
    """The scheduled article a reference names, if it names one."""
    for article in site_state(app.env).catalog.articles.values():
        if article.scheduled and target.lstrip("/") in ((article.label if kind == "ref" else article.docname),):
            return article
    return None
