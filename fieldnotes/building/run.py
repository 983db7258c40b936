"""What one build keeps from its start to its end, in one place: the ``BuildRun``.

A run opens at builder-inited (the first step of that event, pipeline.py) and closes after the
last step of build-finished. It holds what a later step of the same build needs and no later
build may see:

- ``finishing``: the documents an interrupted build had removed, read at builder-inited
  (interrupted.py); None when no build was interrupted.
- ``early``: the article sources and catalog read at builder-inited, taken by the scan at
  env-get-outdated (sources.py).
- ``recorder``: the handler that notes which documents warned (building/recurring.py).
- ``drawing``: the share-card worker started at env-updated, joined at build-finished
  (outputs/sharecards.py).
- ``navigation``: the sidebar and prev/next links, built at write-started (html/navigation.py).
- ``left_out``: the e-book's pages left out of the book, from write-started (outputs/ebook.py).
- ``written``: the pages written, which a redirect must never replace (outputs/redirects.py).
- ``llms_written``, ``llms_writing``: each article's Markdown for llms-full.txt, kept while its
  page is written (outputs/llmstxt.py), and whether pages are still being written.

None of it belongs in the environment or the fieldnotes domain: those are pickled and merged
from parallel readers, while these are live objects (a process, a logging handler, compiled
templates) or facts about this run only, which the next build must not inherit. A run lives in
the main process; parallel workers are forked from it and see a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_RUNS: WeakKeyDictionary[Sphinx, BuildRun] = WeakKeyDictionary()


@dataclass
class BuildRun:
    finishing: list[str] | None = None
    early: tuple[Any, Any] | None = None
    recorder: Any = None
    drawing: tuple[Any, ...] | None = None
    navigation: Any = None
    left_out: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)
    llms_written: dict[str, str] = field(default_factory=dict)
    llms_writing: bool = False


def build_run(app: Sphinx) -> BuildRun:
    """This build's run. A second ``app.build()`` of the same application gets no second
    builder-inited, so its run opens here, on first use."""
    run = _RUNS.get(app)
    if run is None:
        run = _RUNS[app] = BuildRun()
    return run


def is_open(app: Sphinx) -> bool:
    return app in _RUNS


def open_run(app: Sphinx) -> None:
    _RUNS[app] = BuildRun()


def close_run(app: Sphinx, exception: Exception | None) -> None:
    _RUNS.pop(app, None)
