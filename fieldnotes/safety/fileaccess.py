"""Which files a page may read into the site: the project's own, and nothing hidden or excluded."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from fieldnotes.integrations.sphinx import excluded_by

# Never source material, whatever conf.py excludes: build output and installed packages.
ALWAYS_EXCLUDED = ("_build", ".venv", "node_modules")


def is_remote(uri: str) -> bool:
    """A URI that names another host rather than a file of the project."""
    return "://" in uri or uri.startswith("//")


def refusal(path: str | os.PathLike[str], root: str | os.PathLike[str],
            excluded: Iterable[str] = ()) -> str | None:
    """Why a page may not read ``path``, or None when it may.

    The path counts as the file it finally names (symlinks followed), so a link inside the
    project that points outside is refused like the outside path itself. ``excluded`` holds
    glob patterns relative to ``root``, as in conf.py's ``exclude_patterns``.
    """
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    if real != real_root and real_root not in real.parents:
        return "is outside the project folder"
    inside = PurePosixPath(real.relative_to(real_root).as_posix())
    hidden = next((part for part in inside.parts if part.startswith(".")), None)
    if hidden:
        return f"is inside the hidden folder '{hidden}'"
    matches = excluded_by([*ALWAYS_EXCLUDED, *excluded])
    # A pattern may name the file itself or any folder above it ('_build', 'tests').
    for depth in range(1, len(inside.parts) + 1):
        area = PurePosixPath(*inside.parts[:depth]).as_posix()
        if matches(area):
            return f"is in '{area}', which the build excludes"
    return None
