"""Sphinx's logger: noting which documents each warning names, and holding some back.

Sphinx has no event for a warning. Its warnings are records of the standard ``logging``
module under Sphinx's namespace, carrying the ``type``, ``subtype`` and ``location`` given
to ``logger.warning``; a handler added there sees each of them, in the main process, including
those sent back by ``-j`` workers.

Three helpers of ``sphinx.util.logging`` that its documentation (the "Logging API" page) does
not list are used through this module:

- ``is_suppressed``: whether ``suppress_warnings`` silences a warning's type and subtype, by
  Sphinx's own rule (``is_suppressed_warning``), since a handler sees records Sphinx then drops;
- ``node_location``: the ``"<file>:<line>"`` Sphinx prints for a warning located at a node
  (``get_node_location``);
- ``silenced``: no log record of Sphinx's reaches its handlers while a page is resolved again
  for a second output (``suppress_logging``).
"""

from __future__ import annotations

import logging as std_logging
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sphinx.util.logging import (
    NAMESPACE,
    get_node_location,
    is_suppressed_warning,
    suppress_logging,
)

from fieldnotes.integrations import require

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docutils import nodes


def watch(handler: std_logging.Handler) -> None:
    std_logging.getLogger(NAMESPACE).addHandler(handler)


def unwatch(handler: std_logging.Handler) -> None:
    std_logging.getLogger(NAMESPACE).removeHandler(handler)


def record_fields(record: std_logging.LogRecord) -> tuple[object, object, object]:
    """The warning's type, subtype and location, as given to ``logger.warning``."""
    return (getattr(record, "type", None), getattr(record, "subtype", None),
            getattr(record, "location", None))


def is_suppressed(kind: object, subkind: object, suppress_warnings: Sequence[str]) -> bool:
    """Whether ``suppress_warnings`` (conf.py) silences a warning of this type and subtype."""
    return is_suppressed_warning(kind, subkind, suppress_warnings)


def node_location(node: nodes.Node) -> str | None:
    """Where a warning located at ``node`` says it is: ``"<file>:<line>"``."""
    return get_node_location(node)


def silenced() -> AbstractContextManager:
    """While it lasts, nothing logged through Sphinx's loggers is shown or recorded."""
    return suppress_logging()


class _Recorder(std_logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=std_logging.WARNING)
        self.seen: list[tuple[object, object, object]] = []

    def emit(self, record: std_logging.LogRecord) -> None:
        self.seen.append(record_fields(record))


def contract() -> None:
    from sphinx.util import logging

    recorder = _Recorder()
    watch(recorder)
    try:
        logging.getLogger("fieldnotes.contract").warning(
            "contract", location=("index", 3), type="fieldnotes", subtype="contract")
    finally:
        unwatch(recorder)
    # An application's own handlers may have turned the location into "<file>:<line>" first.
    kind, subkind, location = recorder.seen[0] if len(recorder.seen) == 1 else (None, None, None)
    where = location == ("index", 3) or (isinstance(location, str) and location.endswith(":3"))
    require((kind, subkind) == ("fieldnotes", "contract") and where, "sphinx",
            f"warnings no longer reach a handler on the {NAMESPACE!r} logger with their type, "
            "subtype and location")
    require(is_suppressed("git", "too_shallow", ["git.too_shallow"])
            and is_suppressed("git", "too_shallow", ["git"])
            and is_suppressed("git", "too_shallow", ["git.*"])
            and not is_suppressed("git", "too_shallow", ["git.other", "fieldnotes"])
            and not is_suppressed(None, None, ["git"]), "sphinx",
            "is_suppressed_warning no longer applies suppress_warnings as 'type', 'type.*' and "
            "'type.subtype', so documents may be read again for warnings nobody sees")
    from docutils import nodes as docutils_nodes

    node = docutils_nodes.paragraph()
    node.source, node.line = "/site/page.md", 7
    require(node_location(node) == "/site/page.md:7", "sphinx",
            f"get_node_location now gives {node_location(node)!r} for a node at /site/page.md "
            "line 7, so a warning at a node may not be traced to its document")
    recorder = _Recorder()
    watch(recorder)
    try:
        with silenced():
            logging.getLogger("fieldnotes.contract").warning("held back", type="fieldnotes")
    finally:
        unwatch(recorder)
    require(not recorder.seen, "sphinx", "suppress_logging no longer keeps records from the "
            "handlers on Sphinx's logger, so resolving a page again repeats its warnings")
