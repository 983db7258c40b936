"""Symbolic links in the project: a build never follows a link to a folder, nor one that leads
nowhere. No Sphinx here.

Sphinx looks for sources with ``os.walk(followlinks=True)``, and Python's ``rglob`` follows
folder links too: two links back to their own folder (``a -> .``, ``b -> .``) make the walk
branch at every level, for minutes and gigabytes. A link to a file is kept (the file access
policy sees where it leads); a link to a folder, a link that loops and a link whose target is
missing are found here, without following any link, so the build can leave each out and say so.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Link:
    path: str  # relative to the project, with "/"
    problem: str  # what is wrong and how to fix it


def _link_problem(path: Path) -> str | None:
    try:
        target = path.stat()  # follows the link
    except FileNotFoundError:
        return ("is a link whose target is missing; remove the link, or point it at a file "
                "that exists")
    except (OSError, RuntimeError):  # ELOOP, or a path too long to follow
        return "is a link that loops back on itself; remove it"
    if stat.S_ISDIR(target.st_mode):
        if path.parent.resolve().is_relative_to(path.resolve()):
            return ("is a link back to a folder that holds it, which would make the build "
                    "loop; remove it")
        return ("is a link to a folder, which the build never follows (links to folders can "
                "loop without end); move the files into the project, or link each file")
    return None


def _walk(root: Path, start: Path, excluded: Callable[[str], bool]) -> Iterator[tuple[Path, str, list[str], list[str]]]:
    """os.walk from ``start`` without following links, not into excluded folders: (folder, its
    path relative to ``root`` with a trailing "/", its folders, its files)."""
    for folder, dirs, files in os.walk(start, followlinks=False):
        relative = Path(folder).relative_to(root).as_posix()
        prefix = "" if relative == "." else relative + "/"
        dirs[:] = sorted(d for d in dirs if not excluded(prefix + d))
        yield Path(folder), prefix, dirs, sorted(files)


def unfollowed_links(root: Path, excluded: Callable[[str], bool]) -> list[Link]:
    """Every link in the project the build leaves out: to a folder, looping, or dangling."""
    found = []
    for folder, prefix, dirs, files in _walk(root, root, excluded):
        for name in [*dirs, *files]:
            path = folder / name
            if path.is_symlink() and not excluded(prefix + name):
                problem = _link_problem(path)
                if problem is not None:
                    found.append(Link(prefix + name, problem))
        dirs[:] = [d for d in dirs if not (folder / d).is_symlink()]
    return found


def files_under(root: Path, folder: str, suffix: str, excluded: Callable[[str], bool]) -> dict[str, Path]:
    """The ``suffix`` files under ``root/folder`` that a build reads (docname -> path), found
    without following a link to a folder and leaving out links that lead nowhere."""
    start = root / folder
    if not start.is_dir() or start.is_symlink():
        return {}
    found = {}
    for path, prefix, dirs, files in _walk(root, start, excluded):
        dirs[:] = [d for d in dirs if not (path / d).is_symlink()]
        for name in files:
            relative = prefix + name
            if name.endswith(suffix) and not excluded(relative) and (
                    not (path / name).is_symlink() or _link_problem(path / name) is None):
                found[relative.removesuffix(suffix)] = path / name
    return found
