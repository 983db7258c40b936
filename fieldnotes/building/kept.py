"""What a build keeps in the doctree folder only to save the next build time (rendered feed
bodies, llms-full.txt's Markdown, the search vocabulary, what the search index was written
from): read leniently, since a missing file, one cut short or one from an older engine only
means nothing is kept, and written whole, or not at all when it cannot be."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from fieldnotes.building.wholefiles import write_whole

if TYPE_CHECKING:
    from sphinx.application import Sphinx

T = TypeVar("T")


def kept_path(app: Sphinx, name: str) -> Path:
    """Where this builder keeps ``name`` between builds."""
    return Path(app.doctreedir, f"fieldnotes-{name}-{app.builder.name}.pickle")


def load_kept(path: Path, nothing: T) -> T:
    """What an earlier build kept at ``path``, or ``nothing``."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
        return nothing


def keep(path: Path, value: object) -> None:
    """Keep ``value`` for the next build; one that cannot be written is only time lost."""
    try:
        write_whole(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
