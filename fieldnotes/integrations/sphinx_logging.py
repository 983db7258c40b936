"""Sphinx's logger: noting which documents each warning names.

Sphinx has no event for a warning. Its warnings are records of the standard ``logging``
module under Sphinx's namespace, carrying the ``type``, ``subtype`` and ``location`` given
to ``logger.warning``; a handler added there sees each of them, in the main process, including
those sent back by ``-j`` workers.
"""

from __future__ import annotations

import logging as std_logging

from sphinx.util.logging import NAMESPACE

from fieldnotes.integrations import require


def watch(handler: std_logging.Handler) -> None:
    std_logging.getLogger(NAMESPACE).addHandler(handler)


def unwatch(handler: std_logging.Handler) -> None:
    std_logging.getLogger(NAMESPACE).removeHandler(handler)


def record_fields(record: std_logging.LogRecord) -> tuple[object, object, object]:
    """The warning's type, subtype and location, as given to ``logger.warning``."""
    return (getattr(record, "type", None), getattr(record, "subtype", None),
            getattr(record, "location", None))


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
